"""The window with pytest-qt against the demo mite: pick, start, stop, resume, quick add, bad input."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from app.core.state import Health
from tests.helpers.demo import running_entry, running_id


def entries(demo, **match):
    return [e for e in demo.mite.records["time_entries"].values()
            if all(e.get(k) == v for k, v in match.items())]


def test_shows_todays_entries_and_totals(window, session):
    today = session.state.snapshot.today
    assert today and window.today.topLevelItemCount() == len(today)
    assert window.card.elapsed.text() == "Not tracking"
    assert "Today <b>" in window.totals.text() and "This week" in window.totals.text()


def test_pick_by_typing_and_start_with_the_keyboard(qtbot, aio, window, demo):
    project = window.form.project
    project.setFocus()
    qtbot.keyClicks(project.lineEdit(), "api d")
    assert project.completer().completionCount() == 1  # filtered as typed
    qtbot.keyClick(project.lineEdit(), Qt.Key.Key_Return)
    assert window.form.service.hasFocus()  # Enter in a picker moves on, it does not start
    qtbot.keyClicks(window.form.service.lineEdit(), "Writing")
    qtbot.keyClick(window.form.service.lineEdit(), Qt.Key.Key_Return)
    qtbot.keyClicks(window.form.note, "fix typos")
    qtbot.keyClick(window.form.note, Qt.Key.Key_Return)
    aio.until(lambda: running_id(demo) is not None)
    entry = running_entry(demo)
    api_docs = next(p for p in demo.mite.records["projects"].values() if p["name"] == "API Docs")
    assert (entry["project_id"], entry["note"]) == (api_docs["id"], "fix typos")
    aio.until(lambda: window.card.title.text() == "API Docs · Writing")
    assert window.card.stop_button.isVisible()
    assert window.form.note.text() == ""
    assert len(entries(demo, note="fix typos")) == 1  # exactly one entry booked


def test_customer_name_filters_projects_and_archived_are_hidden(window, session):
    labels = [window.form.project.itemText(i) for i in range(window.form.project.count())]
    assert "API Docs (King Inc.)" in labels
    archived = [p.name for p in session.projects if p.archived]
    assert not archived  # the session loads only active projects
    assert not any(label.startswith("Old Website") for label in labels)


def test_stop(qtbot, aio, window, demo, session):
    aio.run(session.start(project_id=None, service_id=None, note="to stop"))
    aio.until(lambda: window.card.stop_button.isVisible())
    qtbot.mouseClick(window.card.stop_button, Qt.MouseButton.LeftButton)
    aio.until(lambda: running_id(demo) is None)
    aio.until(lambda: window.card.elapsed.text() == "Not tracking")


def test_double_click_an_entry_resumes_it(qtbot, aio, window, demo):
    item = window.today.topLevelItem(1)
    entry_id = item.data(0, Qt.ItemDataRole.UserRole)
    rect = window.today.visualItemRect(item)
    qtbot.mouseClick(window.today.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # as a real double
    qtbot.mouseDClick(window.today.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # click sends
    aio.until(lambda: running_id(demo) == entry_id)
    aio.until(lambda: window.today.topLevelItem(0) is not None and any(
        window.today.topLevelItem(i).text(0) == "●" for i in range(window.today.topLevelItemCount())))


def test_quick_add(qtbot, aio, window, demo):
    form = window.form
    form.project.select_id(next(p["id"] for p in demo.mite.records["projects"].values() if p["name"] == "Intranet"))
    qtbot.keyClicks(form.note, "quick added")
    qtbot.keyClicks(form.duration, "1h30")
    qtbot.keyClick(form.duration, Qt.Key.Key_Return)
    aio.until(lambda: entries(demo, note="quick added"))
    [entry] = entries(demo, note="quick added")
    assert (entry["minutes"], entry["date_at"]) == (90, date.today().isoformat())
    aio.until(lambda: form.duration.text() == "")
    assert "Added 1:30" in window.status.text()


@pytest.mark.parametrize("duration", ["1:75", "abc", "0", "25h", ""])
def test_bad_duration_is_refused_and_nothing_is_sent(qtbot, aio, window, demo, duration):
    before = len(demo.mite.records["time_entries"])
    sent = len(demo.requests)
    qtbot.keyClicks(window.form.duration, duration)
    qtbot.mouseClick(window.form.add_button, Qt.MouseButton.LeftButton)
    assert window.form.error.isVisible() and window.form.error.text()
    aio.sleep(0.2)
    assert len(demo.mite.records["time_entries"]) == before
    assert not [r for r in demo.requests[sent:] if r[0] == "POST"]
    assert window.form.duration.text() == duration  # the input is kept to correct


def test_ambiguous_project_is_refused_with_a_message(qtbot, aio, window, demo):
    qtbot.keyClicks(window.form.project.lineEdit(), "King")
    window.form.request_start()
    assert "matches" in window.form.error.text() and window.form.error.isVisible()
    assert running_id(demo) is None


def test_offline_is_shown_and_recovers(qtbot, aio, window, session, demo):
    demo.inject(path=".*", status=503, times=None)
    aio.run(session.refresh())
    assert session.state.health is Health.ERROR
    assert window.status.isVisible() and "mite has a problem" in window.status.text()
    demo.faults.clear()
    aio.run(session.refresh())
    assert session.state.health is Health.ONLINE and not window.status.isVisible()


def test_locked_entry_says_so(qtbot, aio, window, session, demo):
    admin = next(u for u in demo.mite.users.values() if u["role"] == "admin")
    locked = demo.mite.records["time_entries"][session.state.snapshot.today[0].id]
    locked["locked"] = True
    assert locked["user_id"] == admin["id"]
    item = window.today.topLevelItem(0)
    for send in (qtbot.mouseClick, qtbot.mouseDClick):  # a double click: press, release, then the double
        send(window.today.viewport(), Qt.MouseButton.LeftButton, pos=window.today.visualItemRect(item).center())
    aio.until(lambda: "locked" in window.status.text())
    assert running_id(demo) is None


def test_escape_hides_and_tab_order_is_sensible(qtbot, window):
    form = window.form
    form.project.setFocus()
    visited = []
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        # an editable combo box hands focus to its line edit
        visited.append(focused.parent() if isinstance(focused.parent(), QComboBox) else focused)
    assert visited == [form.service, form.note, form.start_button, form.duration]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not window.isVisible()


def test_every_control_has_an_accessible_name(window):
    form = window.form
    for widget in (form.project, form.service, form.note, form.start_button, form.duration, form.day,
                   form.add_button, window.card.stop_button, window.today):
        assert widget.accessibleName(), widget


def test_timer_changed_elsewhere_shows_up_by_polling(aio, window, session, demo):
    """A timer started, then stopped, in the mite web app appears within a poll interval."""
    session.settings.poll_seconds_open = 0.3  # the file's floor is 10 s; tests go faster
    session.poke()
    admin = next(u for u in demo.mite.users.values() if u["role"] == "admin")
    with demo.mite.lock:
        elsewhere = demo.mite.create_entry(admin, {"time_entry": {"note": "from the web app"}})[1]["time_entry"]
        demo.mite.start_tracker(admin, elsewhere["id"])
    aio.until(lambda: "from the web app" in window.card.detail.text())
    with demo.mite.lock:
        demo.mite.stop_tracker(admin, elsewhere["id"])
    aio.until(lambda: window.card.elapsed.text() == "Not tracking")
    assert "stopped in mite" in window.status.text()
