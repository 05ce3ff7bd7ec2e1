"""What waits to be sent to mite, and what mite refused, with Retry and Discard."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.state import Refused
from app.i18n import translate


def _what(kind: str) -> str:
    return {"create": translate("SyncPanel", "New entry"), "start": translate("SyncPanel", "Start"), "stop": translate("SyncPanel", "Stop"), "update": translate("SyncPanel", "Change"),
            "delete": translate("SyncPanel", "Delete")}.get(kind, kind)


class SyncPanel(QWidget):
    retry_requested = Signal(int)    # outbox seq
    discard_requested = Signal(int)  # outbox seq

    def __init__(self, parent=None):
        super().__init__(parent)
        self.waiting = QLabel()
        self.waiting.setObjectName("waiting")
        self.failed_label = QLabel(translate("SyncPanel", "Not applied in mite (nothing is lost; fix it in mite, then retry):"))
        self.failed_label.setObjectName("formError")
        self.failed_label.setWordWrap(True)
        self.failed = QListWidget()
        self.failed.setAccessibleName(translate("SyncPanel", "Actions mite did not apply"))
        self.failed.setMaximumHeight(90)
        self.retry = QPushButton(translate("SyncPanel", "Retry"))
        self.discard = QPushButton(translate("SyncPanel", "Discard"))
        self.retry.setAccessibleName(translate("SyncPanel", "Retry the selected action"))
        self.discard.setAccessibleName(translate("SyncPanel", "Discard the selected action"))
        self.retry.clicked.connect(lambda: self._emit(self.retry_requested))
        self.discard.clicked.connect(lambda: self._emit(self.discard_requested))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.retry)
        buttons.addWidget(self.discard)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.waiting)
        layout.addWidget(self.failed_label)
        layout.addWidget(self.failed)
        layout.addLayout(buttons)
        self.failed_widgets = (self.failed_label, self.failed, self.retry, self.discard)
        self.show_items(0, ())

    def show_items(self, count: int, failed: Sequence[Refused]) -> None:
        """`count` items wait to be sent; `failed` are those mite refused (State.waiting, State.refused)."""
        self.waiting.setText(translate("SyncPanel", "⟳ Saved here, waiting to be sent to mite: {count}").format(count=count)
                             if count else "")
        self.waiting.setVisible(bool(count))
        selected = self.failed.currentItem().data(Qt.ItemDataRole.UserRole) if self.failed.currentItem() else None
        self.failed.clear()
        for item in failed:
            row = QListWidgetItem(f"{_what(item.kind)}: {item.reason}")
            row.setData(Qt.ItemDataRole.UserRole, item.seq)
            row.setToolTip(item.reason)
            self.failed.addItem(row)
            if item.seq == selected or self.failed.currentItem() is None:
                self.failed.setCurrentItem(row)
        for widget in self.failed_widgets:
            widget.setVisible(bool(failed))
        self.setVisible(bool(count or failed))

    def _emit(self, signal) -> None:
        item = self.failed.currentItem()
        if item is not None:
            signal.emit(item.data(Qt.ItemDataRole.UserRole))
