"""The week's arithmetic (issue 16, core/week.py) as a table: gaps, overtime, targets, the running timer."""

from datetime import date, datetime, timedelta, UTC

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.api.models import TimeEntry, Tracking
from app.core.week import DEFAULT_TARGETS, build_week, checked_targets, monday_of, signed_minutes

MONDAY = date(2026, 11, 30)


def entry(entry_id, day_offset, minutes, project_id=1, name="API Docs"):
    return TimeEntry(entry_id, minutes, date_at=(MONDAY + timedelta(days=day_offset)).isoformat(),
                     project_id=project_id, project_name=name)


CASES = [
    # (what, entries, today offset, days' minutes, total, difference, gap offsets)
    ("an empty week under way: the days before today are gaps, behind by the targets so far", [], 2, [0] * 7, 0,
     -1440, [0, 1]),
    ("a full week on target", [entry(i, i, 480) for i in range(5)], 6, [480] * 5 + [0, 0], 2400, 0, []),
    ("overtime on Saturday, a gap on Friday", [entry(i, i, 480) for i in range(4)] + [entry(9, 5, 150)], 6,
     [480] * 4 + [0, 150, 0], 2070, -330, [4]),
    ("ahead on Monday: the days to come do not count yet", [entry(1, 0, 600)], 0, [600] + [0] * 6, 600, 120, []),
    ("entries outside the week are ignored", [entry(1, -1, 90), entry(2, 7, 90), entry(3, 3, 30)], 6,
     [0, 0, 0, 30, 0, 0, 0], 30, -2370, [0, 1, 2, 4]),
    ("today with nothing booked yet is no gap", [entry(1, 0, 480)], 1, [480] + [0] * 6, 480, -480, []),
]


@pytest.mark.parametrize("what,entries,today,minutes,total,difference,gaps", CASES, ids=[c[0] for c in CASES])
def test_week_table(what, entries, today, minutes, total, difference, gaps):
    week = build_week(entries, MONDAY + timedelta(days=3), DEFAULT_TARGETS, today=MONDAY + timedelta(days=today))
    assert [d.minutes for d in week.days] == minutes
    assert (week.total, week.target, week.difference) == (total, 2400, difference)
    assert week.gaps == tuple(MONDAY + timedelta(days=g) for g in gaps)
    assert week.first == MONDAY and week.last == MONDAY + timedelta(days=6)


def test_projects_are_stacked_most_first_and_the_running_timer_counts_its_ticking_minutes():
    since = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
    running = TimeEntry(5, 10, date_at="2026-12-02", project_id=2, project_name="Intranet",
                        tracking=Tracking(since=since, minutes=10))
    stored = TimeEntry(5, 10, date_at="2026-12-02", project_id=2, project_name="Intranet")
    rows = [entry(1, 2, 30), entry(2, 2, 45, project_id=None, name=""), stored]
    week = build_week(rows, MONDAY, today=MONDAY + timedelta(days=2), running=running, running_minutes=70)
    wednesday = week.days[2]
    assert [(p.project_id, p.minutes) for p in wednesday.projects] == [(2, 70), (None, 45), (1, 30)]
    assert wednesday.minutes == 145  # the stored copy of the running entry is not counted twice


def test_targets_per_weekday_and_their_json():
    targets = (240, 240, 240, 240, 240, 60, 0)
    week = build_week([entry(1, 5, 60)], MONDAY, targets, today=MONDAY + timedelta(days=6))
    assert week.target == 1260 and week.gaps == tuple(MONDAY + timedelta(days=i) for i in range(5))
    data = week.to_json()
    assert data["from"] == "2026-11-30" and data["to"] == "2026-12-06"
    assert data["days"][5] == {"date": "2026-12-05", "minutes": 60, "target_minutes": 60}
    assert (data["total_minutes"], data["target_minutes"]) == (60, 1260) and len(data["days"]) == 7


@pytest.mark.parametrize("value", [None, "480", [480] * 6, [480] * 8, [480, -1, 0, 0, 0, 0, 0], [True] * 7,
                                   [480.0] * 7, [25 * 60] + [0] * 6])
def test_damaged_targets_read_as_the_default(value):
    assert checked_targets(value) == DEFAULT_TARGETS


@pytest.mark.parametrize("minutes,text", [(90, "+1:30"), (-255, "−4:15"), (0, "±0:00"), (-5, "−0:05")])
def test_signed_minutes(minutes, text):
    assert signed_minutes(minutes) == text


@given(st.dates(date(1990, 1, 1), date(2200, 1, 1)), st.lists(st.integers(0, 24 * 60), min_size=7, max_size=7))
def test_any_day_gives_its_monday_to_sunday(day, targets):
    week = build_week([], day, targets, today=day)
    assert week.first == monday_of(day) <= day <= week.last and week.first.weekday() == 0
    assert week.target == sum(targets) and len(week.days) == 7
