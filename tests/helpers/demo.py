"""What the demo mite (app/demo) holds, read straight from its records: the truth a test checks against."""

from __future__ import annotations

from typing import Any


def admin(demo: Any) -> dict[str, Any]:
    """The demo account's admin (Anna Becker, ADMIN_KEY), as the demo stores the user."""
    return next(user for user in demo.mite.users.values() if user["role"] == "admin")


def running_id(demo: Any) -> int | None:
    """The id of the entry whose timer mite runs for the admin, or None."""
    tracker = demo.mite.trackers.get(admin(demo)["id"])
    return tracker["entry_id"] if tracker else None


def running_entry(demo: Any) -> dict[str, Any] | None:
    """The entry whose timer mite runs for the admin (mite's record), or None."""
    entry_id = running_id(demo)
    return None if entry_id is None else demo.mite.records["time_entries"][entry_id]
