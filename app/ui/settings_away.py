"""The settings window's column for the minutes people forget (issue 15): when to ask about time
away and about a timer running long, and the working hours in which a missing timer is reminded of.
Each change is saved at once, like every setting."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLocale, Qt, QTime
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.settings import Settings
from app.i18n import translate

CLOCK = "HH:mm"
WIDTH = 370  # the column's width: its sentences wrap within it instead of widening the window


class AwaySettings(QWidget):
    def __init__(self, settings: Settings, save: Callable[[], None], idle_description: str = ""):
        super().__init__()
        self.settings, self._save = settings, save
        self.setFixedWidth(WIDTH)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self._away_box())
        column.addWidget(self._work_box())
        column.addStretch(1)
        self.set_idle_description(idle_description)

    def set_idle_description(self, text: str) -> None:
        """How this desktop tells the app that the user is away, in one sentence (app.platform.idle);
        "" hides the line."""
        self.idle.setText(text)
        self.idle.setVisible(bool(text))

    # -- away time -----------------------------------------------------------------

    def _away_box(self) -> QGroupBox:
        box = QGroupBox(translate("Settings", "Away time"))
        form = _form(box)
        explanation = _note(translate("Settings", "While a timer runs, mite-tray asks what the minutes you were "
                                                  "away were: no input, a locked screen or sleep."))
        form.addRow(explanation)
        self.away = self._spin("away_minutes", 0, 24 * 60, translate("Settings", " min"))
        form.addRow(translate("Settings", "Ask when I was away for"), self.away)
        self.forgotten = self._spin("forgotten_hours", 0, 48, translate("Settings", " h"))
        form.addRow(translate("Settings", "Ask if a timer runs longer than"), self.forgotten)
        self.idle = _note("")
        form.addRow(self.idle)
        return box

    # -- working hours -------------------------------------------------------------

    def _work_box(self) -> QGroupBox:
        box = QGroupBox(translate("Settings", "Working hours"))
        box.setCheckable(True)
        box.setChecked(self.settings.work_reminders)
        box.toggled.connect(self._reminders)
        self.work_box = box
        form = _form(box)
        form.addRow(_note(translate("Settings", "Reminds you to track when you work with no timer running, and "
                                                "asks at the day's end if one still runs.")))
        # Seven check boxes with their names do not fit beside "Days": toggle buttons, as calendars have.
        days = QHBoxLayout()
        days.setSpacing(3)
        self.days: list[QToolButton] = []
        locale = QLocale()
        for day in range(7):  # Monday = 0, as in the settings; Qt counts Monday = 1
            toggle = QToolButton()
            toggle.setObjectName("workDay")
            toggle.setCheckable(True)
            toggle.setText(locale.dayName(day + 1, QLocale.FormatType.ShortFormat))
            toggle.setAccessibleName(locale.dayName(day + 1, QLocale.FormatType.LongFormat))
            toggle.setChecked(day in self.settings.work_days)
            toggle.toggled.connect(self._days)
            self.days.append(toggle)
            days.addWidget(toggle)
        days.addStretch(1)
        form.addRow(translate("Settings", "Days"), days)
        self.start = self._time("work_start", translate("Settings", "Working day starts"))
        self.end = self._time("work_end", translate("Settings", "Working day ends"))
        # The day ends after it starts (an end before the start left no working hours, silently).
        self.start.setMaximumTime(self.end.time().addSecs(-60))
        self.end.setMinimumTime(self.start.time().addSecs(60))
        self.start.timeChanged.connect(lambda value: self.end.setMinimumTime(value.addSecs(60)))
        self.end.timeChanged.connect(lambda value: self.start.setMaximumTime(value.addSecs(-60)))
        hours = QHBoxLayout()
        hours.addWidget(self.start)
        hours.addWidget(QLabel("–"))
        hours.addWidget(self.end)
        hours.addStretch(1)
        form.addRow(translate("Settings", "Hours"), hours)
        self.not_tracking = self._spin("not_tracking_minutes", 1, 8 * 60, translate("Settings", " min"))
        self.not_tracking.setAccessibleName(translate("Settings", "Remind after this many minutes of work with no "
                                                                  "timer"))
        form.addRow(translate("Settings", "Remind after"), self.not_tracking)
        return box

    # -- fields ----------------------------------------------------------------------

    def _spin(self, field: str, low: int, high: int, suffix: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setValue(getattr(self.settings, field))
        spin.setSuffix(suffix)
        if low == 0:
            spin.setSpecialValueText(translate("Settings", "Off"))  # 0 reads "Off", not "0 min"

        def changed(value: int) -> None:
            setattr(self.settings, field, value)
            self._save()
        spin.valueChanged.connect(changed)
        return spin

    def _time(self, field: str, name: str) -> QTimeEdit:
        edit = QTimeEdit(QTime.fromString(getattr(self.settings, field), CLOCK))
        edit.setDisplayFormat(CLOCK)
        edit.setAccessibleName(name)

        def changed(value: QTime) -> None:
            setattr(self.settings, field, value.toString(CLOCK))
            self._save()
        edit.timeChanged.connect(changed)
        return edit

    def _reminders(self, on: bool) -> None:
        self.settings.work_reminders = on
        self._save()

    def _days(self) -> None:
        self.settings.work_days = [day for day, check in enumerate(self.days) if check.isChecked()]
        self._save()


def _form(box: QGroupBox) -> QFormLayout:
    form = QFormLayout(box)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)  # "10 min" needs no full row
    return form


def _note(text: str) -> QLabel:
    """A quiet sentence in a form: what the settings around it do."""
    label = QLabel(text)
    label.setObjectName("reason")  # muted, as the settings' other explanations
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label
