"""Idle time from one D-Bus method, called blocking with a short time limit (mutter.py, screensaver.py).

idle_seconds() runs on the GUI thread: a desktop service that hangs must cost at most
TIMEOUT, and then the answer is None. The connection is kept between calls (one round trip
per call, no new handshake) and opened again after it broke.
"""

from __future__ import annotations

import logging
from typing import Any

from app.platform.idle.base import IdleSource, Unavailable

try:
    from jeepney import DBusAddress, new_method_call
    from jeepney.io.blocking import DBusConnection, open_dbus_connection
except ImportError:  # not on Linux
    DBusAddress = None

log = logging.getLogger(__name__)
TIMEOUT = 0.5  # seconds


class BusCall:
    """Call one method without arguments on one object; the reply's body, or None."""

    def __init__(self, bus: str, path: str, bus_name: str, interface: str, method: str) -> None:
        if DBusAddress is None:
            raise Unavailable("jeepney is not installed")
        self._bus = bus
        self._address = DBusAddress(path, bus_name=bus_name, interface=interface)
        self._method = method
        self._connection: DBusConnection | None = None
        try:
            self._connection = open_dbus_connection(bus=bus, auth_timeout=TIMEOUT)
            reply = self._connection.send_and_get_reply(new_method_call(self._address, method), timeout=TIMEOUT)
        except Exception as exc:  # no bus, a bus that does not answer: not here
            self.close()
            raise Unavailable(f"no D-Bus {bus.lower()} bus: {exc}") from exc
        if reply.header.message_type.name == "error":
            self.close()
            raise Unavailable(f"{interface}.{method}: {reply.body[0] if reply.body else reply.header}")

    def __call__(self) -> tuple[Any, ...] | None:
        try:
            if self._connection is None:
                self._connection = open_dbus_connection(bus=self._bus, auth_timeout=TIMEOUT)
            reply = self._connection.send_and_get_reply(new_method_call(self._address, self._method),
                                                        timeout=TIMEOUT)
        except TimeoutError:
            log.info("%s did not answer within %s s", self._method, TIMEOUT)
            return None
        except Exception as exc:  # the bus went away: try a new connection next time
            log.info("%s failed: %s", self._method, exc)
            self.close()
            return None
        if reply.header.message_type.name == "error":
            return None
        return tuple(reply.body)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


class BusIdle(IdleSource):
    """An idle source whose desktop answers one method with the idle milliseconds."""

    path = bus_name = interface = method = ""

    def __init__(self, bus: str = "SESSION") -> None:
        self._call = BusCall(bus, self.path, self.bus_name, self.interface, self.method)

    def idle_seconds(self) -> float | None:
        body = self._call()
        return body[0] / 1000 if body else None

    def close(self) -> None:
        self._call.close()
