"""`mite-tray week` (issue 16), the command line as a real process against the demo mite: without an app
(commands.Direct) and through a running app. The truth is what the demo server holds: each day's
minutes summed here from its records."""

import json
import re
import subprocess
import sys
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.reports import BadRequest, checked_day
from app.core.settings import Settings
from app.demo.data import GAP_DAYS
from app.core.week import DEFAULT_TARGETS, monday_of
from tests.helpers.demo import admin
from tests.integration.test_cli import app, cli, env  # noqa: F401 - app, env: fixtures

TARGETS = [300, 480, 480, 480, 240, 60, 0]  # not the default: the targets are the settings'


@pytest.fixture
def targets(env):  # noqa: F811
    settings = Settings.load()
    settings.daily_targets = list(TARGETS)
    settings.save()
    return env


def server_week(demo, monday):
    """{date: minutes} of the admin's entries in mite, Monday to Sunday."""
    uid, days = admin(demo)["id"], [(monday + timedelta(days=i)).isoformat() for i in range(7)]
    with demo.mite.lock:
        entries = list(demo.mite.records["time_entries"].values())
    return {d: sum(e["minutes"] for e in entries if e["user_id"] == uid and e["date_at"] == d) for d in days}


def week_json(env, day=None):
    result = cli("week", "--json", *(["--date", day.isoformat()] if day else []), env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def book_elsewhere(demo, day, minutes):
    """An entry made in mite's web app (not through mite-tray) on `day`."""
    with demo.mite.lock:
        demo.mite.create_entry(admin(demo), {"time_entry": {"date_at": day.isoformat(), "minutes": minutes,
                                                            "note": "booked elsewhere"}})


def assert_equals_server(week, demo, monday):
    held = server_week(demo, monday)
    assert week["from"] == monday.isoformat() and week["to"] == (monday + timedelta(days=6)).isoformat()
    assert {d["date"]: d["minutes"] for d in week["days"]} == held
    assert [d["target_minutes"] for d in week["days"]] == TARGETS
    assert week["total_minutes"] == sum(held.values()) and week["target_minutes"] == sum(TARGETS)
    assert set(week) == {"from", "to", "days", "total_minutes", "target_minutes"}
    assert all(set(d) == {"date", "minutes", "target_minutes"} for d in week["days"])


def weeks_to_check():
    """This week, a week of the demo's history (ten weeks back) and one months back that holds nothing yet."""
    today = date.today()
    return [today, today - timedelta(weeks=10), today - timedelta(weeks=26)]


def check_weeks(env, demo):
    for day in weeks_to_check():
        monday = monday_of(day)
        assert_equals_server(week_json(env, day), demo, monday)
        # Booked elsewhere a moment before: counted, in a week read before (held in the store) too.
        book_elsewhere(demo, monday + timedelta(days=1), 95)
        again = week_json(env, day)
        assert_equals_server(again, demo, monday)
        assert again["days"][1]["minutes"] == server_week(demo, monday)[(monday + timedelta(days=1)).isoformat()] > 0
    assert week_json(env)["from"] == monday_of(date.today()).isoformat()  # no --date: this week


def test_week_json_equals_mite_without_an_app(targets, demo):
    assert week_json(targets, date.today() - timedelta(weeks=10))["total_minutes"] > 0  # the demo's history
    check_weeks(targets, demo)


def test_week_json_equals_mite_through_the_running_app(targets, app, demo):  # noqa: F811
    check_weeks(targets, demo)


def test_the_plain_week_is_aligned_and_names_the_gaps(env, demo):  # noqa: F811
    """Two weeks back the demo has a gap day on Wednesday: marked on its line and named below."""
    assert GAP_DAYS[2] == 2
    monday = monday_of(date.today() - timedelta(weeks=2))
    result = cli("week", "--date", (monday + timedelta(days=3)).isoformat(), env=env)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"Week {monday.isoformat()} – {(monday + timedelta(days=6)).isoformat()}"
    days, total, gaps = lines[1:8], lines[8], lines[9]
    assert [line.split()[0] for line in days] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert total.startswith("Total") and len(lines) == 10
    held = server_week(demo, monday)
    booked = [re.search(r"(\d+:\d\d)(?:  |$)", line[len("Mon 2026-01-01"):]).group(1) for line in [*days, total]]
    assert booked == [f"{m // 60}:{m % 60:02d}" for m in [*held.values(), sum(held.values())]]
    ends = {line.index(value) + len(value) for line, value in zip([*days, total], booked, strict=True)}
    assert len(ends) == 1  # the minutes right-aligned in one column
    wednesday = (monday + timedelta(days=2)).isoformat()
    assert held[wednesday] == 0 and days[2].endswith("gap") and "−8:00" in days[2]
    assert gaps == f"Gaps: Wed {wednesday}"
    assert "of 8:00" in days[0] and "of" not in days[5]  # a day off has no target


def test_a_week_in_german_names_the_days_in_german(env, demo):  # noqa: F811
    result = cli("week", env=dict(env, LC_ALL="de_DE.UTF-8", LANGUAGE="de"))
    assert result.returncode == 0, result.stderr
    assert [line.split()[0] for line in result.stdout.splitlines()[1:8]] == \
        ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."]


@pytest.mark.parametrize("text", ["2026-13-01", "tomorrow", "2026-02-30", "20261201", "2026-W01-1", "9999-12-31",
                                  "２０２６-０１-０１", ""])
def test_a_bad_date_is_said_and_exits_2(env, text):  # noqa: F811
    result = cli("week", "--date", text, env=env)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"“{text}”" in result.stderr and ("YYYY-MM-DD" in result.stderr or "too far" in result.stderr)


def test_a_date_not_utf8_on_argv_is_said_and_exits_2(env):  # noqa: F811
    result = subprocess.run([sys.executable.encode(), b"-m", b"app", b"week", b"--date", b"2026-01-0\xff"],
                            capture_output=True, env=env, timeout=60)
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert b"UTF-8" in result.stderr


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=14) | st.dates().map(date.isoformat))
def test_any_date_text_is_a_day_whose_week_exists_or_said(text):
    try:
        day = checked_day(text)
    except BadRequest as exc:
        assert exc.message.startswith(f"“{text[:40]}”")
        return
    assert day is not None and day.isoformat() == text
    assert monday_of(day) + timedelta(days=6) >= day  # its whole week is a date


def test_the_default_targets_are_8_hours_on_weekdays(env, demo):  # noqa: F811
    assert [d["target_minutes"] for d in week_json(env)["days"]] == list(DEFAULT_TARGETS)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=14) | st.dates().map(date.isoformat)
       | st.binary(max_size=12).map(lambda b: b.decode("utf-8", "surrogateescape")))  # argv that is not UTF-8
def test_any_date_on_the_command_line_is_checked_before_anything_else(capsys, text):
    """In-process through app.main, signed in nowhere: a date that names a day gets as far as "Not signed
    in" (exit 3); anything else is said (exit 2) before that, never a traceback."""
    from app.main import main
    code = main(["week", f"--date={text}"])
    err = capsys.readouterr().err
    if code == 3:
        assert checked_day(text) is not None and "Not signed in" in err
    else:
        assert code == 2 and err.strip() and "Traceback" not in err
        with pytest.raises(BadRequest):
            checked_day(text)
