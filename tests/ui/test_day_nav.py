"""The window's day navigation against the demo mite (issue 16): ←, →, Today, the date field and
the keys; a past day's entries edited, deleted and continued through the session; a week the store
does not hold fetched once, with "Loading…" meanwhile and a failure said in the status line."""

import random
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from app.demo.data import _entry
from app.ui.edit_dialog import EditDialog
from tests.helpers.demo import admin, running_entry


def mine(demo, day):
    uid = admin(demo)["id"]
    return {e["id"] for e in demo.mite.records["time_entries"].values() if e["user_id"] == uid and e["date_at"] == day.isoformat()}


def last_booked_day(demo, today):
    """The latest day before today with the admin's entries (the demo books every weekday)."""
    uid = admin(demo)["id"]
    return max(date.fromisoformat(e["date_at"]) for e in demo.mite.records["time_entries"].values()
               if e["user_id"] == uid and e["date_at"] < today.isoformat() and not e["locked"])


def listed(window):
    items = (window.today.topLevelItem(i) for i in range(window.today.topLevelItemCount()))
    return {window.today.entry_of(item).id for item in items if window.today.entry_of(item)}


def test_arrows_today_and_the_heading(qtbot, window, session):
    nav, today = window.days.nav, session.weeks.today()
    assert nav.heading.text() == "Today" and nav.back_to_today.isHidden()
    qtbot.mouseClick(nav.back, Qt.MouseButton.LeftButton)
    assert window.days.day == today - timedelta(days=1) and nav.heading.text() == "Yesterday"
    assert nav.back_to_today.isVisible() and nav.picker.date().toPython() == today - timedelta(days=1)
    qtbot.mouseClick(nav.back, Qt.MouseButton.LeftButton)
    two_back = today - timedelta(days=2)
    assert nav.heading.text() == QDate(two_back).toString("ddd d MMM")  # "Mon 30 Nov"
    qtbot.mouseClick(nav.forward, Qt.MouseButton.LeftButton)
    assert window.days.day == today - timedelta(days=1)
    qtbot.mouseClick(nav.back_to_today, Qt.MouseButton.LeftButton)
    assert window.days.day == today and nav.heading.text() == "Today" and nav.back_to_today.isHidden()
    assert listed(window) == {e.id for e in session.state.snapshot.today}  # the State's list again


