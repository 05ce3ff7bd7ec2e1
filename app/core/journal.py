"""Offline-first actions: applied locally with their outbox row in one transaction, replayed later.

Nothing a user books is lost or booked twice:
- each action commits to the store (state the window shows + outbox row) before any request;
- the outbox is replayed in order; a create is marked `uncertain` before its POST, and an
  uncertain create is looked up on the server before it is ever sent again;
- start, stop, edit and delete are idempotent on the server, so they are simply resent;
- items mite refuses for good (locked, deleted, archived, forbidden), and items that can
  never be sent as stored, are kept as `failed` for the user to retry or discard, never dropped.
This module writes actions and reads the snapshot; sending is app/core/replay.py (a `Replay`
the Journal holds), reading mite is app/core/pull.py.
Minutes are computed locally from when the user pressed the button, so a timer stopped
offline books the right time once mite is reachable.
"""

from __future__ import annotations

import json

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any
from collections.abc import Callable

from app.api.client import MiteClient
from app.api.models import TimeEntry, Tracking
from app.core import answers, undo
from app.core.messages import ActionFailed, entry_title
from app.core.picture import WeekReader
from app.core.outbox import WAITING, OutboxItem, OutboxKind, OutboxState
from app.core.prompt import PROMPT, Prompt, load_queue
from app.core.pull import pull as pull_mite
from app.core.replay import ENTRY_FIELDS, Deferred, Replay, Unreachable
from app.core.store import UPDATED_AT, Store, Tracker
from app.core.text import checked_note, repaired_note
from app.core.tracking import Snapshot
from app.i18n import translate

__all__ = ["AlreadyRunning", "Deferred", "Journal", "Unreachable", "last_entry", "now_local"]  # Deferred, Unreachable: from replay


NEW_TIMER = "new_timer"  # meta: the running timer's entry was created by its start (the local id)


def now_local() -> datetime:
    return datetime.now().astimezone().replace(microsecond=0)


