"""Settings: the daily target per weekday (issue 16), Monday first, as hours:minutes.

The window's timesheet draws each day's target line from these and counts the week's difference
against their sum. Typed as durations are elsewhere (core.duration: 8:00, 7h30, 7.5h); 0 or an
empty field is a day off. Saved at once; `changed` tells the timesheet to draw again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QLineEdit, QVBoxLayout

from app.core.duration import DurationError, format_minutes, parse_duration
from app.core.settings import Settings
from app.i18n import day_name, translate

A_MONDAY = date(2024, 1, 1)


def parse_target(text: str) -> int:
    """Minutes of a daily target: a duration, or 0 / nothing for a day off. DurationError says what is wrong.

    A bare number is hours here ("8", "7,5"): nobody works 8 minutes a day, and "6" read as
    minutes drew a target line of 0:06."""
    value = text.strip()
    if value in ("", "0", "0:00", "0h", "0m"):
        return 0
    if re.fullmatch(r"\d{1,2}([.,]\d+)?", value):
        value += "h"
    return parse_duration(value)


class TargetSettings(QGroupBox):
    changed = Signal()

    def __init__(self, settings: Settings, save: Callable[[], None]):
        super().__init__(translate("Settings", "Daily targets"))
        self.settings, self._save = settings, save
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        self.fields: list[QLineEdit] = []
        for weekday in range(7):
            day = A_MONDAY + timedelta(days=weekday)
            label = QLabel(day_name(day))
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            field = QLineEdit(format_minutes(settings.daily_targets[weekday]))
            field.setAlignment(Qt.AlignmentFlag.AlignCenter)
            field.setMaxLength(6)
            field.setFixedWidth(field.fontMetrics().horizontalAdvance("00:00") + 22)  # its hint is 17 characters: 7 of those widened the settings past the screen
            field.setAccessibleName(translate("Settings", "Target on {day}").format(day=day_name(day, long=True)))
            field.setToolTip(translate("Settings", "Hours, like 8, 7:30 or 7.5h; 0 for a day off"))
            field.editingFinished.connect(lambda w=weekday: self._edited(w))
            label.setBuddy(field)
            grid.addWidget(label, 0, weekday)
            grid.addWidget(field, 1, weekday)
            self.fields.append(field)
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.hide()
        hint = QLabel(translate("Settings", "The week's timesheet draws these as each day's line."))
        hint.setObjectName("reason")
        hint.setWordWrap(True)
        column = QVBoxLayout(self)
        column.addLayout(grid)
        column.addWidget(self.error)
        column.addWidget(hint)

    def _edited(self, weekday: int) -> None:
        field = self.fields[weekday]
        try:
            minutes = parse_target(field.text())
        except DurationError as exc:
            self.error.setText(f"{day_name(A_MONDAY + timedelta(days=weekday), long=True)}: {exc}")
            self.error.show()
            return
        self.error.hide()
        field.setText(format_minutes(minutes))
        if minutes != self.settings.daily_targets[weekday]:
            targets = list(self.settings.daily_targets)
            targets[weekday] = minutes
            self.settings.daily_targets = targets
            self._save()
            self.changed.emit()
