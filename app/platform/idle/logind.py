"""Linux sleep and lock events over D-Bus: logind on the system bus, the screensaver on the session bus.

- logind's Manager.PrepareForSleep(true) just before suspend, (false) after resume;
- our logind session's Lock/Unlock signals (a request to the screen locker, as from
  `loginctl lock-session`) and its LockedHint property, which GNOME and KDE set while locked;
- org.freedesktop.ScreenSaver.ActiveChanged(b) (KDE and others) and org.gnome.ScreenSaver's.

No thread: each connection's socket is watched by a QSocketNotifier on the GUI thread, and
the messages waiting are read when it is readable. Several sources tell of one lock; the
signals fire once per change.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSocketNotifier

from app.platform.idle.base import SessionEvents, Unavailable

try:
    from jeepney import DBusAddress, HeaderFields, MatchRule, Message, message_bus, new_method_call
    from jeepney.io.blocking import DBusConnection, open_dbus_connection
except ImportError:  # not on Linux
    DBusAddress = None

log = logging.getLogger(__name__)
TIMEOUT = 1.0  # seconds, for setting up: connecting, AddMatch, GetSession
LOGIND = "org.freedesktop.login1"
MANAGER = DBusAddress("/org/freedesktop/login1", bus_name=LOGIND,
                      interface=f"{LOGIND}.Manager") if DBusAddress else None
SCREENSAVERS = ("org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver")


class _Listener:
    """One bus connection that hands each matching signal to `handle`, on the GUI thread."""

    def __init__(self, bus: str, handle: Callable[[Message], None]) -> None:
        self.connection: DBusConnection = open_dbus_connection(bus=bus, auth_timeout=TIMEOUT)
        self._handle = handle
        self._notifier: QSocketNotifier | None = None

    def call(self, message: Message) -> Message:
        return self.connection.send_and_get_reply(message, timeout=TIMEOUT)

    def match(self, rule: MatchRule) -> None:
        reply = self.call(message_bus.AddMatch(rule))
        if reply.header.message_type.name == "error":
            raise Unavailable(f"AddMatch refused: {reply.body}")

    def start(self) -> None:
        self._notifier = QSocketNotifier(self.connection.sock.fileno(), QSocketNotifier.Type.Read)
        self._notifier.activated.connect(self._read)
        self._read()  # what came in with the set-up's replies waits in the parser, not in the socket

    def _read(self) -> None:
        while True:
            try:
                message = self.connection.receive(timeout=0)
            except TimeoutError:
                return  # all read
            except OSError as exc:  # the bus went away
                log.info("Session events: the bus closed (%s)", exc)
                self.close()
                return
            if message.header.message_type.name == "signal":
                self._handle(message)

    def close(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        self.connection.close()


class LogindEvents(SessionEvents):
    name = "logind"

    def __init__(self, system_bus: str = "SYSTEM", session_bus: str = "SESSION",
                 session_id: str | None = None) -> None:
        super().__init__()
        if DBusAddress is None:
            raise Unavailable("jeepney is not installed")
        try:
            self._system = _Listener(system_bus, self._on_system_signal)
        except Exception as exc:  # no system bus (a container, another OS)
            raise Unavailable(f"no D-Bus system bus: {exc}") from exc
        self._listeners = [self._system]
        try:
            self._watch_logind(session_id or os.environ.get("XDG_SESSION_ID") or "auto")
        except Unavailable:
            self.close()
            raise
        except Exception as exc:  # the bus broke off while we set up
            self.close()
            raise Unavailable(f"logind: {exc}") from exc
        try:
            self._listeners.append(_Listener(session_bus, self._on_screensaver_signal))
            for interface in SCREENSAVERS:
                self._listeners[-1].match(MatchRule(type="signal", interface=interface, member="ActiveChanged"))
        except Exception as exc:  # logind alone still tells sleep and lock
            log.info("Session events: no screensaver signals from the session bus (%s)", exc)
            if len(self._listeners) > 1:
                self._listeners.pop().close()
        for listener in self._listeners:
            listener.start()

    def _watch_logind(self, session_id: str) -> None:
        assert MANAGER is not None
        try:
            reply = self._system.call(new_method_call(MANAGER, "GetSession", "s", (session_id,)))
        except TimeoutError as exc:
            raise Unavailable("logind does not answer") from exc
        if reply.header.message_type.name == "error":
            error = reply.header.fields.get(HeaderFields.error_name, "")
            if error in ("org.freedesktop.DBus.Error.ServiceUnknown", "org.freedesktop.DBus.Error.NameHasNoOwner"):
                raise Unavailable("logind is not running")
            log.info("Session events: no logind session %r (%s): sleep only", session_id, reply.body)
            self._session_path = None
        else:
            self._session_path = reply.body[0]
        self._system.match(MatchRule(type="signal", sender=LOGIND, interface=f"{LOGIND}.Manager",
                                     member="PrepareForSleep", path="/org/freedesktop/login1"))
        if self._session_path:
            self._system.match(MatchRule(type="signal", sender=LOGIND, interface=f"{LOGIND}.Session",
                                         path=self._session_path))
            properties = MatchRule(type="signal", sender=LOGIND, interface="org.freedesktop.DBus.Properties",
                                   member="PropertiesChanged", path=self._session_path)
            properties.add_arg_condition(0, f"{LOGIND}.Session")
            self._system.match(properties)

    def _on_system_signal(self, message: Message) -> None:
        member, body = _member(message), message.body
        if member == "PrepareForSleep":
            (self.sleeping if body[0] else self.woke).emit()
        elif _path(message) != self._session_path:
            return
        elif member in ("Lock", "Unlock"):
            self._set_locked(member == "Lock")
        elif member == "PropertiesChanged" and "LockedHint" in body[1]:
            self._set_locked(bool(body[1]["LockedHint"][1]))

    def _on_screensaver_signal(self, message: Message) -> None:
        if _member(message) == "ActiveChanged":
            self._set_locked(bool(message.body[0]))

    def close(self) -> None:
        for listener in self._listeners:
            listener.close()
        self._listeners = []


def _member(message: Message) -> Any:
    return message.header.fields.get(HeaderFields.member)


def _path(message: Message) -> Any:
    return message.header.fields.get(HeaderFields.path)
