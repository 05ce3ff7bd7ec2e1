"""The window's day navigation (issue 16): the shown day's heading ("Today", "Yesterday",
"Mon 30 Nov"), ← and →, a date field with a calendar, and "Today" to come back.

Keys as in browsers and file managers: Alt+← and Alt+→ go back and forth a day, Alt+Home comes
back to today; the buttons' tooltips say so.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from app.i18n import translate
from app.ui.pickers import day_picker


def day_heading(day: date, today: date) -> str:
    """"Today", "Yesterday", "Tomorrow", else the day in the locale: "Mon 30 Nov" ("Mo., 30. Nov.")."""
    if day == today:
        return translate("DayNav", "Today")
    if day == today - timedelta(days=1):
        return translate("DayNav", "Yesterday")
    if day == today + timedelta(days=1):
        return translate("DayNav", "Tomorrow")
    # The pattern is translated: German writes "Mo., 30. Nov.". Another year says which.
    pattern = translate("DayNav", "ddd d MMM") if day.year == today.year else translate("DayNav", "ddd d MMM yyyy")
    return QLocale().toString(QDate(day.year, day.month, day.day), pattern)


FIRST, LAST = date(2000, 1, 1), date(2099, 12, 31)  # the days the window goes to


class DayNav(QWidget):
    day_chosen = Signal(object)  # datetime.date

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None):
        super().__init__(parent)
        self.today = today
        self.day = today()
        self.heading = QLabel()
        self.heading.setObjectName("heading")
        self.back = self._arrow("←", translate("DayNav", "Previous day (Alt+←)"), translate("DayNav", "Previous day"))
        self.forward = self._arrow("→", translate("DayNav", "Next day (Alt+→)"), translate("DayNav", "Next day"))
        self.picker = day_picker(QDate.currentDate(), translate("DayNav", "Shown day"))  # as the entry form's
        # Qt's default range ends at 9999-12-31, whose week runs past the last date Python has (a crash).
        self.picker.setDateRange(QDate(FIRST.year, 1, 1), QDate(LAST.year, 12, 31))
        self.picker.setKeyboardTracking(False)  # typing a date goes there once, not through each digit
        self.picker.setToolTip(translate("DayNav", "Go to a date"))
        self.picker.dateChanged.connect(lambda d: self.go(d.toPython()))
        self.back_to_today = QPushButton(translate("DayNav", "Today"))
        self.back_to_today.setObjectName("todayButton")
        self.back_to_today.setToolTip(translate("DayNav", "Back to today (Alt+Home)"))
        self.back_to_today.setAutoDefault(False)
        self.back_to_today.clicked.connect(lambda: self.go(self.today()))
        self.back.clicked.connect(lambda: self.step(-1))
        self.forward.clicked.connect(lambda: self.step(1))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.heading, 1)
        layout.addWidget(self.back_to_today)
        layout.addWidget(self.back)
        layout.addWidget(self.picker)
        layout.addWidget(self.forward)
        for keys, act in (("Alt+Left", lambda: self.step(-1)), ("Alt+Right", lambda: self.step(1)),
                          ("Alt+Home", lambda: self.go(self.today()))):
            QShortcut(QKeySequence(keys), self, act)
        self.show_day(self.day)

    def _arrow(self, text: str, tip: str, name: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setObjectName("dayArrow")
        button.setToolTip(tip)
        button.setAccessibleName(name)
        button.setAutoRaise(True)
        return button

    def step(self, days: int) -> None:
        self.go(self.day + timedelta(days=days))

    def go(self, day: date) -> None:
        if day != self.day and FIRST <= day <= LAST:
            self.show_day(day)
            self.day_chosen.emit(day)

    def show_day(self, day: date) -> None:
        """Show `day` without announcing it (the window chose it)."""
        self.day = day
        today = self.today()
        self.heading.setText(day_heading(day, today))
        self.picker.blockSignals(True)
        self.picker.setDate(QDate(day.year, day.month, day.day))
        self.picker.blockSignals(False)
        self.back_to_today.setVisible(day != today)
