"""Settings in a JSON file in the platformdirs config dir. Never holds the API key."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import platformdirs

from app import APP_NAME

log = logging.getLogger(__name__)


def config_dir() -> Path:
    override = os.environ.get("MITE_TRAY_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


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
        return settings

    def save(self) -> None:
        path = self.path()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), indent=2), encoding="utf-8")
        os.replace(tmp, path)  # atomic: a crash never leaves half a file
