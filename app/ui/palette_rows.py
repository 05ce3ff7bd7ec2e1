"""The palette's rows: a project's colour dot, and the detail (customer, note, minutes) painted after
the title in a quieter colour."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.api.models import Project, TimeEntry
from app.core.colours import NO_PROJECT, project_colour
from app.core.palette import Suggestion
from app.ui import style

DETAIL_ROLE = Qt.ItemDataRole.UserRole + 1
COLOUR_ROLE = Qt.ItemDataRole.UserRole + 2  # the project's colour (core.colours), None for other rows
DOT = 12  # the colour dot's size in pixels


def dot(colour: str | None) -> QIcon:
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


def with_budget(suggestion: Suggestion, budget: Callable[[int], str]) -> str:
    """A row's detail; a project's with its budget's use: "King Inc. · 72% of 40 h"."""
    if suggestion.kind != "project" or not isinstance(suggestion.value, Project):
        return suggestion.detail
    return " · ".join(part for part in (suggestion.detail, budget(suggestion.value.id)) if part)


def colour_of(suggestion: Suggestion) -> str | None:
    if isinstance(suggestion.value, Project):
        return project_colour(suggestion.value.id)
    if isinstance(suggestion.value, TimeEntry):
        return project_colour(suggestion.value.project_id)
    return None


class SuggestionDelegate(QStyledItemDelegate):
    """The title as usual, the detail (customer, note, minutes, a budget's use) after it in a quieter colour."""

    def detail(self, index) -> str:
        return index.data(DETAIL_ROLE) or ""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        super().paint(painter, option, index)
        detail = self.detail(index)
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
