"""The project/service picker and the date field on their own."""

import pytest
from PySide6.QtCore import QDate, QLocale

from app.ui.pickers import FilterPicker, PickError, day_picker


@pytest.mark.parametrize(("locale", "shown"), [
    ("C", "2026-11-23"),           # "d MM yyyy" in the C locale read as "23 11 2026"
    ("de_DE", "23.11.26"),
    ("en_US", "11/23/26"),
])
def test_dates_read_naturally_in_each_locale(qtbot, locale, shown):
    previous = QLocale()
    QLocale.setDefault(QLocale(locale))
    try:
        field = day_picker(QDate(2026, 11, 23), "Date")
        qtbot.addWidget(field)
        assert field.text() == shown and field.date() == QDate(2026, 11, 23)
    finally:
        QLocale.setDefault(previous)


def test_picker_finds_by_part_of_the_label_and_keeps_ids(qtbot):
    picker = FilterPicker("project", "Project")
    qtbot.addWidget(picker)
    picker.set_items([("API Docs (King Inc.)", 7), ("Intranet (Acme)", 9), ("Intranet Relaunch (Acme)", 11)])
    picker.setEditText("api")
    assert picker.selected_id() == 7 and picker.currentText() == "API Docs (King Inc.)"
    picker.setEditText("intranet (acme)")  # exact wins over the longer name that contains it
    assert picker.selected_id() == 9
    picker.setEditText("intra")
    with pytest.raises(PickError, match="matches 2 projects"):
        picker.selected_id()
    picker.setEditText("")
    assert picker.selected_id() is None
    picker.select_id(11)
    assert picker.currentText() == "Intranet Relaunch (Acme)"
    picker.set_items([("Intranet Relaunch (Acme)", 11)])  # a reload keeps the choice
    assert picker.selected_id() == 11


ITEMS = [("API Docs (King Inc.)", 7), ("Intranet (Müller & Söhne)", 9), ("Intranet Relaunch (Acme)", 11)]


@pytest.mark.parametrize("commit", ["enter", "tab"])
def test_the_match_is_shown_as_soon_as_the_picker_commits(qtbot, commit):
    """Issue 14: `api` + Enter moved on but left "api" in the field until Start."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
    box = QWidget()
    qtbot.addWidget(box)
    picker = FilterPicker("project", "Project")
    after = QLineEdit()
    layout = QVBoxLayout(box)
    layout.addWidget(picker)
    layout.addWidget(after)
    picker.set_items(ITEMS)
    with qtbot.waitActive(box):
        box.show()
        box.activateWindow()
    picker.setFocus()
    qtbot.keyClicks(picker, "api")  # keys reach the combo box first, as from the window system
    qtbot.keyClick(picker, Qt.Key.Key_Return if commit == "enter" else Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: picker.currentText() == "API Docs (King Inc.)", timeout=1000)
    assert picker.lineEdit().cursorPosition() == 0  # read from its start
    for typed, shown in (("intra", "intra"), ("relaunch", "Intranet Relaunch (Acme)")):
        picker.lineEdit().setText(typed)
        picker.completer().popup().hide()  # as a first click elsewhere does
        with qtbot.waitActive(box):
            box.activateWindow()
        picker.setFocus()
        after.setFocus(Qt.FocusReason.MouseFocusReason)  # a click elsewhere commits too
        assert picker.currentText() == shown  # two matches: the text stays, to be made clearer
