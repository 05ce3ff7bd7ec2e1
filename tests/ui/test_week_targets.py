"""The daily targets in the settings (issue 16): typed as durations per weekday, saved and read back,
a wrong one said and not saved, and the window's timesheet following at once."""

from PySide6.QtCore import Qt

from app.core.settings import Settings
from app.platform.autostart.xdg import XdgAutostart
from app.platform.hotkeys import Shortcuts
from app.ui.settings_window import SettingsWindow


def settings_window(qtbot, settings):
    window = SettingsWindow(settings, Shortcuts(None), XdgAutostart(), account="acme", user="Anna",
                            demo=False, save=settings.save)
    qtbot.addWidget(window)
    window.show()
    return window


def type_into(qtbot, field, text):
    field.window().activateWindow()
    qtbot.waitUntil(field.window().isActiveWindow)
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Tab)  # on to the next day (Enter would close the settings, as elsewhere)


def test_targets_are_typed_saved_and_read_back(qtbot):
    settings = Settings()
    window = settings_window(qtbot, settings)
    fields = window.targets.fields
    assert [f.text() for f in fields] == ["8:00"] * 5 + ["0:00"] * 2
    assert fields[0].accessibleName() == "Target on Monday"
    type_into(qtbot, fields[0], "7.5h")
    type_into(qtbot, fields[4], "0")
    type_into(qtbot, fields[5], "2h30")
    type_into(qtbot, fields[1], "6")  # a bare number is hours here, not 6 minutes
    type_into(qtbot, fields[2], "7,5")
    assert fields[0].text() == "7:30" and fields[4].text() == "0:00" and fields[1].text() == "6:00"
    assert Settings.load().daily_targets == [450, 360, 450, 480, 0, 150, 0]


def test_a_wrong_target_is_said_and_not_saved(qtbot):
    settings = Settings()
    window = settings_window(qtbot, settings)
    type_into(qtbot, window.targets.fields[1], "lots")
    assert window.targets.error.isVisible() and window.targets.error.text().startswith("Tuesday: ")
    assert settings.daily_targets[1] == 480
    type_into(qtbot, window.targets.fields[1], "6:00")
    assert not window.targets.error.isVisible() and settings.daily_targets[1] == 360


def test_the_timesheet_follows_at_once(qtbot, window, session):
    session.save_settings = False
    dialog = SettingsWindow(session.settings, Shortcuts(None), XdgAutostart(), account="demo", user="Anna",
                            demo=True, save=session.save_settings_now)
    qtbot.addWidget(dialog)
    dialog.targets_changed.connect(session.weeks.changed)  # as app.ui.shell connects them
    dialog.show()
    monday = window.days.chart.week.days[0]
    assert monday.target == 480
    type_into(qtbot, dialog.targets.fields[0], "6:00")
    assert window.days.chart.week.days[0].target == 360
    assert window.days.chart.week.target == 4 * 480 + 360
