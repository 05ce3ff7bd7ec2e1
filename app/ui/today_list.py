"""Today's entries: a coloured dot per project, time, project and service, note.

A click selects a row (F2 edits it, Del deletes it); continuing it is explicit: the ▶ shown on
the row under the mouse or the selected one, a double click, or Enter.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QKeyEvent, QMouseEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
)

from app.api.models import TimeEntry
from app.core.colours import project_colour
from app.core.duration import format_minutes
from app.core.messages import project_title
from app.core.tracking import Snapshot
from app.i18n import translate

RUNNING = QColor("#2f9e55")
PADDING = 4  # horizontal room a cell's text never gets: the item padding in ui/style.py, and some
_dots: dict[str, QIcon] = {}


def colour_dot(colour: str) -> QIcon:
    """A filled circle in the project's colour, drawn once per colour."""
    if colour not in _dots:
        pixmap = QPixmap(12, 12)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawEllipse(1, 1, 10, 10)
        painter.end()
        _dots[colour] = QIcon(pixmap)
    return _dots[colour]


class WrappingDelegate(QStyledItemDelegate):
    """Row heights for wrapped text: QTreeView asks the size of a cell without its column's width,
    so a long project name would stay on one line and be cut; this passes the width in."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        view = self.parent()
        if isinstance(view, QTreeWidget):
            option = QStyleOptionViewItem(option)
            # Less the style sheet's item padding (ui/style.py: 2 px a side) and a pixel or two of
            # rounding, or a text that just fits here is elided when painted. A positive height: valid.
            option.rect = QRect(0, 0, view.columnWidth(index.column()) - PADDING, 1000)
        return super().sizeHint(option, index)


class TodayList(QTreeWidget):
    PLAY, TIME, PROJECT, NOTE = range(4)  # the columns; PLAY holds ▶ (continue) or ● (running)
    resume_requested = Signal(object)  # TimeEntry
    edit_requested = Signal(object)    # TimeEntry
    delete_requested = Signal(object)  # TimeEntry

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setColumnCount(4)
        self.setHeaderLabels(["", translate("TodayList", "Time"), translate("TodayList", "Project · Service"),
                              translate("TodayList", "Note")])
        self.setRootIsDecorated(False)
        self.setWordWrap(True)  # a long project or note takes a second line instead of being cut
        self.setUniformRowHeights(False)
        self.setItemDelegate(WrappingDelegate(self))
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAccessibleName(translate("TodayList", "Today's entries"))
        self.setMouseTracking(True)
        header = self.header()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(20)
        header.setSectionResizeMode(self.PLAY, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(self.PLAY, 24)
        header.setSectionResizeMode(self.TIME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.PROJECT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.NOTE, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(lambda *_: self.scheduleDelayedItemsLayout())  # wrapped rows grow
        self.itemClicked.connect(self._clicked)
        self.itemDoubleClicked.connect(lambda item, _column: self._resume(item))
        self.currentItemChanged.connect(lambda *_: self._show_play())
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self._entries: dict[int, TimeEntry] = {}
        self._running_id: int | None = None
        self._hovered: QTreeWidgetItem | None = None

    def show_snapshot(self, snap: Snapshot) -> None:
        """Today's entries as the State holds them, the running one ticking."""
        self.show_entries(snap.today, running_id=snap.running.id if snap.running else None,
                          running_minutes=snap.running_minutes() if snap.running else 0,
                          empty=translate("TodayList", "Nothing booked today yet"),
                          name=translate("TodayList", "Today's entries"))

    def show_entries(self, entries: list[TimeEntry], *, empty: str, name: str, running_id: int | None = None,
                     running_minutes: int = 0) -> None:
        """One day's entries, newest first (a past day's from the store: app.ui.day_view); `empty` is
        said when there are none, `name` is the list's accessible name."""
        current = self.currentItem()
        selected = current.data(0, Qt.ItemDataRole.UserRole) if current else None
        self.setAccessibleName(name)
        self._hovered = None
        self.clear()
        self._entries = {e.id: e for e in entries}
        self._running_id = running_id
        for entry in entries:
            running = entry.id == self._running_id
            minutes = running_minutes if running else entry.minutes
            note = translate("TodayList", "{note} (locked)").format(note=entry.note).strip() if entry.locked else entry.note
            item = QTreeWidgetItem(["●" if running else "", format_minutes(minutes), project_title(entry), note])
            item.setData(0, Qt.ItemDataRole.UserRole, entry.id)
            item.setIcon(self.PROJECT, colour_dot(project_colour(entry.project_id)))
            item.setTextAlignment(self.PLAY, Qt.AlignmentFlag.AlignCenter)
            item.setTextAlignment(self.TIME, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            tip = translate("TodayList", "Running now") if running else (
                translate("TodayList", "Locked in mite") if entry.locked else
                translate("TodayList", "▶, a double click or Enter continues it; right-click to edit or delete"))
            for column in range(4):
                item.setToolTip(column, f"{project_title(entry)}\n{entry.note}\n{tip}".replace("\n\n", "\n"))
            if entry.locked:
                for column in range(4):
                    item.setForeground(column, QBrush(QColor("gray")))
            if running:
                font = QFont(self.font())
                font.setBold(True)
                for column in range(4):
                    item.setForeground(column, QBrush(RUNNING))
                    item.setFont(column, font)
            self.addTopLevelItem(item)
            if entry.id == selected:
                self.setCurrentItem(item)
        if not entries:
            placeholder = QTreeWidgetItem(["", "", empty, ""])
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addTopLevelItem(placeholder)
        self._show_play()

    def entry_of(self, item: QTreeWidgetItem | None) -> TimeEntry | None:
        return self._entries.get(item.data(0, Qt.ItemDataRole.UserRole)) if item else None

    def current_entry(self) -> TimeEntry | None:
        return self.entry_of(self.currentItem())

    def _continuable(self, item: QTreeWidgetItem | None) -> bool:
        entry = self.entry_of(item)
        return entry is not None and entry.id != self._running_id and not entry.locked

    def _show_play(self) -> None:
        """▶ on the row under the mouse and on the selected row; ● stays on the running one."""
        for i in range(self.topLevelItemCount()):
            item = self.topLevelItem(i)
            entry = self.entry_of(item)
            if item is None or entry is None or entry.id == self._running_id:
                continue
            offered = self._continuable(item) and item in (self._hovered, self.currentItem())
            item.setText(self.PLAY, "▶" if offered else "")
            item.setToolTip(self.PLAY, translate("TodayList", "Continue this entry") if offered else "")

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hovered = self.itemAt(event.position().toPoint())
        if hovered is not self._hovered:
            self._hovered = hovered
            self._show_play()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event) -> None:
        self._hovered = None
        self._show_play()
        super().leaveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        entry = self.current_entry()
        if entry and event.key() == Qt.Key.Key_F2:
            self.edit_requested.emit(entry)
        elif entry and event.key() == Qt.Key.Key_Delete:
            self.delete_requested.emit(entry)
        elif entry and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._resume(self.currentItem())
        else:
            super().keyPressEvent(event)

    def _menu(self, pos: QPoint) -> None:
        entry = self.entry_of(self.itemAt(pos))
        if entry is None:
            return
        menu = QMenu(self)
        resume = menu.addAction(translate("TodayList", "Continue") + "\tEnter")
        resume.setEnabled(entry.id != self._running_id and not entry.locked)
        resume.triggered.connect(lambda: self.resume_requested.emit(entry))
        menu.addAction(translate("TodayList", "Edit…") + "\tF2").triggered.connect(lambda: self.edit_requested.emit(entry))
        remove = menu.addAction(translate("TodayList", "Delete") + "\tDel")
        remove.triggered.connect(lambda: self.delete_requested.emit(entry))
        menu.exec(self.viewport().mapToGlobal(pos))

    def _clicked(self, item: QTreeWidgetItem, column: int) -> None:
        """A click selects (Qt did that); only a click on the row's ▶ continues it."""
        if column == self.PLAY and item.text(self.PLAY) == "▶":
            self._resume(item)

    def _resume(self, item: QTreeWidgetItem | None) -> None:
        entry = self.entry_of(item)
        if entry is not None and entry.id != self._running_id:
            self.resume_requested.emit(entry)  # a locked one too: the window says why it cannot
