"""Reading mite: its entries and its timer, adopted where nothing local waits to be sent.

Local state wins for every entry with an outbox item still waiting (`busy_ids`), and the
local timer wins while our own timer actions are on their way: mite will agree once they
arrive. Otherwise mite is the truth, and a timer started or stopped elsewhere (the web app,
another device) is adopted with a notice for the user.
"""

from __future__ import annotations

from datetime import date, timedelta

from app.api.client import MiteClient
from app.api.models import TimeEntry, TrackerState
from app.core.messages import entry_title
from app.core.outbox import WAITING, OutboxKind
from app.core.store import Store, Tracker
from app.core import undo
from app.core.sync import entry_json, sync_entries, together
from app.i18n import translate

# Actions that change which timer runs: while one waits, the local timer is the truth.
TIMER_KINDS = (OutboxKind.START, OutboxKind.STOP, OutboxKind.CREATE, OutboxKind.DELETE)
TRACKER_SEEN = "tracker_seen"  # meta: this store has compared its timer with mite's at least once


async def pull(store: Store, client: MiteClient, today: date, *, entries: bool = True,
               user_id: int | None = None) -> list[str]:
    """Adopt mite's state of this week where nothing local waits; returns notices for the user.

    The whole week, Sunday included: the week's timesheet shows entries booked ahead too."""
    monday = today - timedelta(days=today.weekday())
    if entries:  # the timer and the entries are asked together (issue 17); each answer is written as it comes
        tracker, _ = await together(client.tracker(), sync_entries(client, store, lambda: busy_ids(store), monday,
                                                                    monday + timedelta(days=6), user_id))
    else:
        tracker = await client.tracker()
    if tracker.running_id is not None and store.entry(tracker.running_id) is None:
        running = await client.time_entry(tracker.running_id)  # e.g. left running on an older day
        with store.transaction():
            store.put_entry(entry_json(running))
    with store.transaction():
        return adopt_tracker(store, tracker)


def busy_ids(store: Store) -> set[int]:
    """Entries with actions still waiting: local state wins until they are sent."""
    ids: set[int] = set()
    for item in store.outbox():
        entry_id = item.payload.get("entry_id")
        if isinstance(entry_id, int):  # a damaged item names no entry (see replay._checked)
            ids.update({entry_id, store.current_id(entry_id)})
    return ids


def adopt_tracker(store: Store, server: TrackerState) -> list[str]:
    """Take mite's timer as the local one unless ours is on its way; notices for the user. Call in a transaction."""
    if any(item.kind in TIMER_KINDS for item in store.outbox(*WAITING)):
        return []  # our own timer actions are on their way; mite will agree once they arrive
    # A store that never saw mite's timer (the demo's, new at each start; a first sign-in) learns what
    # runs: nothing changed "elsewhere", so it is taken silently (a language change made this an alarm).
    first_look = store.get_meta(TRACKER_SEEN) is None
    store.set_meta(TRACKER_SEEN, "1")
    local = store.tracker()
    local_id = store.server_id(local.entry_id) if local else None
    if server.running_id == local_id:
        # Same timer: keep ours. mite's stored minutes may already hold the minutes it ran
        # before mite heard of it (see Replay._send, start); taking them as base would count twice.
        return []
    undo.forget(store)  # the timer changed elsewhere: undoing our last stop or continue would fight it
    if server.running_id is not None and server.since is not None:
        entry = store.entry(server.running_id) or {}
        store.set_tracker(Tracker(server.running_id, server.since, entry.get("minutes", 0)))
        if first_look:
            return []
        title = entry_title(TimeEntry.from_json(entry)) if entry else translate("Journal", "an entry")
        return [translate("Journal", "A timer started elsewhere is running: {entry}.").format(entry=title)]
    store.set_tracker(None)
    if first_look:
        return []
    return [translate("Journal", "The timer was stopped in mite (in the web app or on another device).")]
