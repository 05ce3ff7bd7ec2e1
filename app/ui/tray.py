"""The tray icon: state at a glance, the running entry in tooltip and menu."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from app.core.duration import format_minutes
from app.core.messages import entry_title
from app.core.session import Health, Session
from app.i18n import translate
from app.platform import desktop
from app.ui.icons import TrayState, tray_icon


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
        session.changed.connect(self.update)
        session.alert.connect(self.notify)
        # The tooltip shows minutes: refresh it every 20 s so it is never a minute behind.
        self._tick = QTimer(self)
        self._tick.timeout.connect(self.update)
        self._tick.start(20_000)
        self._state: tuple[TrayState, int] | None = None  # what the icon shows now
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
        self.session.changed.disconnect(self.update)
        self.session.alert.disconnect(self.notify)
        self.icon.hide()
        self.icon.setContextMenu(None)
        self.menu.deleteLater()
        self.deleteLater()

    def _icon(self, state: TrayState, minutes: int) -> QIcon:
        return tray_icon(state, datetime.now().minute, minutes if desktop.ELAPSED_IN_TRAY_ICON else None,
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
        if self.session.snapshot.running:
            self.stop_requested.emit()
        else:
            self.start_last_requested.emit()

    def state(self) -> TrayState:
        if self.session.health is Health.ERROR:
            return TrayState.ERROR
        if self.session.health is Health.OFFLINE:
            return TrayState.OFFLINE
        return TrayState.RUNNING if self.session.snapshot.running else TrayState.IDLE

    def update(self) -> None:
        snap = self.session.snapshot
        state = self.state()
        running = snap.running
        minutes = int(snap.running_seconds() // 60) if running else 0
        key = (state, minutes if running else -1)
        if key != self._state:  # repaint only when the picture changes (once a minute at most)
            self._state = key
            self.icon.setIcon(self._icon(state, minutes))
        if running:
            headline = f"▶ {format_minutes(minutes)}  {entry_title(running)}"
            self.toggle_action.setText(translate("Tray", "Stop timer"))
        else:
            headline = translate("Tray", "Not tracking")
            last = max(snap.today, key=lambda e: (e.updated_at, e.id), default=None)
            self.toggle_action.setText(translate("Tray", "Continue: {entry}").format(entry=entry_title(last)) if last
                                       else translate("Tray", "Start last entry"))
        self.timer_action.setText(headline)
        lines = ["mite-tray", headline, translate("Tray", "Today {total}").format(total=format_minutes(snap.today_minutes()))]
        waiting, failed = len(self.session.waiting()), len(self.session.failed())
        if waiting:
            lines.append(translate("Tray", "Waiting to be sent to mite: {count}").format(count=waiting))
        if failed:
            lines.append(translate("Tray", "Not applied by mite: {count} (open the window)").format(count=failed))
        if self.session.health in (Health.OFFLINE, Health.ERROR):
            text = translate("Tray", "Offline: {problem}") if self.session.health is Health.OFFLINE else translate("Tray", "Problem: {problem}")
            lines.append(text.format(problem=self.session.problem))
        self.icon.setToolTip("\n".join(lines))
