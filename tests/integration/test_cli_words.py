"""Issue 14, defect 11: the command line says what happened, and only what is true."""

import json

from tests.helpers.demo import running_entry
from tests.integration.test_cli import app, cli, env  # noqa: F401 - the fixtures


def test_add_and_stop_online_echo_the_match_and_do_not_claim_waiting(app, env, demo):  # noqa: F811
    added = cli("add", "30", "docs", "-p", "api d", "-s", "writ", env=env)
    assert added.returncode == 0, added.stderr
    assert "Added 0:30" in added.stdout and "API Docs · Writing" in added.stdout
    assert "Saved here" not in added.stdout and "when mite can be reached" not in added.stdout
    assert cli("start", "timer", "-p", "intranet", env=env).returncode == 0
    stopped = cli("stop", env=env)
    assert stopped.returncode == 0 and "Saved here" not in stopped.stdout, stopped.stdout
    assert "Stopped within a minute: nothing booked." in stopped.stdout  # started a moment ago: no 0:00 entry
    nothing = cli("undo", env=env)  # through the running app (the control socket's "undo")
    assert nothing.returncode == 1 and "nothing to undo" in nothing.stderr
    assert cli("start", "--last", env=env).returncode == 0 and cli("stop", env=env).returncode == 0
    undone = cli("undo", env=env)
    assert undone.returncode == 0 and undone.stdout.startswith("Undone: Stopped “API Docs · Writing”")
    assert running_entry(demo)["note"] == "docs"


def test_add_offline_says_it_waits_for_mite(env, demo):  # noqa: F811
    demo.inject(path=".*", status=503, times=None)
    added = cli("add", "45", "offline", env=env)
    assert added.returncode == 0, added.stderr
    assert "sent to mite when mite can be reached" in added.stdout


def test_add_minus_15_books_the_quarter_hour_that_just_ended(env, demo):  # noqa: F811
    added = cli("add", "-15", "standup", "-p", "intranet", env=env)
    assert added.returncode == 0, added.stderr
    assert "0:15" in added.stdout and "Intranet" in added.stdout
    assert any(e["note"] == "standup" and e["minutes"] == 15 for e in demo.mite.records["time_entries"].values())
    both = cli("add", "-15", "x", "--date", "2026-01-05", env=env)
    assert both.returncode == 2 and "--date" in both.stderr


def test_a_rejected_key_names_mite_tray_login(env, demo):  # noqa: F811
    rejected = dict(env, MITE_API_KEY="0123456789abcdef")
    added = cli("add", "30", "no key", env=rejected)
    assert "mite-tray login" in added.stdout + added.stderr, (added.stdout, added.stderr)
    stopped = cli("stop", env=rejected)
    assert "mite-tray login" in stopped.stdout + stopped.stderr, (stopped.stdout, stopped.stderr)


def test_undo_from_the_command_line_and_status_says_what_it_would_undo(env, demo):  # noqa: F811
    assert cli("undo", env=env).returncode == 1
    assert cli("add", "30", "undo me", "-p", "intranet", env=env).returncode == 0
    assert cli("start", "--last", env=env).returncode == 0  # a continue: its stop books, and can be undone
    again = cli("start", "undo me", "-p", "intranet", env=env)
    assert again.returncode == 0 and again.stdout.startswith("“Intranet” is already running."), again.stdout
    stopped = cli("stop", env=env)
    assert stopped.returncode == 0 and running_entry(demo) is None
    status = json.loads(cli("status", "--json", env=env).stdout)
    assert status["undo"] == "Stopped “Intranet”"
    undone = cli("undo", env=env)
    assert undone.returncode == 0, undone.stderr
    assert undone.stdout.startswith("Undone: Stopped “Intranet”.") and running_entry(demo)["note"] == "undo me"
    assert json.loads(cli("status", "--json", env=env).stdout)["undo"] is None
