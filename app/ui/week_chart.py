"""The week's timesheet in the window (issue 16): one bar per day, Monday to Sunday, stacked by
project in the project's colour (core.colours), against each day's target line; the day the window
shows is highlighted, a working day with nothing booked is drawn as a hatched, outlined gap.

Drawn with QPainter from a `core.week.Week` (no QtCharts, no web view); built with the window,
so it costs nothing while the window was never opened. A click on a day opens it; hovering
tells its projects. The accessible name and description say the week in words.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QLocale, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.core.colours import project_colour
from app.core.duration import format_minutes
from app.core.week import Day, Week, signed_minutes
from app.i18n import day_name, translate
from app.ui import style

HEIGHT = 84        # the whole chart, labels included: the window stays small
LABEL_GAP = 3      # between the bars' baseline and the day labels
TOP = 4            # room above the tallest bar or target line
BAR_WIDTH = 26     # at most; narrower in a narrow window


def gaps_text(count: int) -> str:
    return translate("WeekChart", "1 gap") if count == 1 else \
        translate("WeekChart", "{count} gaps").format(count=count)


def difference_text(week: Week) -> str:
    """"−1:30", or "−14:15 so far" for a week under way (the days still to come do not count yet)."""
    difference = signed_minutes(week.difference)
    return translate("WeekChart", "{difference} so far").format(difference=difference) if week.under_way \
        else difference


def week_summary(week: Week) -> str:
    """One line beside the chart: "Week 49 · 38:30 of 40:00 · −1:30 · 2 gaps"."""
    text = translate("WeekChart", "Week {number} · {total} of {target} · {difference}").format(
        number=week.first.isocalendar()[1], total=format_minutes(week.total), target=format_minutes(week.target),
        difference=difference_text(week))
    return text + (" · " + gaps_text(len(week.gaps)) if week.gaps else "")


def week_description(week: Week) -> str:
    """The week in words for a screen reader: "Week 49: 38:30 of 40:00, −1:30, gap Friday. Monday 8:00, …"."""
    text = translate("WeekChart", "Week {number}: {total} of {target}, {difference}").format(
        number=week.first.isocalendar()[1], total=format_minutes(week.total), target=format_minutes(week.target),
        difference=difference_text(week))
    if week.gaps:
        text += ", " + translate("WeekChart", "gap {days}").format(days=", ".join(day_name(d, long=True) for d in week.gaps))
    days = ", ".join(f"{day_name(d.day, long=True)} {format_minutes(d.minutes)}" for d in week.days)
    return f"{text}. {days}."


def day_tooltip(day: Day) -> str:
    date_text = QLocale().toString(QDate(day.day.year, day.day.month, day.day.day), QLocale.FormatType.LongFormat)
    head = translate("WeekChart", "{day}: {minutes} of {target}").format(
        day=date_text, minutes=format_minutes(day.minutes), target=format_minutes(day.target))
    nameless = translate("WeekChart", "(no project)")
    lines = [head] + [f"{format_minutes(p.minutes)}  {p.name or nameless}" for p in day.projects]
    if day.gap:
        lines.append(translate("WeekChart", "Nothing booked"))
    lines.append(translate("WeekChart", "Click to show this day"))
    return "\n".join(lines)


class WeekChart(QWidget):
    day_clicked = Signal(object)  # datetime.date

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("weekChart")
        self.setFixedHeight(HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(translate("WeekChart", "Week timesheet"))
        self.week: Week | None = None
        self.shown: date | None = None

    def sizeHint(self) -> QSize:
        return QSize(360, HEIGHT)

    def show_week(self, week: Week, shown: date) -> None:
        self.week, self.shown = week, shown
        self.setAccessibleDescription(week_description(week))
        self.update()

    # -- geometry (the pixel test reads it too) -----------------------------------------

    def label_height(self) -> int:
        return self.fontMetrics().height()

    def plot_rect(self) -> QRect:
        """Where bars grow: from its bottom (0 minutes) to its top (`scale()` minutes)."""
        return QRect(0, TOP, self.width(), self.height() - TOP - LABEL_GAP - self.label_height())

    def scale(self) -> int:
        """Minutes at the top of the plot: the longest day or target, at least an hour."""
        days = self.week.days if self.week else ()
        return max([60] + [d.minutes for d in days] + [d.target for d in days])

    def column(self, index: int) -> QRect:
        width = self.width() / 7
        return QRect(round(index * width), 0, round((index + 1) * width) - round(index * width), self.height())

    def bar_x(self, index: int) -> tuple[int, int]:
        """Left edge and width of day `index`'s bar."""
        column = self.column(index)
        width = max(6, min(BAR_WIDTH, column.width() - 12))
        return column.center().x() - width // 2, width

    def y_of(self, minutes: float) -> int:
        plot = self.plot_rect()
        return plot.bottom() + 1 - round(minutes / self.scale() * plot.height())

    def index_at(self, point: QPoint) -> int | None:
        if not self.week or not self.rect().contains(point):
            return None
        return min(6, int(point.x() / (self.width() / 7)))

    # -- painting ----------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.week:
            return
        theme = style.current()
        painter = QPainter(self)
        baseline = self.plot_rect().bottom() + 1
        for index, day in enumerate(self.week.days):
            column = self.column(index)
            if day.day == self.shown:
                painter.fillRect(column.adjusted(1, 0, -1, 0), QColor(theme.chart_shown))
            left, width = self.bar_x(index)
            if day.gap:
                self._gap(painter, QRect(left, self.y_of(day.target), width, baseline - self.y_of(day.target)),
                          QColor(theme.chart_gap))
            below = 0
            for part in day.projects:  # most minutes first: the biggest project at the bottom
                top, bottom = self.y_of(below + part.minutes), self.y_of(below)
                painter.fillRect(QRect(left, top, width, bottom - top), QColor(project_colour(part.project_id)))
                below += part.minutes
            if day.target:
                y = self.y_of(day.target)
                painter.fillRect(QRect(left - 4, y - 1, width + 8, 2), QColor(theme.chart_target))
            self._label(painter, day, column, QColor(theme.text))
        painter.end()

    def _gap(self, painter: QPainter, rect: QRect, colour: QColor) -> None:
        painter.save()
        painter.fillRect(rect, QBrush(colour, Qt.BrushStyle.BDiagPattern))
        painter.setPen(QPen(colour, 1, Qt.PenStyle.DashLine))
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        painter.restore()

    def _label(self, painter: QPainter, day: Day, column: QRect, colour: QColor) -> None:
        font = QFont(self.font())
        font.setBold(day.day == self.shown)
        painter.setFont(font)
        painter.setPen(colour)
        area = QRect(column.left(), self.height() - self.label_height(), column.width(), self.label_height())
        painter.drawText(area, Qt.AlignmentFlag.AlignCenter, day_name(day.day))

    # -- mouse -------------------------------------------------------------------

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        index = self.index_at(event.position().toPoint())
        if self.week and index is not None and event.button() == Qt.MouseButton.LeftButton:
            self.day_clicked.emit(self.week.days[index].day)
        super().mouseReleaseEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.index_at(event.pos())
            if self.week and index is not None:
                QToolTip.showText(event.globalPos(), day_tooltip(self.week.days[index]), self, self.column(index))
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
