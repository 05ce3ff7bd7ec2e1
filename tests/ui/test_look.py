"""The app's look (app.ui.style): no style icons on any dialog button, the same padding and a
clear default button, the demo's greyed-out account buttons saying why, light and dark themes
(forced by the environment, chosen in the settings, following the system live), focus rings,
and a tray tile that reads on light and dark panels."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialogButtonBox,
    QMessageBox,
    QProxyStyle,
    QPushButton,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
)

from app.api.models import Project, Service, TimeEntry
from app.core.settings import Settings
from app.core.tray_look import TrayState
from app.platform.autostart.xdg import XdgAutostart
from app.platform.hotkeys import Shortcuts
from app.ui import style
from app.ui.edit_dialog import EditDialog
from app.ui.icons import tray_icon
from app.ui.login_dialog import LoginDialog
from app.ui.settings_window import SettingsWindow
from app.ui.theme import DARK, ENV, LIGHT, contrast


class IconfulStyle(QProxyStyle):
    """What X11's generic theme does: icons on dialog buttons (floppy Save, red-X Cancel, green Yes)."""

    def styleHint(self, hint, option=None, widget=None, returnData=None):  # noqa: N802
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 1
        return super().styleHint(hint, option, widget, returnData)


@pytest.fixture
def app(qapp, monkeypatch):
    """The QApplication as app.tray_app sets it up, on a platform whose style wants button icons."""
    monkeypatch.delenv(ENV, raising=False)
    style._Look.installed = False
    qapp.setStyleSheet("")
    qapp.setStyle(IconfulStyle("fusion"))
    style.install(qapp, "")
    yield qapp
    style.install(qapp, "")


def settings_window(qtbot, demo=True, settings=None):
    window = SettingsWindow(settings or Settings(), Shortcuts(None), XdgAutostart(), account="demo",
                            user="Anna Becker", demo=demo, save=lambda: None)
    qtbot.addWidget(window)
    window.show()
    return window


def edit_dialog(qtbot):
    entry = TimeEntry(7, 30, "2026-12-03", "fix typos", project_id=1, project_name="API Docs")
    dialog = EditDialog(entry, [Project(1, "API Docs")], [Service(10, "Writing")], running=False, can_unlock=False)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def buttons(widget):
    return [b for b in widget.findChildren(QAbstractButton) if isinstance(b.parent(), QDialogButtonBox)
            or isinstance(b, QPushButton)]


