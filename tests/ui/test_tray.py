"""The tray object offscreen: icon state, tooltip and menu follow the session."""

import time
from datetime import timedelta

import pytest

from app.core.state import Health
from app.core.tray_look import TrayState
from app.demo.data import ADMIN_KEY
from app.ui.icons import elapsed_text, tray_icon
from app.ui.tray import Tray
from tests.helpers.demo import running_id


@pytest.fixture
def tray(session, qtbot):
    tray = Tray(session)
    yield tray
    tray.dispose()
    qtbot.wait(10)  # let deleteLater run now, not during some later test


def test_idle_running_offline_error(aio, session, demo, tray):
    assert tray.state() is TrayState.IDLE
    assert tray.timer_action.text() == "Not tracking"
    assert tray.toggle_action.text().startswith("Continue: ")
    aio.run(session.start(project_id=None, service_id=None, note="tray test"))
    assert tray.state() is TrayState.RUNNING
    assert tray.timer_action.text().startswith("▶ 0:00")
    assert "▶ 0:00" in tray.icon.toolTip() and "Today" in tray.icon.toolTip()
    assert tray.toggle_action.text() == "Stop timer"
    # Every request fails while we look: the session's own poller (poked by start) may run a
    # refresh of its own, and a one-shot fault it consumed left this check racing (failed CI).
    fault = demo.inject(path=".*", status=500, times=None)
    aio.run(session.refresh())
    assert tray.state() is TrayState.ERROR and "Problem:" in tray.icon.toolTip()
    demo.faults.remove(fault)
    session.client._http._base_url = session.client._http.base_url.copy_with(port=9)
    aio.run(session.refresh())
    assert session.state.health is Health.OFFLINE and tray.state() is TrayState.OFFLINE
    assert "Offline:" in tray.icon.toolTip()


def test_menu_stops_and_continues(aio, session, demo, tasks, tray):
    tray.stop_requested.connect(lambda: tasks.spawn(session.stop()))
    tray.start_last_requested.connect(lambda: tasks.spawn(session.start_last()))
    last = max(session.state.snapshot.today, key=lambda e: (e.updated_at, e.id))
    tray.toggle_action.trigger()
    aio.until(lambda: running_id(demo) == last.id)
    aio.until(lambda: tray.toggle_action.text() == "Stop timer")
    tray.toggle_action.trigger()
    aio.until(lambda: running_id(demo) is None)


def test_poll_interval_follows_window_and_backs_off(session):
    session.settings.poll_seconds_open, session.settings.poll_seconds_hidden = 30, 60
    session.window_visible = True
    assert session.poll_interval() == 30
    session.window_visible = False
    assert session.poll_interval() == 60
    session._failures = 3
    assert 0.8 * 240 <= session.poll_interval() <= 1.2 * 240
    session._failures = 20
    assert session.poll_interval() <= 1.2 * 300


def test_sleep_is_noticed_and_resets_the_backoff(aio, demo, monkeypatch):
    import asyncio

    import app.core.session as session_module
    from app.api.client import MiteClient
    from app.core.session import Session
    from app.core.settings import Settings
    from app.core.store import Store
    monkeypatch.setattr(session_module, "SLICE", 0.05)
    session = Session(MiteClient(demo.url, "x"), Settings(), Store(":memory:"), save_settings=False)
    offset = {"seconds": 0.0}
    session.wall_clock = lambda: time.time() + offset["seconds"]
    refreshed = []

    async def refresh():
        refreshed.append(1)
    session.refresh = refresh
    poller = asyncio.ensure_future(session.poll_forever())
    aio.until(lambda: len(refreshed) == 1)
    session._failures = 5  # backing off for minutes
    aio.sleep(0.3)
    assert len(refreshed) == 1  # no sync while waiting out the backoff
    offset["seconds"] = 3600  # the machine slept an hour
    aio.until(lambda: len(refreshed) == 2)
    assert session._failures == 0
    poller.cancel()
    aio.run(asyncio.wait([poller]))
    aio.run(session.client.aclose())


def test_network_watcher_syncs_when_the_network_comes_back():
    from PySide6.QtNetwork import QNetworkInformation

    from app.platform.network import NetworkWatcher
    calls = []
    watcher = NetworkWatcher(lambda: calls.append(1))
    watcher._online = False
    Reachability = QNetworkInformation.Reachability
    for state in (Reachability.Online, Reachability.Online, Reachability.Disconnected, Reachability.Online):
        watcher._changed(state)
    assert len(calls) == 2  # once per return, not for every report


