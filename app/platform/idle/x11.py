"""X11 idle time: XScreenSaverQueryInfo from libXss (the MIT-SCREEN-SAVER extension), via ctypes.

The X server counts the milliseconds since the last input of any client; asking costs one
round trip on our own connection (Debian: libxss1). Xvfb has the extension too, so the
tests use it for real.
"""

from __future__ import annotations

import ctypes
import ctypes.util

from app.platform.idle.base import IdleSource, Unavailable


class _Info(ctypes.Structure):  # XScreenSaverInfo
    _fields_ = [("window", ctypes.c_ulong), ("state", ctypes.c_int), ("kind", ctypes.c_int),
                ("til_or_since", ctypes.c_ulong), ("idle", ctypes.c_ulong), ("event_mask", ctypes.c_ulong)]


def _load(name: str, debian_package: str) -> ctypes.CDLL:
    path = ctypes.util.find_library(name)
    if not path:
        raise Unavailable(f"lib{name} is not installed (Debian: {debian_package})")
    return ctypes.CDLL(path)


class X11Idle(IdleSource):
    name = "X11"  # said in the settings, inside a translated sentence: a proper name only

    def __init__(self, display_name: str | None = None) -> None:
        self._x = _load("X11", "libx11-6")
        self._xss = _load("Xss", "libxss1")
        self._x.XOpenDisplay.restype = ctypes.c_void_p
        self._x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self._x.XDefaultRootWindow.restype = ctypes.c_ulong
        self._x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        self._x.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self._xss.XScreenSaverQueryExtension.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int),
                                                         ctypes.POINTER(ctypes.c_int)]
        self._xss.XScreenSaverQueryInfo.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(_Info)]
        self._display = self._x.XOpenDisplay(display_name.encode() if display_name else None)
        if not self._display:
            raise Unavailable(f"no X display {display_name or ''}".strip())
        event_base, error_base = ctypes.c_int(), ctypes.c_int()
        if not self._xss.XScreenSaverQueryExtension(self._display, ctypes.byref(event_base),
                                                    ctypes.byref(error_base)):
            self.close()
            raise Unavailable("the X server has no MIT-SCREEN-SAVER extension")
        self._root = self._x.XDefaultRootWindow(self._display)
        self._info = _Info()

    def idle_seconds(self) -> float | None:
        if not self._display:
            return None
        if not self._xss.XScreenSaverQueryInfo(self._display, self._root, ctypes.byref(self._info)):
            return None
        return self._info.idle / 1000

    def close(self) -> None:
        if self._display:
            self._x.XCloseDisplay(self._display)
            self._display = None
