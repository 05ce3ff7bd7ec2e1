"""Settings: account, global shortcuts, sync intervals, start at login, language, theme, daily
targets (app.ui.settings_targets); beside them, away time and working hours (app.ui.settings_away).

Changes apply at once and are saved. Signing out, switching account and a new
language restart the app's window and session in place (`restart_requested`); the theme
applies at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from app.core.settings import Settings
from app.i18n import LANGUAGES, system_language, translate
from app.platform import desktop
from app.platform.autostart import Autostart, state_text
from app.platform.hotkeys import COMMANDS, Shortcuts
from app.ui import style
from app.ui.icons import app_icon
from app.ui.settings_away import AwaySettings
from app.ui.settings_targets import TargetSettings

HOTKEYS = (("hotkey_window", "window"), ("hotkey_timer", "timer"))  # settings field, backend id



class SettingsWindow(QDialog):
    restart_requested = Signal(str)  # "sign-out", "switch-account" or "language"
    targets_changed = Signal()  # the daily targets (app.ui.settings_targets): the timesheet draws again

    def __init__(self, settings: Settings, shortcuts: Shortcuts, autostart: Autostart, *,
                 account: str, user: str, demo: bool, save: Callable[[], None], idle_description: str = ""):
        super().__init__()
        self.settings, self.shortcuts, self.autostart, self._save = settings, shortcuts, autostart, save
        self.setWindowTitle(translate("Settings", "Settings"))
        self.setWindowIcon(app_icon())
        self.setMinimumWidth(480)
        # Two columns: five boxes in one would be taller than many laptop screens.
        general = QVBoxLayout()
        general.addWidget(self._account_box(account, user, demo))
        general.addWidget(self._shortcut_box())
        general.addWidget(self._general_box())
        self.targets = TargetSettings(settings, save)
        self.targets.changed.connect(self.targets_changed)
        general.addWidget(self.targets)
        general.addStretch(1)
        self.away = AwaySettings(settings, save, idle_description)
        # The row-box beside a column of wrapping notes got less than its minimum from the layout, which
        # cut "Fragen, wenn eine Stoppuhr länger läuft als" (German): hold it explicitly.
        self.away.setMinimumWidth(self.away.minimumSizeHint().width())
        columns = QHBoxLayout()
        columns.addLayout(general, 6)
        columns.addWidget(self.away, 5)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        close = QPushButton(translate("Settings", "Close"))
        close.setDefault(True)  # Enter closes; not the first button (Sign out) as QDialog would pick
        close.clicked.connect(self.accept)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        # Its whole width: a new window is otherwise cut to 2/3 of the screen (853 px of 1280),
        # which clipped "Account wechseln …" in German.
        self.resize(self.sizeHint())

    def set_idle_description(self, text: str) -> None:
        """How this desktop reports that the user is away (app.platform.idle); "" hides the line."""
        self.away.set_idle_description(text)

    # -- sections ------------------------------------------------------------------

    def _account_box(self, account: str, user: str, demo: bool) -> QGroupBox:
        box = QGroupBox(translate("Settings", "Account"))
        who = QLabel(translate("Settings", "{user} · {account}").format(user=user or translate("Settings", "(not loaded yet)"), account=account))
        who.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sign_out = QPushButton(translate("Settings", "Sign out"))
        self.sign_out.setAccessibleName(translate("Settings", "Sign out: remove the API key from the keychain"))
        self.sign_out.clicked.connect(lambda: self._restart("sign-out"))
        self.switch = QPushButton(translate("Settings", "Switch account…"))
        self.switch.setAccessibleName(translate("Settings", "Sign in to another mite account"))
        self.switch.clicked.connect(lambda: self._restart("switch-account"))
        for button in (self.sign_out, self.switch):
            button.setEnabled(not demo)
            button.setAutoDefault(False)
        # Greyed-out buttons say why beside them, not only in a tooltip nobody hovers for.
        self.reason = QLabel(translate("Settings", "The demo account has nothing to sign out of; run "
                                       "<code>mite-tray login</code> to use your own."))
        self.reason.setObjectName("reason")
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason.setVisible(demo)
        column = QVBoxLayout(box)
        row = QHBoxLayout()
        row.addWidget(who, 1)
        row.addWidget(self.sign_out)
        row.addWidget(self.switch)
        column.addLayout(row)
        column.addWidget(self.reason)
        return box

    def _shortcut_box(self) -> QGroupBox:
        box = QGroupBox(translate("Settings", "Global shortcuts"))
        form = QFormLayout(box)
        self.recorders: dict[str, QKeySequenceEdit] = {}
        labels = {"hotkey_window": translate("Settings", "Quick entry"), "hotkey_timer": translate("Settings", "Continue last / stop timer")}
        for field, _hotkey_id in HOTKEYS:
            recorder = QKeySequenceEdit(QKeySequence(desktop.shortcut_text(getattr(self.settings, field))))
            recorder.setMaximumSequenceLength(1)
            recorder.setAccessibleName(labels[field] + ": " + translate("Settings", "press the new shortcut"))
            for line in recorder.findChildren(QLineEdit):  # its field has the focus: a screen reader reads its name
                line.setAccessibleName(recorder.accessibleName())
            recorder.setEnabled(self.shortcuts.available)
            recorder.editingFinished.connect(lambda f=field: self._record(f))
            recorder.installEventFilter(self)
            self.recorders[field] = recorder
            form.addRow(labels[field], recorder)
        self.shortcut_message = QLabel()
        self.shortcut_message.setObjectName("formError")
        self.shortcut_message.setWordWrap(True)
        self.shortcut_message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._say("")
        self.shortcuts.answered.connect(self._show_advice)  # the desktop may answer later (the portal)
        form.addRow(self.shortcut_message)
        return box

    def _general_box(self) -> QGroupBox:
        box = QGroupBox(translate("Settings", "General"))
        form = QFormLayout(box)
        self.poll_open = self._seconds(self.settings.poll_seconds_open, 10, "poll_seconds_open")
        self.poll_hidden = self._seconds(self.settings.poll_seconds_hidden, 15, "poll_seconds_hidden")
        shown = translate("Settings", "Check mite while the window is open")
        hidden = translate("Settings", "Check mite in the background")
        form.addRow(shown, self.poll_open)
        form.addRow(hidden, self.poll_hidden)
        for spin, label in ((self.poll_open, shown), (self.poll_hidden, hidden)):  # one name for both told them not apart
            spin.setAccessibleName(label + ": " + translate("Settings", "seconds between checks"))
        self.start_at_login = QCheckBox(translate("Settings", "Start mite-tray when I log in"))
        self._show_autostart()
        self.start_at_login.toggled.connect(self._autostart)
        form.addRow(self.start_at_login)
        self.language = QComboBox()
        self.language.setAccessibleName(translate("Settings", "Language"))
        system = LANGUAGES[system_language()]
        self.language.addItem(translate("Settings", "System ({language})").format(language=system), "")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(self.settings.language)))
        self.language.currentIndexChanged.connect(self._language)
        form.addRow(translate("Settings", "Language"), self.language)
        self.theme_choice = QComboBox()
        self.theme_choice.setAccessibleName(translate("Settings", "Theme"))
        for name, choice in ((translate("Settings", "System"), ""), (translate("Settings", "Light"), "light"),
                             (translate("Settings", "Dark"), "dark")):
            self.theme_choice.addItem(name, choice)
        self.theme_choice.setCurrentIndex(max(0, self.theme_choice.findData(self.settings.theme)))
        self.theme_choice.currentIndexChanged.connect(self._theme)
        form.addRow(translate("Settings", "Theme"), self.theme_choice)
        return box

    def _seconds(self, value: int, minimum: int, field: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(minimum, 3600)
        spin.setValue(value)
        spin.setSuffix(translate("Settings", " s"))

        def changed(seconds: int) -> None:
            setattr(self.settings, field, seconds)
            self._save()
        spin.valueChanged.connect(changed)
        return spin

    # -- applying ----------------------------------------------------------------

    def _advice(self) -> str:
        """The commands to bind in the desktop's own settings, while a shortcut is not bound here."""
        commands = "<br><code>" + "<br>".join(COMMANDS) + "</code>"
        if not self.shortcuts.available:
            return translate("Settings", "This desktop does not let apps set global shortcuts (GNOME on Wayland, "
                             "for one). Bind these commands in its own keyboard settings instead:") + commands
        if not self.shortcuts.unbound or not self.shortcuts.settled:
            return ""
        keys = ", ".join(self.shortcuts.unbound.values())
        if self.shortcuts.taken >= set(self.shortcuts.unbound):
            return translate("Settings", "{shortcuts}: held by another program. Record other keys above, or bind "
                             "these commands in the desktop's own keyboard settings:").format(shortcuts=keys) + commands
        return translate("Settings", "{shortcuts}: not bound on this desktop, so pressing them does nothing. "
                         "Bind these commands in its own keyboard settings instead:").format(shortcuts=keys) + commands

    def _show_advice(self) -> None:
        if self.shortcut_message.objectName() != "formError" or not self.shortcut_message.text():
            self._say("")  # an error just said stays until the next recording

    def _say(self, text: str, error: bool = True) -> None:
        """An error about a recorded shortcut; "" shows the advice instead, if any."""
        if not text:
            text, error = self._advice(), False
        self.shortcut_message.setText(text)
        self.shortcut_message.setObjectName("formError" if error else "")
        self.shortcut_message.setStyleSheet("" if error else "color: palette(text);")
        self.shortcut_message.setVisible(bool(text))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # While a recorder has focus the global shortcuts are off: pressing the current one
        # records it, instead of the X server handing it to the palette.
        if watched in self.recorders.values():
            if event.type() == QEvent.Type.FocusIn:
                self.shortcuts.suspend()
            elif event.type() == QEvent.Type.FocusOut:
                field = next(f for f, r in self.recorders.items() if r is watched)
                self._record(field)
        return super().eventFilter(watched, event)

    def _wanted(self) -> dict[str, str]:
        return {hotkey_id: getattr(self.settings, field) for field, hotkey_id in HOTKEYS}

    def _record(self, field: str) -> None:
        """Bind the shortcut just recorded; taken or invalid ones are said, and the old one stays."""
        if self.isHidden():
            # Hidden without done(): the session is closing and has closed the shortcuts; binding
            # now would reach a closed X display (a crash at quit).
            return
        recorder = self.recorders[field]
        sequence = desktop.shortcut_text(recorder.keySequence().toString(QKeySequence.SequenceFormat.PortableText))
        wanted = self._wanted()
        if not sequence:  # a recording started and abandoned: keep the shortcut there was
            recorder.setKeySequence(QKeySequence(desktop.shortcut_text(getattr(self.settings, field))))
            sequence = getattr(self.settings, field)
        if sequence == getattr(self.settings, field):
            if self.shortcuts.suspended:
                self.shortcuts.bind(wanted)  # back on after recording nothing new
            return
        hotkey_id = dict(HOTKEYS)[field]
        problems = self.shortcuts.bind({**wanted, hotkey_id: sequence})
        if hotkey_id in problems:
            self.shortcuts.bind(wanted)
            recorder.setKeySequence(QKeySequence(desktop.shortcut_text(getattr(self.settings, field))))
            self._say(translate("Settings", "{shortcut}: {problem}").format(shortcut=sequence, problem=problems[hotkey_id]))
            return
        setattr(self.settings, field, sequence)
        self._save()
        self._say("")

    def done(self, result: int) -> None:
        if self.shortcuts.suspended:
            self.shortcuts.bind(self._wanted())  # closed while recording: the shortcuts work again
        super().done(result)

    def _show_autostart(self) -> None:
        state = self.autostart.state()
        self.start_at_login.blockSignals(True)
        self.start_at_login.setChecked(state == "on")
        self.start_at_login.blockSignals(False)
        if state not in ("on", "off"):  # Windows: switched off in Task Manager; say so, do not override
            self.start_at_login.setToolTip(state_text(state))

    def _autostart(self, on: bool) -> None:
        try:
            self.autostart.enable() if on else self.autostart.disable()
        except OSError as exc:
            self.start_at_login.setToolTip(translate("Settings", "Could not change it: {error}").format(error=exc))
        self._show_autostart()

    def _language(self, _index: int) -> None:
        self.settings.language = self.language.currentData()
        self._save()
        self._restart("language")

    def _theme(self, _index: int) -> None:
        self.settings.theme = self.theme_choice.currentData()
        self._save()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            style.install(app, self.settings.theme)  # at once, no restart

    def _restart(self, reason: str) -> None:
        self.accept()
        self.restart_requested.emit(reason)

