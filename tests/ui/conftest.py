import asyncio
import gc

import pytest
import qasync

from app.api.client import MiteClient
from app.core.session import Session
from app.core.settings import Settings
from app.core.store import Store
from app.core.tasks import TaskSet
from app.demo.data import ADMIN_KEY


class Aio:
    """Async scenarios on pytest-qt's QApplication (pytest-qt has no asyncio support).

    The qasync loop is marked as already running, so tasks spawned by widget
    signals (a key press, a click) run whenever Qt processes events; `run` and
    `until` spin Qt with qtbot until a coroutine or a condition is done.
    """

    def __init__(self, qtbot, loop):
        self.qtbot, self.loop = qtbot, loop

    def run(self, coro, timeout=10.0):
        future = asyncio.ensure_future(coro)
        self.qtbot.waitUntil(future.done, timeout=int(timeout * 1000))
        return future.result()

    def until(self, predicate, timeout=10.0):
        self.qtbot.waitUntil(lambda: bool(predicate()), timeout=int(timeout * 1000))

    def sleep(self, seconds):
        self.qtbot.wait(int(seconds * 1000))


@pytest.fixture(scope="session")
def qloop(qapp):
    # One loop for the session: qasync loops cannot be stopped and replaced while Qt runs.
    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.events._set_running_loop(None)
    return loop


@pytest.fixture
def aio(qloop, qtbot):
    """Marks the loop as running only during UI tests, so other tests may use asyncio.run()."""
    asyncio.events._set_running_loop(qloop)
    asyncio.set_event_loop(qloop)
    yield Aio(qtbot, qloop)
    asyncio.events._set_running_loop(None)
    asyncio.set_event_loop(None)
    # Collect Qt wrappers now, at a safe point: collected later from inside a Qt event,
    # a QMenu's destructor deadlocked on a Qt mutex.
    gc.collect()
    qtbot.wait(10)


@pytest.fixture
def session(aio, demo):
    client = MiteClient(demo.url, ADMIN_KEY, timeout=2.0)
    session = Session(client, Settings(), Store(":memory:"), save_settings=False)
    aio.run(session.refresh())
    poller = asyncio.ensure_future(session.poll_forever())  # sends the outbox, as in the app
    yield session
    poller.cancel()
    aio.run(asyncio.wait([poller]))
    aio.run(client.aclose())


@pytest.fixture
def tasks(aio):
    tasks = TaskSet()
    yield tasks
    aio.run(tasks.cancel_all())


@pytest.fixture
def window(qtbot, session, tasks):
    """The main window on the demo session, shown."""
    from app.ui.window import MainWindow
    window = MainWindow(session, tasks, "demo account")
    qtbot.addWidget(window)
    window.present()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def sent(session, monkeypatch):
    """The outbox rows the answers write, in order: (kind, payload)."""
    rows = []
    enqueue = session.store.enqueue

    def spy(kind, payload, created_at):
        rows.append((kind, payload))
        return enqueue(kind, payload, created_at)
    monkeypatch.setattr(session.store, "enqueue", spy)
    return rows
