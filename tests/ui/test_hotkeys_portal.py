"""The Wayland GlobalShortcuts backend against a stand-in portal on a private D-Bus session bus.

The stand-in answers CreateSession and BindShortcuts the way xdg-desktop-portal does
(a Request path from the caller's name and token, then a Response signal) and emits
Activated on demand. No Wayland compositor here offers the real portal.
"""

import threading

import pytest
from jeepney import (
    DBusAddress,
    HeaderFields,
    new_method_return,
    new_signal,
)

from app.platform.hotkeys.base import Unavailable
from app.platform.hotkeys.portal import INTERFACE, PATH, PortalHotkeys
from tests.helpers.dbus import StandIn, private_bus


class FakePortal(StandIn):
    def __init__(self, address):
        self.bound = {}
        self.registered = None
        self.session = f"{PATH}/session/test/1"
        self.lock = threading.Lock()
        super().__init__(address, "org.freedesktop.portal.Desktop", {})

    def answer(self, message):
        member = message.header.fields[HeaderFields.member]
        sender = message.header.fields[HeaderFields.sender]
        if member == "Get":
            self.connection.send(new_method_return(message, "v", (("u", 1),)))
            return
        if member == "Register":  # xdg-desktop-portal 1.21+: who is asking (the .desktop file's id)
            self.registered = message.body[0]
            self.connection.send(new_method_return(message, "", ()))
            return
        options = message.body[-1]
        request = f"{PATH}/request/{sender[1:].replace('.', '_')}/{options['handle_token'][1]}"
        self.connection.send(new_method_return(message, "o", (request,)))
        if member == "CreateSession":
            results = {"session_handle": ("s", self.session)}
        else:
            with self.lock:
                self.bound = {shortcut_id: props["preferred_trigger"][1] for shortcut_id, props in message.body[1]}
            results = {}
        emitter = DBusAddress(request, interface="org.freedesktop.portal.Request")
        self.connection.send(new_signal(emitter, "Response", "ua{sv}", (0, results)))

    def activate(self, shortcut_id):
        emitter = DBusAddress(PATH, interface=INTERFACE)
        self.connection.send(new_signal(emitter, "Activated", "osta{sv}", (self.session, shortcut_id, 0, {})))


@pytest.fixture
def session_bus(monkeypatch):
    with private_bus() as address:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        yield address


def test_no_portal_on_the_bus_means_unavailable(session_bus):
    with pytest.raises(Unavailable):
        PortalHotkeys()


def test_shortcuts_are_bound_through_the_portal_and_fire(aio, session_bus):
    portal = FakePortal(session_bus)
    backend = PortalHotkeys()
    fired = []
    backend.activated.connect(fired.append)
    backend.register("window", "Ctrl+Alt+M")
    backend.register("timer", "Ctrl+Alt+S")
    aio.until(lambda: portal.bound)
    assert portal.bound == {"window": "CTRL+ALT+m", "timer": "CTRL+ALT+s"}  # one BindShortcuts for both
    assert portal.registered == "mite-tray"
    portal.activate("window")
    aio.until(lambda: fired)
    assert fired == ["window"]
    backend.close()
    portal.stop()