class Journal:
    """The user's actions on the local store, and the one door to sending (`replay`) and reading mite."""

    def __init__(self, store: Store, client: MiteClient, clock: Callable[[], datetime] = now_local,
                 grace: float | None = None):
        self.store = store
        self.replay = Replay(store, client, clock, grace)
        self.sending: Callable[[], bool] = lambda: False  # the outbox is being sent now (the Session's sync)
        self.undone = ""  # what the last undo did, in words
        self.stopped_brief = False  # the last stop removed a new entry stopped within its first minute
        self.week = WeekReader(store)  # this week as the snapshot shows it, read for what changed
        self._shown: _Shown | None = None

    # The replay holds the client, the clock and the grace period; the journal's are the same
    # ones (signing in again swaps the client, tests move the clock).
    @property
    def client(self) -> MiteClient:
        return self.replay.client

    @client.setter
    def client(self, client: MiteClient) -> None:
        self.replay.client = client

    @property
    def clock(self) -> Callable[[], datetime]:
        return self.replay.clock

    @clock.setter
    def clock(self, clock: Callable[[], datetime]) -> None:
        self.replay.clock = clock

    @property
    def grace(self) -> float:
        return self.replay.grace

    @grace.setter
    def grace(self, seconds: float) -> None:
        self.replay.grace = seconds

    # -- what the window shows ---------------------------------------------------

    def snapshot(self) -> Snapshot:
        """The timer and this week as stored now. Costs what changed since the last one (core.picture): an idle
        poll reads two rows and the store's revision, an action decodes the entries it wrote."""
        now = self.clock()
        today = now.date()
        running = self._running(now)
        picture = self.week.read(today, running.id if running else None)
        known = self._shown
        if known is not None and known.today_stored is picture.today and known.snapshot.running == running:
            return replace(known.snapshot, fetched_at=now)  # the same lists: State compares them at no cost
        todays = [running if running and e.id == running.id else e for e in picture.today]
        snapshot = Snapshot(running=running, today=todays, week_before_today=picture.other_minutes, fetched_at=now,
                            week_from=(today - timedelta(days=today.weekday())).isoformat(),
                            before_mark=picture.before_mark, read_earlier=lambda: self.week.earlier(today),
                            read_last_before=lambda: self.week.last_before(today))
        self._shown = _Shown(picture.today, snapshot)
        return snapshot

    def _running(self, now: datetime) -> TimeEntry | None:
        """The running entry as the timer has it at `now`, or None: two reads, not the week's entries."""
        tracker = self.store.tracker()
        stored = self.store.entry(tracker.entry_id) if tracker else None
        if tracker is None or stored is None:
            return None
        return replace(TimeEntry.from_json(stored), minutes=tracker.base_minutes,
                       tracking=Tracking(since=tracker.since, minutes=tracker.minutes_at(now)))

    def pending(self) -> list[OutboxItem]:
        return self.store.outbox(*WAITING)

    def failed(self) -> list[OutboxItem]:
        return self.store.outbox(OutboxState.FAILED)

    # -- actions: local first ------------------------------------------------------

    def start_new(self, *, project_id: int | None, service_id: int | None, note: str) -> int:
        note = checked_note(note)
        running = self._running(self.clock())
        if running and (running.project_id, running.service_id, running.note) == (project_id, service_id, note):
            # Ctrl+Enter on what already runs: a second, duplicate entry would start (issue 14).
            raise AlreadyRunning(translate("Journal", "“{entry}” is already running.").format(entry=entry_title(running)))
        with self.store.transaction():
            undo.forget(self.store)
            return self._start_new(project_id, service_id, note)

    def _start_new(self, project_id: int | None, service_id: int | None, note: str) -> int:
        now = self.clock()
        with self.store.transaction():
            self._stop_locally(now)
            entry_id = self._create_locally(now, now.date(), 0, project_id, service_id, note)
            self._start_locally(entry_id, now, 0)
            self.store.set_meta(NEW_TIMER, str(entry_id))  # a stop within its first minute removes it
        return entry_id

    def resume(self, entry_id: int) -> int:
        entry_id = self.store.current_id(entry_id)  # shown by its local id, and created in mite since
        entry = self._entry(entry_id)
        if entry["locked"]:
            raise ActionFailed(translate("Journal", "This entry is locked in mite; an admin must unlock it before it can continue."))
        now = self.clock()
        with self.store.transaction():
            tracker = self.store.tracker()
            if tracker and tracker.entry_id == entry_id:
                return entry_id
            before = undo.capture(self.store, entry_id)
            if entry["date_at"] != now.date().isoformat():  # continuing an older entry books today
                entry_id = self._start_new(entry["project_id"], entry["service_id"], repaired_note(entry["note"]))
            else:
                self._stop_locally(now)
                self._start_locally(entry_id, now, self._entry(entry_id)["minutes"])
            undo.remember(self.store, undo.CONTINUE, entry_id, before, now)
        return entry_id

    def stop(self, at: datetime | None = None) -> int | None:
        """Stop the running timer now, or `at` (a moment already past: the clock jumped since);
        the entry id, or None when nothing ran."""
        now = at or self.clock()
        with self.store.transaction():
            before = undo.capture(self.store)
            entry_id = self._stop_locally(now)
            self.stopped_brief = entry_id is not None and self.store.entry(entry_id) is None
            # A stop at a moment past (the clock jumped, Session._timer_across_gap) is not the user's: undoing
            # it would book the time away.
            if entry_id is not None and not self.stopped_brief and at is None:
                undo.remember(self.store, undo.STOP, entry_id, before, now)
            else:  # nothing ran, or a new entry stopped within its first minute was removed: nothing to undo
                undo.forget(self.store)
            return entry_id

    def add(self, *, minutes: int, project_id: int | None, service_id: int | None, note: str,
            day: date | None = None) -> int:
        now, note = self.clock(), checked_note(note)
        with self.store.transaction():
            undo.forget(self.store)
            return self._create_locally(now, day or now.date(), minutes, project_id, service_id, note)

    def edit(self, entry_id: int, *, force: bool = False, **fields: Any) -> None:
        entry_id = self.store.current_id(entry_id)  # shown by its local id, and created in mite since
        entry = self._entry(entry_id)
        if entry["locked"] and not force:
            raise ActionFailed(translate("Journal", "This entry is locked in mite and cannot be changed."))
        tracker = self.store.tracker()
        if tracker and tracker.entry_id == entry_id and "minutes" in fields:
            raise ActionFailed(translate("Journal", "Stop the timer before changing the duration of its entry."))
        changes = {k: checked_note(v) if k == "note" else v for k, v in fields.items() if k in ENTRY_FIELDS}
        if force:
            changes["locked"] = False  # the documented admin unlock: force + locked false
        with self.store.transaction():
            undo.forget(self.store)
            updated = {**entry, **changes, **self._names(changes.get("project_id", entry["project_id"]),
                                                         changes.get("service_id", entry["service_id"]))}
            self.store.put_entry(updated)
            self.store.enqueue(OutboxKind.UPDATE, {"entry_id": entry_id, "fields": changes, "force": force},
                               self.clock().isoformat())

    def delete(self, entry_id: int, *, force: bool = False) -> None:
        entry_id = self.store.current_id(entry_id)  # shown by its local id, and created in mite since
        entry = self._entry(entry_id)
        if entry["locked"] and not force:
            raise ActionFailed(translate("Journal", "This entry is locked in mite and cannot be deleted."))
        with self.store.transaction():
            before = undo.capture(self.store, entry_id)
            tracker = self.store.tracker()
            if tracker and tracker.entry_id == entry_id:
                self.store.set_tracker(None)  # mite drops the timer with its entry
            self.store.delete_entry(entry_id)
            self.store.enqueue(OutboxKind.DELETE, {"entry_id": entry_id, "force": force}, self.clock().isoformat())
            undo.remember(self.store, undo.DELETE, entry_id, before, self.clock())

    def undo(self, *, withdraw: bool = True) -> str:
        """Undo the last delete, stop or continue (app/core/undo.py); what was undone, in words."""
        self.undone = undo.undo(self, withdraw=withdraw and not self.sending())
        return self.undone

    def undoable(self) -> str:
        """What `undo` would undo, in words, or ""."""
        return undo.undoable(self.store, self.clock())

    def prompt(self) -> Prompt | None:
        """The first question waiting for the user (core.prompt), naming its entry by the id it has now."""
        queue = load_queue(self.store.get_meta(PROMPT))
        prompt = queue[0] if queue else None
        if prompt is not None and prompt.entry_id is not None:
            prompt = replace(prompt, entry_id=self.store.current_id(prompt.entry_id))
        return prompt

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
        self.store.enqueue(OutboxKind.CREATE, {"entry_id": local_id, "attrs": attrs}, now.isoformat())
        return local_id

    def _start_locally(self, entry_id: int, now: datetime, base: int) -> None:
        self.store.set_meta(NEW_TIMER, None)
        answers.timer_started(self.store)
        self.store.set_tracker(Tracker(entry_id, now, base))
        self.store.enqueue(OutboxKind.START, {"entry_id": entry_id, "at": now.isoformat(), "base": base}, now.isoformat())

    def _stop_locally(self, now: datetime, minutes: int | None = None) -> int | None:
        """Stop the timer at `now`, booking the minutes it counted then (or `minutes`: core.answers)."""
        tracker = self.store.tracker()
        if not tracker:
            return None
        entry_id, booked = tracker.entry_id, minutes
        minutes = tracker.minutes_at(now) if booked is None else booked
        entry = self.store.entry(entry_id)
        if booked is None and entry and self._new_and_brief(entry_id, tracker, now):
            self._remove_new(entry_id, now)  # a 0:00 entry nobody meant to book (issue 14)
            return entry_id
        if entry:
            self.store.put_entry({**entry, "minutes": minutes})
        self.store.set_tracker(None)
        self.store.enqueue(OutboxKind.STOP, {"entry_id": entry_id, "at": now.isoformat(), "minutes": minutes},
                           now.isoformat())
        return entry_id

    def _new_and_brief(self, entry_id: int, tracker: Tracker, now: datetime) -> bool:
        """The timer ran under a minute on the entry its start created (not a continue): nothing to book."""
        started = self.store.get_meta(NEW_TIMER)
        if not started or (now - tracker.since).total_seconds() >= 60:
            return False
        return entry_id in (int(started), self.store.server_id(int(started)))

    def _remove_new(self, entry_id: int, now: datetime) -> None:
        """A new entry stopped within its first minute: gone. Unsent, its rows are withdrawn and mite never
        hears of it; sent, it is deleted in mite (which drops its timer with it)."""
        self.store.set_tracker(None)
        self.store.delete_entry(entry_id)
        rows = [item for item in self.store.outbox() if item.payload.get("entry_id") == entry_id]
        if rows and all(item.unsent for item in rows) \
                and any(item.kind == OutboxKind.CREATE for item in rows):
            for item in rows:
                self.store.remove(item.seq)
        else:
            self.store.enqueue(OutboxKind.DELETE, {"entry_id": entry_id, "force": False}, now.isoformat())

    # -- sending and reading: the replay and the pull ---------------------------------

    async def flush(self) -> list[str]:
        """Send what waits (see Replay.flush); messages about items refused for good."""
        return await self.replay.flush()

    def retry(self, seq: int) -> None:
        self.replay.retry(seq)

    def discard(self, seq: int) -> None:
        self.replay.discard(seq)

    async def pull(self, *, entries: bool = True, user_id: int | None = None) -> list[str]:
        """Adopt mite's state where nothing local waits (see app/core/pull.py); notices for the user."""
        return await pull_mite(self.store, self.client, self.clock().date(), entries=entries, user_id=user_id)


@dataclass(frozen=True)
class _Shown:
    today_stored: list[TimeEntry]  # the picture's list the snapshot was made of (core.picture)
    snapshot: Snapshot


class AlreadyRunning(ActionFailed):
    """A start of exactly what runs: nothing is done, and the message says so."""


def last_entry(store: Store, today: date) -> TimeEntry | None:
    """The entry Continue continues: of the newest day up to today that has entries, the one changed last
    (the tray names the same: core.tray_look.latest). Not simply the one changed last of all: the store
    holds nine weeks, and fixing a note two weeks back made that entry the one a click continued. One
    row read, not the whole store."""
    row = store.db.execute(  # the ORDER BY is the index entries_latest's, so SQLite reads one row of it
        f"SELECT json FROM entries WHERE date_at <= ? ORDER BY date_at DESC, {UPDATED_AT} DESC, id DESC LIMIT 1",
        (today.isoformat(),)).fetchone()
    return TimeEntry.from_json(json.loads(row[0])) if row else None
