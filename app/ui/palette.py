"""The quick-entry palette: one line, suggestions below, a preview of what Enter does.

Opens from the global hotkey over whatever the user is doing; Escape or clicking
elsewhere closes it. What the line means lives in core.palette; this is the widget.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QCursor,
    QGuiApplication,
    QKeyEvent,
    QIcon,
    QPainter,
    QPen,
    QPixmap,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.api.models import Project, TimeEntry
from app.core.actions import Plan, execute
from app.core.colours import NO_PROJECT, project_colour
from app.core.messages import ActionFailed
from app.core.palette import Palette, Suggestion, first_pick
from app.core.session import Session
from app.core.tasks import TaskSet
from app.i18n import translate
from app.ui import style
from app.ui.icons import app_icon

NUMBER_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}


DETAIL_ROLE = Qt.ItemDataRole.UserRole + 1



COLOUR_ROLE = Qt.ItemDataRole.UserRole + 2  # the project's colour (core.colours), None for other rows
DOT = 12  # the colour dot's size in pixels


def _dot(colour: str | None) -> QIcon:
    """A round dot in the project's colour; a ring for a project yet to be created (same width).
    On the selected (green) row the dot gets a white rim, so its colour still reads."""
    icon = QIcon()
    for mode, rim in ((QIcon.Mode.Normal, None), (QIcon.Mode.Selected, QColor("white"))):
        pixmap = QPixmap(DOT, DOT)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(rim or QColor(colour or NO_PROJECT), 1.5) if rim or not colour else Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour) if colour else Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QRectF(1, 1, DOT - 2, DOT - 2))
        painter.end()
        icon.addPixmap(pixmap, mode)
    return icon


def _colour(suggestion: Suggestion) -> str | None:
    if isinstance(suggestion.value, Project):
        return project_colour(suggestion.value.id)
    if isinstance(suggestion.value, TimeEntry):
        return project_colour(suggestion.value.project_id)
    return None


class _SuggestionDelegate(QStyledItemDelegate):
    """The title as usual, the detail (customer, note, minutes) after it in a quieter colour."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        super().paint(painter, option, index)
        detail = index.data(DETAIL_ROLE)
        if not detail:
            return
        title_width = option.fontMetrics.horizontalAdvance(index.data(Qt.ItemDataRole.DisplayRole) + "    ")
        if not index.data(Qt.ItemDataRole.DecorationRole) is None:  # the colour dot comes first
            title_width += DOT + 6
        rect = option.rect.adjusted(title_width + 4, 0, -6, 0)
        selected = option.state & QStyle.StateFlag.State_Selected
        painter.save()
        theme = style.current()  # read at paint time: the theme may have changed since
        painter.setPen(QColor(theme.on_accent if selected else theme.muted))
        text = option.fontMetrics.elidedText(detail, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), text)
        painter.restore()


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
        self.preview.setAccessibleName(translate("Palette", "What Enter will do"))
        self.list = QListWidget()
        self.list.setObjectName("paletteList")
        self.list.setAccessibleName(translate("Palette", "Suggestions"))
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing stays in the field; arrows move the list
        self.list.currentRowChanged.connect(self._chosen)
        self.list.itemClicked.connect(lambda _item: self._complete())
        self.list.itemDoubleClicked.connect(lambda _item: self.submit())
        hint = QLabel(translate("Palette", "↑↓ choose · Tab completes · Enter starts · Ctrl+1–9 continues · Esc closes"))
        hint.setObjectName("paletteHint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 8)
        layout.setSpacing(6)
        layout.addWidget(self.field)
        layout.addWidget(self.preview)
        layout.addWidget(self.list, 1)
        layout.addWidget(hint)
        self.setFixedWidth(560)
        self.list.setItemDelegate(_SuggestionDelegate(self.list))
        self.list.setIconSize(QSize(DOT, DOT))
        self._palette: Palette | None = None
        self._suggestions: list[Suggestion] = []
        self._busy = False
        session.catalog_changed.connect(self._catalog_changed)

    # -- opening and closing ---------------------------------------------------

    def _catalog_changed(self) -> None:
        self._palette = None  # rebuilt at the next open: the index of 10,000 names costs ~40 ms

    def _model(self) -> Palette:
        if self._palette is None:
            user = self.session.user
            self._palette = Palette(self.session.projects, self.session.services,
                                    can_create=bool(user and user.is_admin))
        return self._palette

    def present(self) -> None:
        """Show over the current screen, focused, with a fresh list of recent entries."""
        palette = self._model()
        snap = self.session.state.snapshot
        palette.use_entries(snap.today + snap.earlier, date.today().isoformat())
        if not self.isVisible():
            self.field.clear()
            self._place()
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
            item.setData(DETAIL_ROLE, s.detail)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{item.text()}, {s.detail}" if s.detail else item.text())
            colour = _colour(s)
            item.setData(COLOUR_ROLE, colour)
            if colour or s.kind == "create-project":
                item.setIcon(_dot(colour))
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
        if suggestion.kind == "entry":
            self._run(self._model().resume_plan(suggestion.number))
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
        if not self.field.text().strip() and 0 <= row < len(self._suggestions):
            return self._model().resume_plan(self._suggestions[row].number)
        return self._model().plan(self.field.text())

    def _show_plan(self, plan: Plan) -> None:
        if plan.error and self.field.text().strip():  # an empty line is not an error yet
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
        self.field.clear()
        self.hide()
