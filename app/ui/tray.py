"""The tray icon: state at a glance, the running entry in tooltip and menu.

It draws what app.core.tray_look.look() works out from the session's State; the State
comes with Session.changed, and a 20 s tick only moves the minutes on (no store reads).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from app.core.session import Session
from app.core.state import State
from app.core.tray_look import TrayLook, TrayState, look
from app.i18n import translate
from app.platform import desktop
from app.ui.icons import tray_icon
from app.ui.text import menu_text


class Tray(QObject):
    open_requested = Signal()
    start_last_requested = Signal()
    stop_requested = Signal()
    settings_requested = Signal()
    quit_requested = Signal()

    def __init__(self, session: Session, icon: QSystemTrayIcon | None = None):
        super().__init__()
        self.session = session
        self.icon = icon or QSystemTrayIcon(self._icon(TrayState.IDLE, 0))  # or the one shown at start-up
        self.icon.setParent(self)
        self.menu = QMenu()
        # macOS opens this menu on every click, so the timer and Start/Stop come first.
        self.timer_action = self.menu.addAction("")  # enabled so it reads clearly; opens the window
        self.timer_action.triggered.connect(self.open_requested)
        self.toggle_action = self.menu.addAction("")
        self.toggle_action.triggered.connect(self._toggle_timer)
        self.open_action = self.menu.addAction(translate("Tray", "Open mite-tray"))
        self.open_action.triggered.connect(self.open_requested)
        settings_action = self.menu.addAction(translate("Tray", "Settings…"))
        settings_action.triggered.connect(self.settings_requested)
        self.menu.addSeparator()
        quit_action: QAction = self.menu.addAction(translate("Tray", "Quit"))
        quit_action.triggered.connect(self.quit_requested)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self._state = session.state  # the latest State; the look is worked out from it
        self._drawn: tuple[TrayState, int | None] | None = None  # what the icon shows now
        self.shown: TrayLook = look(self._state, datetime.now().astimezone())
        session.changed.connect(self.show_state)
        session.alert.connect(self.notify)
        # The tooltip shows minutes: refresh it every 20 s so it is never a minute behind.
        self._tick = QTimer(self)
        self._tick.timeout.connect(self.update)
        self._tick.start(20_000)
        self.last_message = ""
        self.update()

    def show(self) -> None:
        self.icon.show()

    def dispose(self) -> None:
        """Hide and delete the Qt objects now, from a safe place.

        Left to Python's garbage collector, the menu was destroyed at a random point
        (inside a Qt timer event) and Qt deadlocked on a mutex it already held.
        """
        self._tick.stop()
        self.session.changed.disconnect(self.show_state)
        self.session.alert.disconnect(self.notify)
        self.icon.hide()
        self.icon.setContextMenu(None)  # type: ignore[arg-type]  # clears it; PySide6's stubs want a QMenu
        self.menu.deleteLater()
        self.deleteLater()

    def _icon(self, state: TrayState, minutes: int, now: datetime | None = None) -> QIcon:
        return tray_icon(state, (now or datetime.now()).minute, minutes if desktop.ELAPSED_IN_TRAY_ICON else None,
                         template=desktop.TEMPLATE_TRAY_ICON)

    def notify(self, message: str) -> None:
        """A desktop notification, only for what happened out of sight (see Session.alert)."""
        if message and QSystemTrayIcon.supportsMessages():
            self.last_message = message
            self.icon.showMessage("mite-tray", message, self._icon(self.state(), 0), 8000)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.open_requested.emit()
        elif reason is QSystemTrayIcon.ActivationReason.MiddleClick:
            self._toggle_timer()

    def _toggle_timer(self) -> None:
        if self._state.snapshot.running:
            self.stop_requested.emit()
        else:
            self.start_last_requested.emit()

    def state(self) -> TrayState:
        """The icon shown now."""
        return self.shown.icon

    def show_state(self, state: State) -> None:
        self._state = state
        self.update()

    def update(self) -> None:
        """Draw the look of the State held, at this minute."""
        now = datetime.now().astimezone()
        self.shown = shown = look(self._state, now)
        if (shown.icon, shown.minutes) != self._drawn:  # repaint only when the picture changes (once a minute at most)
            self._drawn = (shown.icon, shown.minutes)
            self.icon.setIcon(self._icon(shown.icon, shown.minutes or 0, now))
        self.timer_action.setText(menu_text(shown.headline))  # they name the user's projects and notes
        self.toggle_action.setText(menu_text(shown.toggle))
        self.icon.setToolTip("\n".join(shown.tooltip))
