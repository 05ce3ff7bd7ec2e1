"""The outbox's vocabulary: what an item asks mite to do (`OutboxKind`), where it stands
(`OutboxState`), and the item itself as the store reads it (`OutboxItem`).

The enum values are the exact strings the `outbox` table has always held: a store written by an
older version reads unchanged, and a StrEnum member compares equal to its string.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class OutboxKind(StrEnum):
    CREATE = "create"  # book a new entry (local id until mite answers)
    START = "start"    # run the timer on an entry
    STOP = "stop"      # stop it, booking the minutes counted here
    UPDATE = "update"  # change an entry's fields
    DELETE = "delete"  # delete an entry


class OutboxState(StrEnum):
    PENDING = "pending"      # waits to be sent
    UNCERTAIN = "uncertain"  # a create was sent and its answer lost: looked up before it is sent again
    FAILED = "failed"        # refused for good, kept for the user's Retry or Discard


WAITING = (OutboxState.PENDING, OutboxState.UNCERTAIN)  # what the replay still sends


def kind_of(text: str) -> OutboxKind | str:
    """The kind a stored row names; a name this version does not know stays text (the replay sets
    such an item aside as damaged instead of failing to read the whole outbox)."""
    try:
        return OutboxKind(text)
    except ValueError:
        return text


@dataclass(frozen=True)
class OutboxItem:
    seq: int
    kind: OutboxKind | str  # str only for a kind this version does not know: see kind_of
    payload: dict[str, Any]
    state: OutboxState
    error: str
    attempts: int
    created_at: str
    sent_at: str = ""  # when a create was last sent (uncertain items wait for a grace period after it)

    @property
    def unsent(self) -> bool:
        """Waiting and never sent: it can be withdrawn, and mite never hears of it."""
        return self.state == OutboxState.PENDING and not self.sent_at
