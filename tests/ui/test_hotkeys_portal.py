"""The Wayland GlobalShortcuts backend against a stand-in portal on a private D-Bus session bus.

The stand-in answers CreateSession and BindShortcuts the way xdg-desktop-portal does
(a Request path from the caller's name and token, then a Response signal) and emits
Activated on demand. With `binds=False` it answers as KDE Plasma 5.27's portal does: success,
and an empty `shortcuts` list (it bound nothing). The real KDE portal is in tests/desktop.
"""

import threading

import pytest
from jeepney import (
    DBusAddress,
    HeaderFields,
    new_method_return,
    new_signal,
)

from app.core.settings import Settings
from app.platform.hotkeys import Shortcuts
from app.platform.hotkeys.base import Unavailable
from app.platform.hotkeys.portal import INTERFACE, PATH, PortalHotkeys
from tests.helpers.dbus import StandIn, private_bus


class FakePortal(StandIn):
    def __init__(self, address, binds=True):
        self.binds = binds
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
            given = [(shortcut_id, {"description": props["description"], "trigger_description": ("s", trigger)})
                     for shortcut_id, props in message.body[1]
                     for trigger in [props["preferred_trigger"][1].replace("CTRL+ALT+", "Ctrl+Alt+").upper()]]
            results = {"shortcuts": ("a(sa{sv})", given if self.binds else [])}
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


WANTED = {"window": "Ctrl+Alt+M", "timer": "Ctrl+Alt+S"}


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


def test_shortcuts_the_portal_returns_are_bound_with_their_trigger(aio, session_bus):
    portal = FakePortal(session_bus)
    shortcuts = Shortcuts(PortalHotkeys())
    assert shortcuts.bind(WANTED) == {}
    assert shortcuts.bound == {}  # not before the desktop said so
    aio.until(lambda: shortcuts.settled)
    assert shortcuts.bound == WANTED and shortcuts.unbound == {}
    assert shortcuts.triggers == {"window": "CTRL+ALT+M", "timer": "CTRL+ALT+S"}
    assert shortcuts.notice(remembered="") == ("", "")
    shortcuts.close()
    portal.stop()


def test_success_with_an_empty_shortcuts_list_is_not_bound_and_says_so(aio, session_bus):
    """KDE Plasma 5.27: BindShortcuts answers success (code 0) and returns no shortcuts."""
    portal = FakePortal(session_bus, binds=False)
    shortcuts = Shortcuts(PortalHotkeys())
    shortcuts.bind(WANTED)
    aio.until(lambda: shortcuts.settled)
    assert portal.bound  # it was asked
    assert shortcuts.bound == {} and shortcuts.unbound == WANTED
    text, remember = shortcuts.notice(remembered="")
    assert "Ctrl+Alt+M" in text and "mite-tray palette" in text
    assert shortcuts.notice(remembered=remember) == ("", remember)  # said once, not at every start
    shortcuts.close()
    portal.stop()


def test_the_app_notifies_once_when_the_portal_binds_nothing(aio, session_bus, session, tasks, monkeypatch):
    from app.ui.shell import Shell
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-test")  # the portal is this desktop's backend
    portal = FakePortal(session_bus, binds=False)
    alerts = []
    session.alert.connect(alerts.append)
    settings = session.settings
    for _start in (1, 2):
        shell = Shell(session, settings, tasks, label="demo", demo=True, icon=None, quit_app=lambda: None,
                      restart=lambda _why: None, sign_in=lambda: None)
        aio.until(lambda shell=shell: shell.shortcuts.settled)
        aio.sleep(0.1)
        assert shell.shortcuts.unbound == WANTED
        shell.close()
    assert len(alerts) == 1, alerts  # the second start remembers it was said
    assert "Ctrl+Alt+M" in alerts[0] and "mite-tray palette" in alerts[0]
    assert settings.shortcut_notice
    portal.stop()


def test_no_portal_and_no_kglobalaccel_leaves_nothing_bound(session_bus, monkeypatch):
    from app.platform.hotkeys import for_this_desktop
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-test")
    shortcuts = for_this_desktop()
    assert not shortcuts.available
    shortcuts.bind(WANTED)
    assert shortcuts.settled and shortcuts.unbound == WANTED
    assert isinstance(Settings().shortcut_notice, str)
