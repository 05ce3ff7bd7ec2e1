"""Edit an entry: project, service, note, duration, date (the window's order). Locked entries say so.

A validation error shows below the fields in space kept for it, so nothing jumps or squeezes,
and it goes as soon as the input is valid again. Enter in a picker moves on, as in the window.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from app.api.models import Project, Service, TimeEntry
from app.core.duration import DurationError, format_minutes, parse_duration
from app.core.text import NOTE_LIMIT
from app.i18n import translate
from app.ui.icons import app_icon
from app.ui.pickers import FilterPicker, PickError, day_picker


class EditDialog(QDialog):
    def __init__(self, entry: TimeEntry, projects: Iterable[Project], services: Iterable[Service], *,
                 running: bool, can_unlock: bool, parent=None):
        super().__init__(parent)
        self.entry = entry
        self.force = False
        self.changes: dict = {}
        self.setWindowTitle(translate("EditDialog", "Edit entry"))
        self.setWindowIcon(app_icon())
        self.duration = QLineEdit(format_minutes(entry.minutes))
        self.duration.setAccessibleName(translate("EditDialog", "Duration"))
        self.duration.setEnabled(not running)
        self.duration.setToolTip(translate("EditDialog", "Stop the timer to change the duration.") if running else "")
        self.note = QLineEdit()
        self.note.setMaxLength(max(NOTE_LIMIT, len(entry.note.encode("utf-16-le", "surrogatepass")) // 2))
        self.note.setText(entry.note)
        self.note.setAccessibleName(translate("EditDialog", "Note"))
        self.project = FilterPicker("project", translate("EditDialog", "No project"))
        self.project.set_items([(p.label, p.id) for p in projects])
        if entry.project_id:
            self.project.ensure_item(entry.project_name, entry.project_id)  # archived: still show it
        self.project.select_id(entry.project_id)
        self.service = FilterPicker("service", translate("EditDialog", "No service"))
        self.service.set_items([(s.name, s.id) for s in services])
        if entry.service_id:
            self.service.ensure_item(entry.service_name, entry.service_id)
        self.service.select_id(entry.service_id)
        self.day = day_picker(QDate.fromString(entry.date_at, "yyyy-MM-dd"), translate("EditDialog", "Date"))
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.setMinimumHeight(2 * self.error.fontMetrics().lineSpacing())  # kept, empty until needed
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)  # pickers too
        form.addRow(translate("EditDialog", "&Project"), self.project)
        form.addRow(translate("EditDialog", "Se&rvice"), self.service)
        form.addRow(translate("EditDialog", "&Note"), self.note)
        form.addRow(translate("EditDialog", "&Duration"), self.duration)
        form.addRow(translate("EditDialog", "D&ate"), self.day)
        self.setMinimumWidth(460)  # "Intranet (Müller & Söhne)" whole, not "…tranet (Müller & Söhne)"
        # Enter in a picker moves on (and commits its match), as in the window; it never saves.
        for picker, following in ((self.project, self.service), (self.service, self.note)):
            picker.field().returnPressed.connect(lambda following=following: following.setFocus(Qt.FocusReason.TabFocusReason))
            picker.editTextChanged.connect(self._recheck)
        for field in (self.duration, self.note):
            field.textEdited.connect(self._recheck)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        self.locked_note = QLabel(translate("EditDialog", "This entry is locked in mite and cannot be changed."))
        self.locked_note.setObjectName("formError")
        layout.addWidget(self.locked_note)
        self.unlock = QPushButton(translate("EditDialog", "Unlock and edit (admin)"))
        self.unlock.setAccessibleName(translate("EditDialog", "Unlock the entry and edit it"))
        self.unlock.clicked.connect(self._unlock)
        layout.addWidget(self.unlock)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.locked_note.setVisible(entry.locked)
        self.unlock.setVisible(entry.locked and can_unlock)
        self._set_editable(not entry.locked)

    def _set_editable(self, editable: bool) -> None:
        for widget in (self.note, self.project, self.service, self.day):
            widget.setEnabled(editable)
        self.duration.setEnabled(editable and self.duration.toolTip() == "")
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(editable)

    def _unlock(self) -> None:
        self.force = True
        self.locked_note.setText(translate("EditDialog", "You are unlocking this entry: saving unlocks it in mite."))
        self.unlock.hide()
        self._set_editable(True)

    def _recheck(self, *_args) -> None:
        """Once an error shows, say at each edit what is still wrong, or nothing once it is right."""
        if self.error.text():
            try:
                self._checked(quiet=True)
            except (DurationError, PickError) as exc:
                self.error.setText(str(exc))
            else:
                self.error.setText("")

    def _checked(self, *, quiet: bool = False) -> tuple[int | None, int | None, int | None]:
        """The duration (None when it cannot be edited), project and service ids; or the error."""
        minutes = parse_duration(self.duration.text()) if self.duration.isEnabled() else None
        return minutes, self.project.selected_id(quiet=quiet), self.service.selected_id(quiet=quiet)

    def _save(self) -> None:
        try:
            minutes, project_id, service_id = self._checked()
        except (DurationError, PickError) as exc:
            self.error.setText(str(exc))
            return
        changes: dict = {"minutes": minutes} if minutes is not None and minutes != self.entry.minutes else {}
        chosen = self.day.date()
        day = date(chosen.year(), chosen.month(), chosen.day())
        for key, value, old in (("note", self.note.text().strip(), self.entry.note),
                                ("project_id", project_id, self.entry.project_id),
                                ("service_id", service_id, self.entry.service_id),
                                ("date_at", day.isoformat(), self.entry.date_at)):
            if value != old:
                changes[key] = value
        self.changes = changes
        self.accept()
