"""The quick-entry palette with pytest-qt against the demo mite: type, choose, Enter; refusals say why."""

import pytest
from PySide6.QtCore import Qt

from app.api.client import MiteClient
from app.core.session import Session
from app.core.settings import Settings
from app.core.store import Store
from app.demo.data import TRACKER_KEY
from app.ui.palette import PaletteWindow
from tests.helpers.demo import running_entry, running_id


@pytest.fixture
def palette(qtbot, session, tasks):
    palette = PaletteWindow(session, tasks)
    qtbot.addWidget(palette)
    palette.present()
    qtbot.waitExposed(palette)
    return palette


def running_note(demo):
    entry = running_entry(demo)
    return entry and (entry["project_id"], entry["service_id"], entry["note"])


def project_id(demo, name):
    return next(p["id"] for p in demo.mite.records["projects"].values() if p["name"] == name)


def test_type_complete_and_start_with_the_keyboard(qtbot, aio, palette, demo):
    field = palette.field
    qtbot.keyClicks(field, "api d")
    assert palette.list.item(0).text() == "API Docs"
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.text() == "API Docs / "
    qtbot.keyClicks(field, "writ")
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    qtbot.keyClicks(field, "fix typos")
    assert palette.preview.text() == "Start a timer · API Docs (King Inc.) / Writing — fix typos"
    qtbot.keyClick(field, Qt.Key.Key_Return)
    aio.until(lambda: running_note(demo))
    writing = next(s["id"] for s in demo.mite.records["services"].values() if s["name"] == "Writing")
    assert running_note(demo) == (project_id(demo, "API Docs"), writing, "fix typos")
    assert not palette.isVisible() and field.text() == ""


def test_arrow_keys_choose_and_a_duration_books_time(qtbot, aio, palette, session, demo):
    qtbot.keyClicks(palette.field, "45 portal")
    first = palette.list.item(0).text()
    qtbot.keyClick(palette.field, Qt.Key.Key_Down)
    second = palette.list.item(1).text()
    assert second != first and second in palette.preview.text()
    assert palette.preview.text().startswith("Book 0:45 today · ")
    before = len(demo.mite.records["time_entries"])
    qtbot.keyClick(palette.field, Qt.Key.Key_Return)
    aio.until(lambda: len(demo.mite.records["time_entries"]) == before + 1 and not session.waiting())
    booked = max(demo.mite.records["time_entries"].values(), key=lambda e: e["id"])
    assert booked["minutes"] == 45 and booked["project_id"] == project_id(demo, second)


