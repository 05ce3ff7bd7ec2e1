"""Today's entries: time, project and service, note. Click (or Enter) to continue one."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
)

from app.api.models import TimeEntry
from app.core.duration import format_minutes
from app.core.messages import entry_title
from app.core.tracking import Snapshot
from app.i18n import translate

RUNNING = QColor("#2f9e55")


class TodayList(QTreeWidget):
    resume_requested = Signal(object)  # TimeEntry
    edit_requested = Signal(object)    # TimeEntry
    delete_requested = Signal(object)  # TimeEntry

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setColumnCount(3)
        self.setHeaderLabels([translate("TodayList", "Time"), translate("TodayList", "Project · Service"), translate("TodayList", "Note")])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAccessibleName(translate("TodayList", "Today's entries"))
        header = self.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 190)
        self.itemClicked.connect(self._clicked)
        self.itemActivated.connect(self._clicked)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self._entries: dict[int, TimeEntry] = {}
        self._running_id: int | None = None

    def show_snapshot(self, snap: Snapshot) -> None:
        current = self.currentItem()
        selected = current.data(0, Qt.ItemDataRole.UserRole) if current else None
        self.clear()
        self._entries = {e.id: e for e in snap.today}
        self._running_id = snap.running.id if snap.running else None
        for entry in snap.today:
            running = entry.id == self._running_id
            minutes = snap.running_minutes() if running else entry.minutes
            note = translate("TodayList", "{note} (locked)").format(note=entry.note).strip() if entry.locked else entry.note
            item = QTreeWidgetItem([("▶ " if running else "") + format_minutes(minutes), entry_title(entry), note])
            item.setData(0, Qt.ItemDataRole.UserRole, entry.id)
            item.setTextAlignment(0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            tip = translate("TodayList", "Running now") if running else (
                translate("TodayList", "Locked in mite") if entry.locked else translate("TodayList", "Click to continue; right-click to edit or delete"))
            for column in range(3):
                item.setToolTip(column, f"{entry_title(entry)}\n{entry.note}\n{tip}".replace("\n\n", "\n"))
            if entry.locked:
                for column in range(3):
                    item.setForeground(column, QBrush(QColor("gray")))
            if running:
                font = QFont(self.font())
                font.setBold(True)
                for column in range(3):
                    item.setForeground(column, QBrush(RUNNING))
                    item.setFont(column, font)
            self.addTopLevelItem(item)
            if entry.id == selected:
                self.setCurrentItem(item)
        if not snap.today:
            placeholder = QTreeWidgetItem(["", translate("TodayList", "Nothing booked today yet"), ""])
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addTopLevelItem(placeholder)

    def current_entry(self) -> TimeEntry | None:
        item = self.currentItem()
        return self._entries.get(item.data(0, Qt.ItemDataRole.UserRole)) if item else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        entry = self.current_entry()
        if entry and event.key() == Qt.Key.Key_F2:
            self.edit_requested.emit(entry)
        elif entry and event.key() == Qt.Key.Key_Delete:
            self.delete_requested.emit(entry)
        else:
            super().keyPressEvent(event)

    def _menu(self, pos: QPoint) -> None:
        item = self.itemAt(pos)
        entry = self._entries.get(item.data(0, Qt.ItemDataRole.UserRole)) if item else None
        if entry is None:
            return
        menu = QMenu(self)
        resume = menu.addAction(translate("TodayList", "Continue"))
        resume.setEnabled(entry.id != self._running_id and not entry.locked)
        resume.triggered.connect(lambda: self.resume_requested.emit(entry))
        menu.addAction(translate("TodayList", "Edit…") + "\tF2").triggered.connect(lambda: self.edit_requested.emit(entry))
        remove = menu.addAction(translate("TodayList", "Delete") + "\tDel")
        remove.triggered.connect(lambda: self.delete_requested.emit(entry))
        menu.exec(self.viewport().mapToGlobal(pos))

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        entry = self._entries.get(item.data(0, Qt.ItemDataRole.UserRole))
        if entry is not None and entry.id != self._running_id:
            self.resume_requested.emit(entry)
