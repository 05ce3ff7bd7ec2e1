"""Linux and other XDG desktops: ~/.config/autostart/mite-tray.desktop."""

from __future__ import annotations

import os
import shlex
from configparser import ConfigParser
from pathlib import Path

from app.platform.autostart.base import Autostart, launch_command


class XdgAutostart(Autostart):
    @property
    def path(self) -> Path:
        config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
        return Path(config) / "autostart" / "mite-tray.desktop"

    def state(self) -> str:
        if not self.path.exists():
            return "off"
        entry = ConfigParser(interpolation=None)
        entry.read(self.path, encoding="utf-8")
        section = entry["Desktop Entry"] if entry.has_section("Desktop Entry") else {}
        hidden = section.get("Hidden", "false").lower() == "true"
        gnome_off = section.get("X-GNOME-Autostart-enabled", "true").lower() == "false"
        return "disabled by the user" if hidden or gnome_off else "on"

    def enable(self, command: list[str] | None = None) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        exec_line = " ".join(shlex.quote(part) for part in (command or launch_command()))
        self.path.write_text(
            "[Desktop Entry]\nType=Application\nName=mite-tray\nComment=The mite timer in your system tray\n"
            f"Exec={exec_line}\nIcon=mite-tray\nTerminal=false\nX-GNOME-Autostart-enabled=true\n",
            encoding="utf-8")

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)
