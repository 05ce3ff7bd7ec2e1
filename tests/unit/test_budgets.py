"""Budget arithmetic as a table (issue 16): hours, money, monthly = this month only, a time tracker's
share, over 100%, a zero budget = no budget; the running timer on top; the warnings' once-only keys."""

from datetime import UTC, datetime

import pytest

from app.api.models import Project, TimeEntry, Tracking
from app.core import budgets
from app.core.budgets import Figures, Usage, due_warning, usages, warning_key

NOW = datetime(2026, 12, 3, 16, 0, tzinfo=UTC)
DOCS = Project(1, "API Docs", budget=2400, budget_type="minutes")
SITE = Project(2, "Website Relaunch", customer_name="King Inc.", budget=1_200_000, budget_type="cents")
RETAINER = Project(3, "Support Retainer", budget=1200, budget_type="minutes_per_month")
SHOP = Project(4, "Online Shop", budget=300_000, budget_type="cents_per_month")
NONE = Project(5, "Internal", budget=0, budget_type="minutes")
OLD = Project(6, "Old Website", budget=600, budget_type="minutes", archived=True)
ALL = [DOCS, SITE, RETAINER, SHOP, NONE, OLD]


def figures(*, share_only=False, month="2026-12", minutes=None, revenue=None, currency="EUR"):
    return Figures(NOW.isoformat(), month, share_only, budgets.wanted_ids(ALL), "",
                   minutes if minutes is not None else {1: 1728, 3: 540, 2: 61_000, 4: 1_000},
                   revenue if revenue is not None else {1: 250_000.0, 2: 864_000.0, 3: 1.0, 4: 120_000.0}, currency)


def by_id(found):
    return {usage.project_id: usage for usage in found}


@pytest.mark.parametrize("figs, project_id, used, percent, text", [
    (figures(), 1, 1728, 72, "72% of 40 h"),                                   # hours: minutes count
    (figures(), 2, 864_000, 72, "€8,640 of €12,000 · 72%"),                    # money: revenue (cents) counts
    (figures(), 3, 540, 45, "45% of 20 h this month"),                         # monthly: this month's minutes
    (figures(), 4, 120_000, 40, "€1,200 of €3,000 this month · 40%"),
    (figures(minutes={1: 2490}), 1, 2490, 103, "103% of 40 h"),                # over 100%
    (figures(minutes={1: 0}), 1, 0, 0, "0% of 40 h"),                          # nothing booked (mite sends no group)
    (figures(currency="CHF"), 2, 864_000, 72, "CHF 8,640 of CHF 12,000 · 72%"),
    (figures(share_only=True, minutes={1: 750}), 1, 750, None, "your share 12:30 of 40 h"),  # a time tracker
    (figures(share_only=True), 4, 120_000, None, "your share €1,200 of €3,000 this month"),
])
def test_use_of_a_budget(figs, project_id, used, percent, text):
    usage = by_id(usages(ALL, figs, NOW))[project_id]
    assert (usage.used, usage.percent, usage.text()) == (used, percent, text)
    assert usage.to_json()["percent"] == percent and usage.to_json()["used"] == used


@pytest.mark.parametrize("figs, project_id, text", [
    (figures(), 2, "72% of €12,000"),                  # narrow lists: the percent first, never cut off
    (figures(), 4, "40% of €3,000 this month"),
    (figures(), 1, "72% of 40 h"),                     # hours read so already
    (figures(share_only=True), 2, "your share €8,640 of €12,000"),
])
def test_short_words_for_narrow_lists(figs, project_id, text):
    assert by_id(usages(ALL, figs, NOW))[project_id].text(short=True) == text


def test_only_active_projects_with_a_budget_have_one():
    assert set(by_id(usages(ALL, figures(), NOW))) == {1, 2, 3, 4}  # no zero budget, nothing archived
    assert usages(ALL, None, NOW) == []  # nothing known: nothing shown, never a guess


def test_a_monthly_figure_of_last_month_is_not_shown_in_this_one():
    found = by_id(usages(ALL, figures(month="2026-11"), NOW))
    assert set(found) == {1, 2}  # the whole-budget figures stand; the monthly ones are last month's


def test_a_time_tracker_gets_a_note_and_no_percentage():
    usage = by_id(usages(ALL, figures(share_only=True), NOW))[1]
    assert usage.percent is None and "admin" in usage.note()
    assert by_id(usages(ALL, figures(), NOW))[1].note() == ""
    assert due_warning(usage, set()) is None  # never a warning from a share


def running(project_id, minutes=30, rate=None, billable=True):
    return TimeEntry(99, minutes=minutes, project_id=project_id, hourly_rate=rate, billable=billable,
                     tracking=Tracking(since=NOW, minutes=minutes))


@pytest.mark.parametrize("entry, project_id, used", [
    (running(1), 1, 1728 + 45),                       # minutes tick on top of mite's sum
    (running(3), 3, 540 + 45),
    (running(2, rate=9500), 2, 864_000 + 7125),       # money: its rate (cents an hour) for the minutes
    (running(2, rate=None), 2, 864_000),              # no rate known: the cached figure stands
    (running(2, rate=9500, billable=False), 2, 864_000),
    (running(1), 2, 864_000),                         # another project's timer changes nothing here
])
def test_the_running_timer_counts_on_top(entry, project_id, used):
    found = by_id(usages(ALL, figures(), NOW, running=entry, running_extra=45))
    assert found[project_id].used == used


@pytest.mark.parametrize("used, warned, expected", [
    (1799, set(), None),                                                           # 74.96%: not yet
    (1800, set(), ("API Docs has used 75% of its 40 h budget (30:00).", ["1:75"])),
    (1900, {"1:75"}, None),                                                         # once per threshold
    (2400, {"1:75"}, ("API Docs has used all of its 40 h budget.", ["1:100"])),
    (2490, {"1:75"}, ("API Docs is over its budget: 41:30 of 40 h.", ["1:100"])),
    (2490, set(), ("API Docs is over its budget: 41:30 of 40 h.", ["1:75", "1:100"])),  # a jump: one message
    (2490, {"1:75", "1:100"}, None),
])
def test_warnings_once_per_threshold(used, warned, expected):
    usage = Usage(1, "API Docs", "minutes", 2400, used)
    assert due_warning(usage, warned) == expected


def test_monthly_warnings_are_per_month():
    usage = Usage(3, "Support Retainer", "minutes_per_month", 1200, 960, month="2026-12")
    assert due_warning(usage, set()) == (
        "Support Retainer has used 80% of its 20 h monthly budget (16:00).", ["3:75:2026-12"])
    assert due_warning(usage, {"3:75:2026-11"}) is not None  # warned last month: this month warns again
    assert warning_key(Usage(2, "W", "cents", 100, 100), 100) == "2:100"


def test_money_warning_words():
    usage = Usage(2, "Website Relaunch", "cents", 1_200_000, 1_230_000, currency="EUR")
    assert due_warning(usage, {"2:75"})[0] == "Website Relaunch is over its budget: €12,300 of €12,000."


def test_figures_survive_the_store_round_trip():
    figs = figures()
    assert Figures.from_json(figs.to_json()) == figs


@pytest.mark.parametrize("minutes, text", [(2400, "40 h"), (2430, "40:30 h"), (45, "0:45 h")])
def test_hours(minutes, text):
    assert budgets.hours(minutes) == text
