"""The window's question bar (issue 15): while a question waits (State.prompt: away time, a timer
running long, working with no timer), it says so at the top of the window with one button per
answer. It never takes focus when it appears: the user may be typing a note. An answer that fails
(the entry got locked in mite) says why in the bar, and the question stays. "Book as…" asks for
the palette (`book_as_requested`), where the user picks where the away minutes go."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from app.core.messages import ActionFailed
from app.core.prompt import Answer
from app.core.session import Session
from app.core.state import State
from app.core.tasks import TaskSet
from app.core.tray_look import Choice, choices, question
from app.i18n import translate
from app.ui.text import menu_text

MOST_ANSWERS = 4  # an away question: keep, discard, stop at, book as


class PromptBar(QFrame):
    book_as_requested = Signal()
    failed = Signal(str)  # an answer failed; the bar shows why (the window need not say it twice)

    def __init__(self, session: Session, tasks: TaskSet, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.tasks = session, tasks
        self.setObjectName("promptBar")
        self.setAccessibleName(translate("Prompt", "Question from mite-tray"))
        self.question = QLabel()
        self.question.setObjectName("promptQuestion")
        self.question.setWordWrap(True)
        self.question.setTextFormat(Qt.TextFormat.PlainText)  # it names the user's entry: never markup
        self.error = QLabel()
        self.error.setObjectName("promptError")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.hide()
        # The buttons exist from the start, so they come first in the window's tab order (the bar
        # is built first); a question only relabels and shows them.
        self.buttons = [QPushButton() for _ in range(MOST_ANSWERS)]
        row = QHBoxLayout()
        row.setSpacing(5)
        for index, button in enumerate(self.buttons):
            button.setObjectName("promptAnswer")
            button.setAutoDefault(False)
            # Never narrower than its text: a longer language or font widens the window instead.
            button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _checked=False, i=index: self._clicked(i))
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        layout.addWidget(self.question)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self._choices: tuple[Choice, ...] = ()
        self._key = ""  # the question these buttons answer (core.prompt.Prompt.key; "" when none)
        self._busy = False
        session.changed.connect(self.show_state)
        self.show_state(session.state)

    def show_state(self, state: State) -> None:
        """Show the waiting question, if any; nothing here takes the focus."""
        asked, offered = question(state), choices(state, palette=False)
        key = state.prompt.key if state.prompt else ""
        if key != self._key:
            self.error.hide()  # a new question (or none): an old failure is no news
        self._key, self._choices = key, offered
        self.question.setText(asked)
        self.question.setAccessibleName(asked)
        for index, button in enumerate(self.buttons):
            choice = offered[index] if index < len(offered) else None
            if choice is not None:
                button.setText(menu_text(choice.label))
                button.setAccessibleName(choice.label)
                button.setAccessibleDescription(choice.hint or asked)
                button.setToolTip(choice.hint)
            button.setVisible(choice is not None)
        self.setVisible(bool(asked))

    def answer(self, given: str) -> None:
        """Answer the question with `given` (a core.prompt.Answer); "Book as…" opens the palette."""
        if given == Answer.BOOK:
            self.book_as_requested.emit()
        elif not self._busy:  # one answer at a time: a double click must not discard twice
            self._busy = True  # now, not in the task: a second click may come before it runs
            self.tasks.spawn(self._answer(given))

    def _clicked(self, index: int) -> None:
        if index < len(self._choices):
            self.answer(self._choices[index].answer)

    async def _answer(self, given: str) -> None:
        try:
            await self.session.answer(given, asked=self._key)
        except ActionFailed as exc:
            self.show_error(exc.message)
        finally:
            self._busy = False

    def show_error(self, message: str) -> None:
        """Why an answer failed, under the question, which stays."""
        self.error.setText(message)
        self.error.setVisible(True)
        self.failed.emit(message)
