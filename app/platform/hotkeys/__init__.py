"""Global hotkeys: one small interface, a native backend per platform, chosen here.

    backend = choose()           # None when no backend works here (say so, offer `mite-tray toggle`)
    backend.register("palette", "Ctrl+Alt+M")   # raises HotkeyTaken when another program holds it
    backend.activated.connect(on_hotkey)        # emits the id

Backends: X11 XGrabKey (this package). Windows RegisterHotKey, macOS RegisterEventHotKey
and the Wayland GlobalShortcuts portal follow (issue 4).
"""

from __future__ import annotations

import logging
import os
import sys

from app.platform.hotkeys.base import HotkeyBackend, HotkeyTaken, Unavailable

log = logging.getLogger(__name__)
__all__ = ["COMMANDS", "HotkeyBackend", "HotkeyTaken", "Shortcuts", "Unavailable", "choose"]

# What to bind in the desktop's own keyboard settings when no backend works here.
COMMANDS = ("mite-tray palette", "mite-tray toggle", "mite-tray start --last", "mite-tray stop")


def choose() -> HotkeyBackend | None:
    """The first backend that works on this desktop, or None (the reason is logged)."""
    candidates = []
    if sys.platform.startswith("linux") and os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        from app.platform.hotkeys.x11 import X11Hotkeys
        candidates.append(X11Hotkeys)
    for backend in candidates:
        try:
            return backend()
        except Unavailable as exc:
            log.info("Hotkey backend %s unavailable: %s", backend.__name__, exc)
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
