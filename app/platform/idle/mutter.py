"""GNOME's idle time: org.gnome.Mutter.IdleMonitor.GetIdletime on the session bus (milliseconds).

GNOME on Wayland offers no ext-idle-notify and no org.freedesktop.ScreenSaver idle time;
Mutter's own idle monitor is the way there (and on GNOME's X11 session too).
"""

from __future__ import annotations

from app.platform.idle._bus import BusIdle


class MutterIdle(BusIdle):
    name = "GNOME Mutter"
    path = "/org/gnome/Mutter/IdleMonitor/Core"
    bus_name = interface = "org.gnome.Mutter.IdleMonitor"
    method = "GetIdletime"
