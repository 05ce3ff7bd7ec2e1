"""Idle time from org.freedesktop.ScreenSaver.GetSessionIdleTime on the session bus.

The unit is milliseconds, whatever the interface's XML says ("seconds"): KDE's
kscreenlocker (interface.cpp) returns KIdleTime::idleTime(), which KIdleTime documents
as milliseconds. KDE refuses the call on Wayland (NotSupported): there the constructor
finds that out and this backend is Unavailable.
"""

from __future__ import annotations

from app.platform.idle._bus import BusIdle


class ScreenSaverIdle(BusIdle):
    name = "freedesktop ScreenSaver"
    path = "/org/freedesktop/ScreenSaver"
    bus_name = interface = "org.freedesktop.ScreenSaver"
    method = "GetSessionIdleTime"
