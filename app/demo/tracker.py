"""The demo mite's time tracker: one per user, shown, started and stopped only for the authenticated user.

A mixin of DemoMite (app/demo/mite.py), which owns the state: `trackers` (user id -> {entry_id, since}),
`records`, `clock`, and `_touch`.
"""

from __future__ import annotations

from datetime import datetime
from collections.abc import Callable
from typing import Any

from app.demo.errors import DemoError

Reply = tuple[int, Any, dict[str, str]]


class TrackerRules:
    trackers: dict[int, dict[str, Any]]
    records: dict[str, dict[int, dict[str, Any]]]
    clock: Callable[[], datetime]

    def _touch(self, entry: dict[str, Any]) -> None:
        raise NotImplementedError  # DemoMite stamps and logs the change

    def tracker(self, user: dict[str, Any]) -> Reply:
        running = self._running_json(user["id"])
        return 200, {"tracker": {"tracking_time_entry": running} if running else {}}, {}

    def _running_json(self, user_id: int) -> dict[str, Any] | None:
        tracker = self.trackers.get(user_id)
        if not tracker:
            return None
        entry = self.records["time_entries"][tracker["entry_id"]]
        return {"id": entry["id"], "minutes": self._tracked_minutes(entry, tracker),
                "since": tracker["since"].isoformat()}

    def _tracked_minutes(self, entry: dict[str, Any], tracker: dict[str, Any]) -> int:
        elapsed = int((self.clock() - tracker["since"]).total_seconds() // 60)
        return entry["minutes"] + max(0, elapsed)

    def _trackable(self, user: dict[str, Any], entry_id: int) -> dict[str, Any]:
        """The user's own entry; anyone else's is not found, even for an admin (the docs: "The tracker can
        only be shown, started and stopped for the authenticated user")."""
        entry = self.records["time_entries"].get(entry_id)
        if entry is None or entry["user_id"] != user["id"]:
            raise DemoError(404, f"Time entry {entry_id} not found.")
        return entry

    def start_tracker(self, user: dict[str, Any], entry_id: int) -> Reply:
        entry = self._trackable(user, entry_id)
        if entry["locked"]:
            raise DemoError(423, "Time entry cannot be tracked: it is locked.")
        current = self.trackers.get(user["id"])
        if current and current["entry_id"] == entry_id:
            return self.tracker(user)  # already running there: just report it
        payload: dict[str, Any] = {}
        if current:
            payload["stopped_time_entry"] = self._stop(user["id"])
        self.trackers[user["id"]] = {"entry_id": entry_id, "since": self.clock()}
        self._touch(entry)
        payload["tracking_time_entry"] = self._running_json(user["id"])
        return 200, {"tracker": payload}, {}

    def stop_tracker(self, user: dict[str, Any], entry_id: int) -> Reply:
        entry = self._trackable(user, entry_id)
        current = self.trackers.get(user["id"])
        if current and current["entry_id"] == entry_id:
            return 200, {"tracker": {"stopped_time_entry": self._stop(user["id"])}}, {}
        # Idempotent for an own entry: stopping twice, too late or one that never ran reports its minutes.
        return 200, {"tracker": {"stopped_time_entry": {"id": entry_id, "minutes": entry["minutes"]}}}, {}

    def _stop(self, user_id: int) -> dict[str, Any]:
        tracker = self.trackers.pop(user_id)
        entry = self.records["time_entries"][tracker["entry_id"]]
        entry["minutes"] = self._tracked_minutes(entry, tracker)
        self._touch(entry)
        return {"id": entry["id"], "minutes": entry["minutes"]}
