"""The D-Bus idle sources (GNOME's Mutter, org.freedesktop.ScreenSaver) against stand-ins on a private bus."""

import time

import pytest

from app.platform.idle.base import Unavailable
from app.platform.idle.mutter import MutterIdle
from app.platform.idle.screensaver import ScreenSaverIdle
from tests.helpers.dbus import StandIn, private_bus

MUTTER = "org.gnome.Mutter.IdleMonitor"
SCREENSAVER = "org.freedesktop.ScreenSaver"


@pytest.fixture
def bus():
    with private_bus() as address:
        yield address


@pytest.fixture
def services():
    started = []
    yield lambda *args: started.append(StandIn(*args)) or started[-1]
    for service in started:
        service.stop()


def test_mutter_idle_time_is_read_in_milliseconds(bus, services):
    mutter = services(bus, MUTTER, {"GetIdletime": ("t", (83_500,))})
    idle = MutterIdle(bus)
    assert idle.idle_seconds() == 83.5
    mutter.answers["GetIdletime"] = ("t", (20,))  # the user touched the mouse
    assert idle.idle_seconds() == 0.02
    assert ("GetIdletime", ()) in mutter.calls
    idle.close()


def test_screensaver_idle_time_is_milliseconds_as_kde_returns_it(bus, services):
    services(bus, SCREENSAVER, {"GetSessionIdleTime": ("u", (4_200,))})
    idle = ScreenSaverIdle(bus)
    assert idle.idle_seconds() == 4.2
    idle.close()


@pytest.mark.parametrize("backend", [MutterIdle, ScreenSaverIdle])
def test_no_such_service_is_unavailable(bus, backend):
    with pytest.raises(Unavailable):
        backend(bus)


def test_screensaver_that_refuses_the_call_is_unavailable(bus, services):
    """KDE on Wayland owns the name but answers GetSessionIdleTime with NotSupported."""
    services(bus, SCREENSAVER, {"GetSessionIdleTime": "org.freedesktop.DBus.Error.NotSupported"})
    with pytest.raises(Unavailable, match="NotSupported|stand-in"):
        ScreenSaverIdle(bus)


def test_no_bus_at_all_is_unavailable(tmp_path):
    with pytest.raises(Unavailable):
        MutterIdle(f"unix:path={tmp_path}/no-bus")


def test_a_service_that_hangs_gives_none_not_a_hung_app(bus, services):
    mutter = services(bus, MUTTER, {"GetIdletime": ("t", (1_000,))})
    idle = MutterIdle(bus)
    mutter.silent.add("GetIdletime")
    started = time.monotonic()
    assert idle.idle_seconds() is None
    assert time.monotonic() - started < 5  # the call has a time limit (0.5 s); far less than forever
    mutter.silent.clear()
    assert idle.idle_seconds() == 1.0  # answers again once the service does
    idle.close()


def test_a_bus_that_went_away_gives_none(services):
    with private_bus() as address:
        services(address, MUTTER, {"GetIdletime": ("t", (1_000,))})
        idle = MutterIdle(address)
    assert idle.idle_seconds() is None
    assert idle.idle_seconds() is None  # and again: reconnecting fails quietly too
    idle.close()
