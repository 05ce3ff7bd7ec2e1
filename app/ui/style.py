"""The app's look, set once for the whole application by `install` (app.tray_app):

- a Qt style that puts no icons on dialog buttons (Save, Cancel, Yes looked like floppy, red X
  and green circle under X11's generic theme while Sign in had none);
- one style sheet: calm colours, a clear running state, readable errors, buttons with the same
  padding and a green default button, a 2 px focus ring on inputs, buttons and list rows;
- light or dark (app.ui.theme): the settings' choice, else MITE_TRAY_COLOR_SCHEME, else the
  system's colour scheme, followed live. Where the platform's own palette already matches the
  wanted scheme it is kept (native look, with the app's green selection); otherwise the theme's
  palette replaces it;
- focus rings the style draws itself: round the whole current row of a list, and visible check
  box outlines on a dark window.

Widgets do not set style sheets of their own: the application's sheet reaches every window.
"""

from __future__ import annotations

from string import Template

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import QAbstractItemView, QApplication, QProxyStyle, QStyle, QTreeView

from app.ui.theme import DARK, LIGHT, Theme, wants_dark

_SHEET = Template("""
QPushButton { padding: 5px 14px; border: 1px solid $mid; border-radius: 5px; background: $button;
              color: $text; min-width: 64px; }
QPushButton:hover { background: $button_hover; }
QPushButton:pressed { background: $mid; }
QPushButton:default { background: $accent; border-color: $accent; color: $on_accent; font-weight: 600; }
QPushButton:disabled { color: $disabled; background: $window; border-color: $mid; }
QPushButton:default:disabled { background: $accent_disabled; border-color: $accent_disabled; color: $on_accent; }
QPushButton:focus { border: 2px solid $focus; padding: 4px 13px; }
QToolButton:focus { border: 2px solid $focus; border-radius: 4px; }
QLineEdit { border: 1px solid $mid; border-radius: 4px; padding: 3px 5px; background: $base; color: $text; }
QLineEdit:focus { border: 2px solid $focus; padding: 2px 4px; }
QComboBox:focus, QSpinBox:focus { border: 2px solid $focus; border-radius: 4px; }
QCheckBox { border: 2px solid transparent; border-radius: 4px; }  /* room for the focus ring: focus moves nothing */
QCheckBox:focus { border-color: $focus; }
#timerCard { border-radius: 8px; background: $alternate; border: 1px solid $mid; }
#timerCard[running="true"] { background: $card; border: 1px solid $accent; }
#timerCard[running="true"] QLabel { color: $card_text; }
#elapsed { font-size: 22px; font-weight: 600; }
#timerTitle { font-weight: 600; }
#stopButton { background: $danger; color: $on_accent; border: none; border-radius: 5px;
              padding: 6px 18px; font-weight: 600; }
#stopButton:focus { border: 2px solid $focus; padding: 4px 16px; }
#stopButton:disabled { background: $danger_disabled; }
#startButton { background: $accent; color: $on_accent; border: none; border-radius: 5px;
               padding: 6px 18px; font-weight: 600; }
#startButton:disabled { background: $accent_disabled; }
#startButton:focus { border: 2px solid $focus; padding: 4px 16px; }
#heading { font-weight: 600; }
QTreeWidget::item { padding: 3px 2px; }
#formError, #status[error="true"] { color: $error; }
#status, #totals { color: $text; }
#account, #reason, #paletteHint { color: $muted; }
#paletteHint { font-size: 11px; }
#palette { background: $window; border: 1px solid $mid; border-radius: 8px; }
#paletteField { font-size: 17px; padding: 7px 8px; border: 1px solid $mid; border-radius: 6px; }
#paletteField:focus { border: 2px solid $focus; padding: 6px 7px; }
#palettePreview { color: $running; font-weight: 600; padding: 2px 2px; }
#palettePreview[error="true"] { color: $error; font-weight: normal; }
#paletteList { border: none; font-size: 14px; }
#paletteList::item { padding: 5px 4px; }
QToolButton#workDay { border: 1px solid $mid; border-radius: 4px; padding: 3px 4px; background: $button;
                      color: $text; min-width: 24px; }
QToolButton#workDay:checked { background: $accent; border-color: $accent; color: $on_accent; }
QToolButton#workDay:disabled { color: $disabled; background: $window; }
QToolButton#workDay:checked:disabled { background: $accent_disabled; border-color: $accent_disabled; color: $on_accent; }
QToolButton#workDay:focus { border: 2px solid $focus; padding: 2px 3px; }
#promptBar { background: $ask; border: 1px solid $ask_border; border-radius: 6px; }
#promptBar QLabel { color: $ask_text; }
#promptBar QLabel#promptError { color: $error; }
#promptQuestion { font-weight: 600; }
#promptBar QPushButton { padding: 4px 7px; min-width: 0; }  /* four answers fit the window's width */
#promptBar QPushButton:focus { padding: 3px 6px; }
#palettePrompt { color: $ask_text; background: $ask; border: 1px solid $ask_border; border-radius: 6px;
                 padding: 6px 8px; }
#paletteList::item:selected { background: $accent; color: $on_accent; border-radius: 4px; }
""")


