"""Absences and reminders as tables: the pure rules of core.presence and core.reminders."""

from datetime import datetime, time, timedelta

import pytest

from app.core.presence import Absence, Presence
from app.core.prompt import Reason
from app.core.reminders import NotTracking, WorkHours, forgotten
from app.core.settings import Settings

DAY = datetime(2026, 12, 3, 0, 0)  # a Thursday


def at(hhmm: str, days: int = 0) -> datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return DAY + timedelta(days=days, hours=hours, minutes=minutes)


def presence(threshold=10) -> Presence:
    return Presence(timedelta(minutes=threshold))


def test_idle_then_input_after_the_threshold_is_an_absence_from_the_last_input():
    p = presence()
    assert p.idle(at("10:03"), 0) is None        # active at 10:03
    assert p.idle(at("10:30"), 27 * 60) is None  # still no input since 10:03
    assert p.idle(at("10:44"), 41 * 60) is None
    assert p.idle(at("10:45"), 0) == Absence(at("10:03"), at("10:45"), Reason.IDLE)
    assert p.idle(at("10:46"), 0) is None        # asked once: the next input is no news


def test_a_pause_between_looks_is_not_taken_for_an_absence():
    p = presence()
    p.idle(at("10:00"), 0)
    assert p.idle(at("11:00"), 0) is None  # nobody looked for an hour (no timer ran): no proof of anything


def test_after_a_long_pause_between_looks_only_the_proven_part_counts():
    p = presence()
    p.idle(at("10:00"), 0)
    p.idle(at("10:20"), 20 * 60)  # away since 10:00, seen at 10:20; then the app was not looking
    assert p.idle(at("11:30"), 0) == Absence(at("10:00"), at("10:20"), Reason.IDLE)


@pytest.mark.parametrize("idle_minutes, absent", [(9, False), (10, True), (42, True)])
def test_only_absences_of_at_least_the_threshold_count(idle_minutes, absent):
    p = presence()
    p.idle(at("10:00"), 0)
    back = at("10:00") + timedelta(minutes=idle_minutes)
    assert p.idle(back - timedelta(seconds=1), idle_minutes * 60 - 1) is None  # still no input since 10:00
    assert (p.idle(back, 0) is not None) == (absent and idle_minutes > 10)
    p2 = presence()
    p2.idle(at("10:00"), 0)
    p2.idle(back, idle_minutes * 60)  # exactly `idle_minutes` without input at the last look
    assert (p2.idle(back + timedelta(seconds=5), 0) is not None) == absent


def test_a_threshold_of_zero_finds_nothing():
    p = presence(0)
    p.idle(at("10:00"), 0)
    p.idle(at("14:00"), 4 * 3600)
    assert p.idle(at("14:01"), 0) is None
    p.lock()
    assert p.unlock(at("18:00")) is None


def test_a_lock_of_a_few_seconds_is_no_absence_and_a_long_one_is():
    p = presence()
    p.idle(at("10:00"), 0)
    p.lock()
    assert p.unlock(at("10:00") + timedelta(seconds=8)) is None
    p.lock()
    assert p.unlock(at("10:40")) == Absence(at("10:00") + timedelta(seconds=8), at("10:40"), Reason.LOCK)


def test_idle_readings_while_locked_or_asleep_are_ignored():
    p = presence()
    p.idle(at("10:00"), 0)
    p.lock()
    assert p.idle(at("10:30"), 0) is None  # the locker's own animation, not the user
    assert p.last_active == at("10:00")
    p.unlock(at("10:31"))
    p.sleep()
    assert p.idle(at("11:00"), 0) is None
    assert p.wake(at("12:00")) == Absence(at("10:31"), at("12:00"), Reason.SLEEP)


def test_an_idle_counter_that_did_not_count_the_sleep_does_not_hide_it():
    p = presence()
    p.idle(at("10:00"), 0)
    p.sleep()
    absence = p.wake(at("13:00"))
    # After waking, X11's counter says the last input was 30 s before the sleep plus 10 s: "12:59:20"-ish.
    assert absence == Absence(at("10:00"), at("13:00"), Reason.SLEEP)
    assert p.idle(at("13:00") + timedelta(seconds=10), 40) is None


def test_across_midnight():
    p = presence()
    p.idle(at("23:50"), 0)
    p.idle(at("00:19", days=1), 29 * 60)
    assert p.idle(at("00:20", days=1), 0) == Absence(at("23:50"), at("00:20", days=1), Reason.IDLE)


WORK = WorkHours(frozenset({0, 1, 2, 3, 4}), time(9), time(18))


@pytest.mark.parametrize("started, now, hours, work, active, expected", [
    (at("08:30"), at("18:42"), 10, None, True, True),     # ran 10:12: longer than 10 hours
    (at("08:30"), at("17:00"), 10, None, True, False),
    (at("08:30"), at("18:00"), 0, WORK, True, True),      # past the working day's end
    (at("18:30"), at("19:00"), 0, WORK, True, False),     # started after it: an evening's work
    (at("08:30", days=2), at("18:00", days=2), 0, WORK, True, False),  # Saturday: no working day
    (at("08:30"), at("18:00"), 0, None, True, False),     # hours off, working hours off
    (at("22:00"), at("07:00", days=1), 0, None, True, True),   # across midnight, at the next activity
    (at("22:00"), at("07:00", days=1), 0, None, False, False),  # ... not while nobody is there
])
def test_forgotten_timer(started, now, hours, work, active, expected):
    assert forgotten(started, now, hours=hours, work=work, active=active) is expected


def test_work_hours_come_from_settings_only_when_turned_on():
    assert WorkHours.of(Settings()) is None
    hours = WorkHours.of(Settings(work_reminders=True, work_days=[5], work_start="07:30", work_end="12:00"))
    assert hours == WorkHours(frozenset({5}), time(7, 30), time(12))


def remind(rule: NotTracking, now, *, active=True, running=False, work=WORK, silenced=False):
    return rule.due(now, active=active, running=running, work=work, minutes=15, silenced=silenced)


def test_not_tracking_reminds_after_15_active_minutes_then_spaced_then_quiet_until_a_timer():
    rule = NotTracking()
    moments = [at("09:00") + timedelta(minutes=m) for m in range(0, 200)]
    reminded = [m for m in moments if remind(rule, m)]
    assert [r.strftime("%H:%M") for r in reminded] == ["09:15", "09:45", "10:45"]  # 15, then 30, then 60 min
    assert remind(rule, at("12:00"), running=True) is None  # a timer: the spacing starts over
    assert remind(rule, at("12:01")) is None
    assert remind(rule, at("12:16")) == at("12:01")


@pytest.mark.parametrize("changes", [{"active": False}, {"silenced": True}, {"work": None}, {"running": True}])
def test_no_reminder_when_away_silenced_off_or_tracking(changes):
    rule = NotTracking()
    assert not any(remind(rule, at("09:00") + timedelta(minutes=m), **changes) for m in range(0, 120))


def test_no_reminder_outside_working_hours():
    rule = NotTracking()
    assert not any(remind(rule, at("18:00") + timedelta(minutes=m)) for m in range(0, 120))
    assert not any(remind(rule, at("10:00", days=2) + timedelta(minutes=m)) for m in range(0, 120))  # Saturday
