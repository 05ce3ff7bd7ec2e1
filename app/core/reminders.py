"""When to ask about a forgotten timer, and when to remind that none runs. Pure: told the moments.

- Forgotten timer: a timer running longer than `forgotten_hours` (0 = off), past the end of the
  working day (with working hours on), or found running across midnight at the next activity.
  Asked once per timer run (core.away_watch keeps which run it asked about).
- Not tracking: with working hours on, within them, the user active for `not_tracking_minutes` with
  no timer: one gentle reminder; the next only after twice as long again (spaced, up to 8x), and
  none after "Not now" until the next timer (core.answers.SILENCED).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from app.core.settings import Settings, clock_time

ACTIVE_WITHIN = timedelta(minutes=5)  # input this recent: the user is at the computer
MOST_SPACING = 8                      # reminders come at most this many reminder periods apart


@dataclass(frozen=True)
class WorkHours:
    days: frozenset[int]  # Monday = 0
    start: time
    end: time

    @classmethod
    def of(cls, settings: Settings) -> WorkHours | None:
        """The working hours, or None when the user has not turned them on."""
        if not settings.work_reminders:
            return None
        return cls(frozenset(settings.work_days), clock_time(settings.work_start) or time(9),
                   clock_time(settings.work_end) or time(18))

    def contains(self, moment: datetime) -> bool:
        return moment.weekday() in self.days and self.start <= moment.time() < self.end

    def ended_since(self, started: datetime, now: datetime) -> bool:
        """A timer started at `started` ran past the end of a working day by `now` (that day's, or today's)."""
        if now.weekday() not in self.days or now.time() < self.end:
            return False
        return started < now.replace(hour=self.end.hour, minute=self.end.minute, second=0, microsecond=0)


def forgotten(started: datetime, now: datetime, *, hours: int, work: WorkHours | None, active: bool) -> bool:
    """Is a timer running since `started` worth the question "Still working on …?" now."""
    if hours and now - started >= timedelta(hours=hours):
        return True
    if work is not None and work.ended_since(started, now):
        return True
    return active and started.date() < now.date()  # found running across midnight


class NotTracking:
    """Whether to remind, look by look: working (active) in working hours with no timer running."""

    def __init__(self) -> None:
        self.working_since: datetime | None = None
        self.reminded = 0  # reminders since the last timer: each waits twice as long as the one before

    def due(self, now: datetime, *, active: bool, running: bool, work: WorkHours | None, minutes: int,
            silenced: bool) -> datetime | None:
        """When the user began the work worth a reminder now, or None."""
        if running:
            self.working_since, self.reminded = None, 0
            return None
        if work is None or silenced or not active or not work.contains(now):
            self.working_since = None
            return None
        if self.working_since is None:
            self.working_since = now
        began = self.working_since
        if now - began < timedelta(minutes=minutes * min(2 ** self.reminded, MOST_SPACING)):
            return None
        self.reminded += 1
        self.working_since = now
        return began
