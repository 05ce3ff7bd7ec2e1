"""Can Qt open a window here? Asked before the QApplication exists.

Without a display, or without the system libraries Qt's X11 (xcb) plugin links, Qt prints a
raw message and aborts the process (exit 134, a core dump). `problem()` finds both first, so
the tray app can say what is missing and how to get it, and exit 1.
"""

from __future__ import annotations

import ctypes
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

from app.i18n import translate

# Platforms that need no display server (tests, a headless run chosen on purpose).
_HEADLESS = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb")


def problem(environ: dict[str, str] | None = None, load: Callable[[str], object] | None = None) -> str:
    """Why Qt could not open a window here, in words with the remedy; "" when it can (or it is not Linux)."""
    if not sys.platform.startswith("linux"):
        return ""
    env = os.environ if environ is None else environ
    chosen = env.get("QT_QPA_PLATFORM", "").split(":")[0].strip()
    if chosen in _HEADLESS:
        return ""
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        return translate("Display", "mite-tray needs a graphical desktop, but no display was found (neither "
                         "DISPLAY nor WAYLAND_DISPLAY is set). Start it from your desktop session, or over SSH with "
                         "X forwarding (ssh -X). The command line (mite-tray status, start, stop, add) works "
                         "without a display.")
    if env.get("WAYLAND_DISPLAY") and not chosen.startswith("xcb"):
        return ""  # Qt uses Wayland here; the X11 libraries are not needed
    missing = missing_xcb_library(load)
    if missing:
        return translate("Display", "Qt cannot open a window on X11: the system library {library} is missing. "
                         "Install Qt's X11 libraries: on Debian or Ubuntu run scripts/system-packages from the "
                         "source folder (or sudo apt-get install libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 "
                         "libxcb-keysyms1 libxcb-shape0), then start mite-tray again.").format(library=missing)
    return ""


def missing_xcb_library(load: Callable[[str], object] | None = None) -> str:
    """The first shared library Qt's xcb platform plugin cannot load ("" when it loads).

    Loading the plugin the way Qt will (lazily, privately) makes the dynamic linker name the
    first library it cannot find; nothing of the plugin runs beyond its constructors.
    """
    plugin = _xcb_plugin()
    if plugin is None:
        return ""  # a bundle or build without it: let Qt say what it finds
    try:
        (load or _load)(str(plugin))
    except OSError as exc:
        found = re.search(r"([\w.+-]+\.so[\w.]*): cannot open shared object file", str(exc))
        return found.group(1) if found and found.group(1) != plugin.name else str(exc)
    return ""


def _load(path: str) -> object:
    return ctypes.CDLL(path, mode=os.RTLD_LAZY | os.RTLD_LOCAL)


def _xcb_plugin() -> Path | None:
    from PySide6.QtCore import QLibraryInfo
    plugin = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms" / "libqxcb.so"
    return plugin if plugin.exists() else None
