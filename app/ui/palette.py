"""The quick-entry palette: one line, suggestions below, a preview of what Enter does.

Opens from the global hotkey over whatever the user is doing; Escape or clicking
elsewhere closes it. What the line means lives in core.palette; this is the widget.
A waiting question (issue 15) shows above the line, its answers above the recent entries;
`book_away` opens it to book away time as the project and service typed.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import (
    QCursor,
    QGuiApplication,
    QKeyEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.actions import Action, Plan, execute
from app.core.catalog import Change
from app.core.duration import format_minutes
from app.core.messages import ActionFailed
from app.core.palette import Palette, Suggestion, book_away_plan, first_pick
from app.core.prompt import Answer, Prompt, PromptKind, hhmm
from app.core.session import Session
from app.core.state import State
from app.core.tray_look import choices, question
from app.core.tasks import TaskSet
from app.i18n import translate
from app.ui.icons import app_icon
from app.ui.palette_rows import COLOUR_ROLE, DETAIL_ROLE, DOT, SuggestionDelegate, colour_of, dot, with_budget

NUMBER_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}


class PaletteWindow(QWidget):
    def __init__(self, session: Session, tasks: TaskSet):
        super().__init__(None, Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint
                         | Qt.WindowType.WindowStaysOnTopHint)
        self.session = session
        self.tasks = tasks
        self.setObjectName("palette")
        self.setWindowTitle(translate("Palette", "mite-tray quick entry"))
        self.setWindowIcon(app_icon())
        self.setAccessibleName(translate("Palette", "Quick entry"))
        self.field = QLineEdit()
        self.field.setObjectName("paletteField")
        self.field.setPlaceholderText(translate("Palette", "Project / service: note  —  a duration first books time"))
        self.field.setAccessibleName(translate("Palette", "Quick entry: project / service: note, a duration first to book time"))
        self.field.installEventFilter(self)
        self.field.textEdited.connect(self._typed)
        self.field.cursorPositionChanged.connect(lambda *_: self._refresh_suggestions())
        self.field.returnPressed.connect(self.submit)
        self.preview = QLabel()
        self.preview.setObjectName("palettePreview")
        self.preview.setWordWrap(True)
        # its text is what a screen reader reads (Qt gives a label's text to AT-SPI as its name): no fixed name
        self.preview.setAccessibleDescription(translate("Palette", "What Enter will do"))
        self.list = QListWidget()
        self.list.setObjectName("paletteList")
        self.list.setAccessibleName(translate("Palette", "Suggestions"))
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing stays in the field; arrows move the list
        self.list.currentRowChanged.connect(self._chosen)
        self.list.itemClicked.connect(lambda _item: self._complete())
        self.list.itemDoubleClicked.connect(lambda _item: self.submit())
        self.hint = QLabel()
        self.hint.setObjectName("paletteHint")
        self.question = QLabel()  # the waiting question, or what booking away time asks for
        self.question.setObjectName("palettePrompt")
        self.question.setWordWrap(True)
        self.question.setTextFormat(Qt.TextFormat.PlainText)  # it names the user's entry: never markup
        self.question.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 8)
        layout.setSpacing(6)
        layout.addWidget(self.question)
        layout.addWidget(self.field)
        layout.addWidget(self.preview)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.hint)
        self.setFixedWidth(560)
        self.list.setItemDelegate(SuggestionDelegate(self.list))
        self.list.setIconSize(QSize(DOT, DOT))
        self._palette: Palette | None = None
        self._suggestions: list[Suggestion] = []
        self._busy = False
        self.booking: Prompt | None = None  # booking this away time as what the line names (book_away)
        session.catalog_changed.connect(self._catalog_changed)
        session.changed.connect(self._state_changed)
        session.budgets.changed.connect(self._budgets_changed)

    # -- opening and closing ---------------------------------------------------

    def _catalog_changed(self, change: Change | None = None) -> None:
        """Only the records `change` names are indexed again; after a full load the index is built anew
        at the next open (10,000 names cost ~40 ms)."""
        project_ids, service_ids = (change.of("projects"), change.of("services")) if change else (None, None)
        if self._palette is None:
            return
        if project_ids is None or service_ids is None:
            self._palette = None
            return
        projects, services = self.session.projects, self.session.services
        self._palette.update_catalog({i: projects.active(i) for i in project_ids},
                                     {i: services.active(i) for i in service_ids})

    def _model(self) -> Palette:
        if self._palette is None:
            user = self.session.user
            self._palette = Palette(self.session.projects, self.session.services,
                                    can_create=bool(user and user.is_admin))
        return self._palette

    def present(self) -> None:
        """Show over the current screen, focused, with a fresh list of recent entries (and the
        waiting question's answers above them)."""
        if self.booking is not None:  # open again while booking away time: as usual from now
            self.booking = None
            self.field.clear()
        self._open()

    def book_away(self) -> None:
        """Open to book the waiting away time as the project and service typed: the line starts
        with its duration, and Enter answers the question (Answer.BOOK). Escape leaves it waiting."""
        prompt = self.session.state.prompt
        if prompt is None or prompt.kind != PromptKind.AWAY or Answer.BOOK not in self.session.state.answers:
            self.present()
            return
        self.booking = prompt
        self.field.setText(format_minutes(prompt.minutes) + " ")
        self._open(keep_line=True)

    def _open(self, keep_line: bool = False) -> None:
        palette = self._model()
        state = self.session.state
        snap = state.snapshot
        palette.use_entries(snap.today + snap.earlier, date.today().isoformat())
        self.session.budgets.want()  # the project rows show their budget's use: fetched if stale
        self._show_question(state)
        if not self.isVisible():
            if not keep_line:
                self.field.clear()
            self._place()
        self.field.setCursorPosition(len(self.field.text()))
        self._refresh()
        self.show()
        self.raise_()
        self.activateWindow()
        self.field.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def toggle(self) -> None:
        if self.isVisible() and self.isActiveWindow():
            self.hide()
        else:
            self.present()

    def _place(self) -> None:
        screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            self.move(area.center().x() - self.width() // 2, area.top() + area.height() // 5)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.session.set_window_visible(True)

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.session.set_window_visible(False)
        if self.booking is not None:  # Escape or clicking elsewhere: the question waits on
            self.booking = None
            self.field.clear()

    def _state_changed(self, state: State) -> None:
        if self.isVisible() and self.booking is None:
            self._show_question(state)
            self._refresh_suggestions()

    def _budgets_changed(self) -> None:
        if self.isVisible():
            self._suggestions = []  # the same rows, with new figures
            self._refresh_suggestions()

    def _show_question(self, state: State) -> None:
        """The waiting question above the line, its answers above the recent entries; or, while
        booking away time, what to type."""
        booking = self.booking
        if booking is not None:
            text = translate("Palette", "Book the away time {duration} ({since}–{until}) as: choose a project or "
                                        "service, then press Enter.").format(
                duration=format_minutes(booking.minutes), since=hhmm(booking.since), until=hhmm(booking.until))
            hint = translate("Palette", "↑↓ choose · Tab completes · Enter books the away time · Esc: answer later")
        else:
            text = question(state)
            hint = translate("Palette", "↑↓ choose · Tab completes · Enter starts · Ctrl+1–9 continues · Esc closes")
        self._model().use_choices(() if booking else choices(state, palette=False))
        self.question.setText(text)
        self.question.setAccessibleName(text)
        self.question.setVisible(bool(text))
        self.hint.setText(hint)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # Clicking elsewhere closes the palette, like every launcher; not while it is working.
        if event.type() == QEvent.Type.ActivationChange and not self.isActiveWindow() and not self._busy:
            self.hide()

    # -- typing and choosing ---------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            return self._key(event)  # type: ignore[arg-type]
        return super().eventFilter(watched, event)

    def _key(self, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_Escape:
            self.hide()
            return True
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 5, Qt.Key.Key_PageUp: -5}[Qt.Key(key)]
            if self.list.count():
                self.list.setCurrentRow(max(0, min(self.list.count() - 1, self.list.currentRow() + step)))
            return True
        if key == Qt.Key.Key_Tab and not mods & ~Qt.KeyboardModifier.KeypadModifier:
            self._complete()
            return True
        wants_number = mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        if key in NUMBER_KEYS and wants_number:
            self._run(self._model().resume_plan(NUMBER_KEYS[key]))
            return True
        return False

    def _typed(self, _text: str) -> None:
        self._refresh()

    def _refresh(self) -> None:
        self._refresh_suggestions()
        self._show_plan(self._plan())

    def _refresh_suggestions(self) -> None:
        found = self._model().suggestions(self.field.text(), self.field.cursorPosition())
        if found == self._suggestions:
            return
        self._suggestions = found
        self.list.blockSignals(True)
        self.list.clear()
        for s in found:
            item = QListWidgetItem(f"{s.number}  {s.title}" if s.number else s.title)
            detail = with_budget(s, lambda project_id: self.session.budgets.text(project_id, short=True))
            item.setData(DETAIL_ROLE, detail)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{item.text()}, {detail}" if detail else item.text())
            colour = colour_of(s)
            item.setData(COLOUR_ROLE, colour)
            if colour or s.kind == "create-project":
                item.setIcon(dot(colour))
            if s.kind.startswith("create") and not self._model().can_create:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(item)
        self.list.setCurrentRow(first_pick(found))  # a create row is never preselected: ↓ chooses it
        self.list.blockSignals(False)
        # Grow and shrink with the suggestions (at most nine rows), like a launcher.
        rows = max(1, min(9, len(found)))
        self.list.setFixedHeight(rows * self.list.sizeHintForRow(0) + 4 if found else 0)
        self.list.setVisible(bool(found))
        self.adjustSize()

    def _chosen(self, row: int) -> None:
        if 0 <= row < len(self._suggestions):
            suggestion = self._suggestions[row]
            self._model().choose(self.field.text(), self.field.cursorPosition(), suggestion)
            self._show_plan(self._plan())

    def _complete(self) -> None:
        """Write the chosen suggestion into the line and move on to the next part."""
        row = self.list.currentRow()
        if not 0 <= row < len(self._suggestions):
            return
        suggestion = self._suggestions[row]
        line, cursor = self.field.text(), self.field.cursorPosition()
        if suggestion.kind in ("entry", "answer"):
            self._run(self._model().row_plan(suggestion))
            return
        part = self._model().part_for(line, cursor, suggestion)
        name = suggestion.value if isinstance(suggestion.value, str) else suggestion.value.name
        lead = " " if part.start and line[part.start - 1] in "/:" else ""
        tail = line[part.end:].lstrip()
        ended = not tail  # nothing after this part: go on to the next one
        if ended:
            tail = {"project": " / ", "service": ": "}.get(part.kind, "")
        elif tail.startswith("/"):
            tail = " " + tail
        head = line[:part.start] + lead + name
        self.field.setText(head + tail)
        self.field.setCursorPosition(len(head + tail) if ended else len(head))
        self._model().choose(head + tail, part.start + len(lead), suggestion)
        self._refresh()

    # -- doing it ----------------------------------------------------------------

    def _plan(self) -> Plan:
        row = self.list.currentRow()
        if self.booking is not None:
            return book_away_plan(self._model().plan(self.field.text()), self.booking)
        if not self.field.text().strip() and 0 <= row < len(self._suggestions):
            plan = self._model().row_plan(self._suggestions[row])
            shown = self.session.state.prompt  # the question above the line is the one answered
            return replace(plan, asked=shown.key) if plan.action == Action.ANSWER and shown else plan
        return self._model().plan(self.field.text())

    def _show_plan(self, plan: Plan) -> None:
        untouched = self.booking is not None and self.field.text() == format_minutes(self.booking.minutes) + " "
        if untouched:  # the duration as it was put there: nothing typed yet, nothing wrong yet
            self._say(translate("Palette", "Type or choose the project or service the away time was for."),
                      error=False)
        elif plan.error and self.field.text().strip():  # an empty line is not an error yet
            self._say(plan.error, error=True)
        else:
            self._say(plan.preview or translate("Palette", "Type a project, or pick a recent entry."), error=False)

    def _say(self, text: str, *, error: bool) -> None:
        self.preview.setText(text)
        self.preview.setProperty("error", error)
        self.preview.style().unpolish(self.preview)
        self.preview.style().polish(self.preview)

    def submit(self) -> None:
        self._run(self._plan())

    def _run(self, plan: Plan) -> None:
        if plan.error:
            self._say(plan.error, error=True)
            return
        if plan.action == Action.ANSWER and plan.answer == Answer.BOOK and self.booking is None:
            self.book_away()  # the "Book as…" row: now choose where the away time goes
            return
        if not self._busy:
            self.tasks.spawn(self._execute(plan))

    async def _execute(self, plan: Plan) -> None:
        self._busy = True
        self.field.setEnabled(False)
        try:
            await execute(plan, self.session)  # creates a missing project or service first, in mite
        except ActionFailed as exc:  # the line stays, to fix and try again
            self._say(exc.message, error=True)
            return
        finally:
            self._busy = False
            self.field.setEnabled(True)
            self.field.setFocus()
        self.booking = None
        self.field.clear()
        self.hide()