def test_no_dialog_button_has_an_icon(app, qtbot):
    login = LoginDialog(Settings())
    qtbot.addWidget(login)
    question = QMessageBox(QMessageBox.Icon.Question, "Delete entry", "Delete it?",
                           QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(question)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    widgets = [login, question, box, edit_dialog(qtbot), settings_window(qtbot)]
    found = {b.text() for w in widgets for b in buttons(w)}
    assert {"Sign in", "Cancel", "&Yes", "Save", "Close"} <= found
    assert {b.text() for w in widgets for b in buttons(w) if not b.icon().isNull()} == set()


def test_buttons_share_padding_and_the_default_one_stands_out(app, qtbot):
    login = LoginDialog(Settings())
    qtbot.addWidget(login)
    login.show()
    sign_in = login.sign_in
    cancel = login.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert sign_in.isDefault() and not cancel.isDefault()
    assert sign_in.sizeHint().height() == cancel.sizeHint().height()
    default_bg = sign_in.grab().toImage().pixelColor(sign_in.width() // 2, 3).name()
    other_bg = cancel.grab().toImage().pixelColor(cancel.width() // 2, 3).name()
    assert default_bg == LIGHT.accent and other_bg != LIGHT.accent


def test_demo_says_why_sign_out_and_switch_are_greyed_out(app, qtbot):
    window = settings_window(qtbot, demo=True)
    assert not window.sign_out.isEnabled() and not window.switch.isEnabled()
    assert window.reason.isVisible()
    assert "mite-tray login" in window.reason.text()
    # beside the buttons, inside the account box, readable without hovering
    assert window.reason.geometry().top() > window.sign_out.geometry().top()
    close = next(b for b in window.findChildren(QPushButton) if b.text() == "Close")
    assert close.isDefault() and not window.sign_out.isDefault()  # Enter closes
    signed_in = settings_window(qtbot, demo=False)
    assert signed_in.sign_out.isEnabled() and not signed_in.reason.isVisible()


def window_colour(app):
    return app.palette().color(QPalette.ColorRole.Window).name()


def test_environment_stands_in_for_the_system_and_the_settings_win(app, monkeypatch):
    monkeypatch.setenv(ENV, "dark")
    assert style.install(app, "") is DARK
    assert window_colour(app) == DARK.window and DARK.card in app.styleSheet()
    assert style.install(app, "light") is LIGHT
    assert QColor(window_colour(app)).lightness() > 128 and LIGHT.card in app.styleSheet()
    monkeypatch.setenv(ENV, "light")
    assert style.install(app, "") is LIGHT and style.install(app, "dark") is DARK


def test_settings_theme_choice_applies_at_once_and_is_stored(app, qtbot):
    settings = Settings()
    window = settings_window(qtbot, settings=settings)
    window.theme_choice.setCurrentIndex(window.theme_choice.findData("dark"))
    assert settings.theme == "dark" and style.current() is DARK and window_colour(app) == DARK.window
    assert window.palette().color(QPalette.ColorRole.Window).name() == DARK.window
    window.theme_choice.setCurrentIndex(window.theme_choice.findData(""))
    assert settings.theme == "" and style.current() is LIGHT  # offscreen: the system says nothing


def test_follows_the_system_scheme_live(app, monkeypatch):
    hints = QGuiApplication.styleHints()
    monkeypatch.setattr(style, "QGuiApplication", _System(Qt.ColorScheme.Dark))
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert style.current() is DARK and window_colour(app) == DARK.window
    monkeypatch.setattr(style, "QGuiApplication", _System(Qt.ColorScheme.Light))
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert style.current() is LIGHT


class _System:
    """QGuiApplication as on a desktop that reports a colour scheme (offscreen reports none)."""

    def __init__(self, scheme):
        self.scheme = scheme

    def styleHints(self):  # noqa: N802
        return self

    def colorScheme(self):  # noqa: N802
        return self.scheme


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_focus_ring_on_inputs_and_buttons(app, qtbot, theme, monkeypatch):
    monkeypatch.setenv(ENV, theme)
    colours = style.install(app, "")
    login = LoginDialog(Settings(), "acme")
    qtbot.addWidget(login)
    login.show()
    qtbot.waitExposed(login)
    for widget in (login.account, login.sign_in):
        widget.setFocus()
        qtbot.waitUntil(widget.hasFocus)
        image = widget.grab().toImage()
        edge = {image.pixelColor(image.width() // 2, y).name() for y in (0, 1)}
        assert edge == {colours.focus}, (widget, edge)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_focus_ring_on_the_current_list_row(app, qtbot, theme, monkeypatch):
    monkeypatch.setenv(ENV, theme)
    colours = style.install(app, "")
    rows = QTreeWidget()
    rows.setColumnCount(1)
    rows.addTopLevelItems([QTreeWidgetItem([f"entry {i}"]) for i in range(3)])
    qtbot.addWidget(rows)
    rows.show()
    qtbot.waitExposed(rows)
    rows.setFocus()
    rows.setCurrentItem(rows.topLevelItem(1))
    qtbot.waitUntil(rows.hasFocus)
    rect = rows.visualItemRect(rows.topLevelItem(1))
    image = rows.viewport().grab().toImage()
    x = rect.center().x()
    column = {image.pixelColor(x, y).name() for y in range(rect.top(), rect.top() + 2)}
    assert column == {colours.focus}


# -- the tray tile ----------------------------------------------------------------------------

PANELS = {"white": "#ffffff", "light grey": "#f0f0f0", "dark grey": "#1e1e1e", "black": "#000000"}


def on_panel(icon, size, panel):
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor(panel))
    p = QPainter(image)
    icon.paint(p, 0, 0, size, size)
    p.end()
    return image


def edge_rings(image):
    """The mean colour of the outermost two rings of pixels, along the straight middle of each side."""
    size = image.width()
    middle = range(size // 3, size - size // 3)
    rings = []
    for depth in (0, 1):
        pixels = [image.pixelColor(x, y) for i in middle
                  for x, y in ((i, depth), (i, size - 1 - depth), (depth, i), (size - 1 - depth, i))]
        rings.append(QColor(*(round(sum(getattr(c, ch)() for c in pixels) / len(pixels))
                              for ch in ("red", "green", "blue"))).name())
    return rings


@pytest.mark.parametrize("size", [22, 16])
@pytest.mark.parametrize("panel", PANELS)
def test_running_tile_stands_out_on_light_and_dark_panels(qapp, size, panel):
    image = on_panel(tray_icon(TrayState.RUNNING, elapsed=45), size, PANELS[panel])
    assert max(contrast(ring, PANELS[panel]) for ring in edge_rings(image)) >= 3.0
    fill = image.pixelColor(size // 2, size - 3).name()  # below the text, inside the rim
    brightest = max((image.pixelColor(x, y) for x in range(size) for y in range(3, size - 3)),
                    key=lambda c: c.lightness())
    assert contrast(brightest.name(), fill) >= 4.5  # the white time on the tile


@pytest.mark.parametrize("state", [TrayState.IDLE, TrayState.OFFLINE, TrayState.ERROR])
@pytest.mark.parametrize("panel", PANELS)
def test_idle_offline_and_error_marks_read_on_light_and_dark_panels(qapp, state, panel):
    image = on_panel(tray_icon(state), 22, PANELS[panel])
    strongest = max(contrast(image.pixelColor(x, y).name(), PANELS[panel]) for x in range(22) for y in range(22))
    assert strongest >= 3.0
