"""After a restart the window shows the saved state at once, even with mite unreachable."""

from app.api.client import MiteClient
from app.core.session import Session
from app.core.state import Health
from app.core.settings import Settings
from app.core.store import Store
from app.core.tasks import TaskSet
from app.demo.data import ADMIN_KEY
from app.ui.window import MainWindow


def test_saved_state_is_shown_offline_and_marked(qtbot, aio, demo, tmp_path):
    path = tmp_path / "store.sqlite3"
    online = Session(MiteClient(demo.url, ADMIN_KEY), Settings(), Store(path), save_settings=False)
    aio.run(online.refresh())
    aio.run(online.add(minutes=42, project_id=online.projects[0].id, service_id=None, note="saved before"))
    aio.run(online.refresh())
    online.store.close()
    aio.run(online.client.aclose())

    offline = Session(MiteClient("http://127.0.0.1:9", ADMIN_KEY), Settings(), Store(path), save_settings=False)
    assert any(e.note == "saved before" and e.minutes == 42 for e in offline.state.snapshot.today)  # before any request
    assert offline.projects and offline.state.health is Health.UNKNOWN
    window = MainWindow(offline, TaskSet(), "acme")
    qtbot.addWidget(window)
    assert "showing what was saved here" in window.status.text()
    assert window.form.project.count() == len(offline.projects)
    aio.run(offline.refresh())
    assert offline.state.health is Health.OFFLINE and "Offline" in window.status.text()
    assert any(e.note == "saved before" for e in offline.state.snapshot.today)
    aio.run(offline.client.aclose())
