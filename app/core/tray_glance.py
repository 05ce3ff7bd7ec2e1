"""Which icon the tray shows, and its first look read straight from the store file (issue 17).

The tray app shows its icon before the session, httpx and the rest are even imported. So that the
first icon is already the right one (a running timer green, with its minutes, not a grey idle
stopwatch that turns green a second later), `glance` reads the timer and the waiting question
from the account's store file with sqlite3 alone, read-only. The session's State then takes over
(core.tray_look). Kept free of imports beyond the standard library.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path


class TrayState(Enum):
    """Which icon the tray shows."""

    IDLE = "idle"
    RUNNING = "running"
    OFFLINE = "offline"
    ERROR = "error"


@dataclass(frozen=True)
class Glance:
    icon: TrayState = TrayState.IDLE
    minutes: int = 0      # the running timer's minutes
    asks: bool = False    # a question waits (core.prompt): the icon carries a mark


def glance(path: Path | None, now: datetime) -> Glance:
    """The first look from the store at `path` (None, missing or unreadable: idle). As
    core.store.Tracker.minutes_at counts them: the minutes held when started plus whole minutes since."""
    if path is None or not path.exists():
        return Glance()
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tracker = db.execute("SELECT since, base_minutes FROM tracker").fetchone()
            queue = db.execute("SELECT value FROM meta WHERE key = 'prompt'").fetchone()
        finally:
            db.close()
        asks = bool(queue and queue[0] and json.loads(queue[0]))
        if tracker is None:
            return Glance(asks=asks)
        since = datetime.fromisoformat(tracker[0])
        minutes = tracker[1] + max(0, int((now - since).total_seconds() // 60))
        return Glance(TrayState.RUNNING, minutes, asks)
    except (sqlite3.Error, ValueError, TypeError):  # an old or damaged store: the session will say
        return Glance()
