"""The settings window offscreen: shortcuts recorded (taken ones refused), no-backend advice,
start at login, poll intervals, language and account changes restarting the session."""

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent

from app.core.settings import Settings
from app.platform.autostart.xdg import XdgAutostart
from app.platform.hotkeys import COMMANDS, HotkeyBackend, HotkeyTaken, Shortcuts
from app.ui.settings_window import SettingsWindow

TAKEN = "Ctrl+Alt+T"


class RecordingBackend(HotkeyBackend):
    """Stands in for the OS: Ctrl+Alt+T belongs to another program (the real X11 backend is in e2e)."""

    def __init__(self):
        super().__init__()
        self.registered: dict[str, str] = {}

    def register(self, hotkey_id, sequence):
        if sequence == TAKEN:
            raise HotkeyTaken(sequence)
        self.registered[hotkey_id] = sequence

    def unregister_all(self):
        self.registered.clear()


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    return tmp_path


def make(qtbot, backend=None, demo=False, settings=None):
    settings = settings or Settings()
    saved = []
    shortcuts = Shortcuts(backend)
    shortcuts.bind({"window": settings.hotkey_window, "timer": settings.hotkey_timer})
    window = SettingsWindow(settings, shortcuts, XdgAutostart(), account="acme.mite.de", user="Anna Becker",
                            demo=demo, save=lambda: saved.append(True))
    qtbot.addWidget(window)
    window.show()
    return window, settings, saved


def record(qtbot, window, field, key, modifiers):
    recorder = window.recorders[field]
    recorder.setFocus()
    qtbot.keyClick(recorder, key, modifiers)
    window.eventFilter(recorder, _focus_out())  # leaving the field ends the recording


def _focus_out():
    return QFocusEvent(QEvent.Type.FocusOut)


CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


def test_a_recorded_shortcut_is_bound_and_saved(qtbot, home):
    backend = RecordingBackend()
    window, settings, saved = make(qtbot, backend)
    record(qtbot, window, "hotkey_window", Qt.Key.Key_K, CTRL_ALT)
    assert settings.hotkey_window == "Ctrl+Alt+K" and saved
    assert backend.registered == {"window": "Ctrl+Alt+K", "timer": "Ctrl+Alt+S"}
    assert not window.shortcut_message.isVisible() or window.shortcut_message.text() == ""


def test_a_taken_shortcut_is_said_and_the_old_one_stays(qtbot, home):
    backend = RecordingBackend()
    window, settings, saved = make(qtbot, backend)
    record(qtbot, window, "hotkey_timer", Qt.Key.Key_T, CTRL_ALT)
    assert "Ctrl+Alt+T: Ctrl+Alt+T is already used by another program" in window.shortcut_message.text()
    assert settings.hotkey_timer == "Ctrl+Alt+S" and not saved
    assert backend.registered == {"window": "Ctrl+Alt+M", "timer": "Ctrl+Alt+S"}
    assert window.recorders["hotkey_timer"].keySequence().toString() == "Ctrl+Alt+S"


def test_recording_suspends_the_global_shortcuts(qtbot, home):
    backend = RecordingBackend()
    window, _settings, _saved = make(qtbot, backend)
    window.eventFilter(window.recorders["hotkey_window"], QFocusEvent(QEvent.Type.FocusIn))
    assert backend.registered == {}  # pressing Ctrl+Alt+M now records it instead of opening the palette
    window.eventFilter(window.recorders["hotkey_window"], _focus_out())
    assert backend.registered == {"window": "Ctrl+Alt+M", "timer": "Ctrl+Alt+S"}


def test_without_a_backend_the_commands_to_bind_are_shown(qtbot, home):
    window, _settings, _saved = make(qtbot, None)
    text = window.shortcut_message.text()
    assert "does not let apps set global shortcuts" in text
    assert all(command in text for command in COMMANDS)
    assert not window.recorders["hotkey_window"].isEnabled()