def sheet(theme: Theme) -> str:
    return _SHEET.substitute(vars(theme))


class AppStyle(QProxyStyle):
    """The platform's style, with no icons on dialog buttons (QDialogButtonBox, QMessageBox)."""

    def styleHint(self, hint, option=None, widget=None, returnData=None):  # noqa: N802 (Qt's name)
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 0
        return super().styleHint(hint, option, widget, returnData)

    def polish(self, target):  # noqa: D102 (Qt's overloads: QWidget, QPalette, QApplication)
        if isinstance(target, QTreeView):
            target.setAllColumnsShowFocus(True)  # one focus ring round the current row, not its first cell
        return super().polish(target)

    def drawPrimitive(self, element, option, painter, widget=None):  # noqa: N802 (Qt's name)
        # The current row's focus ring: 2 px in the theme's focus colour, not a faint dotted line
        # (QTreeView draws its row's focus frame without passing itself: widget is None then).
        if element == QStyle.PrimitiveElement.PE_FrameFocusRect and (
                widget is None or isinstance(widget, QAbstractItemView)):
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            ring = QRectF(option.rect).adjusted(1, 1, -1, -1)
            painter.setPen(QPen(QColor(_Look.theme.focus), 2))
            painter.drawRoundedRect(ring, 3, 3)
            # a thin inner line in the list's own colour keeps the ring apart from the selection
            painter.setPen(QPen(QColor(_Look.theme.base), 1))
            painter.drawRoundedRect(ring.adjusted(1.5, 1.5, -1.5, -1.5), 2, 2)
            painter.restore()
            return
        # Fusion outlines check boxes and radio buttons in the window colour darkened, which on a
        # dark window is all but invisible: draw them as on a mid grey window instead.
        if element in _INDICATORS and _Look.theme.dark:
            palette = QPalette(option.palette)
            palette.setColor(QPalette.ColorRole.Window, QColor(_Look.theme.muted))
            option = type(option)(option)
            option.palette = palette
        super().drawPrimitive(element, option, painter, widget)


_INDICATORS = (QStyle.PrimitiveElement.PE_IndicatorCheckBox, QStyle.PrimitiveElement.PE_IndicatorRadioButton)


def palette(theme: Theme) -> QPalette:
    p = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, theme.window), (roles.WindowText, theme.text), (roles.Base, theme.base),
        (roles.AlternateBase, theme.alternate), (roles.Text, theme.text), (roles.Button, theme.button),
        (roles.ButtonText, theme.text), (roles.Highlight, theme.accent), (roles.HighlightedText, theme.on_accent),
        (roles.ToolTipBase, theme.base), (roles.ToolTipText, theme.text), (roles.PlaceholderText, theme.muted),
        (roles.Link, theme.link), (roles.BrightText, theme.on_accent), (roles.Mid, theme.mid),
        (roles.Dark, theme.mid), (roles.Midlight, theme.button_hover), (roles.Light, theme.button_hover),
        (roles.Shadow, "#000000"),
    ):
        p.setColor(role, QColor(colour))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(theme.disabled))
    return p


class _Look:
    """What `install` set up: the settings' choice and the theme in use."""
    choice = ""
    theme: Theme = LIGHT
    installed = False


def current() -> Theme:
    """The theme in use, for widgets that paint a colour themselves (list rows, the palette's rows)."""
    return _Look.theme


def _is_dark(p: QPalette) -> bool:
    return p.color(QPalette.ColorRole.Window).lightness() < 128


def install(app: QApplication, choice: str = "") -> Theme:
    """Set the app's style, palette and style sheet; follow the system's colour scheme from now on.

    `choice`: the settings' theme ("", "light" or "dark"). Calling it again changes the choice.
    """
    if not _Look.installed:
        app.setStyle(AppStyle(app.style()))  # wraps the platform's style, which keeps its look
        QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _scheme: apply(app))
        _Look.installed = True
    _Look.choice = choice
    return apply(app)


def apply(app: QApplication) -> Theme:
    app.setPalette(QPalette())  # back to the platform's palette, which follows the system's scheme
    native = app.palette()
    system_dark = QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark or _is_dark(native)
    theme = DARK if wants_dark(_Look.choice, system_dark) else LIGHT
    chosen = QPalette(native) if _is_dark(native) == theme.dark else palette(theme)
    # The selection is the app's green everywhere (the lists, the palette, selected text).
    chosen.setColor(QPalette.ColorRole.Highlight, QColor(theme.accent))
    chosen.setColor(QPalette.ColorRole.HighlightedText, QColor(theme.on_accent))
    app.setPalette(chosen)
    _Look.theme = theme
    app.setStyleSheet(sheet(theme))
    return theme
