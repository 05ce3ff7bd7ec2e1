"""Offline-first actions: applied locally with their outbox row in one transaction, replayed later.

Nothing a user books is lost or booked twice:
- each action commits to the store (state the window shows + outbox row) before any request;
- the outbox is replayed in order; a create is marked `uncertain` before its POST, and an
  uncertain create is looked up on the server before it is ever sent again;
- start, stop, edit and delete are idempotent on the server, so they are simply resent;
- items mite refuses for good (locked, deleted, archived, forbidden), and items that can
  never be sent as stored, are kept as `failed` for the user to retry or discard, never dropped.
The sending half lives in app/core/replay.py.
Minutes are computed locally from when the user pressed the button, so a timer stopped
offline books the right time once mite is reachable.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any, Callable

from app.api.client import MiteClient
from app.api.models import TimeEntry, Tracking
from app.core.messages import ActionFailed, entry_title
from app.core.replay import ENTRY_FIELDS, Deferred, Replay, Unreachable
from app.core.store import OutboxItem, Store
from app.core.sync import entry_json, sync_entries
from app.core.text import checked_note, repaired_note
from app.core.tracking import Snapshot
from app.i18n import translate

__all__ = ["Deferred", "Journal", "Unreachable", "last_entry", "now_local"]  # Deferred, Unreachable: from replay


def now_local() -> datetime:
    return datetime.now().astimezone().replace(microsecond=0)


class Journal(Replay):
    def __init__(self, store: Store, client: MiteClient, clock: Callable[[], datetime] = now_local,
                 grace: float | None = None):
        self.store, self.client, self.clock = store, client, clock
        # How long a sent create may still be running on the server: looking for it earlier
        # could miss it and book it twice (found by tests/faults/test_kill9.py).
        self.grace = client.read_timeout * 2 + 5 if grace is None else grace
        self._strikes: dict[int, int] = {}  # see Replay._poison_reason

    # -- what the window shows ---------------------------------------------------

    def snapshot(self) -> Snapshot:
        now = self.clock()
        today = now.date()
        monday = today - timedelta(days=today.weekday())
        rows = [TimeEntry.from_json(r) for r in self.store.entries_between(monday.isoformat(), today.isoformat())]
        running = None
        tracker = self.store.tracker()
        if tracker:
            entry_id, since, base = tracker
            stored = self.store.entry(entry_id)
            if stored:
                started = datetime.fromisoformat(since)
                elapsed = max(0, int((now - started).total_seconds() // 60))
                running = replace(TimeEntry.from_json(stored), minutes=base,
                                  tracking=Tracking(since=started, minutes=base + elapsed))
        todays = [running if running and e.id == running.id else e for e in rows if e.date_at == today.isoformat()]
        todays.sort(key=lambda e: (e.created_at, abs(e.id)), reverse=True)  # newest first, sent or not
        before = sum(e.minutes for e in rows if e.date_at < today.isoformat())
        earlier = [e for e in rows if e.date_at < today.isoformat()]
        return Snapshot(running=running, today=todays, week_before_today=before, fetched_at=now, earlier=earlier)

    def pending(self) -> list[OutboxItem]:
        return self.store.outbox("pending", "uncertain")

    def failed(self) -> list[OutboxItem]:
        return self.store.outbox("failed")

    # -- actions: local first ------------------------------------------------------

    def start_new(self, *, project_id: int | None, service_id: int | None, note: str) -> int:
        return self._start_new(project_id, service_id, checked_note(note))

    def _start_new(self, project_id: int | None, service_id: int | None, note: str) -> int:
        now = self.clock()
        with self.store.transaction():
            self._stop_locally(now)
            entry_id = self._create_locally(now, now.date(), 0, project_id, service_id, note)
            self._start_locally(entry_id, now, 0)
        return entry_id

    def resume(self, entry_id: int) -> int:
        entry = self._entry(entry_id)
        if entry["locked"]:
            raise ActionFailed(translate("Journal", "This entry is locked in mite; an admin must unlock it before it can continue."))
        now = self.clock()
        if entry["date_at"] != now.date().isoformat():  # continuing an older entry books today
            return self._start_new(entry["project_id"], entry["service_id"], repaired_note(entry["note"]))
        with self.store.transaction():
            tracker = self.store.tracker()
            if tracker and tracker[0] == entry_id:
                return entry_id
            self._stop_locally(now)
            self._start_locally(entry_id, now, self._entry(entry_id)["minutes"])
        return entry_id

    def stop(self, at: datetime | None = None) -> int | None:
        """Stop the running timer now, or `at` (a moment already past: the clock jumped since);
        the entry id, or None when nothing ran."""
        with self.store.transaction():
            return self._stop_locally(at or self.clock())

    def add(self, *, minutes: int, project_id: int | None, service_id: int | None, note: str,
            day: date | None = None) -> int:
        now, note = self.clock(), checked_note(note)
        with self.store.transaction():
            return self._create_locally(now, day or now.date(), minutes, project_id, service_id, note)

    def edit(self, entry_id: int, *, force: bool = False, **fields: Any) -> None:
        entry = self._entry(entry_id)
        if entry["locked"] and not force:
            raise ActionFailed(translate("Journal", "This entry is locked in mite and cannot be changed."))
        tracker = self.store.tracker()
        if tracker and tracker[0] == entry_id and "minutes" in fields:
            raise ActionFailed(translate("Journal", "Stop the timer before changing the duration of its entry."))
        changes = {k: checked_note(v) if k == "note" else v for k, v in fields.items() if k in ENTRY_FIELDS}
        if force:
            changes["locked"] = False  # the documented admin unlock: force + locked false
        with self.store.transaction():
            updated = {**entry, **changes, **self._names(changes.get("project_id", entry["project_id"]),
                                                         changes.get("service_id", entry["service_id"]))}
            self.store.put_entry(updated)
            self.store.enqueue("update", {"entry_id": entry_id, "fields": changes, "force": force},
                               self.clock().isoformat())

    def delete(self, entry_id: int, *, force: bool = False) -> None:
        entry = self._entry(entry_id)
        if entry["locked"] and not force:
            raise ActionFailed(translate("Journal", "This entry is locked in mite and cannot be deleted."))
        with self.store.transaction():
            tracker = self.store.tracker()
            if tracker and tracker[0] == entry_id:
                self.store.set_tracker(None)  # mite drops the timer with its entry
            self.store.delete_entry(entry_id)
            self.store.enqueue("delete", {"entry_id": entry_id, "force": force}, self.clock().isoformat())

    def _entry(self, entry_id: int) -> dict[str, Any]:
        entry = self.store.entry(entry_id)
        if entry is None:
            raise ActionFailed(translate("Journal", "That entry is no longer there (deleted in mite?)."))
        return entry

    def _names(self, project_id: int | None, service_id: int | None) -> dict[str, Any]:
        project = self.store.record("projects", project_id) or {}
        service = self.store.record("services", service_id) or {}
        return {"project_name": project.get("name", ""), "customer_id": project.get("customer_id"),
                "customer_name": project.get("customer_name") or "", "service_name": service.get("name", "")}

    def _create_locally(self, now: datetime, day: date, minutes: int, project_id: int | None,
                        service_id: int | None, note: str) -> int:
        local_id = self.store.next_local_id()
        attrs = {"date_at": day.isoformat(), "minutes": minutes, "note": note, "project_id": project_id,
                 "service_id": service_id}
        self.store.put_entry({"id": local_id, **attrs, "locked": False, "billable": True,
                              "created_at": now.isoformat(), "updated_at": now.isoformat(),
                              **self._names(project_id, service_id)})
        self.store.enqueue("create", {"entry_id": local_id, "attrs": attrs}, now.isoformat())
        return local_id

    def _start_locally(self, entry_id: int, now: datetime, base: int) -> None:
        self.store.set_tracker(entry_id, now.isoformat(), base)
        self.store.enqueue("start", {"entry_id": entry_id, "at": now.isoformat(), "base": base}, now.isoformat())

    def _stop_locally(self, now: datetime) -> int | None:
        tracker = self.store.tracker()
        if not tracker:
            return None
        entry_id, since, base = tracker
        minutes = base + max(0, int((now - datetime.fromisoformat(since)).total_seconds() // 60))
        entry = self.store.entry(entry_id)
        if entry:
            self.store.put_entry({**entry, "minutes": minutes})
        self.store.set_tracker(None)
        self.store.enqueue("stop", {"entry_id": entry_id, "at": now.isoformat(), "minutes": minutes},
                           now.isoformat())
        return entry_id

    # -- reading mite ----------------------------------------------------------------

    async def pull(self, *, entries: bool = True, user_id: int | None = None) -> list[str]:
        """Adopt mite's state where nothing local waits; returns notices for the user."""
        today = self.clock().date()
        monday = today - timedelta(days=today.weekday())
        tracker = await self.client.tracker()
        if entries:
            await sync_entries(self.client, self.store, self._busy_ids, monday, today, user_id)
        if tracker.running and self.store.entry(tracker.running_id) is None:
            running = await self.client.time_entry(tracker.running_id)  # e.g. left running on an older day
            with self.store.transaction():
                self.store.put_entry(entry_json(running))
        with self.store.transaction():
            return self._adopt_tracker(tracker)

    def _busy_ids(self) -> set[int]:
        """Entries with actions still waiting: local state wins until they are sent."""
        ids: set[int] = set()
        for item in self.store.outbox():
            entry_id = item.payload.get("entry_id")
            if isinstance(entry_id, int):  # a damaged item names no entry (see replay._checked)
                ids.update({entry_id, self.store.server_id(entry_id) or entry_id})
        return ids

    def _adopt_tracker(self, server: Any) -> list[str]:
        if any(i.kind in ("start", "stop", "create", "delete") for i in self.store.outbox("pending", "uncertain")):
            return []  # our own timer actions are on their way; mite will agree once they arrive
        local = self.store.tracker()
        local_id = self.store.server_id(local[0]) if local else None
        if server.running_id == local_id:
            # Same timer: keep ours. mite's stored minutes may already hold the minutes it ran
            # before mite heard of it (see _send "start"); taking them as base would count twice.
            return []
        if server.running:
            entry = self.store.entry(server.running_id) or {}
            self.store.set_tracker(server.running_id, server.since.isoformat(), entry.get("minutes", 0))
            title = entry_title(TimeEntry.from_json(entry)) if entry else translate("Journal", "an entry")
            return [translate("Journal", "A timer started elsewhere is running: {entry}.").format(entry=title)]
        self.store.set_tracker(None)
        return [translate("Journal", "The timer was stopped in mite (in the web app or on another device).")]


def last_entry(store: Store) -> TimeEntry | None:
    """The entry touched last among those the store holds (this week's)."""
    rows = store.entries_between("0000-00-00", "9999-99-99")
    latest = max(rows, key=lambda r: (r.get("updated_at") or "", r["id"]), default=None)
    return TimeEntry.from_json(latest) if latest else None


