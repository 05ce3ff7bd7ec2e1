"""Idle time from org.freedesktop.ScreenSaver.GetSessionIdleTime on the session bus.

The unit is milliseconds, whatever the interface's XML says ("seconds"): KDE's
kscreenlocker (interface.cpp) returns KIdleTime::idleTime(), which KIdleTime documents
as milliseconds. KDE refuses the call on Wayland (NotSupported): there the constructor
finds that out and this backend is Unavailable.
"""

from __future__ import annotations

from app.platform.idle._bus import BusCall
from app.platform.idle.base import IdleSource


class ScreenSaverIdle(IdleSource):
    name = "freedesktop ScreenSaver"

    def __init__(self, bus: str = "SESSION") -> None:
        self._call = BusCall(bus, "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver",
                             "org.freedesktop.ScreenSaver", "GetSessionIdleTime")

    def idle_seconds(self) -> float | None:
        body = self._call()
        return body[0] / 1000 if body else None

    def close(self) -> None:
        self._call.close()
