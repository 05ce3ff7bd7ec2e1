"""The window's Undo: "Deleted “API Docs · Writing”  [Undo]" while the last delete, stop or continue can
still be undone (State.undo, app/core/undo.py), and Ctrl+Z in the window. It replaces a modal question
before each delete: acting at once and offering the way back is quicker and as safe. The same line
says how an action went when that is news but no problem (Session.info: "Undone: …", "Stopped within a
minute: nothing booked."); the window's status line is for problems."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.core.session import Session
from app.core.state import State
from app.core.tasks import TaskSet
from app.i18n import translate


class UndoBar(QWidget):
    def __init__(self, session: Session, tasks: TaskSet, window: QWidget):
        super().__init__(window)
        self.session, self.tasks = session, tasks
        self.setObjectName("undoBar")
        self.text = QLabel()
        self.text.setObjectName("undoText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # a note is never markup
        self.button = QPushButton(translate("Undo", "Undo"))
        self.button.setToolTip(translate("Undo", "Undo (Ctrl+Z)"))
        self.button.clicked.connect(self.undo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        # In the window, not in a text field: there Ctrl+Z undoes typing (Qt gives the field precedence).
        QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), window, self.undo)
        self._info = ""  # how the last action went (Session.info), shown until the next action or message
        session.changed.connect(self.show_state)
        session.info.connect(self.show_info)
        session.notice.connect(lambda _text: self.show_info(""))
        self.show_state(session.state)

    def show_state(self, state: State) -> None:
        if state.undo:
            self._info = ""
        self.text.setText(state.undo or self._info)
        self.button.setAccessibleName(translate("Undo", "Undo: {what}").format(what=state.undo))
        self.button.setVisible(bool(state.undo))
        self.setVisible(bool(state.undo or self._info))

    def show_info(self, text: str) -> None:
        """Not a problem, so not the window's status line (which shows problems in red)."""
        self._info = text
        self.show_state(self.session.state)

    def undo(self) -> None:
        if self.session.state.undo:
            self.tasks.spawn(self.session.undo())
