"""Replaying the outbox to mite, in order, so nothing is lost, booked twice, or blocks the rest.

The Journal (app/core/journal.py) writes actions locally with their outbox rows and holds a
`Replay`, which sends them. An item ends in one of three ways:
- sent: removed from the outbox;
- mite could not be reached (network, 5xx, 429, an unreadable answer): replay stops, the
  sync retries later (`Unreachable`);
- refused for good, kept as `failed` for the user to retry or discard: by mite (locked,
  deleted, forbidden), or because it can never be sent as it is (a "poison" item: a note
  that cannot be encoded, a payload an older version wrote without a field). Poison items
  are set aside so that the items behind them go on; see `_poison_reason` for when.
Store errors (a full disk) are never held against an item: they stop the replay and the
sync shows them and tries again.
"""

from __future__ import annotations

import logging
import sqlite3
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any
from collections.abc import Callable, Iterator

from app.api import errors
from app.api.client import MiteClient
from app.api.models import TimeEntry
from app.core.messages import describe
from app.core.outbox import WAITING, OutboxItem, OutboxKind, OutboxState
from app.core.store import Store, StoreWriteError
from app.core.sync import entry_json
from app.core.tracking import elapsed_minutes
from app.errors import AppError
from app.i18n import translate

log = logging.getLogger(__name__)
ENTRY_FIELDS = ("date_at", "minutes", "note", "project_id", "service_id")
RECONCILE_WINDOW = timedelta(days=1)  # how far back an uncertain create is looked for
POISON_ATTEMPTS = 3  # unexpected errors in a row on one item before it is set aside
REQUIRED = {OutboxKind.CREATE: ("entry_id", "attrs"), OutboxKind.START: ("entry_id", "at", "base"),
            OutboxKind.STOP: ("entry_id", "minutes"), OutboxKind.UPDATE: ("entry_id", "fields", "force"),
            OutboxKind.DELETE: ("entry_id", "force")}
MAPPINGS = ("attrs", "fields")  # payload fields that must be JSON objects


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


class _Refused(AppError):
    """An item that can never be sent (it names an entry mite never created)."""


class _StoreTrouble(Exception):
    """A store write about an item failed (a full disk): the store's trouble, not the item's."""

    def __init__(self, error: Exception):
        super().__init__(str(error))
        self.error = error