def test_recent_entries_are_numbered_and_ctrl_number_continues_one(qtbot, aio, palette, session, demo):
    recent = [palette.list.item(i).text() for i in range(palette.list.count())]
    assert recent and all(text.startswith(f"{n}  ") for n, text in enumerate(recent, 1))
    chosen = palette._model().recent_today[1]
    qtbot.keyClick(palette.field, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    aio.until(lambda: running_id(demo) == chosen.id)
    assert not palette.isVisible()


def test_bad_input_is_refused_with_a_message_and_kept(qtbot, palette, demo):
    before = dict(demo.mite.records["time_entries"])
    qtbot.keyClicks(palette.field, "1:75 API Docs")
    qtbot.keyClick(palette.field, Qt.Key.Key_Return)
    assert "not a duration" in palette.preview.text() and palette.preview.property("error")
    assert palette.isVisible() and palette.field.text() == "1:75 API Docs"
    assert demo.mite.records["time_entries"] == before


def test_admin_creates_a_missing_project_from_the_palette(qtbot, aio, palette, session, demo):
    qtbot.keyClicks(palette.field, "Moonshot: first sketch")
    assert palette.list.currentRow() == -1  # the create row is offered, not chosen
    qtbot.keyClick(palette.field, Qt.Key.Key_Down)
    assert palette.preview.text() == ("Start a timer · new project Moonshot — first sketch\n"
                                      "Creates the project “Moonshot” in mite, for everyone in the account.")
    qtbot.keyClick(palette.field, Qt.Key.Key_Return)
    aio.until(lambda: running_note(demo) and running_note(demo)[2] == "first sketch")
    assert running_note(demo)[0] == project_id(demo, "Moonshot")
    assert any(p.name == "Moonshot" for p in session.projects)


def test_time_tracker_is_told_it_cannot_create_projects(qtbot, aio, tasks, demo):
    client = MiteClient(demo.url, TRACKER_KEY, timeout=2.0)
    session = Session(client, Settings(), Store(":memory:"), save_settings=False)
    aio.run(session.refresh())
    palette = PaletteWindow(session, tasks)
    qtbot.addWidget(palette)
    palette.present()
    qtbot.keyClicks(palette.field, "Moonshot")
    qtbot.keyClick(palette.field, Qt.Key.Key_Return)
    assert "only admins and owners" in palette.preview.text()
    assert not any(p["name"] == "Moonshot" for p in demo.mite.records["projects"].values())
    aio.run(client.aclose())


def test_escape_closes_and_keeps_nothing_half_done(qtbot, palette):
    qtbot.keyClicks(palette.field, "api")
    qtbot.keyClick(palette.field, Qt.Key.Key_Escape)
    assert not palette.isVisible()
    palette.present()
    assert palette.field.text() == ""


def test_creating_a_project_offline_says_why_and_keeps_the_line(qtbot, aio, palette, session, demo):
    """Creating needs mite (app.core.actions): offline, Enter does nothing of the plan, says why,
    and the typed line stays to send again once mite can be reached."""
    real = session.client._http.base_url
    session.client._http.base_url = "http://127.0.0.1:9"  # nothing listens
    waiting = len(session.waiting())
    qtbot.keyClicks(palette.field, "Moonshot: first sketch")
    qtbot.keyClick(palette.field, Qt.Key.Key_Down)
    qtbot.keyClick(palette.field, Qt.Key.Key_Return)
    aio.until(lambda: palette.field.isEnabled() and "cannot be reached" in palette.preview.text())
    assert palette.preview.text() == "Could not create “Moonshot”: mite cannot be reached. Check your internet connection."
    assert palette.isVisible() and palette.field.text() == "Moonshot: first sketch"
    assert len(session.waiting()) == waiting  # nothing queued
    assert not any(e.note == "first sketch" for e in session.state.snapshot.today)  # no entry, no timer
    assert not any(p.name == "Moonshot" for p in session.projects)
    session.client._http.base_url = real
    qtbot.keyClick(palette.field, Qt.Key.Key_Return)
    aio.until(lambda: running_note(demo) and running_note(demo)[2] == "first sketch")
    assert running_note(demo)[0] == project_id(demo, "Moonshot")


def test_enter_on_a_typo_creates_nothing_and_says_how_to_create(qtbot, aio, palette, session, demo):
    """Issue 14: `zzzz nonexist: foo` + Enter created the project in mite and started a timer."""
    projects, entries = len(demo.mite.records["projects"]), dict(demo.mite.records["time_entries"])
    qtbot.keyClicks(palette.field, "zzzz nonexist: foo")
    qtbot.keyClick(palette.field, Qt.Key.Key_Return)
    aio.sleep(0.3)
    assert palette.isVisible() and palette.field.text() == "zzzz nonexist: foo"
    assert palette.preview.text() == ("No project matches “zzzz nonexist”. To create it in mite, "
                                      "choose “Create project” with the arrow keys.")
    assert palette.preview.property("error")
    assert len(demo.mite.records["projects"]) == projects and demo.mite.records["time_entries"] == entries
    assert running_note(demo) is None or running_note(demo)[2] != "foo"


def test_a_broken_duration_is_reported_as_one(qtbot, palette, demo):
    before = dict(demo.mite.records["time_entries"])
    qtbot.keyClicks(palette.field, "1x2 intranet")
    assert palette.preview.text() == "“1x2” is not a duration. Try 1:30, 1h30, 90m, 1.5h or 45."
    qtbot.keyClick(palette.field, Qt.Key.Key_Return)
    assert palette.preview.property("error") and palette.isVisible()
    assert demo.mite.records["time_entries"] == before


def test_project_rows_carry_their_colour(qtbot, palette, session):
    from app.core.colours import project_colour
    from app.ui.palette import COLOUR_ROLE
    qtbot.keyClicks(palette.field, "api d")
    first = palette._suggestions[0].value
    assert palette.list.item(0).data(COLOUR_ROLE) == project_colour(first.id)
    assert not palette.list.item(0).icon().isNull()
    qtbot.keyClicks(palette.field, " / wri")  # services have no colour
    assert palette.list.item(0).data(COLOUR_ROLE) is None
