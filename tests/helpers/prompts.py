"""Issue 15's waiting question in UI tests: a timer with minutes booked before, an away question for it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from app.core.actions import stored_entry
from app.core.prompt import Prompt, PromptKind


def run_timer_with(aio: Any, session: Any, minutes: int) -> int:
    """A timer on an entry that has `minutes` booked already (a continued entry counts on)."""
    entry_id = aio.run(session.add(minutes=minutes, project_id=None, service_id=None, note="API docs",
                                   day=None)).id
    return aio.run(session.resume(stored_entry(session.store, entry_id)))  # by the id it has now (sent?)


def away(session: Any, entry_id: int, minutes: int = 20, title: str = "API docs") -> Prompt:
    now = session.journal.clock()
    return Prompt(PromptKind.AWAY, title, since=now - timedelta(minutes=minutes), until=now, minutes=minutes,
                  entry_id=entry_id)


def locked_entry(aio: Any, session: Any, demo: Any, note: str) -> int:
    """An entry of 50 minutes, sent to mite and locked there since (its id now)."""
    entry = aio.run(session.add(minutes=50, project_id=None, service_id=None, note=note, day=None))
    aio.until(lambda: session.store.current_id(entry.id) in demo.mite.records["time_entries"])
    entry_id: int = session.store.current_id(entry.id)
    demo.mite.records["time_entries"][entry_id]["locked"] = True
    with session.store.transaction():  # as the next pull would bring it
        session.store.put_entry({**session.store.entry(entry_id), "locked": True})
    return entry_id
