"""Budgets where they show (issue 16), with pytest-qt against the demo mite: the palette's project rows,
the window's project picker, the timer card and the tray's tooltip; a time tracker's share with its note."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from app.api.client import MiteClient
from app.core.session import Session
from app.core.settings import Settings
from app.core.store import Store
from app.demo.data import TRACKER_KEY
from app.ui.palette import PaletteWindow
from app.ui.palette_rows import DETAIL_ROLE
from app.ui.pickers import FilterPicker
from app.ui.shell import Shell
from app.ui.tray import Tray
from tests.helpers.budgets import set_budgets, truth


@pytest.fixture
def ids(aio, demo, session):
    """The four demo budgets on mite, and the session's catalog read again."""
    found = set_budgets(demo.mite)
    aio.run(session.load_catalog())
    return found


def percent_of(demo, project_id, budget, extra=0):
    return (truth(demo.mite, project_id) + extra) * 100 // budget


def test_the_palette_shows_a_projects_budget_use_after_its_customer(qtbot, aio, session, tasks, ids, demo):
    palette = PaletteWindow(session, tasks)
    qtbot.addWidget(palette)
    palette.present()  # asks for the figures: nothing was fetched before
    aio.until(lambda: session.budgets.fetches == 1)
    qtbot.keyClicks(palette.field, "api d")
    row = palette.list.item(0)
    assert row.text() == "API Docs"  # the title stays the name: typing and Tab complete it
    expected = f"King Inc. · {percent_of(demo, ids['API Docs'], 2400)}% of 40 h"
    assert row.data(DETAIL_ROLE) == expected
    assert row.data(Qt.ItemDataRole.AccessibleTextRole) == f"API Docs, {expected}"
    palette.field.clear()
    qtbot.keyClicks(palette.field, "website rel")
    site = truth(demo.mite, ids["Website Relaunch"], cents=True) * 100 // 1_200_000
    assert palette.list.item(0).data(DETAIL_ROLE) == f"King Inc. · {site}% of €12,000"  # the percent is never cut off
    palette.field.clear()
    qtbot.keyClicks(palette.field, "intern")
    assert palette.list.item(0).data(DETAIL_ROLE) == ""  # no budget, no words


def test_the_window_picker_and_card_show_the_budget_and_it_grows_with_the_timer(qtbot, aio, session, tasks, ids,
                                                                                 demo, monkeypatch):
    shell = Shell(session, session.settings, tasks, label="demo account", demo=True, icon=None,
                  quit_app=lambda: None, restart=lambda _reason: None, sign_in=lambda: None)
    try:
        window = shell.window()
        window.present()
        picker = window.form.project
        picker.showPopup()  # opening the list asks for the figures
        aio.until(lambda: session.budgets.fetches == 1)
        docs = ids["API Docs"]
        use = f"{percent_of(demo, docs, 2400)}% of 40 h"
        assert picker.detail_of("API Docs (King Inc.)") == use
        assert picker.detail_of("Internal") == ""
        site = truth(demo.mite, ids["Website Relaunch"], cents=True) * 100 // 1_200_000
        assert picker.detail_of("Website Relaunch (King Inc.)") == f"{site}% of €12,000"  # the percent first
        popup = picker.view()
        row = next(r for r in range(popup.model().rowCount())
                   if popup.model().index(r, 0).data() == "API Docs (King Inc.)")
        assert popup.itemDelegate().detail(popup.model().index(row, 0)) == use  # painted after the label
        picker.hidePopup()

        assert not window.card.budget.isVisible()
        aio.run(session.start(project_id=docs, service_id=None, note="budget card"))
        aio.until(lambda: window.card.budget.text() == f"Budget: {use}")
        assert window.card.budget.isVisible() and window.card.budget.toolTip() == ""

        later = session.journal.clock() + timedelta(minutes=120)  # two hours on: 5% more of 40 h, no request
        monkeypatch.setattr(session.journal, "clock", lambda: later)
        before = session.budgets.fetches
        window.card.tick(session.state.snapshot)
        grown = percent_of(demo, docs, 2400, extra=120)
        assert window.card.budget.text() == f"Budget: {grown}% of 40 h" and session.budgets.fetches == before

        aio.run(session.stop())
        aio.until(lambda: not window.card.budget.isVisible())
    finally:
        shell.close()


def test_the_tray_tooltip_names_the_running_projects_budget(qtbot, aio, session, ids, demo):
    tray = Tray(session)
    try:
        aio.run(session.start(project_id=ids["Website Relaunch"], service_id=None, note="money"))
        aio.until(lambda: session.budgets.fetches >= 1 and any("Budget:" in line for line in tray.shown.tooltip))
        line = next(line for line in tray.shown.tooltip if line.startswith("Budget:"))
        assert line.endswith(" of €12,000 · " + f"{truth(demo.mite, ids['Website Relaunch'], cents=True) * 100 // 1_200_000}%")
        assert "Budget:" in tray.icon.toolTip()
        aio.run(session.stop())
        aio.until(lambda: not any("Budget:" in line for line in tray.shown.tooltip))
    finally:
        tray.dispose()


def test_a_time_tracker_sees_their_share_and_why(qtbot, aio, demo, tasks):
    ids = set_budgets(demo.mite)
    client = MiteClient(demo.url, TRACKER_KEY, timeout=2.0)
    session = Session(client, Settings(), Store(":memory:"), save_settings=False)
    try:
        aio.run(session.refresh())
        picker = FilterPicker("project", "Project")
        qtbot.addWidget(picker)
        picker.set_items([(p.label, p.id) for p in session.projects])
        picker.show_details(session.budgets.text, session.budgets.want)
        picker.showPopup()
        aio.until(lambda: session.budgets.fetches == 1)
        assert picker.detail_of("API Docs (King Inc.)").startswith("your share ")
        assert "%" not in picker.detail_of("API Docs (King Inc.)")
        text, note = session.budgets.words(ids["API Docs"])
        assert text.startswith("your share ") and "admin" in note
    finally:
        aio.run(client.aclose())
