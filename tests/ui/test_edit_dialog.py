"""The edit dialog on its own: its fields in the window's order, readable, errors that neither squeeze nor linger."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel

from app.api.models import Project, Service, TimeEntry
from app.ui.edit_dialog import EditDialog

PROJECTS = [Project(1, "Intranet", customer_name="Müller & Söhne"), Project(2, "API Docs", customer_name="King Inc.")]
SERVICES = [Service(10, "Writing"), Service(11, "Development")]
ENTRY = TimeEntry(100, 30, "2026-11-22", "fix typos", project_id=1, project_name="Intranet", service_id=10,
                  service_name="Writing")


@pytest.fixture
def dialog(qtbot):
    dialog = EditDialog(ENTRY, PROJECTS, SERVICES, running=False, can_unlock=False)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def form_labels(dialog):
    form = dialog.findChild(QFormLayout)
    labels = [form.itemAt(row, QFormLayout.ItemRole.LabelRole) for row in range(form.rowCount())]
    return [item.widget().text().replace("&", "") for item in labels if item and isinstance(item.widget(), QLabel)]


def test_fields_are_in_the_windows_order(dialog):
    assert form_labels(dialog) == ["Project", "Service", "Note", "Duration", "Date"]


def test_the_project_reads_from_its_start_and_fits(dialog):
    line = dialog.project.lineEdit()
    assert dialog.project.currentText() == "Intranet (Müller & Söhne)"
    assert line.cursorPosition() == 0
    assert line.width() >= line.fontMetrics().horizontalAdvance("Intranet (Müller & Söhne)") + 8


def test_a_validation_error_squeezes_nothing_and_goes_when_fixed(qtbot, dialog):
    fields = (dialog.project, dialog.service, dialog.note, dialog.duration, dialog.day)
    heights = [w.height() for w in fields]
    dialog.duration.setText("abc")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible() and "not a duration" in dialog.error.text()
    qtbot.wait(50)
    assert [w.height() for w in fields] == heights
    assert dialog.error.isVisible() and dialog.error.height() >= dialog.error.fontMetrics().height()
    dialog.duration.clear()
    qtbot.keyClicks(dialog.duration, "1:15")
    assert dialog.error.text() == ""


def test_enter_in_the_project_picker_moves_on_without_saving(qtbot, dialog):
    dialog.project.setFocus()
    dialog.project.lineEdit().selectAll()
    qtbot.keyClicks(dialog.project, "api")
    qtbot.keyClick(dialog.project, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.service.lineEdit().hasFocus(), timeout=1000)
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.project.currentText() == "API Docs (King Inc.)"