class Replay:
    """The sending half of the Journal. `grace`: how long a sent create may still be running on
    the server; looking for it earlier could miss it and book it twice (found by
    tests/faults/test_kill9.py)."""

    def __init__(self, store: Store, client: MiteClient, clock: Callable[[], datetime],
                 grace: float | None = None):
        self.store, self.client, self.clock = store, client, clock
        self.grace = (client.read_timeout or 0) * 2 + 5 if grace is None else grace
        self._strikes: dict[int, int] = {}  # seq -> unexpected errors in a row (in memory: see _poison_reason)

    async def flush(self) -> list[str]:
        """Send what waits, in order. Returns messages about items refused for good.

        Raises Unreachable (stop and retry later), AuthError (the key no longer works),
        Deferred, or the store's error when it could not record an outcome.
        """
        refused: list[str] = []
        for item in self.store.outbox(*WAITING):
            try:
                message = await self._replay(item)
            except _StoreTrouble as exc:
                raise exc.error from None
            if message:
                refused.append(message)
        return refused

    async def _replay(self, item: OutboxItem) -> str | None:
        """Send one item; a message when it was set aside."""
        try:
            await self._send(item)
        except (errors.NetworkError, errors.ServerError, errors.RateLimitedError,
                errors.InvalidResponse) as exc:
            raise Unreachable(exc) from exc
        except (errors.AuthError, Deferred, _StoreTrouble, StoreWriteError, sqlite3.Error, OSError):
            raise  # the key, the clock or the store: nothing wrong with the item
        except (errors.StatusError, _Refused) as exc:
            message = exc.message if isinstance(exc, _Refused) else describe(exc, doing=_doing(item.kind))
        except Exception as exc:
            reason = self._poison_reason(item, exc)
            if reason is None:
                raise  # maybe passing: the sync backs off and tries this item again
            message = reason
            log.exception("Outbox item %s (%s) set aside", item.seq, item.kind)
        else:
            self._strikes.pop(item.seq, None)
            with self._recording():
                self.store.remove(item.seq)
            return None
        self._set_aside(item, message)
        return message

    def _poison_reason(self, item: OutboxItem, exc: Exception) -> str | None:
        """Why an item that raised `exc` is set aside now, or None to try it again later.

        Encoding errors and malformed payloads (a missing field, a wrong type, an unknown
        kind) are deterministic: the same stored bytes fail the same way on every try and
        after every restart, so waiting only blocks everything queued behind them. They go
        at once. Anything else unexpected may be passing (a library hiccup, a race), so the
        item is tried again with the sync's backoff and set aside after POISON_ATTEMPTS
        failures in a row. Those are counted in memory, not in the outbox's `attempts`:
        counting must not need a write to a store that may be what is failing, and a
        restart deserves a fresh try.
        """
        doing = _doing(item.kind)
        if isinstance(exc, UnicodeError):
            return translate("Journal", "Could not {doing}: its text holds a character that cannot be sent "
                                        "(saved by an older version?). Discard it and enter it again.").format(doing=doing)
        if isinstance(exc, (KeyError, TypeError, ValueError, AttributeError)):
            return translate("Journal", "Could not {doing}: the saved action is damaged ({error}). Discard it "
                                        "and enter it again.").format(doing=doing, error=type(exc).__name__)
        self._strikes[item.seq] = strikes = self._strikes.get(item.seq, 0) + 1
        if strikes < POISON_ATTEMPTS:
            return None
        del self._strikes[item.seq]
        return translate("Journal", "Could not {doing}: it failed {count} times in a row ({error}). Retry it, "
                                    "or discard it.").format(doing=doing, count=strikes, error=type(exc).__name__)

    def _set_aside(self, item: OutboxItem, message: str) -> None:
        """Keep the item as failed (the user's Retry or Discard); a create that may have reached
        mite stays marked as sent (`sent_at`), so Retry looks for it before sending again."""
        self._strikes.pop(item.seq, None)
        with self._recording():
            self.store.set_state(item.seq, OutboxState.FAILED, message)
            tracker = self.store.tracker()
            if item.kind == OutboxKind.START and tracker and tracker.entry_id == item.payload.get("entry_id"):
                self.store.set_tracker(None)  # mite will not run it: do not pretend it runs

    @contextmanager
    def _recording(self) -> Iterator[None]:
        """A transaction that records an outcome; if it fails, the store is in trouble, not the item."""
        try:
            with self.store.transaction():
                yield
        except Exception as exc:
            raise _StoreTrouble(exc) from exc

    def _resolve(self, entry_id: int) -> int:
        server_id = self.store.server_id(entry_id)
        if server_id is None:
            raise _Refused(translate("Journal", "It belongs to an entry that could not be created in mite."))
        return server_id

    def _mite_has(self, server_id: int, minutes: int) -> None:
        """The stored entry holds the minutes mite now has for it, as the next pull would store them
        (core.budget_watch counts the running timer on top of them; the timer's base stays its own)."""
        with self.store.transaction():
            stored, tracker = self.store.entry(server_id), self.store.tracker()
            if stored is not None and tracker is not None and self.store.current_id(tracker.entry_id) == server_id:
                self.store.put_entry({**stored, "minutes": minutes})  # still running: a stop's minutes are final

    async def _send(self, item: OutboxItem) -> None:
        payload = _checked(item)
        if item.kind == OutboxKind.CREATE:
            await self._send_create(item)
        elif item.kind == OutboxKind.START:
            if self._stopped_later(item):
                return  # started and stopped offline: the stop books the minutes, no need to run
            server_id = self._resolve(payload["entry_id"])
            await self.client.start_tracker(server_id)
            late = elapsed_minutes(datetime.fromisoformat(payload["at"]), self.clock())
            if late >= 1:  # mite counts from now; add the minutes the timer ran before mite heard of it
                await self.client.update_time_entry(server_id, minutes=payload["base"] + late)
                self._mite_has(server_id, payload["base"] + late)
        elif item.kind == OutboxKind.STOP:
            server_id = self._resolve(payload["entry_id"])
            await self.client.stop_tracker(server_id)
            await self.client.update_time_entry(server_id, minutes=payload["minutes"])
        elif item.kind == OutboxKind.UPDATE:
            await self.client.update_time_entry(self._resolve(payload["entry_id"]), force=payload["force"],
                                                **payload["fields"])
        elif item.kind == OutboxKind.DELETE:
            try:
                await self.client.delete_time_entry(self._resolve(payload["entry_id"]), force=payload["force"])
            except errors.NotFoundError:
                pass  # already gone (deleted elsewhere, or our earlier try went through)

    def _stopped_later(self, item: OutboxItem) -> bool:
        return any(later.kind == OutboxKind.STOP and later.payload.get("entry_id") == item.payload["entry_id"]
                   for later in self.store.outbox(OutboxState.PENDING) if later.seq > item.seq)

    async def _send_create(self, item: OutboxItem) -> None:
        local_id, attrs = item.payload["entry_id"], item.payload["attrs"]
        if self.store.server_id(local_id) is not None:
            return  # created and mapped; only removing the item failed (a full disk): never send it twice
        created = None
        if item.state == OutboxState.UNCERTAIN:
            waited = (_precise_now() - datetime.fromisoformat(item.sent_at)).total_seconds() if item.sent_at else 1e9
            if waited < self.grace:
                raise Deferred(self.grace - waited)
            created = await self._find_created(item)
        if created is None:
            # What we knew of that day before sending: a later pull may bring the entry
            # this POST creates, and it must still count as ours.
            known = sorted({e["id"] for e in self.store.entries_between(attrs["date_at"], attrs["date_at"])
                            if e["id"] > 0})
            with self._recording():  # from here on, a retry looks first
                self.store.mark_sent(item.seq, _precise_now().isoformat(), {**item.payload, "known": known})
            try:
                created = await self.client.create_time_entry(**attrs)
            except (errors.StatusError, errors.NotSent) as exc:
                # a clear refusal, or no connection at all: mite did not create anything
                if isinstance(exc, errors.NotSent) or exc.status < 500:
                    with self._recording():
                        self.store.set_state(item.seq, OutboxState.PENDING)
                raise
        local = self.store.entry(local_id)
        # the local row becomes the server's, keeping local edits (built first: a damaged
        # local row is the item's fault, a failing write the store's)
        adopted = {**entry_json(created), **{k: local[k] for k in ENTRY_FIELDS}, "id": created.id} if local else None
        with self._recording():
            self.store.map_id(local_id, created.id)
            if adopted is not None:
                self.store.delete_entry(local_id)
                self.store.put_entry(adopted)
            tracker = self.store.tracker()
            if tracker and tracker.entry_id == local_id:
                self.store.set_tracker(replace(tracker, entry_id=created.id))

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
        """Send a failed item again; a create that may have reached mite is looked up first."""
        with self.store.transaction():
            for item in self.store.outbox(OutboxState.FAILED):
                if item.seq == seq:
                    maybe_sent = item.kind == OutboxKind.CREATE and bool(item.sent_at)
                    self.store.set_state(seq, OutboxState.UNCERTAIN if maybe_sent else OutboxState.PENDING)

    def discard(self, seq: int) -> None:
        """Give up a failed action; a local-only entry it created goes too."""
        with self.store.transaction():
            for item in self.store.outbox(OutboxState.FAILED):
                entry_id = item.payload.get("entry_id")
                if item.seq == seq and item.kind == OutboxKind.CREATE and isinstance(entry_id, int) \
                        and self.store.server_id(entry_id) is None:
                    self.store.delete_entry(entry_id)
                    tracker = self.store.tracker()
                    if tracker and tracker.entry_id == entry_id:
                        self.store.set_tracker(None)
            self.store.remove(seq)


def _checked(item: OutboxItem) -> dict[str, Any]:
    """The payload, with every field its kind needs; raises ValueError (a damaged item) before anything is sent."""
    if not isinstance(item.kind, OutboxKind):
        raise ValueError(f"unknown outbox item kind {item.kind!r}")
    payload = item.payload
    missing = [name for name in REQUIRED[item.kind] if name not in payload]
    if missing or not isinstance(payload["entry_id"], int) or any(
            not isinstance(payload[name], dict) for name in MAPPINGS if name in payload):
        raise ValueError(f"outbox item {item.seq} ({item.kind}) is missing or has wrong fields")
    return payload


def _doing(kind: str) -> str:
    doing: dict[str, str] = {OutboxKind.CREATE: translate("Journal", "book the entry"),
            OutboxKind.START: translate("Journal", "start the timer"),
            OutboxKind.STOP: translate("Journal", "stop the timer"),
            OutboxKind.UPDATE: translate("Journal", "change the entry"),
            OutboxKind.DELETE: translate("Journal", "delete the entry")}
    return doing.get(kind, translate("Journal", "send a change"))
