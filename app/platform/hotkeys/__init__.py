"""Global hotkeys: one small interface, a native backend per platform, chosen here.

    backend = choose()           # None when no backend works here (say so, offer `mite-tray toggle`)
    backend.register("window", "Ctrl+Alt+M")   # raises HotkeyTaken when another program holds it
    backend.activated.connect(on_hotkey)        # emits the id

Backends, one module each: windows (RegisterHotKey), macos (Carbon RegisterEventHotKey),
x11 (XGrabKey) and portal (the Wayland GlobalShortcuts portal).
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
from collections.abc import Mapping

from app.platform.hotkeys.base import HotkeyBackend, HotkeyTaken, Unavailable

log = logging.getLogger(__name__)
__all__ = ["COMMANDS", "HotkeyBackend", "HotkeyTaken", "Shortcuts", "Unavailable", "choose"]

# What to bind in the desktop's own keyboard settings when no backend works here.
COMMANDS = ("mite-tray palette", "mite-tray toggle", "mite-tray start --last", "mite-tray stop")


def backends(platform: str, env: Mapping[str, str]) -> list[str]:
    """Which backends to try here, best first ("module:Class" under this package)."""
    if platform == "win32":
        return ["windows:WindowsHotkeys"]
    if platform == "darwin":
        return ["macos:MacHotkeys"]
    if env.get("WAYLAND_DISPLAY"):
        # XWayland's DISPLAY would accept XGrabKey, but only while an X window has focus:
        # not global. The portal is the only way, and GNOME before 48 has none.
        return ["portal:PortalHotkeys"]
    if env.get("DISPLAY"):
        return ["x11:X11Hotkeys"]
    return []


def choose() -> HotkeyBackend | None:
    """The first backend that works on this desktop, or None (the reason is logged)."""
    for name in backends(sys.platform, os.environ):
        module_name, class_name = name.split(":")
        backend = getattr(importlib.import_module(f"{__name__}.{module_name}"), class_name)
        try:
            return backend()
        except Unavailable as exc:
            log.info("Hotkey backend %s unavailable: %s", class_name, exc)
    return None


class Shortcuts:
    """The app's global shortcuts on one backend (or none): bind from settings, say what failed."""

    def __init__(self, backend: HotkeyBackend | None):
        self.backend = backend
        self.bound: dict[str, str] = {}

    @property
    def available(self) -> bool:
        return self.backend is not None

    def bind(self, wanted: dict[str, str]) -> dict[str, str]:
        """Bind {id: "Ctrl+Alt+M"} (empty: none); returns {id: why it failed} for the others."""
        problems: dict[str, str] = {}
        if self.backend is None:
            return problems
        self.backend.unregister_all()
        self.bound = {}
        for hotkey_id, sequence in wanted.items():
            if not sequence:
                continue
            try:
                self.backend.register(hotkey_id, sequence)
            except (HotkeyTaken, ValueError) as exc:
                problems[hotkey_id] = str(exc)
            else:
                self.bound[hotkey_id] = sequence
        return problems

    def close(self) -> None:
        if self.backend is not None:
            self.backend.close()
