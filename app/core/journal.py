"""Offline-first actions: applied locally with their outbox row in one transaction, replayed later.

Nothing a user books is lost or booked twice:
- each action commits to the store (state the window shows + outbox row) before any request;
- the outbox is replayed in order; a create is marked `uncertain` before its POST, and an
  uncertain create is looked up on the server before it is ever sent again;
- start, stop, edit and delete are idempotent on the server, so they are simply resent;
- items mite refuses for good (locked, deleted, archived, forbidden) are kept as `failed`
  for the user to retry or discard, never dropped.
Minutes are computed locally from when the user pressed the button, so a timer stopped
offline books the right time once mite is reachable.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any, Callable

from app.api import errors
from app.api.client import MiteClient
from app.api.models import TimeEntry, Tracking
from app.core.messages import ActionFailed, describe, entry_title
from app.core.store import OutboxItem, Store
from app.core.sync import entry_json, sync_entries
from app.core.text import checked_note, repaired_note
from app.core.tracking import Snapshot
from app.i18n import translate

log = logging.getLogger(__name__)
ENTRY_FIELDS = ("date_at", "minutes", "note", "project_id", "service_id")
RECONCILE_WINDOW = timedelta(days=1)  # how far back an uncertain create is looked for


def now_local() -> datetime:
    return datetime.now().astimezone().replace(microsecond=0)


def _precise_now() -> datetime:
    return datetime.now().astimezone()  # real time, to the microsecond: grace periods are short in tests


class Deferred(Exception):
    """Replay paused: an uncertain create waits until its first request surely finished."""

    def __init__(self, seconds: float):
        super().__init__(f"waiting {seconds:.0f} s before checking an uncertain entry")
        self.seconds = seconds


class Unreachable(Exception):
    """Replay stopped: mite could not be reached or asked to wait (`retry_after` seconds)."""

    def __init__(self, cause: errors.ApiError):
        super().__init__(str(cause))
        self.cause = cause
        self.retry_after = getattr(cause, "retry_after", None)


class Journal:
    def __init__(self, store: Store, client: MiteClient, clock: Callable[[], datetime] = now_local,
                 grace: float | None = None):
        self.store, self.client, self.clock = store, client, clock
        # How long a sent create may still be running on the server: looking for it earlier
        # could miss it and book it twice (found by tests/faults/test_kill9.py).
        self.grace = client.read_timeout * 2 + 5 if grace is None else grace

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

    def stop(self) -> int | None:
        """Stop the running timer now; the entry id, or None when nothing ran."""
        with self.store.transaction():
            return self._stop_locally(self.clock())

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

    # -- replay --------------------------------------------------------------------

    async def flush(self) -> list[str]:
        """Send what waits, in order. Returns messages about items mite refused for good.

        Raises Unreachable (stop and retry later) or AuthError (the key no longer works).
        """
        refused: list[str] = []
        for item in self.store.outbox("pending", "uncertain"):
            try:
                await self._send(item)
            except (errors.NetworkError, errors.ServerError, errors.RateLimitedError,
                    errors.InvalidResponse) as exc:
                raise Unreachable(exc) from exc
            except errors.AuthError:
                raise
            except (errors.StatusError, _Refused) as exc:
                message = exc.message if isinstance(exc, _Refused) else describe(exc, doing=_doing(item.kind))
                with self.store.transaction():
                    self.store.set_state(item.seq, "failed", message)
                    tracker = self.store.tracker()
                    if item.kind == "start" and tracker and tracker[0] == item.payload["entry_id"]:
                        self.store.set_tracker(None)  # mite will not run it: do not pretend it runs
                refused.append(message)
            else:
                with self.store.transaction():
                    self.store.remove(item.seq)
        return refused

    def _resolve(self, entry_id: int) -> int:
        server_id = self.store.server_id(entry_id)
        if server_id is None:
            raise _Refused(translate("Journal", "It belongs to an entry that could not be created in mite."))
        return server_id

    async def _send(self, item: OutboxItem) -> None:
        payload = item.payload
        if item.kind == "create":
            await self._send_create(item)
        elif item.kind == "start":
            if self._stopped_later(item):
                return  # started and stopped offline: the stop books the minutes, no need to run
            server_id = self._resolve(payload["entry_id"])
            await self.client.start_tracker(server_id)
            late = int((self.clock() - datetime.fromisoformat(payload["at"])).total_seconds() // 60)
            if late >= 1:  # mite counts from now; add the minutes the timer ran before mite heard of it
                await self.client.update_time_entry(server_id, minutes=payload["base"] + late)
        elif item.kind == "stop":
            server_id = self._resolve(payload["entry_id"])
            await self.client.stop_tracker(server_id)
            await self.client.update_time_entry(server_id, minutes=payload["minutes"])
        elif item.kind == "update":
            await self.client.update_time_entry(self._resolve(payload["entry_id"]), force=payload["force"],
                                                **payload["fields"])
        elif item.kind == "delete":
            try:
                await self.client.delete_time_entry(self._resolve(payload["entry_id"]), force=payload["force"])
            except errors.NotFoundError:
                pass  # already gone (deleted elsewhere, or our earlier try went through)

    def _stopped_later(self, item: OutboxItem) -> bool:
        return any(later.kind == "stop" and later.payload["entry_id"] == item.payload["entry_id"]
                   for later in self.store.outbox("pending") if later.seq > item.seq)

    async def _send_create(self, item: OutboxItem) -> None:
        local_id, attrs = item.payload["entry_id"], item.payload["attrs"]
        created = None
        if item.state == "uncertain":
            waited = (_precise_now() - datetime.fromisoformat(item.sent_at)).total_seconds() if item.sent_at else 1e9
            if waited < self.grace:
                raise Deferred(self.grace - waited)
            created = await self._find_created(item)
        if created is None:
            with self.store.transaction():  # from here on, a retry looks first
                # What we knew of that day before sending: a later pull may bring the entry
                # this POST creates, and it must still count as ours.
                known = sorted({e["id"] for e in self.store.entries_between(attrs["date_at"], attrs["date_at"])
                                if e["id"] > 0})
                self.store.mark_sent(item.seq, _precise_now().isoformat(), {**item.payload, "known": known})
            try:
                created = await self.client.create_time_entry(**attrs)
            except (errors.StatusError, errors.NotSent) as exc:
                # a clear refusal, or no connection at all: mite did not create anything
                if isinstance(exc, errors.NotSent) or exc.status < 500:
                    with self.store.transaction():
                        self.store.set_state(item.seq, "pending")
                raise
        with self.store.transaction():
            self.store.map_id(local_id, created.id)
            local = self.store.entry(local_id)
            if local is not None:  # the local row becomes the server's, keeping local edits
                self.store.delete_entry(local_id)
                self.store.put_entry({**entry_json(created), **{k: local[k] for k in ENTRY_FIELDS},
                                      "id": created.id})
            tracker = self.store.tracker()
            if tracker and tracker[0] == local_id:
                self.store.set_tracker(created.id, tracker[1], tracker[2])

    async def _find_created(self, item: OutboxItem) -> TimeEntry | None:
        """An uncertain POST: did mite create the entry? Never create it twice.

        Candidates are entries with the same attributes that the store did not know
        when the POST was sent (recorded with it) and that no other local entry maps
        to. Clock skew does not matter; the one-day limit only keeps far older
        look-alikes out for dates the store does not cover.
        """
        attrs = item.payload["attrs"]
        known = self.store.mapped_server_ids() | set(item.payload.get("known", []))
        oldest = datetime.fromisoformat(item.created_at) - RECONCILE_WINDOW
        for entry in sorted(await self.client.time_entries(user_id="current", at=attrs["date_at"]),
                            key=lambda e: e.id):
            if entry.id in known or (entry.created_at and datetime.fromisoformat(entry.created_at) < oldest):
                continue
            if (entry.note, entry.project_id, entry.service_id, entry.minutes) == (
                    attrs["note"], attrs["project_id"], attrs["service_id"], attrs["minutes"]):
                log.info("Uncertain create %s found on the server as %s", item.seq, entry.id)
                return entry
        return None

    def retry(self, seq: int) -> None:
        with self.store.transaction():
            self.store.set_state(seq, "pending")

    def discard(self, seq: int) -> None:
        """Give up a failed action; a local-only entry it created goes too."""
        with self.store.transaction():
            for item in self.store.outbox("failed"):
                if item.seq == seq and item.kind == "create" and self.store.server_id(item.payload["entry_id"]) is None:
                    self.store.delete_entry(item.payload["entry_id"])
                    tracker = self.store.tracker()
                    if tracker and tracker[0] == item.payload["entry_id"]:
                        self.store.set_tracker(None)
            self.store.remove(seq)

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
            entry_id = item.payload["entry_id"]
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


class _Refused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _doing(kind: str) -> str:
    return {"create": translate("Journal", "book the entry"), "start": translate("Journal", "start the timer"), "stop": translate("Journal", "stop the timer"),
            "update": translate("Journal", "change the entry"), "delete": translate("Journal", "delete the entry")}[kind]


def last_entry(store: Store) -> TimeEntry | None:
    """The entry touched last among those the store holds (this week's)."""
    rows = store.entries_between("0000-00-00", "9999-99-99")
    latest = max(rows, key=lambda r: (r.get("updated_at") or "", r["id"]), default=None)
    return TimeEntry.from_json(latest) if latest else None


