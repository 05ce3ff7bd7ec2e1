"""Short texts for entries, shared by tray, window and lists."""

from __future__ import annotations

from app.api.models import TimeEntry


def entry_title(entry: TimeEntry | None) -> str:
    if entry is None:
        return ""
    parts = [p for p in (entry.project_name, entry.service_name) if p]
    return " · ".join(parts) or entry.note or "(no project)"
