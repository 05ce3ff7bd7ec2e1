"""The one picture of an account that the tray, the window and `mite-tray status` show.

`Session` builds a new `State` when something it holds may have changed (an action, a sync
round, Retry or Discard) and emits `changed(State)` only when the new one differs from the
last. Readers never ask the store themselves: what changes with the clock alone (the running
timer's minutes) is worked out from the State they hold and `now`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from collections.abc import Sequence
from typing import Protocol

from app.api.models import User
from app.core.outbox import OutboxItem, OutboxState
from app.core.prompt import Answer, Prompt
from app.core.tracking import Snapshot


class Health(Enum):
    UNKNOWN = "unknown"  # no sync round has finished yet
    ONLINE = "online"
    OFFLINE = "offline"  # mite cannot be reached
    ERROR = "error"      # mite answered, but with a problem the user must see


@dataclass(frozen=True)
class Refused:
    """An outbox item mite did not apply, kept for the user to retry or discard."""

    seq: int
    kind: str    # what it was: create, start, stop, update, delete
    reason: str  # mite's answer, in words


@dataclass(frozen=True)
class State:
    snapshot: Snapshot = field(default_factory=Snapshot)
    health: Health = Health.UNKNOWN
    problem: str = ""           # why the last sync failed, in words ("" when it worked)
    key_rejected: bool = False  # mite refused the key (revoked?): the user must sign in again
    waiting: int = 0            # saved here, not yet confirmed by mite
    checking: int = 0           # of those: sent, the answer lost; looked up in mite, never sent twice
    refused: tuple[Refused, ...] = ()
    user: User | None = None
    undo: str = ""              # what Undo would undo ("Deleted “API Docs”"), "" when nothing can be (core.undo)
    prompt: Prompt | None = None  # the question waiting for the user (away time, a forgotten timer: core.prompt)

    @property
    def online(self) -> bool:
        return self.health is Health.ONLINE

    @property
    def troubled(self) -> bool:
        """Offline or in error: the problem text is worth showing."""
        return self.health in (Health.OFFLINE, Health.ERROR)

    @property
    def answers(self) -> tuple[Answer, ...]:
        """What the waiting prompt can be answered with now (none when nothing waits)."""
        if self.prompt is None:
            return ()
        running = self.snapshot.running
        tracking = running.tracking if running is not None else None
        return self.prompt.answers(self.prompt.runs_on(running.id if running else None,
                                                       tracking.since if tracking else None))


class Source(Protocol):
    """Where the local picture comes from: app.core.journal.Journal."""

    def snapshot(self) -> Snapshot: ...
    def pending(self) -> Sequence[OutboxItem]: ...
    def failed(self) -> Sequence[OutboxItem]: ...
    def undoable(self) -> str: ...
    def prompt(self) -> Prompt | None: ...


def read_state(source: Source, *, health: Health, problem: str, key_rejected: bool, user: User | None) -> State:
    """The State as the store holds it now: five reads (snapshot, waiting, refused, what undo would undo,
    the waiting prompt)."""
    waiting = source.pending()
    return State(
        snapshot=source.snapshot(),
        health=health,
        problem=problem,
        key_rejected=key_rejected,
        waiting=len(waiting),
        checking=sum(1 for item in waiting if item.state == OutboxState.UNCERTAIN),
        refused=tuple(Refused(item.seq, item.kind, item.error) for item in source.failed()),
        user=user,
        undo=source.undoable(),
        prompt=source.prompt(),
    )
