"""Start mite-tray at login: one backend per OS, chosen here.

    autostart = choose()
    autostart.state()     # "on", "off", or "disabled by the user" (Windows Task Manager)
    autostart.enable()    # writes the OS's own entry; disable() removes it
"""

from __future__ import annotations

import sys

from app.i18n import translate
from app.platform.autostart.base import Autostart, launch_command


def choose() -> Autostart:
    if sys.platform == "win32":
        from app.platform.autostart.windows import WindowsRunKey
        return WindowsRunKey()
    if sys.platform == "darwin":
        from app.platform.autostart.macos import LaunchAgent
        return LaunchAgent()
    from app.platform.autostart.xdg import XdgAutostart
    return XdgAutostart()


def state_text(state: str) -> str:
    """The state for people, in their language."""
    return {"on": translate("Autostart", "on"), "off": translate("Autostart", "off")}.get(
        state, translate("Autostart", "switched off in the system's startup settings"))


__all__ = ["Autostart", "choose", "launch_command", "state_text"]