def test_timer_stopped_elsewhere_is_a_notification_a_click_is_not(aio, session, demo, tray):
    aio.run(session.start(project_id=None, service_id=None, note="stopped in the browser"))
    aio.run(session.refresh())
    assert tray.last_message == ""  # the user's own click: no notification
    entry_id = running_id(demo)
    admin = next(u for u in demo.mite.users.values() if u["role"] == "admin")
    demo.mite.stop_tracker(admin, entry_id)
    aio.run(session.refresh())
    assert "stopped" in tray.last_message and tray.state() is TrayState.IDLE


@pytest.mark.parametrize("minutes, text", [(0, "0:00"), (7, "0:07"), (95, "1:35"), (599, "9:59"), (605, "10h")])
def test_elapsed_time_fits_the_icon(minutes, text):
    assert elapsed_text(minutes) == text


def test_running_icon_carries_the_time_and_macos_gets_a_template(qapp):
    image = tray_icon(TrayState.RUNNING, 20, elapsed=45).pixmap(32, 32).toImage()
    assert image.pixelColor(4, 3).name() == "#1e7a3e"  # dark green tile inside a pale rim (tests/ui/test_look.py)
    assert any(image.pixelColor(x, 16).name() == "#ffffff" for x in range(32))  # white digits across it
    template = tray_icon(TrayState.IDLE, template=True)
    assert template.isMask()
    pixels = template.pixmap(22, 22).toImage()
    colours = {pixels.pixelColor(x, y).rgb() & 0xFFFFFF for x in range(22) for y in range(22)
               if pixels.pixelColor(x, y).alpha()}
    assert colours == {0}  # black with alpha only: the menu bar tints it


def test_the_ticks_read_nothing_from_the_store(aio, qtbot, demo, tasks):
    """The tray's 20 s tick and the window's 1 s tick redraw from the State they hold: no SQL.
    What the store holds reaches them with Session.changed, after an action or a sync round."""
    from app.api.client import MiteClient
    from app.core.session import Session
    from app.core.settings import Settings
    from app.core.store import Store
    from app.ui.window import MainWindow
    session = Session(MiteClient(demo.url, ADMIN_KEY, timeout=2.0), Settings(), Store(":memory:"), save_settings=False)
    aio.run(session.refresh())  # no poll loop: nothing else reads the store meanwhile
    aio.run(session.start(project_id=None, service_id=None, note="ticking"))
    tray, window = Tray(session), MainWindow(session, tasks, "demo account")
    qtbot.addWidget(window)
    statements: list[str] = []
    session.store.db.set_trace_callback(statements.append)
    for _ in range(5):
        tray._tick.timeout.emit()
        window._ticker.timeout.emit()
    assert statements == []
    assert tray.state() is TrayState.RUNNING and "ticking" in tray.icon.toolTip()
    # The count counts: an action reads the store once for the new State, and the tray shows it.
    later = session.journal.clock() + timedelta(minutes=2)
    session.journal.clock = lambda: later  # ran a while: a stop in the first minute would book nothing
    aio.run(session.stop())
    assert any(s.lstrip().upper().startswith("SELECT") for s in statements)
    assert tray.state() is TrayState.IDLE and tray.toggle_action.text() == "Continue: ticking"
    tray.dispose()
    aio.run(session.client.aclose())


def test_an_ampersand_in_user_data_is_not_a_mnemonic(aio, session, tray):
    """Issue 14: "Continue: Hosting _Maintenance · Design": `&` in a menu item marks a shortcut."""
    from app.core.actions import Action, Plan, execute
    hosting = next(p for p in session.projects if p.name == "Hosting & Maintenance")
    aio.run(execute(Plan(Action.BOOK, project=hosting, minutes=30, note="backup"), session))
    aio.until(lambda: tray.toggle_action.text() == "Continue: Hosting && Maintenance")
    aio.run(session.start(project_id=None, service_id=None, note="R&D spike"))
    assert "  R&&D spike · since " in tray.timer_action.text()  # the headline ends with since when
    assert tray.timer_action.text().replace("&&", "&") == tray.shown.headline


@pytest.mark.parametrize("text, shown", [("Hosting & Maintenance", "Hosting && Maintenance"), ("plain", "plain"),
                                         ("&&", "&&&&"), ("", "")])
def test_menu_text_doubles_every_ampersand(text, shown):
    from app.ui.text import menu_text
    assert menu_text(text) == shown
