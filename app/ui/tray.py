"""The tray icon: state at a glance, the running entry in tooltip and menu.

It draws what app.core.tray_look.look() works out from the session's State; the State
comes with Session.changed, and a 20 s tick only moves the minutes on (no store reads).
A waiting question (issue 15) comes first in the menu, with its answers; the icon carries a mark.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from app.core.session import Session
from app.core.state import State
from app.core.prompt import Answer
from app.core.tray_look import OPEN_PALETTE, Choice, TrayLook, TrayState, look
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
    answer_requested = Signal(str, str)  # an answer (core.prompt.Answer) chosen in the menu, and the question's key
    palette_requested = Signal()    # "Open palette" (a reminder that no timer runs)
    book_as_requested = Signal()    # "Book as…": the palette, to choose where the away time goes

    def __init__(self, session: Session, icon: QSystemTrayIcon | None = None):
        super().__init__()
        self.session = session
        self.icon = icon or QSystemTrayIcon(self._icon(TrayState.IDLE, 0))  # or the one shown at start-up
        self.icon.setParent(self)
        self.menu = QMenu()
        self.menu.setToolTipsVisible(True)  # the whole question, where the menu shortens it
        # A waiting question comes first (`_show_question`); then, as macOS opens this menu on
        # every click, the timer and Start/Stop.
        self.question_actions: list[QAction] = []
        self._asked: tuple[str, tuple[Choice, ...]] = ("", ())
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
        self._drawn: tuple[TrayState, int | None, bool] | None = None  # what the icon shows now
        self.shown: TrayLook = look(self._state, datetime.now().astimezone())
        session.changed.connect(self.show_state)
        session.alert.connect(self.notify)
        session.budgets.changed.connect(self.update)
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
        self.session.budgets.changed.disconnect(self.update)
        self.icon.hide()
        self.icon.setContextMenu(None)  # type: ignore[arg-type]  # clears it; PySide6's stubs want a QMenu
        self.menu.deleteLater()
        self.deleteLater()

    def _icon(self, state: TrayState, minutes: int, now: datetime | None = None, asks: bool = False) -> QIcon:
        return tray_icon(state, (now or datetime.now()).minute, minutes if desktop.ELAPSED_IN_TRAY_ICON else None,
                         template=desktop.TEMPLATE_TRAY_ICON, asks=asks)

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
        running = self._state.snapshot.running
        budget = self.session.budgets.usage(running.project_id, now) if running else None
        self.shown = shown = look(self._state, now, budget)
        if (shown.icon, shown.minutes, shown.asks) != self._drawn:  # repaint only when the picture changes
            self._drawn = (shown.icon, shown.minutes, shown.asks)
            self.icon.setIcon(self._icon(shown.icon, shown.minutes or 0, now, asks=shown.asks))
        self.timer_action.setText(menu_text(shown.headline))  # they name the user's projects and notes
        self.toggle_action.setText(menu_text(shown.toggle))
        self.icon.setToolTip("\n".join(shown.tooltip))
        if (shown.question, shown.choices) != self._asked:
            self._show_question(shown.question, shown.choices)

    def _show_question(self, question: str, choices: tuple[Choice, ...]) -> None:
        """The menu's first section: the question (not clickable: it reads as a heading), its answers."""
        self._asked = (question, choices)
        for action in self.question_actions:
            self.menu.removeAction(action)
            action.deleteLater()
        self.question_actions = []
        if not question:
            return
        heading = QAction(menu_text(question), self.menu)  # names the user's entry
        heading.setEnabled(False)
        heading.setToolTip(self._state.prompt.text() if self._state.prompt else question)
        self.question_actions.append(heading)
        key = self._state.prompt.key if self._state.prompt else ""
        for choice in choices:
            action = QAction(menu_text(choice.label), self.menu)
            action.triggered.connect(lambda _checked=False, answer=choice.answer: self._answer(answer, key))
            self.question_actions.append(action)
        separator = QAction(self.menu)
        separator.setSeparator(True)
        self.question_actions.append(separator)
        self.menu.insertActions(self.timer_action, self.question_actions)

    def _answer(self, answer: str, key: str = "") -> None:
        if answer == OPEN_PALETTE:
            self.palette_requested.emit()
        elif answer == Answer.BOOK:
            self.book_as_requested.emit()
        else:
            self.answer_requested.emit(answer, key)
