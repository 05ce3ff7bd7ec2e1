"""Which day the window shows, and its week (issue 16): the day navigation, the timesheet chart
with its summary line, and the entry list's contents.

Today's list follows the State (Session.changed) as before; a past (or coming) day's list is read
from the store (`session.weeks.day`), and again on `session.weeks.changed`. A week the store does
not hold is fetched once (`session.weeks.open`) while the list says "Loading…"; a failure is said
in the status line and what the store holds stays on show. The chart reads the week's entries from
the store on each of these (as `session.weeks.week` does); once a minute while a timer runs it grows
the timer's bar from the entries read last (the window's ticks read no SQL).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.api.models import TimeEntry
from app.core import history
from app.core.session import Session
from app.core.state import State
from app.core.tasks import TaskSet
from app.core.week import build_week, monday_of
from app.i18n import translate
from app.ui.day_nav import DayNav, day_heading
from app.ui.today_list import TodayList
from app.ui.week_chart import WeekChart, week_summary


class DayView(QWidget):
    shown = Signal(object)  # datetime.date: the window shows another day

    def __init__(self, session: Session, tasks: TaskSet, entries: TodayList, notice: Callable[[str], None],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.tasks, self.entries, self._notice = session, tasks, entries, notice
        self.nav = DayNav(session.weeks.today)
        self.chart = WeekChart()
        self.summary = QLabel()
        self.summary.setObjectName("weekSummary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.nav)
        layout.addWidget(self.chart)
        layout.addWidget(self.summary)
        self.day = self.nav.day
        self._today = self.day
        self._loading: set[date] = set()  # Mondays of weeks being fetched: each is fetched once
        self._minute = -1
        self._stale = True  # the store changed while the window was hidden: read it when shown
        self._rows: list[TimeEntry] | None = None  # the shown week's sums per day and project, as read last
        self._rows_week = self.day  # the Monday of the week they are of
        self.nav.day_chosen.connect(self.go)
        self.chart.day_clicked.connect(self.go)
        session.weeks.changed.connect(self.reread)

    @property
    def on_today(self) -> bool:
        return self.day == self.session.weeks.today()

    def go(self, day: date) -> None:
        """Show `day`: its entries and its week; fetch the week first when the store does not hold it."""
        changed, self.day = day != self.day, day
        self.nav.show_day(day)
        monday = monday_of(day)
        if monday not in self._loading and not history.held(self.session.store, day, self.session.weeks.today()):
            self._loading.add(monday)
            self.tasks.spawn(self._open(day))
        if self.on_today:
            self.show_state(self.session.state)
        else:
            self.reread()
        if changed:
            self.shown.emit(day)

    async def _open(self, day: date) -> None:
        try:
            problem = await self.session.weeks.open(day)
        finally:
            self._loading.discard(monday_of(day))
        if problem:
            self._notice(translate("DayView", "The week of {day} could not be loaded: {problem}").format(
                day=day_heading(monday_of(day), self.session.weeks.today()), problem=problem))
        self.reread()

    def reread(self) -> None:
        """The store may hold other entries: the shown past day's list and the chart read again
        (when the window is next shown, if it is hidden: a sync round in the background reads nothing)."""
        if not self.isVisible():
            self._stale = True
            return
        if not self.on_today:
            loading = monday_of(self.day) in self._loading
            empty = translate("DayView", "Loading…") if loading else translate("DayView", "Nothing booked on this day")
            snap = self.session.state.snapshot
            self.entries.show_entries(self.session.weeks.day(self.day), empty=empty,
                                      running_id=snap.running.id if snap.running else None,
                                      running_minutes=snap.running_minutes() if snap.running else 0,
                                      name=translate("DayView", "Entries · {day}").format(
                                          day=day_heading(self.day, self.session.weeks.today())))
        self._show_week()

    def show_state(self, state: State) -> None:
        """Session.changed: today's list follows the State; the chart too (a timer started or stopped)."""
        if self._today != self.session.weeks.today():  # past midnight: "Today" is another day
            moved = self.day == self._today
            if moved:
                self.day = self.session.weeks.today()
            self._today = self.session.weeks.today()
            self.nav.show_day(self.day)
            if moved:
                self.shown.emit(self.day)  # the quick entry books on the new day, not on yesterday
        if self.on_today:
            self.entries.show_snapshot(state.snapshot)
        if self.isVisible():
            # The timer started or stopped: drawn from the entries read last. The store's changes come
            # with weeks.changed (after every action and sync round), which reads them once.
            self._show_week(read=False)
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reread()

    def tick(self) -> None:
        """Each second while the window is shown: a running timer grows its bar once a minute."""
        snap = self.session.state.snapshot
        minute = snap.running_minutes() if snap.running else -1
        if minute != self._minute:
            self._minute = minute
            if snap.running and self._rows is not None:  # none read yet: the window's showing reads them
                self._show_week(read=False)

    def _show_week(self, *, read: bool = True) -> None:
        """Draw the shown day's week; `read`: from the store, else (the clock's ticks read no SQL) from
        the entries read last, with the running timer's minutes now."""
        snap = self.session.state.snapshot
        if read or self._rows is None or self._rows_week != monday_of(self.day):
            self._rows = history.week_sums(self.session.store, self.day, snap.running.id if snap.running else None)
            self._rows_week = monday_of(self.day)
        week = build_week(self._rows, self.day, self.session.settings.daily_targets, today=self.session.weeks.today(),
                          running=snap.running, running_minutes=snap.running_minutes() if snap.running else 0)
        self.chart.show_week(week, self.day)
        self.summary.setText(week_summary(week))
        self.summary.setToolTip(self.chart.accessibleDescription())
