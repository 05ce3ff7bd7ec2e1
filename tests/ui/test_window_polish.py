"""The window after issue 14: a click selects, honest titles, nothing cut off, one status line,
"since 10:42", project colours and a first-run tour."""

import math

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from app import i18n
from app.core.colours import project_colour
from app.ui.window import MainWindow
from tests.helpers.demo import running_id


@pytest.fixture
def german(qapp, monkeypatch):
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
    assert i18n.install("") == "de"
    yield
    i18n.install("en")


def row_of(window, entry_id):
    today = window.today
    return next(today.topLevelItem(i) for i in range(today.topLevelItemCount())
                if today.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == entry_id)


def click(qtbot, window, item, column=None, double=False):
    today = window.today
    rect = today.visualItemRect(item)
    if column is not None:
        rect = rect.intersected(today.visualRect(today.indexFromItem(item, column)))
    qtbot.mouseClick(today.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    if double:  # a real double click: a click, then the second press Qt reports as a double click
        qtbot.mouseDClick(today.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


# -- defect 2: a click selects; ▶, a double click or Enter continues ------------------------

def test_a_single_click_only_selects(qtbot, aio, window, demo):
    item = window.today.topLevelItem(1)
    click(qtbot, window, item, column=2)
    aio.sleep(0.3)
    assert running_id(demo) is None and window.today.currentItem() is item
    deleted = []
    window.today.delete_requested.connect(deleted.append)
    qtbot.keyClick(window.today, Qt.Key.Key_Delete)
    assert [e.id for e in deleted] == [item.data(0, Qt.ItemDataRole.UserRole)]  # Del: the row clicked


def test_double_click_continues(qtbot, aio, window, demo):
    item = window.today.topLevelItem(1)
    entry_id = item.data(0, Qt.ItemDataRole.UserRole)
    click(qtbot, window, item, column=2, double=True)
    aio.until(lambda: running_id(demo) == entry_id)


def test_enter_continues_the_selected_row(qtbot, aio, window, demo):
    item = window.today.topLevelItem(0)
    entry_id = item.data(0, Qt.ItemDataRole.UserRole)
    window.today.setFocus()
    window.today.setCurrentItem(item)
    qtbot.keyClick(window.today, Qt.Key.Key_Return)
    aio.until(lambda: running_id(demo) == entry_id)


def test_the_play_button_shows_on_the_selected_row_and_continues(qtbot, aio, window, demo):
    today = window.today
    item = today.topLevelItem(1)
    entry_id = item.data(0, Qt.ItemDataRole.UserRole)
    assert item.text(today.PLAY) == ""  # not hovered, not selected: no button
    click(qtbot, window, item, column=2)
    assert item.text(today.PLAY) == "▶" and item.toolTip(today.PLAY)
    assert running_id(demo) is None
    click(qtbot, window, item, column=today.PLAY)
    aio.until(lambda: running_id(demo) == entry_id)
    aio.until(lambda: row_of(window, entry_id).text(today.PLAY) == "●")  # the running row is marked


# -- defect 6: no project is said as such; the note stays in its column ------------------------

def test_an_entry_without_project_says_so(aio, window, session):
    aio.run(session.add(minutes=15, project_id=None, service_id=None, note="noproj", day=None))
    entry = next(e for e in session.state.snapshot.today if e.note == "noproj")
    aio.until(lambda: window.today.topLevelItemCount() == len(session.state.snapshot.today))
    item = row_of(window, entry.id)
    today = window.today
    assert (item.text(today.PROJECT), item.text(today.NOTE)) == ("(no project)", "noproj")
    aio.run(session.start(project_id=None, service_id=None, note="noproj again"))
    aio.until(lambda: window.card.title.text() == "(no project)")
    assert "noproj again" in window.card.detail.text()


# -- defect 8: nothing cut off at the default width --------------------------------------------

def test_german_footer_fits_at_the_default_width(german, qtbot, session, tasks):
    window = MainWindow(session, tasks, i18n.translate("App", "demo account"))
    qtbot.addWidget(window)
    window.present()
    qtbot.waitExposed(window)
    assert window.account.full_text.endswith("Demo-Konto") or "Demo" in window.account.full_text
    assert window.account.text() == window.account.full_text  # not elided


def test_long_project_names_wrap_instead_of_being_cut(window, session):
    today = window.today
    metrics = today.fontMetrics()
    assert any("Hosting & Maintenance" in today.topLevelItem(i).text(today.PROJECT)
               for i in range(today.topLevelItemCount()))
    for i in range(today.topLevelItemCount()):
        item = today.topLevelItem(i)
        for column in (today.PROJECT, today.NOTE):
            text = item.text(column)
            room = today.columnWidth(column) - 12  # the cell's margins and the colour dot
            lines = math.ceil(metrics.horizontalAdvance(text) / max(room, 1))
            assert today.visualItemRect(item).height() >= min(lines, 2) * metrics.lineSpacing(), text
            assert text in item.toolTip(column)


# -- defect 10: one status line, the newest message wins ---------------------------------------

def test_a_new_message_replaces_the_old_and_success_clears_an_error(qtbot, window):
    window.show_notice("Added 1:30 on 2026-12-03: Intranet")
    assert window.status.isVisible() and window.status.text().startswith("Added 1:30")
    window.show_notice("Could not start the timer: mite refused the data.", error=True)
    assert window.status.text().startswith("Could not") and "Added" not in window.status.text()
    assert window.status.property("error") == "true"
    window.show_notice("Started Intranet")
    assert window.status.property("error") == "false" and window.status.text() == "Started Intranet"


def test_a_success_fades_an_error_stays(qtbot, window):
    window.status_line.FADE_MS = 200
    window.show_notice("Added 0:15")
    qtbot.waitUntil(lambda: not window.status.isVisible(), timeout=2000)
    window.show_notice("Could not delete the entry.", error=True)
    qtbot.wait(400)
    assert window.status.isVisible() and window.status.text() == "Could not delete the entry."


def test_an_action_clears_a_stale_error(aio, window, session):
    session.notice.emit("Could not stop the timer: mite cannot be reached.")
    assert window.status.isVisible() and window.status.property("error") == "true"
    aio.run(session.start(project_id=None, service_id=None, note="fresh start"))
    assert not window.status.isVisible()


def test_the_status_line_can_offer_an_action(qtbot, window):
    pressed = []
    window.show_notice("Deleted 0:30 Intranet.", action=("Undo", lambda: pressed.append(1)))
    assert window.status_line.button.isVisible() and window.status_line.button.text() == "Undo"
    qtbot.mouseClick(window.status_line.button, Qt.MouseButton.LeftButton)
    assert pressed == [1] and not window.status.isVisible()  # done: the offer goes


# -- features: since, colours, the tour --------------------------------------------------------

def test_the_card_says_when_the_timer_started(aio, window, session):
    aio.run(session.start(project_id=None, service_id=None, note="since test"))
    running = session.state.snapshot.running
    started = running.tracking.since.astimezone().strftime("%H:%M")
    aio.until(lambda: window.card.since.text() == f"since {started}")


def test_each_row_has_its_projects_colour(window, session):
    today = window.today
    for entry in session.state.snapshot.today:
        icon = row_of(window, entry.id).icon(today.PROJECT)
        image = icon.pixmap(12, 12).toImage()
        assert image.pixelColor(6, 6) == QColor(project_colour(entry.project_id)), entry.project_name


def test_the_tour_is_shown_once(qtbot, session, tasks):
    session.settings.tour_seen = False
    window = MainWindow(session, tasks, "demo account")
    qtbot.addWidget(window)
    window.present()
    qtbot.waitExposed(window)
    tour = window.tour
    assert tour.isVisible()
    text = tour.text.text()
    assert "Ctrl+Alt+M" in text and "mite-tray start, stop and status" in text and "tray" in text
    qtbot.mouseClick(tour.close_button, Qt.MouseButton.LeftButton)
    assert not tour.isVisible() and session.settings.tour_seen
    again = MainWindow(session, tasks, "demo account")
    qtbot.addWidget(again)
    again.present()
    assert not again.tour.isVisible()


def test_a_continued_entry_names_the_minutes_it_had(aio, window, session):
    entry = next(e for e in session.state.snapshot.today if e.minutes)
    aio.run(session.resume(entry))
    aio.until(lambda: window.card.since.text().endswith(f"(+{entry.minutes // 60}:{entry.minutes % 60:02d} before)"))


def test_without_a_tray_the_tour_does_not_send_you_to_one(qtbot, session, tasks):
    """Under weston, with no tray, the tour said "mite-tray lives in your system tray: click the stopwatch
    icon" right above the notice that there is no tray (seen in tests/desktop/test_no_tray's screenshot)."""
    session.settings.tour_seen = False
    window = MainWindow(session, tasks, "demo account", tray=False)
    qtbot.addWidget(window)
    text = window.tour.text.text()
    assert "stopwatch icon" not in text and "no system tray here" in text.lower() and "Ctrl+Alt+M" in text
