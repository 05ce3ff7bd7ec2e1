"""What the timer is doing and the actions on it, as plain async functions.

Used by the running app (through core.session) and by the command line when
no app is running, so both behave the same.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from app.api.client import MiteClient
from app.api.models import TimeEntry, TrackerState


@dataclass(frozen=True)
class Snapshot:
    """The user's timer and day, as read from mite at `fetched_at`."""

    running: TimeEntry | None = None
    today: list[TimeEntry] = field(default_factory=list)
    week_before_today: int = 0  # minutes booked this week before today
    fetched_at: datetime | None = None

    def running_seconds(self, now: datetime | None = None) -> float:
        entry = self.running
        if entry is None or entry.tracking is None:
            return 0.0
        now = now or datetime.now().astimezone()
        ticking = entry.minutes * 60 + (now - entry.tracking.since).total_seconds()
        return max(ticking, entry.tracking.minutes * 60.0)

    def today_minutes(self, now: datetime | None = None) -> int:
        total = sum(e.minutes for e in self.today if not self._is_running(e))
        if self.running and self.running.date_at == (now or datetime.now()).date().isoformat():
            total += int(self.running_seconds(now) // 60)
        return total

    def week_minutes(self, now: datetime | None = None) -> int:
        return self.week_before_today + self.today_minutes(now)

    def _is_running(self, entry: TimeEntry) -> bool:
        return self.running is not None and entry.id == self.running.id


async def fetch_snapshot(client: MiteClient, today: date | None = None) -> Snapshot:
    today = today or date.today()
    monday = today - timedelta(days=today.weekday())
    week = None
    if monday < today:
        week = client.time_entry_groups("user", user_id="current", **{"from": monday},
                                        to=today - timedelta(days=1))
    tracker, entries, groups = await asyncio.gather(
        client.tracker(), client.daily(), week if week else _nothing())
    running = None
    if tracker.running:
        running = next((e for e in entries if e.id == tracker.running_id), None)
        if running is None:  # a timer left running on another day
            running = await client.time_entry(tracker.running_id)
    return Snapshot(running=running, today=entries, week_before_today=sum(g.minutes for g in groups or []),
                    fetched_at=datetime.now().astimezone())


async def _nothing() -> list:
    return []


async def start_new(client: MiteClient, *, project_id: int | None, service_id: int | None,
                    note: str) -> TrackerState:
    """Create an entry for today and start the timer on it."""
    entry = await client.create_time_entry(
        date_at=date.today().isoformat(), minutes=0, note=note, project_id=project_id, service_id=service_id)
    return await client.start_tracker(entry.id)


async def resume(client: MiteClient, entry: TimeEntry) -> TrackerState:
    """Continue `entry`: today's entries get the time added; older ones are copied to today."""
    if entry.date_at == date.today().isoformat():
        return await client.start_tracker(entry.id)
    return await start_new(client, project_id=entry.project_id, service_id=entry.service_id, note=entry.note)


async def stop(client: MiteClient) -> TrackerState | None:
    """Stop whatever runs; None when nothing did."""
    tracker = await client.tracker()
    if not tracker.running:
        return None
    return await client.stop_tracker(tracker.running_id)  # type: ignore[arg-type]


async def add(client: MiteClient, *, minutes: int, project_id: int | None, service_id: int | None,
              note: str, day: date | None = None) -> TimeEntry:
    return await client.create_time_entry(
        date_at=(day or date.today()).isoformat(), minutes=minutes, note=note,
        project_id=project_id, service_id=service_id)


async def last_entry(client: MiteClient) -> TimeEntry | None:
    rows = await client.time_entries(user_id="current", sort="date", direction="desc", limit=1)
    return rows[0] if rows else None
