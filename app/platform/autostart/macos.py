"""macOS: a LaunchAgent in ~/Library/LaunchAgents (works unsigned; SMAppService needs a signed app)."""

from __future__ import annotations

import plistlib
from pathlib import Path

from app.platform.autostart.base import Autostart, launch_command

LABEL = "de.mite-tray.app"


class LaunchAgent(Autostart):
    @property
    def path(self) -> Path:
        return Path.home() / "Library" / "LaunchAgents" / f"{LABEL}.plist"

    def state(self) -> str:
        if not self.path.exists():
            return "off"
        with self.path.open("rb") as handle:
            agent = plistlib.load(handle)
        return "disabled by the user" if agent.get("Disabled") else "on"

    def enable(self, command: list[str] | None = None) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        agent = {"Label": LABEL, "ProgramArguments": command or launch_command(), "RunAtLoad": True,
                 "ProcessType": "Interactive"}
        with self.path.open("wb") as handle:
            plistlib.dump(agent, handle)

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)
