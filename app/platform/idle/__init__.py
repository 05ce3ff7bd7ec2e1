"""Away time: how long since the user's last input, and lock/sleep events, per OS; chosen here.

    source = choose_idle()         # None where the desktop does not say (describe(None) tells the user)
    source.idle_seconds()          # seconds since the last input, or None right now
    events = choose_events()       # None where the OS tells no lock/sleep events
    events.locked.connect(...)     # also unlocked, sleeping, woke

Idle sources, one module each: x11 (XScreenSaverQueryInfo), mutter (GNOME's IdleMonitor),
screensaver (org.freedesktop.ScreenSaver, KDE on X11), wayland (ext-idle-notify-v1),
windows (GetLastInputInfo), macos (CGEventSourceSecondsSinceLastEventType).
Session events: logind (Linux, D-Bus), windows (WTS session and power messages).
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
from collections.abc import Mapping
from typing import Any

from app.i18n import translate
from app.platform.idle.base import IdleSource, SessionEvents, Unavailable

log = logging.getLogger(__name__)
__all__ = ["IdleSource", "SessionEvents", "Unavailable", "backends", "choose_events", "choose_idle", "describe",
           "event_backends"]


def backends(platform: str, env: Mapping[str, str]) -> list[str]:
    """Which idle sources to try here, best first ("module:Class" under this package)."""
    if platform == "win32":
        return ["windows:WindowsIdle"]
    if platform == "darwin":
        return ["macos:MacIdle"]
    if env.get("WAYLAND_DISPLAY"):
        # XWayland's screensaver extension sees only input to X windows: not used on Wayland.
        # GNOME has no ext-idle-notify, KDE refuses GetSessionIdleTime on Wayland.
        if "gnome" in env.get("XDG_CURRENT_DESKTOP", "").lower().split(":"):
            return ["mutter:MutterIdle", "wayland:WaylandIdle", "screensaver:ScreenSaverIdle"]
        return ["wayland:WaylandIdle", "mutter:MutterIdle", "screensaver:ScreenSaverIdle"]
    if env.get("DISPLAY"):
        return ["x11:X11Idle", "mutter:MutterIdle", "screensaver:ScreenSaverIdle"]
    return []


def event_backends(platform: str, env: Mapping[str, str]) -> list[str]:
    """Which lock/sleep event sources to try here, best first."""
    if platform == "win32":
        return ["windows:WindowsEvents"]
    if platform.startswith("linux"):
        return ["logind:LogindEvents"]
    return []  # macOS: NSWorkspace's notifications need the Objective-C runtime; the clock jump catches sleep


def _first(names: list[str], what: str) -> Any:
    for name in names:
        module_name, class_name = name.split(":")
        try:
            # ImportError too: a bundle built without the module (PyInstaller cannot see imports by name)
            # then runs on without it instead of ending at start.
            return getattr(importlib.import_module(f"{__name__}.{module_name}"), class_name)()
        except (Unavailable, ImportError) as exc:
            log.info("%s %s unavailable: %s", what, name, exc)
    return None


def choose_idle() -> IdleSource | None:
    """The first idle source that works on this desktop, or None (the reasons are logged)."""
    source: IdleSource | None = _first(backends(sys.platform, os.environ), "Idle source")
    if source is not None:
        log.info("Idle time from %s", source.name)
    return source


def choose_events() -> SessionEvents | None:
    """The first lock/sleep event source that works here, or None."""
    events: SessionEvents | None = _first(event_backends(sys.platform, os.environ), "Session events")
    return events


def describe(idle: IdleSource | None) -> str:
    """One sentence for the settings window: how away time is noticed here."""
    if idle is None:
        return translate("Idle", "This desktop does not tell mite-tray when you are away, "
                                 "so away time is noticed only when the computer sleeps.")
    return translate("Idle", "Away time is noticed from keyboard and mouse activity ({source}).").format(
        source=idle.name)
