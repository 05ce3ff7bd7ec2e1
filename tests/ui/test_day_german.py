"""The day navigation, the timesheet and the daily targets in German (issue 16)."""

from datetime import timedelta

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QWidget

from app.core.settings import Settings
from app.platform.autostart.xdg import XdgAutostart
from app.platform.hotkeys import Shortcuts
from app.ui.settings_window import SettingsWindow
from app.ui.window import MainWindow
from tests.ui.test_german import english_left, german  # noqa: F401 (german: the fixture)


def test_days_and_week_speak_german(german, qtbot, session, tasks):
    window = MainWindow(session, tasks, "demo")
    qtbot.addWidget(window)
    window.present()
    today = session.weeks.today()
    nav = window.days.nav
    assert nav.heading.text() == "Heute" and nav.back.toolTip() == "Vorheriger Tag (Alt+←)"
    nav.step(-1)
    assert nav.heading.text() == "Gestern" and nav.back_to_today.text() == "Heute"
    nav.step(-1)
    two_back = today - timedelta(days=2)
    assert nav.heading.text() == QLocale("de_DE").toString(QDate(two_back), "ddd, d. MMM")  # "Mo., 30. Nov."
    assert window.days.summary.text().startswith("KW ") and " von " in window.days.summary.text()
    assert window.days.chart.accessibleName() == "Wochenübersicht"
    assert window.days.chart.accessibleDescription().startswith("Kalenderwoche ")
    assert window.today.accessibleName().startswith("Einträge · ")
    assert english_left(window) == []


def test_targets_speak_german(german, qtbot):
    dialog = SettingsWindow(Settings(), Shortcuts(None), XdgAutostart(), account="acme", user="Anna",
                            demo=False, save=lambda: None)
    qtbot.addWidget(dialog)
    assert dialog.targets.title() == "Sollzeit pro Tag"
    assert dialog.targets.fields[0].accessibleName() == "Sollzeit am Montag"
    labels = [w.text() for w in dialog.targets.findChildren(QWidget) if hasattr(w, "buddy") and w.buddy()]
    assert labels[:2] == ["Mo.", "Di."]
    assert english_left(dialog) == []
