"""Issue 17: one catalog change costs the change, not the catalog.

Counted, not timed: how many Project records are built and how many palette index rows are worked out
when mite renames one project, with the window's pickers, the palette's index and the budgets all in
use, at two account sizes. The old code rebuilt every Project (Session.load_catalog) and the whole
palette index and picker list for any change.
"""

from __future__ import annotations

import pytest

from app.api.client import MiteClient
from app.api.models import Project
from app.core import fuzzy
from app.core.session import Session
from app.core.settings import Settings
from app.core.store import Store
from app.core.tasks import TaskSet
from app.demo.data import ADMIN_KEY, demo_account
from app.demo.server import DemoServer
from tests.helpers.demo import admin


def rename_cost(aio, qtbot, monkeypatch, extra_projects: int) -> tuple[int, int]:
    """(Projects built, palette rows indexed) by a catalog poll that brings one renamed project."""
    from app.ui.palette import PaletteWindow
    from app.ui.window import MainWindow

    built, indexed = [0], [0]
    from_json, normal = Project.from_json, fuzzy._normal

    def counted_build(data):
        built[0] += 1
        return from_json(data)

    def counted_normal(text):
        indexed[0] += 1
        return normal(text)
    monkeypatch.setattr(Project, "from_json", counted_build)
    monkeypatch.setattr(fuzzy, "_normal", counted_normal)
    with DemoServer(demo_account(extra_projects=extra_projects)) as demo:
        client = MiteClient(demo.url, ADMIN_KEY, timeout=10.0)
        session = Session(client, Settings(), Store(":memory:"), save_settings=False)
        tasks = TaskSet()
        try:
            aio.run(session.refresh(), timeout=60)
            window = MainWindow(session, tasks, "demo account")
            qtbot.addWidget(window)
            palette = PaletteWindow(session, tasks)
            qtbot.addWidget(palette)
            palette.present()  # its index is built
            session.budgets.all()  # the budgets worked out (the tray's tooltip, the pickers' details)
            target = next(p for p in session.projects if p.name == "Project 0007")
            demo.mite.update_record(admin(demo), "projects", target.id, {"project": {"name": "Zeppelin Docs"}})
            built[0] = indexed[0] = 0
            aio.run(session.load_catalog())
            counts = built[0], indexed[0]
            # and the rename shows everywhere
            assert any(label.startswith("Zeppelin Docs") for label in window.form.project._labels)
            assert not any(label.startswith("Project 0007") for label in window.form.project._labels)
            assert window.form.project._model.stringList() == window.form.project._labels
            found = palette._model().suggestions("zeppelin")
            assert found[0].kind == "project" and found[0].value.id == target.id
            assert palette._model().suggestions("Project 0007")[0].kind == "create-project"
            assert next(p for p in session.projects if p.id == target.id).name == "Zeppelin Docs"
            return counts
        finally:
            palette.hide()
            aio.run(tasks.cancel_all())
            aio.run(client.aclose())


@pytest.mark.parametrize("small, large", [(300, 3000)])
def test_one_rename_builds_the_same_few_records_at_any_size(aio, qtbot, monkeypatch, small, large):
    few = rename_cost(aio, qtbot, monkeypatch, small)
    many = rename_cost(aio, qtbot, monkeypatch, large)
    assert few == many  # independent of the catalog's size
    built, indexed = many
    assert built <= 3 and indexed <= 2  # the renamed project, read once or twice; one index row


def test_projects_are_not_held_at_rest(aio, demo):
    """The session holds no Project of the catalog: it reads what is shown from the store."""
    client = MiteClient(demo.url, ADMIN_KEY, timeout=5.0)
    session = Session(client, Settings(), Store(":memory:"), save_settings=False)
    aio.run(session.refresh())
    import gc
    held = [o for o in gc.get_objects() if isinstance(o, list) and o and isinstance(o[0], Project)
            and len(o) == len(session.projects)]
    assert not held
    assert len(session.projects) > 5 and session.projects[0].name
    aio.run(client.aclose())
