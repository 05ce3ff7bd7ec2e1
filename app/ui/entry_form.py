"""Project, service and note, with Start; a duration and date with Add (quick add)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.api.models import Project, Service
from app.core.duration import DurationError, parse_duration
from app.core.text import NOTE_LIMIT
from app.i18n import translate
from app.ui.announce import announce
from app.ui.pickers import FilterPicker, PickError, day_picker


@dataclass(frozen=True)
class EntryDraft:
    project_id: int | None
    service_id: int | None
    note: str
    minutes: int = 0
    day: date | None = None


class EntryForm(QWidget):
    start_requested = Signal(object)  # EntryDraft
    add_requested = Signal(object)    # EntryDraft with minutes and day

    def __init__(self, parent=None):
        super().__init__(parent)
        self.project = FilterPicker("project", translate("EntryForm", "Project: type to filter"))
        self.service = FilterPicker("service", translate("EntryForm", "Service: type to filter"))
        self.note = QLineEdit()
        self.note.setMaxLength(NOTE_LIMIT)  # Qt counts UTF-16 units: never more characters than the journal takes
        self.note.setPlaceholderText(translate("EntryForm", "What are you working on?"))
        self.note.setAccessibleName(translate("EntryForm", "Note"))
        self.start_button = QPushButton("▶  " + translate("EntryForm", "Start"))
        self.start_button.setObjectName("startButton")
        self.start_button.setAccessibleName(translate("EntryForm", "Start the timer"))
        self.start_button.setDefault(False)
        self.duration = QLineEdit()
        self.duration.setPlaceholderText(translate("EntryForm", "1:30, 90m, 1.5h"))
        self.duration.setAccessibleName(translate("EntryForm", "Duration to add"))
        self.duration.setMaximumWidth(110)
        self.day = day_picker(QDate.currentDate(), translate("EntryForm", "Date of the entry"))
        self.add_button = QPushButton(translate("EntryForm", "Add time"))
        self.add_button.setAccessibleName(translate("EntryForm", "Add the time as an entry"))
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.hide()

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(translate("EntryForm", "&Project"), self.project)
        form.addRow(translate("EntryForm", "Se&rvice"), self.service)
        form.addRow(translate("EntryForm", "&Note"), self.note)
        form.addRow("", self.start_button)
        add_row = QHBoxLayout()
        add_row.addWidget(self.duration)
        add_row.addWidget(self.day)
        add_row.addWidget(self.add_button)
        duration_label = QLabel(translate("EntryForm", "&Duration"))
        duration_label.setBuddy(self.duration)
        form.addRow(duration_label, add_row)
        form.addRow(self.error)

        self.start_button.clicked.connect(self.request_start)
        self.add_button.clicked.connect(self.request_add)
        self.note.returnPressed.connect(self.request_start)
        self.duration.returnPressed.connect(self.request_add)
        # Enter in a picker also confirms its completion popup, so it moves on rather than
        # starting: Enter starts from the note field (or Ctrl+Enter from anywhere).
        self.project.lineEdit().returnPressed.connect(lambda: self.service.setFocus(Qt.FocusReason.TabFocusReason))
        self.service.lineEdit().returnPressed.connect(lambda: self.note.setFocus(Qt.FocusReason.TabFocusReason))
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.request_start,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for widget in (self.duration, self.note):
            widget.textEdited.connect(lambda _text: self.show_error(""))
        for picker in (self.project, self.service):  # a message about a picker goes once it is edited
            picker.field().textEdited.connect(lambda _text: self.show_error(""))
        QWidget.setTabOrder(self.project, self.service)
        QWidget.setTabOrder(self.service, self.note)
        QWidget.setTabOrder(self.note, self.start_button)
        QWidget.setTabOrder(self.start_button, self.duration)
        QWidget.setTabOrder(self.duration, self.day)
        QWidget.setTabOrder(self.day, self.add_button)

    def set_catalog(self, projects: Iterable[Project], services: Iterable[Service]) -> None:
        self.project.set_items([(p.label, p.id) for p in projects if not p.archived])
        self.service.set_items([(s.name, s.id) for s in services if not s.archived])

    def update_catalog(self, projects: Iterable[tuple[int, Project | None]],
                       services: Iterable[tuple[int, Service | None]]) -> None:
        """Only these records changed (None: gone): their rows alone are updated (issue 17)."""
        for project_id, project in projects:
            self.project.update_item(project_id, project.label if project and not project.archived else None)
        for service_id, service in services:
            self.service.update_item(service_id, service.name if service and not service.archived else None)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        announce(self.error, text, urgent=True)

    def _draft(self) -> EntryDraft | None:
        try:
            project_id, service_id = self.project.selected_id(), self.service.selected_id()
        except PickError as exc:
            self.show_error(str(exc))
            return None
        return EntryDraft(project_id, service_id, self.note.text().strip())

    def request_start(self) -> None:
        draft = self._draft()
        if draft:
            self.show_error("")
            self.start_requested.emit(draft)

    def request_add(self) -> None:
        try:
            minutes = parse_duration(self.duration.text())
        except DurationError as exc:
            self.show_error(str(exc))
            self.duration.setFocus(Qt.FocusReason.OtherFocusReason)
            self.duration.selectAll()
            return
        draft = self._draft()
        if draft:
            self.show_error("")
            day = self.day.date().toPython()
            self.add_requested.emit(EntryDraft(draft.project_id, draft.service_id, draft.note, minutes, day))

    # Actions finish later: only clear what the user has not changed in the meantime.
    def clear_after_start(self, draft: EntryDraft) -> None:
        if self.note.text().strip() == draft.note:
            self.note.clear()

    def clear_after_add(self, draft: EntryDraft) -> None:
        try:
            if parse_duration(self.duration.text()) == draft.minutes:
                self.duration.clear()
        except DurationError:
            pass  # the user is typing something new
        self.clear_after_start(draft)
        self.day.setDate(QDate.currentDate())
