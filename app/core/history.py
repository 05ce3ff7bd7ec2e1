"""Past weeks: fetched from mite when first opened, kept current, and bounded (issue 16).

The current week is the sync window (core.pull): always held and kept current. A past week is
fetched in one request (`from`/`to`) the first time it is opened and marked in the store's meta.
While the changes chain holds (core.sync), its changes keep the marked weeks current too, so a
week opened again costs nothing. Time trackers get no changes: their past weeks are fetched
again when opened (one request). A chain that broke (a full load) leaves the marks stale: the
entries stay on show and the week is fetched again when next opened.

Bounded: the current week and the KEEP_WEEKS - 1 before it. Older entries are dropped at the full
load of a new sync window (each Monday, when the window moves), except those an action still
waits on and the running timer's; the store no longer grows with use. A week older than that, opened
meanwhile, is held (and can be edited) until then.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from collections.abc import Callable
from datetime import date, timedelta

from app.api.client import MiteClient
from app.api.models import TimeEntry
from app.core.store import Store
from app.core.week import Week, build_week, monday_of

KEEP_WEEKS = 9          # the current week and the 8 before it
WEEKS = "history:weeks"  # meta: the Mondays of the past weeks fetched (and kept current since)


def horizon(today: date) -> date:
    """The first day the store keeps entries of."""
    return monday_of(today) - timedelta(weeks=KEEP_WEEKS - 1)


def marked_weeks(store: Store) -> set[date]:
    try:
        mondays = json.loads(store.get_meta(WEEKS) or "[]")
        return {date.fromisoformat(m) for m in mondays}
    except (ValueError, TypeError):  # a damaged mark costs one fetch, nothing else
        return set()


def _mark(store: Store, mondays: set[date]) -> None:
    store.set_meta(WEEKS, json.dumps(sorted(m.isoformat() for m in mondays)) if mondays else None)


def forget_marks(store: Store) -> None:
    """The changes chain broke (a full load of the sync window): past weeks are fetched again when opened."""
    _mark(store, set())


def keeps(store: Store) -> Callable[[str], bool]:
    """Whether an entry dated `date_at` belongs in the store: within a marked past week (the changes of the
    sync window's own days are decided by the sync)."""
    marked = marked_weeks(store)
    return lambda date_at: _monday(date_at) in marked


def _monday(date_at: str) -> date | None:
    try:
        return monday_of(date.fromisoformat(date_at))
    except ValueError:
        return None


def held(store: Store, any_day: date, today: date) -> bool:
    """The week holding `any_day` is in the store and kept current: this week (the sync window) always,
    a marked past week while the changes chain holds. Other weeks are fetched when opened."""
    monday = monday_of(any_day)
    return monday == monday_of(today) or (monday in marked_weeks(store) and bool(store.get_meta("changes:time_entries")))


async def fetch_week(store: Store, client: MiteClient, any_day: date, today: date,
                     busy_ids: Callable[[], set[int]]) -> None:
    """Load the week holding `any_day` from mite into the store and mark it; entries with waiting actions
    keep their local state (`busy_ids` is asked inside the transaction, as in core.sync)."""
    monday = monday_of(any_day)
    sunday = monday + timedelta(days=6)
    rows = await client.time_entries(user_id="current", **{"from": monday}, to=sunday)
    with store.transaction():
        replace_span(store, monday, sunday, rows, busy_ids())
        if monday != monday_of(today):
            _mark(store, marked_weeks(store) | {monday})


def replace_span(store: Store, first: date, last: date, rows: list[TimeEntry], busy: set[int]) -> None:
    """mite's entries of `first`..`last` in place of the stored ones, except those with waiting actions
    (`busy`: local state wins until they are sent). Call inside a transaction."""
    for stored in store.entries_between(first.isoformat(), last.isoformat()):
        if stored["id"] > 0 and stored["id"] not in busy:
            store.delete_entry(stored["id"])
    for entry in rows:
        if entry.id not in busy:
            store.put_entry(asdict(entry))


def prune(store: Store, today: date, busy: set[int]) -> int:
    """Drop entries dated before the horizon, except those an action waits on and the running timer's,
    and their id mappings; forget marks of weeks dropped. Call inside a transaction. How many were dropped."""
    first = horizon(today).isoformat()
    tracker = store.tracker()
    spared = busy | ({tracker.entry_id, store.current_id(tracker.entry_id)} if tracker else set())
    old = [row[0] for row in store.db.execute("SELECT id FROM entries WHERE date_at < ?", (first,))
           if row[0] not in spared]
    for entry_id in old:
        store.delete_entry(entry_id)
        store.db.execute("DELETE FROM id_map WHERE server_id = ?", (entry_id,))
    marked = marked_weeks(store)
    if any(m < horizon(today) for m in marked):
        _mark(store, {m for m in marked if m >= horizon(today)})
    return len(old)


def day_entries(store: Store, day: date) -> list[TimeEntry]:
    """The entries of one day as the store holds them, newest first (as the window lists today's)."""
    rows = [TimeEntry.from_json(r) for r in store.entries_between(day.isoformat(), day.isoformat())]
    rows.sort(key=lambda e: (e.created_at, abs(e.id)), reverse=True)
    return rows


def week(store: Store, any_day: date, targets: tuple[int, ...] | list[int], *, today: date,
         running: TimeEntry | None = None, running_minutes: int = 0) -> Week:
    """The week holding `any_day` as the store holds it (core.week)."""
    return build_week(week_sums(store, any_day, running.id if running else None), any_day, targets, today=today,
                      running=running, running_minutes=running_minutes)


def week_sums(store: Store, any_day: date, running_id: int | None) -> list[TimeEntry]:
    """The week holding `any_day`, summed by SQLite per day and project, the running entry left out (it counts
    with its ticking minutes): one row per day and project, named by its newest entry. Decoding each entry
    took a quarter of a second for a week of 15,000 (scripts/bench --only week); the sums, a third of that."""
    monday = monday_of(any_day)
    rows = store.db.execute(
        "SELECT date_at, json_extract(json, '$.project_id') AS project, json_extract(json, '$.project_name'), "
        "sum(json_extract(json, '$.minutes')), max(id) FROM entries WHERE date_at BETWEEN ? AND ? AND id != ? "
        "GROUP BY date_at, project", (monday.isoformat(), (monday + timedelta(days=6)).isoformat(),
                                      running_id if running_id is not None else 0))
    return [TimeEntry(0, minutes=int(minutes or 0), date_at=day, project_id=project, project_name=name or "")
            for day, project, name, minutes, _ in rows]
