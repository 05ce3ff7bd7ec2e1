"""The window's one status line: the newest message replaces the one before.

- A notice (success: "Added 1:30 …") fades after FADE_MS; one with a button (an Undo) stays
  a little longer, ACTION_MS, so there is time to press it.
- An error stays until something replaces it: a newer message, or the next action that works
  (Session emits notice("") then).
- The connection's state (offline, a problem) stays while it lasts; a notice may cover it for a
  while, and when the notice goes the connection's state shows again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.ui.announce import announce

Action = tuple[str, Callable[[], object]]  # a button's label and what it does, e.g. ("Undo", undo)


class StatusLine(QWidget):
    FADE_MS = 8000
    ACTION_MS = 15000

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel()
        self.label.setObjectName("status")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton()
        self.button.setObjectName("statusAction")
        self.button.clicked.connect(self._act)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        self._fade = QTimer(self)
        self._fade.setSingleShot(True)
        self._fade.timeout.connect(self.clear_notice)
        self._action: Callable[[], object] | None = None
        self._health = ("", False)  # the connection's state and whether it is a problem
        self._notice = False
        self._render("", False)

    def show_notice(self, text: str, *, error: bool = False, action: Action | None = None) -> None:
        """Show `text` in place of whatever was shown; "" clears the last notice."""
        if not text:
            self.clear_notice()
            return
        self._notice = True
        self._action = action[1] if action else None
        self.button.setText(action[0] if action else "")
        self._render(text, error)
        announce(self.label, text, urgent=error)
        if error and not action:
            self._fade.stop()  # an error waits to be read, or to be replaced by what works
        else:
            self._fade.start(self.ACTION_MS if action else self.FADE_MS)

    def clear_notice(self) -> None:
        self._fade.stop()
        self._notice, self._action = False, None
        self._render(*self._health)

    def set_health(self, text: str, *, error: bool = True) -> None:
        """The connection's state ("" when all is well), shown unless a notice covers it."""
        self._health = (text, error and bool(text))
        if not self._notice:
            self._render(*self._health)

    def _act(self) -> None:
        action = self._action
        self.clear_notice()
        if action is not None:
            action()

    def _render(self, text: str, error: bool) -> None:
        self.label.setText(text)
        self.label.setProperty("error", "true" if error else "false")
        self.label.style().unpolish(self.label)
        self.label.style().polish(self.label)
        self.button.setVisible(self._action is not None)
        self.label.setVisible(bool(text))
        self.setVisible(bool(text))
