"""The whole UI in German (as with a German system locale), and every control named for screen readers."""

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QWidget,
)

from app import i18n
from app.core.settings import Settings
from app.platform.autostart.xdg import XdgAutostart
from app.platform.hotkeys import Shortcuts
from app.ui.login_dialog import LoginDialog
from app.ui.palette import PaletteWindow
from app.ui.settings_window import SettingsWindow
from app.ui.tray import Tray
from app.ui.window import MainWindow

TS = Path(__file__).resolve().parents[2] / "app" / "i18n" / "mite-tray_de.ts"
ENGLISH = {m.findtext("source") for m in ET.parse(TS).getroot().iter("message")
           if m.findtext("translation") != m.findtext("source")}


@pytest.fixture
def german(qapp, monkeypatch):
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")  # the system locale decides when the settings do not
    assert i18n.install("") == "de"
    yield
    i18n.install("en")


@pytest.fixture
def english(qapp):
    i18n.install("en")


def texts(widget: QWidget) -> list[str]:
    """Everything a person can read or hear from a widget tree."""
    found = [widget.windowTitle(), widget.toolTip(), widget.accessibleName()]
    for child in [widget, *widget.findChildren(QWidget)]:
        found += [child.toolTip(), child.accessibleName()]
        for getter in ("text", "placeholderText", "title"):
            if hasattr(child, getter) and callable(getattr(child, getter)):
                try:
                    found.append(getattr(child, getter)())
                except TypeError:
                    pass
        if isinstance(child, QTreeWidget):
            header = child.headerItem()
            found += [header.text(i) for i in range(header.columnCount())]
        if isinstance(child, QComboBox) and not child.isEditable():
            found += [child.itemText(i) for i in range(child.count())]
        for action in child.actions():
            found.append(action.text())
    return [t for t in found if isinstance(t, str) and t]


def english_left(widget: QWidget) -> list[str]:
    return sorted({t for t in texts(widget) if t in ENGLISH or t.replace("&", "") in ENGLISH})


def unnamed_controls(widget: QWidget) -> list[str]:
    """Controls a screen reader could not name: no text, no accessible name, no form label."""
    labelled = set()
    for layout in widget.findChildren(QFormLayout):
        for row in range(layout.rowCount()):
            label = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = layout.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label and field and isinstance(label.widget(), QLabel) and field.widget():
                labelled.add(field.widget())
    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QKeySequenceEdit)
    missing = []
    for child in widget.findChildren(QWidget):
        if not isinstance(child, kinds) or not child.isVisibleTo(widget) or child.parent().inherits("QComboBox"):
            continue
        if isinstance(child.parent(), (QComboBox, QAbstractSpinBox, QKeySequenceEdit, QLineEdit)) \
                or isinstance(child, QHeaderView):
            continue  # Qt's parts of a control (its line edit, clear button, header): named through it
        name = child.accessibleName() or (child.text() if isinstance(child, QAbstractButton) else "")
        if not name and child not in labelled:
            missing.append(f"{type(child).__name__} {child.objectName()} in {type(child.parent()).__name__} {child.parent().objectName()}")
    return missing


def test_main_window_tray_and_palette_speak_german(german, qtbot, session, tasks):
    window = MainWindow(session, tasks, "demo")
    qtbot.addWidget(window)
    window.present()
    palette = PaletteWindow(session, tasks)
    qtbot.addWidget(palette)
    palette.present()
    tray = Tray(session)
    try:
        assert english_left(window) == [] and english_left(palette) == [] and english_left(tray.menu) == []
        assert "Heute" in window.totals.text() and window.form.start_button.text().endswith("Start")
        assert window.form.note.placeholderText() == "Woran arbeitest du?"
        assert palette.preview.text().startswith("Fortsetzen · ")
        assert [a.text() for a in tray.menu.actions()][-1] == "Beenden"
        assert "Heute" in tray.icon.toolTip()
    finally:
        tray.dispose()
        qtbot.wait(10)


def test_dialogs_speak_german(german, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    settings = SettingsWindow(Settings(), Shortcuts(None), XdgAutostart(), account="acme.mite.de", user="Anna",
                              demo=False, save=lambda: None)
    login = LoginDialog("acme")
    for dialog in (settings, login):
        qtbot.addWidget(dialog)
        dialog.show()
        assert english_left(dialog) == []
    assert settings.windowTitle() == "Einstellungen" and login.windowTitle() == "Bei mite anmelden"
    assert "Tastatur-Einstellungen" in settings.shortcut_message.text()


def test_every_control_has_a_name(english, qtbot, session, tasks, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    window = MainWindow(session, tasks, "demo")
    palette = PaletteWindow(session, tasks)
    settings = SettingsWindow(Settings(), Shortcuts(None), XdgAutostart(), account="a", user="b", demo=False,
                              save=lambda: None)
    for widget in (window, palette, settings, LoginDialog("acme")):
        qtbot.addWidget(widget)
        widget.show()
        missing = unnamed_controls(widget)
        assert missing == [], "; ".join(missing)