def test_keys_and_the_date_field(qtbot, window, session):
    today = session.weeks.today()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.form.note, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.days.day == today - timedelta(days=1)
    qtbot.keyClick(window.today, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(window.today, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.days.day == today - timedelta(days=1)
    qtbot.keyClick(window.today, Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
    assert window.days.day == today
    assert "Alt+←" in window.days.nav.back.toolTip() and "Alt+Home" in window.days.nav.back_to_today.toolTip()
    window.days.nav.picker.setDate(QDate(today - timedelta(days=3)))  # as the calendar does
    assert window.days.day == today - timedelta(days=3)
    assert window.form.day.date().toPython() == today - timedelta(days=3)  # quick entry books there


def test_a_past_day_lists_its_entries_and_they_can_be_edited_deleted_and_continued(qtbot, aio, window, session, demo):
    today = session.weeks.today()
    day = last_booked_day(demo, today)
    window.days.nav.go(day)
    aio.until(lambda: listed(window) == mine(demo, day))
    assert window.today.accessibleName().startswith("Entries · ")
    # edit with F2
    window.today.setFocus()
    window.today.setCurrentItem(window.today.topLevelItem(0))
    edited = window.today.current_entry()
    qtbot.keyClick(window.today, Qt.Key.Key_F2)
    dialog = window.findChild(EditDialog)
    dialog.note.setText("looked back")
    dialog._save()
    aio.until(lambda: demo.mite.records["time_entries"][edited.id]["note"] == "looked back")
    aio.until(lambda: "looked back" in [window.today.topLevelItem(i).text(3) for i in range(window.today.topLevelItemCount())])
    # delete with Del: gone from mite and from the list, Undo offered
    window.today.setCurrentItem(window.today.topLevelItem(window.today.topLevelItemCount() - 1))
    deleted = window.today.current_entry()
    qtbot.keyClick(window.today, Qt.Key.Key_Delete)
    aio.until(lambda: deleted.id not in demo.mite.records["time_entries"])
    aio.until(lambda: deleted.id not in listed(window))
    assert window.undo_bar.button.isVisible()
    # continue with Enter: the timer runs today, and the window shows today
    window.today.setCurrentItem(window.today.topLevelItem(0))
    continued = window.today.current_entry()
    qtbot.keyClick(window.today, Qt.Key.Key_Return)
    aio.until(lambda: running_entry(demo) is not None)
    entry = running_entry(demo)
    assert entry["date_at"] == today.isoformat() and entry["project_id"] == continued.project_id
    assert window.days.day == today


def test_a_week_not_held_is_fetched_once_with_loading_meanwhile(qtbot, aio, window, session, demo):
    today = session.weeks.today()
    old = today - timedelta(weeks=4)
    uid = admin(demo)["id"]
    project = next(iter(demo.mite.records["projects"]))
    service = next(iter(demo.mite.records["services"]))
    _entry(demo.mite, random.Random(4), uid, old, project, service, locked=False)
    fault = demo.inject(path="time_entries", method="GET", delay=0.5)  # slow enough to see "Loading…"
    window.days.nav.go(old)
    assert window.today.topLevelItem(0).text(2) == "Loading…"
    aio.until(lambda: listed(window) == mine(demo, old))
    assert session.weeks.fetches == 1 and fault.hits == 1
    window.days.nav.step(1)  # the same week: held now
    window.days.nav.step(-1)
    assert listed(window) == mine(demo, old)
    aio.sleep(0.2)
    assert session.weeks.fetches == 1
    assert window.days.chart.week.first <= old <= window.days.chart.week.last


def test_a_failed_fetch_is_said_and_the_list_stays(qtbot, aio, window, session, demo):
    old = session.weeks.today() - timedelta(weeks=5)
    demo.inject(path="time_entries", method="GET", status=500, times=None)
    window.days.nav.go(old)
    aio.until(lambda: "could not be loaded" in window.status.text())
    assert window.status_line.label.property("error") in (True, "true")
    assert window.today.topLevelItem(0).text(2) == "Nothing booked on this day"
    assert session.weeks.fetches == 0


def test_the_ticks_read_nothing_from_the_store_on_a_past_day(aio, window, session):
    """The clock's ticks grow the running timer's bar from the entries read last: no SQL each second."""
    aio.run(session.start(project_id=None, service_id=None, note="ticking"))
    window.days.nav.step(-1)
    statements: list[str] = []
    session.store.db.set_trace_callback(statements.append)
    try:
        for _ in range(3):
            window._ticker.timeout.emit()
    finally:
        session.store.db.set_trace_callback(None)
    assert statements == []


def test_a_hidden_window_reads_nothing_until_shown(aio, window, session, demo):
    """Sync rounds and actions while the window is hidden do not read the week: it is read when shown."""
    window.days.nav.step(-1)
    window.hide()
    statements: list[str] = []
    session.store.db.set_trace_callback(statements.append)
    try:
        session.weeks.changed.emit()
    finally:
        session.store.db.set_trace_callback(None)
    assert not [s for s in statements if "date_at BETWEEN" in s]
    aio.run(session.add(minutes=42, project_id=None, service_id=None, note="while hidden",
                        day=window.days.day))
    window.present()
    aio.until(lambda: "while hidden" in [window.today.topLevelItem(i).text(3) for i in range(window.today.topLevelItemCount())])
    assert window.days.chart.week.days[window.days.day.weekday()].minutes >= 42


def test_back_to_today_from_another_week_shows_this_week(aio, window, session):
    today = session.weeks.today()
    window.days.nav.go(today - timedelta(weeks=1))
    aio.until(lambda: window.days.chart.week.first <= today - timedelta(weeks=1) <= window.days.chart.week.last)
    window.days.nav.back_to_today.click()
    week = window.days.chart.week
    assert week.first <= today <= week.last
    assert week.days[today.weekday()].minutes == session.state.snapshot.today_minutes()


def test_the_date_field_stays_within_the_days_a_week_can_be_drawn_for(qtbot):
    """Qt's date field went up to 9999-12-31, whose week ends past the last date Python has."""
    from datetime import date as day_type

    from app.ui.day_nav import DayNav
    nav = DayNav(lambda: day_type(2026, 12, 3))
    qtbot.addWidget(nav)
    chosen = []
    nav.day_chosen.connect(chosen.append)
    nav.go(day_type(9999, 12, 31))
    nav.step(100_000)
    assert chosen == [] and nav.picker.maximumDate().toPython() < day_type(9999, 12, 25)
