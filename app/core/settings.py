"""Settings in a JSON file in the platformdirs config dir. Never holds the API key."""

from __future__ import annotations

import hashlib
import json
import logging
import os
from datetime import time
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import platformdirs

from app import APP_NAME
from app.core.week import DEFAULT_TARGETS, checked_targets

log = logging.getLogger(__name__)


def config_dir() -> Path:
    override = os.environ.get("MITE_TRAY_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    override = os.environ.get("MITE_TRAY_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def path_for(account_url: str) -> Path:
    """The account's store file. Here, not in core.store: the tray's first icon reads that file before the
    store module and what it brings are imported (core.tray_glance, issue 17)."""
    digest = hashlib.sha256(account_url.encode()).hexdigest()[:16]
    return data_dir() / f"account-{digest}.sqlite3"


@dataclass
class Settings:
    account_url: str = ""
    user_name: str = ""
    poll_seconds_open: int = 30
    poll_seconds_hidden: int = 60
    hotkey_window: str = "Ctrl+Alt+M"  # open or close the quick-entry palette
    hotkey_timer: str = "Ctrl+Alt+S"   # continue the last entry, or stop the running timer
    language: str = ""                 # "" follows the system; "en" or "de"
    theme: str = ""                    # "" follows the system; "light" or "dark" (app.ui.theme)
    last_project_id: int | None = None
    last_service_id: int | None = None
    tour_seen: bool = False            # the window's first-run tour was closed (app.ui.tour)
    shortcut_notice: str = ""          # the shortcuts last said to be unbound here (told once; app.ui.shell)
    shortcut_skip: str = ""            # a hotkey backend that bound nothing here, where a later one did
    # Issue 15: the minutes people forget (app.core.away_watch, app.core.reminders).
    away_minutes: int = 10             # away this long while a timer runs: ask about it; 0 = off
    forgotten_hours: int = 10          # a timer running this long: ask "still working?"; 0 = off
    work_reminders: bool = False       # remind when working with no timer, and ask at the working day's end
    work_days: list[int] = field(default_factory=lambda: [0, 1, 2, 3, 4])  # Monday = 0
    work_start: str = "09:00"
    work_end: str = "18:00"
    not_tracking_minutes: int = 15     # working this long with no timer: remind (within working hours)
    # Issue 16: minutes the user means to work per weekday, Monday first (the week's timesheet, `week`).
    daily_targets: list[int] = field(default_factory=lambda: list(DEFAULT_TARGETS))

    @classmethod
    def path(cls) -> Path:
        return config_dir() / "settings.json"

    @classmethod
    def load(cls) -> Settings:
        try:
            data = json.loads(cls.path().read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            log.warning("Settings file unreadable (%s); using defaults", exc)
            return cls()
        known = {f.name for f in fields(cls)}
        settings = cls(**{k: v for k, v in data.items() if k in known})
        settings.poll_seconds_open = max(10, int(settings.poll_seconds_open))
        settings.poll_seconds_hidden = max(15, int(settings.poll_seconds_hidden))
        return settings.checked()

    def checked(self) -> Settings:
        """Values a hand-edited file may have broken, back to their defaults (a typo must not stop the app)."""
        default = Settings()
        for name, low, high in (("away_minutes", 0, 24 * 60), ("forgotten_hours", 0, 48),
                                ("not_tracking_minutes", 1, 8 * 60)):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
                setattr(self, name, getattr(default, name))
        if not isinstance(self.work_days, list) or not all(isinstance(d, int) and 0 <= d <= 6 for d in self.work_days):
            self.work_days = default.work_days
        start, end = clock_time(self.work_start), clock_time(self.work_end)
        if start is None or end is None or end <= start:  # no working hours at all: the default day
            self.work_start, self.work_end = default.work_start, default.work_end
        self.work_reminders = bool(self.work_reminders)
        self.daily_targets = list(checked_targets(self.daily_targets))
        return self

    def save(self) -> None:
        path = self.path()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), indent=2), encoding="utf-8")
        os.replace(tmp, path)  # atomic: a crash never leaves half a file


def clock_time(text: object) -> time | None:
    """"09:00" as a time, or None when it is not one."""
    try:
        return time.fromisoformat(str(text)) if len(str(text)) == 5 else None
    except ValueError:
        return None
