"""The store's messages reach the window's status line and the tray's notification, once."""

import os

from app.api.client import MiteClient
from app.tray_app import show_store_messages
from app.core.session import Session
from app.core.settings import Settings
from app.core.store_open import open_store
from app.demo.data import ADMIN_KEY
from app.ui.window import MainWindow


def test_a_store_deleted_under_the_open_window_is_rescued_and_said_once(qtbot, aio, demo, tmp_path, tasks):
    path = tmp_path / "account.sqlite3"
    store = open_store(path).store
    session = Session(MiteClient(demo.url, ADMIN_KEY), Settings(), store, save_settings=False)
    window = MainWindow(session, tasks, "demo account")
    qtbot.addWidget(window)
    window.present()
    alerts = []
    session.alert.connect(alerts.append)
    show_store_messages(session, store, "")
    aio.run(session.add(minutes=5, project_id=None, service_id=None, note="before"))
    os.unlink(path)
    aio.run(session.add(minutes=5, project_id=None, service_id=None, note="after"))
    aio.until(lambda: "deleted or changed while mite-tray ran" in window.status.text())
    assert len(alerts) == 1 and "waiting to be sent to mite: 1)." in alerts[0] and "kept as" not in alerts[0]
    assert path.exists() and len(store.outbox()) == 2
    aio.run(session.client.aclose())
    store.close()


def test_the_message_from_opening_the_store_is_shown(qtbot, aio, demo, tmp_path, tasks):
    path = tmp_path / "account.sqlite3"
    path.write_bytes(b"garbage" * 1000)
    opened = open_store(path)
    session = Session(MiteClient(demo.url, ADMIN_KEY), Settings(), opened.store, save_settings=False)
    window = MainWindow(session, tasks, "demo account")
    qtbot.addWidget(window)
    window.present()
    alerts = []
    session.alert.connect(alerts.append)
    show_store_messages(session, opened.store, opened.message)
    aio.until(lambda: "was damaged" in window.status.text())
    assert alerts == [opened.message]
    aio.run(session.client.aclose())
    opened.store.close()
