"""What the window, tray and `status` show: the running timer and the week's entries.

Built from the local store by core.journal.Journal.snapshot().
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from app.api.models import TimeEntry


def elapsed_minutes(since: datetime, now: datetime) -> int:
    """Whole minutes from `since` to `now`, never negative (a clock set back books nothing).

    The one count of a timer's minutes: the store's Tracker, the replay's late start, and
    (through running_seconds) what the tray, the window and `status` show.
    """
    return max(0, int((now - since).total_seconds() // 60))


@dataclass(frozen=True)
class Snapshot:
    """The user's timer and day, as the store holds them at `fetched_at`."""

    running: TimeEntry | None = None
    today: list[TimeEntry] = field(default_factory=list)
    week_before_today: int = 0  # minutes booked on this week's other days (ahead too), the running entry's left out
    # Not compared: two readings of an unchanged store are the same picture (see core.state).
    fetched_at: datetime | None = field(default=None, compare=False)
    week_from: str = ""  # this week's Monday (ISO)
    # The newest revision and the number of this week's entries before today (core.store_index): when one of
    # them changed, the picture did (what Continue continues, the palette's recent entries), though they are
    # read only when asked (issue 17: reading them at each poll cost the week).
    before_mark: tuple[int, int] = (0, 0)
    read_earlier: Callable[[], list[TimeEntry]] = field(default=list, compare=False, repr=False)
    read_last_before: Callable[[], TimeEntry | None] = field(default=lambda: None, compare=False, repr=False)

    @cached_property
    def earlier(self) -> list[TimeEntry]:
        """This week before today, the most recently changed first, at most core.picture.RECENT (the palette's
        recent projects and notes). Read when first asked."""
        return self.read_earlier()

    def last_entry(self) -> TimeEntry | None:
        """The entry Continue continues: of the newest day up to today, the one changed last (core.journal.last_entry)."""
        if self.today:
            return max(self.today, key=lambda e: (e.date_at, e.updated_at, e.id))
        return self.read_last_before()

    def running_seconds(self, now: datetime | None = None) -> float:
        entry = self.running
        if entry is None or entry.tracking is None:
            return 0.0
        now = now or datetime.now().astimezone()
        ticking = entry.minutes * 60 + (now - entry.tracking.since).total_seconds()
        return max(ticking, entry.tracking.minutes * 60.0)

    def running_minutes(self, now: datetime | None = None) -> int:
        """The running timer's whole minutes (0 when none runs): the one count of elapsed minutes
        that the tray, the window, the palette and `status` show."""
        return int(self.running_seconds(now) // 60)

    def today_minutes(self, now: datetime | None = None) -> int:
        total = sum(e.minutes for e in self.today if not self._is_running(e))
        if self.running and self.running.date_at == (now or datetime.now()).date().isoformat():
            total += self.running_minutes(now)
        return total

    def week_minutes(self, now: datetime | None = None) -> int:
        """This week's minutes, as the timesheet counts them (core.week): a timer running on another day of
        it counts with its ticking minutes."""
        total = self.week_before_today + self.today_minutes(now)
        running, today = self.running, (now or datetime.now()).date().isoformat()
        if running and running.date_at != today and self.week_from <= running.date_at:
            total += self.running_minutes(now)
        return total

    def _is_running(self, entry: TimeEntry) -> bool:
        return self.running is not None and entry.id == self.running.id
