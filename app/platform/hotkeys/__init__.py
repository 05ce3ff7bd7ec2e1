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
__all__ = ["HotkeyBackend", "HotkeyTaken", "Unavailable", "choose"]


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
