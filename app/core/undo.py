"""Undo for the last delete, stop or continue, for a few minutes after it.

The journal records, in the action's own transaction, what the action changed: the entries and the
timer as they were, and the outbox rows it added (`remember`). Any other action forgets it, so only
the last one can be undone, and only for UNDO_FOR seconds.

Undoing is one transaction too (`undo`):
- the action's rows are all still waiting, unsent: they are withdrawn and the local picture is put
  back as it was; mite never hears of the action;
- some were sent (or are being sent right now): the opposite is done, as new outbox rows after
  them. A deleted entry is created again with the same fields; a stop is undone by running the
  entry again from when it first started (the minutes since the stop count); a continue by
  stopping the entry with the minutes it had before, and running again what ran before it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from app.api.models import TimeEntry
from app.core.messages import ActionFailed, entry_title
from app.core.outbox import OutboxKind, OutboxState
from app.core.store import Store, Tracker
from app.i18n import translate

if TYPE_CHECKING:
    from app.core.journal import Journal

UNDO_FOR = 5 * 60.0  # seconds an action can be undone
_META = "undo"
DELETE, STOP, CONTINUE = "delete", "stop", "continue"


@dataclass
class Before:
    """The picture an action starts from: the entries it may touch, the timer, the last outbox row."""

    entries: dict[int, dict[str, Any] | None] = field(default_factory=dict)
    tracker: Tracker | None = None
    last_seq: int = 0


def capture(store: Store, *entry_ids: int | None) -> Before:
    """Call in the action's transaction, before it changes anything. The running entry is always kept."""
    tracker = store.tracker()
    ids = {i for i in (*entry_ids, tracker.entry_id if tracker else None) if i is not None}
    return Before({i: store.entry(i) for i in ids}, tracker, store.last_seq())


def remember(store: Store, kind: str, entry_id: int, before: Before, now: datetime) -> None:
    """The action just done (in its transaction) can be undone. `entry_id`: the entry deleted, stopped or continued."""
    shown = before.entries.get(entry_id) or store.entry(entry_id)
    tracker = before.tracker
    record = {"kind": kind, "entry_id": entry_id, "at": now.isoformat(),
              "title": entry_title(TimeEntry.from_json(shown)) if shown else "",
              "seqs": store.seqs_after(before.last_seq),
              "entries": [[i, e] for i, e in before.entries.items()],
              "tracker": [tracker.entry_id, tracker.since.isoformat(), tracker.base_minutes] if tracker else None}
    store.set_meta(_META, json.dumps(record))


def forget(store: Store) -> None:
    """Another action came after: the last one can no longer be undone (call in its transaction)."""
    store.set_meta(_META, None)


def undoable(store: Store, now: datetime) -> str:
    """What `undo` would undo, in words ("Deleted “API Docs · Writing”"), or "" when nothing can be."""
    record = _record(store, now)
    return _words(record) if record is not None else ""


def _words(record: dict[str, Any]) -> str:
    words = {DELETE: translate("Undo", "Deleted “{entry}”"), STOP: translate("Undo", "Stopped “{entry}”"),
             CONTINUE: translate("Undo", "Continued “{entry}”")}[record["kind"]]
    return words.format(entry=record["title"])


def undo(journal: Journal, *, withdraw: bool = True) -> str:
    """Undo the last action (see the module docstring); what was undone, in words. `withdraw`: False while
    the outbox is being sent (a row in flight cannot be taken back), so the opposite is done instead.
    Raises ActionFailed when there is nothing to undo."""
    store, now = journal.store, journal.clock()
    record = _record(store, now)
    if record is None:
        raise ActionFailed(translate("Undo", "There is nothing to undo (only the last delete, stop or continue, "
                                             "for five minutes)."))
    what = _words(record)
    with store.transaction():
        unsent = {item.seq for item in store.outbox(OutboxState.PENDING) if item.unsent}
        if withdraw and set(record["seqs"]) <= unsent:
            _withdraw(store, record)
        else:
            _opposite(journal, record, now)
        forget(store)
    return translate("Undo", "Undone: {what}.").format(what=what)


def _record(store: Store, now: datetime) -> dict[str, Any] | None:
    text = store.get_meta(_META)
    if not text:
        return None
    record: dict[str, Any] = json.loads(text)
    age = (now - datetime.fromisoformat(record["at"])).total_seconds()
    return record if 0 <= age <= UNDO_FOR and record.get("kind") in (DELETE, STOP, CONTINUE) else None


def _tracker(record: dict[str, Any], store: Store) -> Tracker | None:
    saved = record["tracker"]
    return Tracker(store.current_id(saved[0]), datetime.fromisoformat(saved[1]), saved[2]) if saved else None


def _withdraw(store: Store, record: dict[str, Any]) -> None:
    """Nothing of the action was sent: drop its rows, put back what it changed."""
    for seq in record["seqs"]:
        store.remove(seq)
    for entry_id, entry in record["entries"]:
        current = store.current_id(entry_id)
        if entry is None:
            store.delete_entry(current)
        else:
            store.put_entry({**entry, "id": current})
    store.set_tracker(_tracker(record, store))


def _opposite(journal: Journal, record: dict[str, Any], now: datetime) -> None:
    """The action (some of it) reached mite: do its opposite, sent after it. The journal's own local steps
    (each changes the store and adds its outbox row) make it."""
    store, before = journal.store, _tracker(record, journal.store)
    entries = {entry_id: entry for entry_id, entry in record["entries"]}
    entry_id = store.current_id(record["entry_id"])
    old = entries.get(record["entry_id"])
    if record["kind"] == DELETE and old is not None:
        journal._stop_locally(now)  # noqa: SLF001 - the journal's steps, in this transaction
        created = journal._create_locally(now, date.fromisoformat(old["date_at"]), old["minutes"],  # noqa: SLF001
                                          old["project_id"], old["service_id"], old["note"])
        if before is not None and before.entry_id == entry_id:  # it ran when deleted: it runs again
            journal._start_locally(created, before.since, before.base_minutes)  # noqa: SLF001
        return
    if record["kind"] == STOP:
        journal._stop_locally(now)  # noqa: SLF001 - a timer started elsewhere since; ours runs again
        if before is not None:
            journal._start_locally(before.entry_id, before.since, before.base_minutes)  # noqa: SLF001
        return
    # CONTINUE: stop the entry with the minutes it had, or remove it if the continue created it.
    running = store.tracker()
    if running is not None and running.entry_id == entry_id:
        store.set_tracker(None)
        if old is None:
            store.delete_entry(entry_id)
            store.enqueue(OutboxKind.DELETE, {"entry_id": entry_id, "force": False}, now.isoformat())
        else:
            store.put_entry({**old, "id": entry_id})
            store.enqueue(OutboxKind.STOP, {"entry_id": entry_id, "at": now.isoformat(), "minutes": old["minutes"]},
                          now.isoformat())
    else:
        journal._stop_locally(now)  # noqa: SLF001
    if before is not None:
        journal._start_locally(before.entry_id, before.since, before.base_minutes)  # noqa: SLF001
