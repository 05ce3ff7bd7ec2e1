"""The settings window's away time and working hours (issue 15): the values shown, changed and saved."""

import json

import pytest
from PySide6.QtCore import QTime

from app.core.settings import Settings
from app.platform.autostart.xdg import XdgAutostart
from app.platform.hotkeys import Shortcuts
from app.ui.settings_window import SettingsWindow


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("MITE_TRAY_CONFIG_DIR", str(tmp_path / "config"))
    return tmp_path


def make(qtbot, settings=None, idle_description=""):
    settings = settings or Settings()
    window = SettingsWindow(settings, Shortcuts(None), XdgAutostart(), account="acme.mite.de", user="Anna Becker",
                            demo=False, save=settings.save, idle_description=idle_description)
    qtbot.addWidget(window)
    window.show()
    return window, settings


def saved():
    return json.loads(Settings.path().read_text(encoding="utf-8"))


def test_the_defaults_are_shown(qtbot, home):
    window, _settings = make(qtbot)
    away = window.away
    assert (away.away.value(), away.away.suffix(), away.forgotten.value()) == (10, " min", 10)
    assert not away.work_box.isChecked() and not away.days[0].isEnabled()  # reminders are off by default
    assert [d.isChecked() for d in away.days] == [True] * 5 + [False] * 2
    assert [d.text() for d in away.days] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert (away.start.time(), away.end.time(), away.not_tracking.value()) == (QTime(9, 0), QTime(18, 0), 15)
    assert not away.idle.isVisible()


def test_changes_are_saved_at_once(qtbot, home):
    window, settings = make(qtbot)
    away = window.away
    away.away.setValue(0)
    assert away.away.text() == "Off"  # 0 is off, and says so
    away.forgotten.setValue(8)
    away.work_box.setChecked(True)
    away.days[4].setChecked(False)
    away.days[5].setChecked(True)
    away.start.setTime(QTime(8, 30))
    away.end.setTime(QTime(17, 15))
    away.not_tracking.setValue(25)
    expected = {"away_minutes": 0, "forgotten_hours": 8, "work_reminders": True, "work_days": [0, 1, 2, 3, 5],
                "work_start": "08:30", "work_end": "17:15", "not_tracking_minutes": 25}
    assert {k: saved()[k] for k in expected} == expected
    assert {k: getattr(Settings.load(), k) for k in expected} == expected


def test_the_idle_description_is_one_line_under_away_time(qtbot, home):
    window, _settings = make(qtbot, idle_description="Idle time comes from the X server.")
    assert window.away.idle.isVisible() and window.away.idle.text() == "Idle time comes from the X server."
    window.set_idle_description("")
    assert not window.away.idle.isVisible()


def test_the_window_fits_a_small_laptop_screen(qtbot, home):
    window, _settings = make(qtbot)
    size = window.sizeHint()
    assert size.height() <= 640 and size.width() <= 900, size  # two columns; one would be ~900 px tall


def test_the_working_day_cannot_end_before_it_starts(qtbot, home):
    """An end before the start made the working hours silently empty: no reminder, no day's end."""
    window, settings = make(qtbot)
    away = window.away
    away.work_box.setChecked(True)
    away.start.setTime(QTime(19, 0))  # after the end (18:00)
    assert QTime.fromString(settings.work_start, "HH:mm") < QTime.fromString(settings.work_end, "HH:mm")
    away.end.setTime(QTime(6, 0))  # before the start
    assert QTime.fromString(settings.work_start, "HH:mm") < QTime.fromString(settings.work_end, "HH:mm")
    assert saved()["work_start"] < saved()["work_end"]


def test_a_hand_edited_working_day_ending_before_it_starts_is_read_as_the_default():
    settings = Settings(work_start="18:00", work_end="09:00").checked()
    assert (settings.work_start, settings.work_end) == ("09:00", "18:00")
