"""`mite-tray budgets` (issue 16), a real process against the demo mite, without an app and through a
running one: the figures are mite's, summed here from the demo's records; a time tracker sees their share."""

import json
from datetime import date

import pytest

from app.core.settings import Settings
from app.demo.data import BUDGETS, TRACKER_KEY
from tests.helpers.demo import admin
from tests.integration.test_cli import app, cli, env  # noqa: F401 - app, env: fixtures


def expected(demo, user_id=None):
    """{project name: (budget_type, budget, used)} from the demo's records (used: this month's for a monthly
    budget; a user's own entries only when `user_id` is given)."""
    month = date.today().replace(day=1).isoformat()
    with demo.mite.lock:
        projects = [p for p in demo.mite.records["projects"].values() if p["budget"]]
        entries = list(demo.mite.records["time_entries"].values())
    found = {}
    for project in projects:
        kind, monthly = project["budget_type"], project["budget_type"].endswith("_per_month")
        mine = [e for e in entries if e["project_id"] == project["id"] and (not monthly or e["date_at"] >= month)
                and (user_id is None or e["user_id"] == user_id)]
        used = sum(e["minutes"] * (e["hourly_rate"] or 0) / 60 if kind.startswith("cents") else e["minutes"]
                   for e in mine)
        found[project["name"]] = (kind, project["budget"], used)
    return found


def budgets_json(env):
    result = cli("budgets", "--json", env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def check_against(demo, listed, user_id=None):
    truth = expected(demo, user_id)
    assert {usage["project"].split(" (")[0] for usage in listed} == set(truth) == {name for name, *_ in BUDGETS}
    for usage in listed:
        kind, budget, used = truth[usage["project"].split(" (")[0]]
        assert (usage["budget_type"], usage["budget"], usage["monthly"]) == (kind, budget, kind.endswith("_per_month"))
        assert abs(usage["used"] - used) <= 1, usage  # cents: mite's revenue, a sum of fractions
        assert usage["share_only"] is (user_id is not None)
        assert usage["percent"] == (None if user_id else usage["used"] * 100 // budget)
        assert set(usage) == {"project_id", "project", "budget_type", "monthly", "budget", "used", "percent",
                              "share_only"}


def book_elsewhere(demo, project_name, minutes):
    """An entry on `project_name` made today in mite's web app (not through mite-tray)."""
    with demo.mite.lock:
        pid = next(p["id"] for p in demo.mite.records["projects"].values() if p["name"] == project_name)
        demo.mite.create_entry(admin(demo), {"time_entry": {"date_at": date.today().isoformat(), "minutes": minutes,
                                                            "project_id": pid}})


def check_budgets(env, demo):
    listed = budgets_json(env)
    check_against(demo, listed)
    api_docs = next(u for u in listed if u["project"].startswith("API Docs"))
    relaunch = next(u for u in listed if u["project"].startswith("Website Relaunch"))
    assert 75 <= relaunch["percent"] < 100  # the demo has one project past the first warning
    book_elsewhere(demo, "API Docs", 240)  # a moment before: counted
    again = budgets_json(env)
    check_against(demo, again)
    assert next(u for u in again if u["project"].startswith("API Docs"))["used"] == api_docs["used"] + 240


def test_budgets_are_mites_without_an_app(env, demo):  # noqa: F811
    check_budgets(env, demo)


def test_budgets_are_mites_through_the_running_app(app, env, demo):  # noqa: F811
    check_budgets(env, demo)


def test_the_plain_budgets_one_line_each(env, demo):  # noqa: F811
    result = cli("budgets", env=env)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 4 and [line.split(" (")[0] for line in lines] == \
        ["API Docs", "Online Shop", "Support Retainer", "Website Relaunch"]
    assert " of 40 h " in lines[0] and lines[0].endswith("%")
    assert " of €12,000 " in lines[3] and " of 20 h " in lines[2] and lines[2].endswith("this month")
    assert len({line.index(" of ") for line in lines}) == 1  # the amounts end in one column


def test_a_time_tracker_sees_their_share_and_why_not_the_total(env, demo):  # noqa: F811
    tracker_env = dict(env, MITE_API_KEY=TRACKER_KEY)
    settings = Settings.load()
    settings.user_name = "Tom Richter"
    settings.save()
    tom = next(u for u in demo.mite.users.values() if u["api_key"] == TRACKER_KEY)
    check_against(demo, budgets_json(tracker_env), user_id=tom["id"])
    plain = cli("budgets", env=tracker_env)
    lines = plain.stdout.splitlines()
    assert plain.returncode == 0 and all("your share" in line and "%" not in line for line in lines[:4])
    assert lines[4] == ("Only your own entries count here: the project's total use needs an admin or owner of the "
                        "mite account.")


@pytest.fixture
def no_budgets(demo):
    with demo.mite.lock:
        for project in demo.mite.records["projects"].values():
            project["budget"] = 0
    return demo


def test_no_budget_is_said_and_exits_0(env, no_budgets):  # noqa: F811
    result = cli("budgets", env=env)
    assert result.returncode == 0 and result.stdout.strip() == "No project has a budget."
    assert budgets_json(env) == []


def test_the_running_app_shows_the_last_known_budgets_when_mite_fails(app, env, demo):  # noqa: F811
    """Figures read once, then mite fails to answer them: the last known figures, and a line saying so."""
    first = cli("budgets", env=env)
    assert first.returncode == 0, first.stderr
    book_elsewhere(demo, "API Docs", 60)  # the cached figures are stale now
    demo.inject(path=r"time_entries\.json", method="GET", status=500, times=None)
    again = cli("budgets", env=env)
    assert again.returncode == 0, again.stderr
    assert again.stdout == first.stdout
    assert again.stderr.startswith("Not refreshed: ") and "These are the last known figures." in again.stderr
