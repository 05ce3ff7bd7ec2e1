"""macOS idle time: CGEventSourceSecondsSinceLastEventType from CoreGraphics, via ctypes.

Asked for the combined session state and any input event type, it needs no accessibility
permission. Sleep and lock come as NSWorkspace and distributed notifications, which need
the Objective-C runtime and blocks; there is no macOS SessionEvents, and the app's check of
the wall clock against the monotonic clock catches sleep there.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from typing import Any

from app.platform.idle.base import IdleSource, Unavailable

COMBINED_SESSION_STATE = 0  # kCGEventSourceStateCombinedSessionState
ANY_INPUT_EVENT = 0xFFFFFFFF  # kCGAnyInputEventType
FRAMEWORK = "/System/Library/Frameworks/ApplicationServices.framework/ApplicationServices"


class MacIdle(IdleSource):
    name = "macOS"
    _since: Any  # the C function (set after the platform check, which mypy on Linux sees as always raising)

    def __init__(self) -> None:
        if sys.platform != "darwin":
            raise Unavailable("not macOS")
        try:
            graphics = ctypes.CDLL(ctypes.util.find_library("CoreGraphics") or FRAMEWORK)
        except OSError as exc:
            raise Unavailable(f"no CoreGraphics: {exc}") from exc
        self._since = graphics.CGEventSourceSecondsSinceLastEventType
        self._since.restype = ctypes.c_double
        self._since.argtypes = [ctypes.c_int32, ctypes.c_uint32]

    def idle_seconds(self) -> float | None:
        seconds = float(self._since(COMBINED_SESSION_STATE, ANY_INPUT_EVENT))
        return seconds if seconds >= 0 else None