def test_start_at_login_and_poll_intervals(qtbot, home):
    window, settings, saved = make(qtbot, RecordingBackend())
    window.start_at_login.setChecked(True)
    path = home / "xdg" / "autostart" / "mite-tray.desktop"
    assert path.exists() and "Exec=" in path.read_text()
    window.start_at_login.setChecked(False)
    assert not path.exists()
    window.poll_open.setValue(45)
    assert settings.poll_seconds_open == 45 and saved


def test_language_and_account_changes_restart_the_session(qtbot, home):
    window, settings, _saved = make(qtbot, RecordingBackend())
    reasons = []
    window.restart_requested.connect(reasons.append)
    window.language.setCurrentIndex(window.language.findData("de"))
    assert settings.language == "de" and reasons == ["language"]
    window, _settings, _saved = make(qtbot, RecordingBackend())
    window.restart_requested.connect(reasons.append)
    qtbot.mouseClick(window.sign_out, Qt.MouseButton.LeftButton)
    assert reasons == ["language", "sign-out"]


def test_demo_account_cannot_sign_out(qtbot, home):
    window, _settings, _saved = make(qtbot, RecordingBackend(), demo=True)
    assert not window.sign_out.isEnabled() and not window.switch.isEnabled()


def test_closing_the_session_while_recording_binds_nothing_after_the_shortcuts_closed(qtbot, home):
    """Quitting with a recorder focused: the session closes the shortcuts, then hides this window,
    which moves the focus out of the recorder; binding then (X11 display closed) crashed the app."""
    backend = RecordingBackend()
    window, _settings, _saved = make(qtbot, backend)
    recorder = window.recorders["hotkey_window"]
    window.eventFilter(recorder, QFocusEvent(QEvent.Type.FocusIn))
    window.shortcuts.close()
    calls = []
    backend.register = lambda *args: calls.append(args)
    window.hide()
    window.eventFilter(recorder, _focus_out())
    recorder.editingFinished.emit()
    assert calls == []


class UnboundBackend(HotkeyBackend):
    """A desktop that says yes and binds nothing (KDE Plasma 5.27's portal): it answers later, with none."""

    answers_later = True

    def register(self, hotkey_id, sequence):
        pass

    def unregister_all(self):
        pass


def test_shortcuts_the_desktop_did_not_bind_show_the_commands_to_bind(qtbot, home):
    backend = UnboundBackend()
    window, settings, _saved = make(qtbot, backend)
    assert window.shortcut_message.text() == ""  # not answered yet: nothing to say
    backend.answered.emit({})
    text = window.shortcut_message.text()
    assert window.shortcut_message.isVisible()
    assert "Ctrl+Alt+M" in text and "Ctrl+Alt+S" in text and "not bound" in text
    assert all(command in text for command in COMMANDS)


def test_a_shortcut_another_program_holds_at_start_says_so_with_the_commands(qtbot, home):
    window, _settings, _saved = make(qtbot, RecordingBackend(), settings=Settings(hotkey_window=TAKEN))
    text = window.shortcut_message.text()
    assert "Ctrl+Alt+T: held by another program" in text
    assert all(command in text for command in COMMANDS)


def test_the_advice_stays_while_a_shortcut_is_recorded(qtbot, home):
    """The settings open with the first recorder focused, which turns the shortcuts off meanwhile:
    the advice must not vanish with them."""
    backend = RecordingBackend()
    window, _settings, _saved = make(qtbot, backend, settings=Settings(hotkey_window=TAKEN))
    window.eventFilter(window.recorders["hotkey_window"], QFocusEvent(QEvent.Type.FocusIn))
    assert backend.registered == {}
    assert "Ctrl+Alt+T: held by another program" in window.shortcut_message.text()
    window.eventFilter(window.recorders["hotkey_window"], _focus_out())
    assert backend.registered == {"timer": "Ctrl+Alt+S"}  # on again
    assert "Ctrl+Alt+T: held by another program" in window.shortcut_message.text()
