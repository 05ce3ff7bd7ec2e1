"""A week at a glance: each day's minutes, by project, against the user's daily target (issue 16).

Pure arithmetic on entries the store holds (core.history fetches and bounds them); the window's
timesheet, `mite-tray week` and the tests read the same `Week`. Targets are the user's, per weekday,
from the settings: mite's API holds no working-time target.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # settings and the command line import this module: the records are not needed to run it
    from app.api.models import TimeEntry

DEFAULT_TARGETS = (480, 480, 480, 480, 480, 0, 0)  # minutes per weekday, Monday first: 8 h Mon–Fri


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def checked_targets(value: object) -> tuple[int, ...]:
    """Seven daily targets in minutes (Monday first) from a settings value; the default when it is not that."""
    if isinstance(value, Sequence) and not isinstance(value, str) and len(value) == 7 \
            and all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 24 * 60 for v in value):
        return tuple(value)
    return DEFAULT_TARGETS


@dataclass(frozen=True)
class ProjectTime:
    """The minutes of one project on one day (project_id None: entries without a project)."""

    project_id: int | None
    name: str
    minutes: int


@dataclass(frozen=True)
class Day:
    day: date
    minutes: int
    target: int                           # minutes the user means to work that day (0: a day off)
    projects: tuple[ProjectTime, ...] = ()  # most minutes first
    past: bool = True                     # today or before: its target counts in the week's difference so far
    over: bool = True                     # before today: with nothing booked, a gap

    @property
    def gap(self) -> bool:
        """A working day that is over with nothing booked (today is not one yet: the morning has just begun)."""
        return self.over and self.target > 0 and self.minutes == 0

    @property
    def difference(self) -> int:
        return self.minutes - self.target


@dataclass(frozen=True)
class Week:
    days: tuple[Day, ...]  # Monday to Sunday

    @property
    def first(self) -> date:
        return self.days[0].day

    @property
    def last(self) -> date:
        return self.days[-1].day

    @property
    def total(self) -> int:
        return sum(d.minutes for d in self.days)

    @property
    def target(self) -> int:
        return sum(d.target for d in self.days)

    @property
    def difference(self) -> int:
        """Booked minus the target of the days so far (today included): a week under way is not behind by the
        days still to come; a week gone by, by its whole target."""
        return self.total - sum(d.target for d in self.days if d.past)

    @property
    def under_way(self) -> bool:
        """Days of it are still to come: its difference is "so far"."""
        return not self.days[-1].past

    @property
    def gaps(self) -> tuple[date, ...]:
        return tuple(d.day for d in self.days if d.gap)

    def to_json(self) -> dict[str, object]:
        """What `mite-tray week --json` prints."""
        return {"from": self.first.isoformat(), "to": self.last.isoformat(),
                "days": [{"date": d.day.isoformat(), "minutes": d.minutes, "target_minutes": d.target}
                         for d in self.days],
                "total_minutes": self.total, "target_minutes": self.target}


def build_week(entries: Iterable[TimeEntry], any_day: date, targets: Sequence[int] = DEFAULT_TARGETS, *,
               today: date, running: TimeEntry | None = None, running_minutes: int = 0) -> Week:
    """The week holding `any_day` from `entries` (others are ignored). The running entry counts with
    `running_minutes` (Snapshot.running_minutes: the one count of a timer's minutes), not its stored copy."""
    monday = monday_of(any_day)
    days = [monday + timedelta(days=i) for i in range(7)]
    booked: dict[date, dict[int | None, tuple[str, int]]] = {d: {} for d in days}
    for entry in entries:
        if running is None or entry.id != running.id:
            _count(booked, entry, entry.minutes)
    if running is not None:
        _count(booked, running, running_minutes)
    return Week(tuple(_day(d, booked[d], targets[d.weekday()], d <= today, d < today) for d in days))


def _count(booked: dict[date, dict[int | None, tuple[str, int]]], entry: TimeEntry, minutes: int) -> None:
    try:
        day = date.fromisoformat(entry.date_at)
    except ValueError:
        return
    if day in booked:
        name, before = booked[day].get(entry.project_id, (entry.project_name, 0))
        booked[day][entry.project_id] = (name, before + minutes)


def _day(day: date, projects: dict[int | None, tuple[str, int]], target: int, past: bool, over: bool) -> Day:
    parts = sorted((ProjectTime(pid, name, minutes) for pid, (name, minutes) in projects.items() if minutes > 0),
                   key=lambda p: (-p.minutes, p.name, p.project_id is None, p.project_id or 0))  # ties: one order
    return Day(day, sum(p.minutes for p in parts), target, tuple(parts), past, over)


def signed_minutes(minutes: int) -> str:
    """"+1:30", "−4:15", "±0:00": a difference to the target (a real minus sign, as typeset)."""
    sign = "+" if minutes > 0 else "−" if minutes < 0 else "±"
    return f"{sign}{abs(minutes) // 60}:{abs(minutes) % 60:02d}"
