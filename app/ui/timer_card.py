"""The running timer at the top of the window: what runs, how long, Stop; and its project's budget use."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QSizePolicy

from app.core.duration import format_seconds
from app.core.messages import project_title
from app.core.tray_look import since_text
from app.core.tracking import Snapshot
from app.i18n import translate
from app.ui.announce import announce


class TimerCard(QFrame):
    stop_clicked = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("timerCard")
        self.elapsed = QLabel("0:00:00")
        self.elapsed.setObjectName("elapsed")
        # Its text ("Not tracking", the time) is what a screen reader reads: Qt gives a label's text to AT-SPI only as
        # its name, so a fixed name would hide it.
        self.elapsed.setAccessibleDescription(translate("TimerCard", "Elapsed time"))
        self.since = QLabel()  # "since 10:42": when this run of the timer started
        self.since.setObjectName("timerSince")
        self.title = QLabel()
        self.title.setObjectName("timerTitle")
        self.detail = QLabel()
        self.detail.setObjectName("timerDetail")
        self.budget = QLabel()  # "Budget: 72% of 40 h" while the timer runs on a project with a budget
        self.budget.setObjectName("timerBudget")
        self.budget.hide()
        # A project id -> its budget use in words and a note for the tooltip (follow_budgets); ("", "") for none.
        self.budget_of: Callable[[int | None], tuple[str, str]] | None = None
        self._snap = Snapshot()
        self._running = False  # whether a timer ran at the last snapshot: a change is announced
        for label in (self.title, self.detail, self.budget):
            label.setWordWrap(True)
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.stop_button = QPushButton(translate("TimerCard", "Stop"))
        self.stop_button.setObjectName("stopButton")
        self.stop_button.setAccessibleName(translate("TimerCard", "Stop the timer"))
        self.stop_button.clicked.connect(self.stop_clicked)
        layout = QGridLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setHorizontalSpacing(12)
        layout.addWidget(self.elapsed, 0, 0)
        layout.addWidget(self.since, 0, 1, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBaseline)
        layout.addWidget(self.stop_button, 0, 2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.title, 1, 0, 1, 3)
        layout.addWidget(self.detail, 2, 0, 1, 3)
        layout.addWidget(self.budget, 3, 0, 1, 3)
        layout.setColumnStretch(1, 1)
        self.show_snapshot(Snapshot())

    def follow_budgets(self, budget_of: Callable[[int | None], tuple[str, str]]) -> None:
        """Show the running project's budget use, as `budget_of(project id)` says it (read again each
        tick: the use grows with the timer)."""
        self.budget_of = budget_of
        self.show_budget()

    def show_budget(self) -> None:
        entry = self._snap.running
        text, note = self.budget_of(entry.project_id) if entry is not None and self.budget_of else ("", "")
        shown = translate("TimerCard", "Budget: {use}").format(use=text) if text else ""
        if shown != self.budget.text():
            self.budget.setText(shown)
            self.budget.setToolTip(note)
        self.budget.setVisible(bool(text))

    def show_snapshot(self, snap: Snapshot) -> None:
        self._snap = snap
        self.show_budget()
        entry = snap.running
        # A string, not a bool: bool dynamic properties crashed PySide6 6.12 at exit
        # ("Fatal Python error: bool_dealloc").
        self.setProperty("running", "true" if entry is not None else "false")
        self.style().unpolish(self)
        self.style().polish(self)
        self.stop_button.setVisible(entry is not None)
        if (entry is not None) != self._running:
            self._running = entry is not None
            announce(self.elapsed, translate("TimerCard", "Timer stopped") if entry is None else
                     translate("TimerCard", "Timer started: {what}").format(
                         what=" — ".join(p for p in (project_title(entry), entry.note) if p)))
        self.since.setVisible(entry is not None and entry.tracking is not None)
        if entry is None:
            self.elapsed.setText(translate("TimerCard", "Not tracking"))
            self.title.hide()
            self.detail.setText(translate("TimerCard", "Pick a project and press Start, or double-click one of today's "
                                  "entries to continue it."))
            self.detail.setVisible(True)
            return
        self.elapsed.setText(format_seconds(snap.running_seconds()))
        if entry.tracking is not None:
            now = datetime.now().astimezone()
            self.since.setText(since_text(entry.tracking.since, now, before=entry.minutes))
        self.title.setText(project_title(entry))
        self.title.show()
        detail = " — ".join(p for p in (entry.customer_name, entry.note) if p)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))

    def tick(self, snap: Snapshot) -> None:
        if snap.running:
            self.elapsed.setText(format_seconds(snap.running_seconds()))
            self._snap = snap
            self.show_budget()
