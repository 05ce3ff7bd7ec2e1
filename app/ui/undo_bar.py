"""The window's Undo: "Deleted “API Docs · Writing”  [Undo]" while the last delete, stop or continue can
still be undone (State.undo, app/core/undo.py), and Ctrl+Z in the window. It replaces a modal question
before each delete: acting at once and offering the way back is quicker and as safe."""

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
        session.changed.connect(self.show_state)
        self.show_state(session.state)

    def show_state(self, state: State) -> None:
        self.text.setText(state.undo)
        self.button.setAccessibleName(translate("Undo", "Undo: {what}").format(what=state.undo))
        self.setVisible(bool(state.undo))

    def undo(self) -> None:
        if self.session.state.undo:
            self.tasks.spawn(self.session.undo())
