"""`mite-tray away` and status's `away` and `prompt` (issue 15), the command line as a real process against the
demo mite: without an app (commands.Direct) and through a running app (the control channel)."""

import json
import subprocess
import sys
from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.answers import ask
from app.core.prompt import Prompt, PromptKind
from app.core.store import Store, path_for
from app.demo.server import DemoServer
from tests.helpers.demo import admin, running_entry, running_id
from tests.integration.test_cli import app, cli, env  # noqa: F401 - app, env: fixtures
from tests.integration.test_control_channel import MISMATCH, OtherApp

TITLE = "API Docs · Writing"


def status_json(env):
    result = cli("status", "--json", env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def running_for_an_hour(env, demo):
    """A timer on API Docs · Writing, started in mite an hour ago (as in mite's web app); its entry's id."""
    user, records = admin(demo), demo.mite.records
    with demo.mite.lock:
        attrs = {"project_id": next(p["id"] for p in records["projects"].values() if p["name"] == "API Docs"),
                 "service_id": next(s["id"] for s in records["services"].values() if s["name"] == "Writing")}
        entry_id = demo.mite.create_entry(user, {"time_entry": attrs})[1]["time_entry"]["id"]
        demo.mite.start_tracker(user, entry_id)
        demo.mite.trackers[user["id"]]["since"] -= timedelta(minutes=60)
    assert status_json(env)["minutes"] == 60  # the store has learnt it: the timer ran an hour
    return entry_id


def away(demo, entry_id, minutes=42, kind=PromptKind.AWAY):
    """Put the question in the store, as the app's away watch does: away the last `minutes`."""
    now = datetime.now().astimezone().replace(microsecond=0)
    prompt = Prompt(kind, TITLE, since=now - timedelta(minutes=minutes), until=now, minutes=minutes,
                    entry_id=entry_id)
    store = Store(path_for(demo.url))
    try:
        ask(store, prompt)
    finally:
        store.close()
    return prompt


SHORT_DAYS = {"en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
              "de": ("Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So.")}


def span(prompt, language="en"):
    """The away span as the question words it: "10:03–10:45", or with the weekdays when it crosses
    midnight ("Thu 23:27–Fri 00:09"). The span ends now: CI ran these tests at 00:09 (stop 24)."""
    since, until = f"{prompt.since:%H:%M}", f"{prompt.until:%H:%M}"
    if prompt.since.date() != prompt.until.date():
        days = SHORT_DAYS[language]
        since, until = f"{days[prompt.since.weekday()]} {since}", f"{days[prompt.until.weekday()]} {until}"
    return f"{since}–{until}"


def sent(env):
    """The running app answers first and sends right after: a fresh status waits until all is sent."""
    assert status_json(env)["waiting"] == 0


def entry(demo, entry_id):
    return demo.mite.records["time_entries"][entry_id]


def test_status_shows_the_question_and_discard_takes_the_minutes_off_without_an_app(env, demo):  # noqa: F811
    entry_id = running_for_an_hour(env, demo)
    before = status_json(env)
    assert before["away"] is None and before["prompt"] is None
    prompt = away(demo, entry_id)
    status = status_json(env)
    assert status["away"] == {"since": prompt.since.isoformat(), "until": prompt.until.isoformat(), "minutes": 42}
    assert status["prompt"] == {"kind": "away", "text": prompt.text(), "answers": ["keep", "discard", "stop", "book"]}
    plain = cli("status", env=env)
    line = (f"You were away 0:42 ({span(prompt)}) while “{TITLE}” was running. "
            "Answer: mite-tray away keep|discard|stop|book")
    assert plain.returncode == 0 and line in plain.stdout.splitlines(), plain.stdout
    assert plain.stdout.startswith("▶ 1:00  API Docs · Writing (King Inc.)\n")  # the rest as it was
    discarded = cli("away", "discard", env=env)
    assert discarded.returncode == 0, discarded.stderr
    assert discarded.stdout.startswith(f"Took the away time (0:42) off “{TITLE}”.\n▶ 0:18  API Docs")
    assert entry(demo, entry_id)["minutes"] == 18 and running_id(demo) == entry_id  # it runs on from 0:18
    after = status_json(env)
    assert after["away"] is None and after["prompt"] is None and after["minutes"] == 18
    nothing = cli("away", "keep", env=env)
    assert nothing.returncode == 4 and "No question is waiting." in nothing.stderr


@pytest.fixture
def asked_then_app(env, demo):  # noqa: F811
    """A timer that ran an hour and the away question, both in the store before the app starts."""
    entry_id = running_for_an_hour(env, demo)
    return entry_id, away(demo, entry_id)


def test_stop_and_book_through_the_running_app(asked_then_app, app, env, demo):  # noqa: F811
    entry_id, prompt = asked_then_app
    assert status_json(env)["away"]["minutes"] == 42  # the app shows what the store holds
    stopped = cli("away", "stop", env=env)
    assert stopped.returncode == 0, stopped.stderr
    assert stopped.stdout.startswith(f"Stopped “{TITLE}” at {prompt.since:%H:%M}.\nNot tracking.")
    sent(env)
    assert running_entry(demo) is None and entry(demo, entry_id)["minutes"] == 18
    assert status_json(env)["away"] is None
    # Stopped since: "stop at" means nothing any more; discard and book still do.
    away(demo, entry_id, minutes=10)
    status = status_json(env)
    assert status["prompt"]["answers"] == ["keep", "discard", "book"]
    late = cli("away", "stop", env=env)
    assert late.returncode == 1 and "The timer no longer runs; keep or discard the away time." in late.stderr
    assert status_json(env)["away"]["minutes"] == 10  # the question waits on
    booked = cli("away", "book", "-p", "intranet", "a call", env=env)  # the note after the options, too
    assert booked.returncode == 0, booked.stderr
    assert booked.stdout.startswith(f"Moved the away time (0:10) from “{TITLE}” to Intranet.")
    sent(env)
    assert entry(demo, entry_id)["minutes"] == 8
    calls = [e for e in demo.mite.records["time_entries"].values() if e["note"] == "a call"]
    assert [(e["minutes"], e["date_at"]) for e in calls] == [(10, prompt.since.date().isoformat())]


def test_discard_through_the_running_app(asked_then_app, app, env, demo):  # noqa: F811
    entry_id, prompt = asked_then_app
    discarded = cli("away", "discard", env=env)
    assert discarded.returncode == 0, discarded.stderr
    assert discarded.stdout.startswith(f"Took the away time (0:42) off “{TITLE}”.\n▶ 0:18  API Docs")
    sent(env)
    assert entry(demo, entry_id)["minutes"] == 18 and running_id(demo) == entry_id
    assert status_json(env)["away"] is None


def test_offline_the_answer_is_saved_and_sent_later(env, demo):  # noqa: F811
    entry_id = running_for_an_hour(env, demo)
    away(demo, entry_id)
    port = int(demo.url.rsplit(":", 1)[1])
    demo.stop()
    try:
        offline = cli("away", "discard", env=env)
        assert offline.returncode == 0, offline.stderr
        assert "Not synced: mite cannot be reached. Check your internet connection. This is the last known state." \
            in offline.stdout
        assert "Saved here, waiting to be sent to mite: 2" in offline.stdout  # the stop and the continue
        assert entry(demo, entry_id)["minutes"] == 0 and running_id(demo) == entry_id  # mite has heard nothing
    finally:
        again = DemoServer(demo.mite, port=port).start()
    try:
        status = status_json(env)  # online again: sent
        assert status["waiting"] == 0 and status["away"] is None
        assert entry(demo, entry_id)["minutes"] == 18 and running_id(demo) == entry_id
    finally:
        again.stop()


def test_stop_without_the_app_while_mite_is_unreachable_is_saved_not_refused(env, demo):  # noqa: F811
    """Found with `away`: a command that looks at mite first (stop, away) failed with "cannot be reached"
    and did nothing, where the app saves the action and sends it later."""
    running_for_an_hour(env, demo)
    demo.stop()  # nothing listens: connection refused
    stopped = cli("stop", env=env)
    assert stopped.returncode == 0 and "Stopped." in stopped.stdout, stopped.stderr
    assert "Saved here, waiting to be sent to mite: 1" in stopped.stdout


def test_a_locked_entry_is_refused_and_the_question_waits(env, demo):  # noqa: F811
    entry_id = running_for_an_hour(env, demo)
    away(demo, entry_id)
    entry(demo, entry_id)["locked"] = True
    refused = cli("away", "discard", env=env)
    assert refused.returncode == 1
    assert f"“{TITLE}” is locked in mite, so its minutes cannot be changed; choose Keep" in refused.stderr
    assert status_json(env)["away"]["minutes"] == 42 and running_id(demo) == entry_id
    kept = cli("away", "keep", env=env)
    assert kept.returncode == 0 and kept.stdout.startswith(f"Kept the away time (0:42) on “{TITLE}”.")
    assert status_json(env)["away"] is None


def test_a_reminder_is_answered_with_continue_and_a_forgotten_timer_with_stop(env, demo):  # noqa: F811
    """The other questions are seen and answered the same way; `away` stays null for them."""
    added = cli("add", "30", "reminded", "-p", "intranet", env=env)
    assert added.returncode == 0, added.stderr
    away(demo, None, minutes=15, kind=PromptKind.NOT_TRACKING)
    status = status_json(env)
    assert status["away"] is None
    assert status["prompt"] == {"kind": "not_tracking", "text": "You have been working for 0:15 with no timer running.",
                                "answers": ["continue", "keep"]}
    continued = cli("away", "continue", env=env)
    assert continued.returncode == 0 and continued.stdout.startswith("Continued “Intranet”."), continued.stderr
    assert running_entry(demo)["note"] == "reminded" and status_json(env)["prompt"] is None
    forgotten = away(demo, running_id(demo), minutes=30, kind=PromptKind.FORGOTTEN)  # last active 30 minutes ago
    assert status_json(env)["prompt"]["answers"] == ["stop", "keep"]
    stopped = cli("away", "stop", env=env)
    assert stopped.returncode == 0 and stopped.stdout.startswith(f"Stopped “{TITLE}” at {forgotten.until:%H:%M}.")
    assert running_entry(demo) is None


def test_the_question_and_the_answer_in_german(env, demo):  # noqa: F811
    from app.core.settings import Settings
    settings = Settings.load()
    settings.language = "de"
    settings.save()
    entry_id = running_for_an_hour(env, demo)
    prompt = away(demo, entry_id)
    shown = cli("status", env=env)
    assert (f"Du warst 0:42 weg ({span(prompt, 'de')}), während „{TITLE}“ lief. "
            "Antworte: mite-tray away keep|discard|stop|book") in shown.stdout, shown.stdout
    wrong = cli("away", "vielleicht", env=env)
    assert wrong.returncode == 2 and wrong.stderr.startswith("„vielleicht“ ist keine Antwort. Antworte mit:")
    discarded = cli("away", "discard", env=env)
    assert discarded.stdout.startswith(f"Die Abwesenheit (0:42) von „{TITLE}“ abgezogen.\n▶ 0:18")


def test_the_note_may_follow_the_options(env, demo):  # noqa: F811
    """Found with `away book -p PROJECT NOTE`: a note after the options was "unrecognized" (exit 2), for
    `add` too; the usage line puts the options last, but people type them first."""
    added = cli("add", "30", "-p", "intranet", "after the options", env=env)
    assert added.returncode == 0, added.stderr
    assert [e["minutes"] for e in demo.mite.records["time_entries"].values() if e["note"] == "after the options"] == [30]


@pytest.mark.parametrize("args, says", [
    (["maybe"], "“maybe” is not an answer. Answer with: mite-tray away keep|discard|stop|book|continue"),
    ([], "Say what the away time was: mite-tray away keep|discard|stop|book|continue."),
    (["book"], "Say where to book the away time: mite-tray away book -p PROJECT"),
    (["keep", "-p", "intranet"], "Only “book” takes a project, a service or a note."),
])
def test_usage_errors_say_the_answers_and_exit_2(env, args, says):  # noqa: F811
    result = cli("away", *args, env=env)
    assert result.returncode == 2 and says in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_help_lists_away():
    result = cli("--help")
    assert result.returncode == 0 and "away" in result.stdout and "answer the question about away time" in \
        result.stdout


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(word=st.binary(min_size=0, max_size=12).filter(lambda b: b"\0" not in b)
       | st.text(max_size=12).filter(lambda t: "\0" not in t).map(lambda t: t.encode("utf-8", "surrogateescape")))
def test_any_away_argument_gets_a_plain_answer(env, word):  # noqa: F811
    """Any bytes on argv (non-UTF-8 too): a message and a usage exit code (4: a real answer, no question),
    never a traceback. `-h` and the like are argparse's: help (0) or its usage error (2)."""
    result = subprocess.run([sys.executable.encode(), b"-m", b"app", b"away", word], capture_output=True,
                            env=env, timeout=60)
    stderr = result.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in result.stderr + result.stdout
    if result.returncode == 0:
        assert word.startswith(b"-") and b"usage:" in result.stdout
    else:
        assert result.returncode in (2, 4) and stderr.strip(), (word, result.returncode, stderr)


def test_an_older_app_is_never_asked_to_answer_and_the_command_line_says_why(env):  # noqa: F811
    """An app of protocol 1 knows no `away` (it would say "Unknown command"): the command line pings it,
    learns its version, and says to restart it; the app is sent nothing else."""
    from app.platform import control
    older = OtherApp({"ok": True, "v": 1})
    try:
        result = cli("away", "keep", env=env)
    finally:
        older.close()
    assert control.PROTOCOL >= 2
    assert result.returncode == 1 and MISMATCH in result.stderr and "Traceback" not in result.stderr
    assert [request["cmd"] for request in older.received] == ["ping"]


def test_a_command_the_app_does_not_know_is_said_as_an_older_app(env, demo, tmp_path):  # noqa: F811
    """From protocol 2 on, a new command needs no new version: an app that does not know it marks its
    answer `unknown` (seen here from the real handler), and the command line turns that into the
    advice to restart the app (seen from a real process against an app that answers so)."""
    import asyncio

    from app.api.client import MiteClient
    from app.core import commands
    from app.demo.data import ADMIN_KEY

    async def body():
        async with MiteClient(demo.url, ADMIN_KEY, timeout=5) as client:
            store = Store(tmp_path / "direct.sqlite3")
            try:
                return await commands.execute({"cmd": "hover"}, commands.Direct(client, store))
            finally:
                store.close()
    reply = asyncio.run(body())
    assert reply == {"ok": False, "code": 2, "error": 'Unknown command: "hover"', "unknown": True}
    from app.platform import control
    unaware = OtherApp({**reply, "error": 'Unknown command: "away"', "v": control.PROTOCOL})
    try:
        result = cli("away", "keep", env=env)
    finally:
        unaware.close()
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "The running mite-tray is older than this command and does not know “away”" in result.stderr
    assert "mite-tray quit" in result.stderr
