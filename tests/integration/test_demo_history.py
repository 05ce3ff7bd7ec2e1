"""The demo account's history and budgets (issue 16): weeks to look back on, believable on any day."""

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

import pytest

from app.core.week import monday_of
from app.demo.data import BUDGETS, GAP_DAYS, HISTORY_WEEKS, OVERTIME_WEEK, build
from app.demo.mite import DemoMite

DAYS = [datetime(2026, 12, 3, 10, tzinfo=UTC),   # a Thursday
        datetime(2026, 12, 1, 8, tzinfo=UTC),    # the first of a month (a Tuesday)
        datetime(2026, 11, 23, 0, 5, tzinfo=UTC)]  # a Monday just after midnight


def account(now):
    return build(DemoMite(clock=lambda: now))


def minutes_per_day(mite, uid):
    days = defaultdict(int)
    for entry in mite.records["time_entries"].values():
        if entry["user_id"] == uid:
            days[date.fromisoformat(entry["date_at"])] += entry["minutes"]
    return days


@pytest.mark.parametrize("now", DAYS)
def test_every_user_has_weeks_of_working_days_with_two_gaps_and_one_week_of_overtime(now):
    mite = account(now)
    monday = monday_of(now.date())
    for uid in mite.users:
        days = minutes_per_day(mite, uid)
        for back in range(1, HISTORY_WEEKS + 1):
            week = [monday - timedelta(weeks=back) + timedelta(days=i) for i in range(7)]
            booked = [days.get(d, 0) for d in week]
            gap = GAP_DAYS.get(back)
            for weekday, minutes in enumerate(booked[:5]):
                assert (minutes == 0) == (weekday == gap), (uid, week[weekday], minutes)
            if back == OVERTIME_WEEK:
                assert booked[5] > 0 and sum(booked) > 45 * 60  # long days and a Saturday
            else:
                assert booked[5:] == [0, 0] and 6 * 60 <= sum(booked) / (5 - (gap is not None))
        assert min(days) >= monday - timedelta(weeks=HISTORY_WEEKS)


@pytest.mark.parametrize("now", DAYS)
def test_the_budgets_are_set_and_used_believably(now):
    mite = account(now)
    projects = {p["name"]: p for p in mite.records["projects"].values()}
    assert {name: (projects[name]["budget_type"], projects[name]["budget"]) for name, *_ in BUDGETS} == {
        "API Docs": ("minutes", 2400), "Website Relaunch": ("cents", 1_200_000),
        "Support Retainer": ("minutes_per_month", 1200), "Online Shop": ("cents_per_month", 300_000)}
    assert sum(bool(p["budget"]) for p in projects.values()) == 4
    entries = list(mite.records["time_entries"].values())
    api_docs = sum(e["minutes"] for e in entries if e["project_id"] == projects["API Docs"]["id"])
    assert 50 <= api_docs * 100 // 2400 < 70  # a test booking a few hours on it is warned of nothing
    relaunch = sum(e["minutes"] * e["hourly_rate"] / 60 for e in entries
                   if e["project_id"] == projects["Website Relaunch"]["id"])
    assert 75 <= relaunch * 100 // 1_200_000 < 100  # past the first warning, not the second
    month = now.date().replace(day=1).isoformat()
    retainer = sum(e["minutes"] for e in entries
                   if e["project_id"] == projects["Support Retainer"]["id"] and e["date_at"] >= month)
    assert retainer * 100 // 1200 < 75


@pytest.mark.parametrize("now", DAYS)
def test_the_admins_closed_months_are_locked_and_the_recent_weeks_are_not(now):
    mite = account(now)
    admin = next(iter(mite.users))
    entries = [e for e in mite.records["time_entries"].values() if e["user_id"] == admin]
    old = now.date() - timedelta(weeks=5)
    assert all(e["locked"] for e in entries if date.fromisoformat(e["date_at"]) < old)
    recent = [e for e in entries if now.date() - timedelta(weeks=3) <= date.fromisoformat(e["date_at"])
              < now.date() - timedelta(days=7)]
    assert recent and not any(e["locked"] for e in recent)


def test_the_same_clock_builds_the_same_account():
    now = DAYS[0]
    assert account(now).records == account(now).records
