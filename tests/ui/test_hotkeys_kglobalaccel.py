"""The kglobalaccel backend against a stand-in on a private bus (the real KWin is in tests/desktop):
chosen where the portal binds nothing, bound only when setShortcut answers the keys asked for."""

import pytest
from jeepney import HeaderFields, new_method_return

from app.platform.hotkeys import Shortcuts, for_this_desktop
from app.platform.hotkeys.base import Unavailable
from app.platform.hotkeys.kglobalaccel import COMPONENT_INTERFACE, KGlobalAccelHotkeys
from tests.helpers.dbus import StandIn, private_bus
from tests.ui.test_hotkeys_portal import WANTED, FakePortal

CTRL_ALT_M = 0x04000000 | 0x08000000 | 0x4D  # Qt::CTRL | Qt::ALT | Qt::Key_M


class FakeKGlobalAccel(StandIn):
    """kglobalaccel as KWin 5.27 runs it: setShortcut answers the keys it bound (none for a key another
    action holds), presses come as the component's globalShortcutPressed."""

    def __init__(self, address, taken=()):
        self.taken = set(taken)
        self.keys = {}
        super().__init__(address, "org.kde.kglobalaccel", {})

    def answer(self, message):
        member = message.header.fields[HeaderFields.member]
        self.calls.append((member, tuple(message.body)))
        if member == "getComponent":
            self.connection.send(new_method_return(message, "o", ("/component/mite_tray",)))
        elif member == "setShortcut":
            action, keys, _flags = message.body
            given = [k for k in keys if k not in self.taken]
            self.keys[action[1]] = given
            self.connection.send(new_method_return(message, "ai", (given,)))
        else:
            self.connection.send(new_method_return(message, "", ()))

    def press(self, action):
        self.emit("/component/mite_tray", COMPONENT_INTERFACE, "globalShortcutPressed", "ssx", ("mite-tray", action, 0))


@pytest.fixture
def wayland_bus(monkeypatch):
    with private_bus() as address:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-test")
        yield address


def test_not_kde_means_unavailable(wayland_bus):
    with pytest.raises(Unavailable):
        KGlobalAccelHotkeys()


def test_where_the_portal_binds_nothing_kglobalaccel_binds_and_fires(aio, wayland_bus):
    portal = FakePortal(wayland_bus, binds=False)
    accel = FakeKGlobalAccel(wayland_bus)
    shortcuts = for_this_desktop()
    fired = []
    shortcuts.activated.connect(fired.append)
    shortcuts.bind(WANTED)
    aio.until(lambda: shortcuts.settled and shortcuts.bound)
    assert isinstance(shortcuts.backend, KGlobalAccelHotkeys)
    assert shortcuts.bound == WANTED and shortcuts.unbound == {}
    assert shortcuts.gave_up == "PortalHotkeys"  # remembered by the app: see the next test
    assert accel.keys["window"] == [CTRL_ALT_M]
    assert ("doRegister", (["mite-tray", "window", "mite-tray", "Open the mite-tray quick entry"],)) in accel.calls
    aio.sleep(0.2)  # the listener subscribes
    accel.press("window")
    aio.until(lambda: fired)
    assert fired == ["window"]
    shortcuts.close()
    assert ("setInactive", (["mite-tray", "window", "mite-tray", "Open the mite-tray quick entry"],)) in accel.calls
    accel.stop()
    portal.stop()


def test_a_key_kglobalaccel_does_not_give_is_not_bound(aio, wayland_bus):
    accel = FakeKGlobalAccel(wayland_bus, taken={CTRL_ALT_M})
    shortcuts = Shortcuts(KGlobalAccelHotkeys())  # no portal at all: kglobalaccel straight away
    problems = shortcuts.bind(WANTED)
    assert "already used" in problems["window"]
    assert shortcuts.bound == {"timer": "Ctrl+Alt+S"} and shortcuts.unbound == {"window": "Ctrl+Alt+M"}
    text, remember = shortcuts.notice(remembered="")
    assert remember == "Ctrl+Alt+M" and "held by another program" in text and "Settings" in text
    shortcuts.close()
    accel.stop()


def test_a_portal_that_bound_nothing_before_is_not_asked_again(aio, wayland_bus):
    """KDE 5.27's portal opens System Settings each time BindShortcuts is called: once is enough."""
    portal = FakePortal(wayland_bus, binds=False)
    accel = FakeKGlobalAccel(wayland_bus)
    shortcuts = for_this_desktop(skip="PortalHotkeys")
    shortcuts.bind(WANTED)
    assert isinstance(shortcuts.backend, KGlobalAccelHotkeys) and shortcuts.bound == WANTED
    aio.sleep(0.2)
    assert portal.bound == {}  # never asked
    shortcuts.close()
    accel.stop()
    portal.stop()
