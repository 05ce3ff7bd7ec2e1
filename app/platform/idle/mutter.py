"""GNOME's idle time: org.gnome.Mutter.IdleMonitor.GetIdletime on the session bus (milliseconds).

GNOME on Wayland offers no ext-idle-notify and no org.freedesktop.ScreenSaver idle time;
Mutter's own idle monitor is the way there (and on GNOME's X11 session too).
"""

from __future__ import annotations

from app.platform.idle._bus import BusCall
from app.platform.idle.base import IdleSource


class MutterIdle(IdleSource):
    name = "GNOME Mutter"

    def __init__(self, bus: str = "SESSION") -> None:
        self._call = BusCall(bus, "/org/gnome/Mutter/IdleMonitor/Core", "org.gnome.Mutter.IdleMonitor",
                             "org.gnome.Mutter.IdleMonitor", "GetIdletime")

    def idle_seconds(self) -> float | None:
        body = self._call()
        return body[0] / 1000 if body else None

    def close(self) -> None:
        self._call.close()
