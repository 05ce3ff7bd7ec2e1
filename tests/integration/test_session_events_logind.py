"""Linux lock and sleep events (logind, the screensaver) against stand-ins on private buses.

One private dbus-daemon plays the system bus (logind), another the session bus (the screen
saver); the signals must reach Qt's main thread as the SessionEvents' signals.
"""

import threading

import pytest

from app.platform.idle.base import Unavailable
from app.platform.idle.logind import LogindEvents
from tests.helpers.dbus import StandIn, private_bus

LOGIND = "org.freedesktop.login1"
MANAGER_PATH = "/org/freedesktop/login1"
OURS = "/org/freedesktop/login1/session/_32"
THEIRS = "/org/freedesktop/login1/session/_7"


@pytest.fixture
def buses():
    with private_bus() as system, private_bus() as session:
        yield system, session


@pytest.fixture
def logind(buses):
    service = StandIn(buses[0], LOGIND, {"GetSession": ("o", (OURS,))})
    yield service
    service.stop()


@pytest.fixture
def screensaver(buses):
    service = StandIn(buses[1], "org.freedesktop.ScreenSaver", {})
    yield service
    service.stop()


@pytest.fixture
def events(qtbot, buses, logind, screensaver):
    source = LogindEvents(system_bus=buses[0], session_bus=buses[1], session_id="32")
    yield source
    source.close()


def test_sleep_and_wake_come_from_prepare_for_sleep(qtbot, logind, events):
    assert ("GetSession", ("32",)) in logind.calls
    with qtbot.waitSignal(events.sleeping, timeout=5000):
        logind.emit(MANAGER_PATH, f"{LOGIND}.Manager", "PrepareForSleep", "b", (True,))
    with qtbot.waitSignal(events.woke, timeout=5000):
        logind.emit(MANAGER_PATH, f"{LOGIND}.Manager", "PrepareForSleep", "b", (False,))


def test_our_sessions_lock_and_unlock(qtbot, logind, events):
    with qtbot.assertNotEmitted(events.locked, wait=300):
        logind.emit(THEIRS, f"{LOGIND}.Session", "Lock")  # another user's session
    with qtbot.waitSignal(events.locked, timeout=5000):
        logind.emit(OURS, f"{LOGIND}.Session", "Lock")
    with qtbot.waitSignal(events.unlocked, timeout=5000):
        logind.emit(OURS, f"{LOGIND}.Session", "Unlock")


def test_locked_hint_tells_the_lock_and_one_lock_is_told_once(qtbot, logind, screensaver, events):
    """logind and the screen saver tell of the same lock on two buses: one locked, one unlocked.
    (Signals from one sender come in order; the sleep signal marks that logind's were all read.)"""
    told = []
    events.locked.connect(lambda: told.append("locked"))
    events.unlocked.connect(lambda: told.append("unlocked"))
    with qtbot.waitSignal(events.sleeping, timeout=5000):
        logind.emit(OURS, "org.freedesktop.DBus.Properties", "PropertiesChanged", "sa{sv}as",
                    (f"{LOGIND}.Session", {"LockedHint": ("b", True)}, []))
        logind.emit(OURS, f"{LOGIND}.Session", "Lock")
        logind.emit(MANAGER_PATH, f"{LOGIND}.Manager", "PrepareForSleep", "b", (True,))
    assert told == ["locked"]
    saver = ("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", "ActiveChanged", "b")
    with qtbot.waitSignal(events.unlocked, timeout=5000):
        screensaver.emit(*saver, (True,))
        screensaver.emit(*saver, (False,))
    assert told == ["locked", "unlocked"]


def test_the_screensaver_alone_tells_lock_and_unlock(qtbot, screensaver, events):
    with qtbot.waitSignal(events.locked, timeout=5000):
        screensaver.emit("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", "ActiveChanged", "b",
                         (True,))
    with qtbot.waitSignal(events.unlocked, timeout=5000):
        screensaver.emit("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", "ActiveChanged", "b",
                         (False,))


def test_signals_from_an_impostor_are_ignored(qtbot, buses, events):
    """Only the owner of org.freedesktop.login1 speaks for logind."""
    impostor = StandIn(buses[0], "org.example.Impostor", {})
    with qtbot.assertNotEmitted(events.sleeping, wait=300):
        impostor.emit(MANAGER_PATH, f"{LOGIND}.Manager", "PrepareForSleep", "b", (True,))
    impostor.stop()


def test_closed_events_leave_no_thread_and_hear_nothing(qtbot, buses, logind, screensaver):
    before = set(threading.enumerate())
    source = LogindEvents(system_bus=buses[0], session_bus=buses[1], session_id="32")
    source.close()
    assert set(threading.enumerate()) == before
    with qtbot.assertNotEmitted(source.sleeping, wait=300):
        logind.emit(MANAGER_PATH, f"{LOGIND}.Manager", "PrepareForSleep", "b", (True,))


def test_no_session_still_tells_sleep(qtbot, buses):
    """Outside a logind session (GetSession fails), sleep and wake still come."""
    logind = StandIn(buses[0], LOGIND, {"GetSession": "org.freedesktop.login1.NoSuchSession"})
    source = LogindEvents(system_bus=buses[0], session_bus=buses[1], session_id="99")
    with qtbot.waitSignal(source.sleeping, timeout=5000):
        logind.emit(MANAGER_PATH, f"{LOGIND}.Manager", "PrepareForSleep", "b", (True,))
    source.close()
    logind.stop()


def test_without_logind_there_are_no_events(qapp, buses):
    with pytest.raises(Unavailable, match="logind is not running"):
        LogindEvents(system_bus=buses[0], session_bus=buses[1])


def test_without_a_system_bus_there_are_no_events(qapp, tmp_path):
    with pytest.raises(Unavailable, match="system bus"):
        LogindEvents(system_bus=f"unix:path={tmp_path}/none", session_bus=f"unix:path={tmp_path}/none")
