"""The first-run tour: three sentences at the top of the window, shown until closed once.

Where the app lives (the tray icon), the palette's shortcut as it is actually bound, and the
command line. Closing it sets Settings.tour_seen, so it never comes back.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from app.i18n import translate


def tour_text(shortcut: str, tray: bool = True) -> str:
    """The three sentences; `shortcut` is the palette's bound global shortcut ("" when none is); `tray`: the
    desktop has a system tray (weston or a bare sway has none, and the window is the app)."""
    where = (translate("Tour", "mite-tray lives in your system tray: click the stopwatch icon to open this window.")
             if tray else translate("Tour", "There is no system tray here, so mite-tray lives in this window."))
    if shortcut:
        native = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText) or shortcut
        palette = translate("Tour", "{shortcut} opens the quick-entry palette from anywhere.").format(shortcut=native)
    else:
        palette = translate("Tour", "For the quick-entry palette, bind “mite-tray palette” to a key in your "
                                    "desktop’s settings.")
    cli = translate("Tour", "In a terminal: mite-tray start, stop and status.")
    return " ".join((where, palette, cli))


class Tour(QFrame):
    def __init__(self, shortcut: str, closed: Callable[[], None], parent: QWidget | None = None, *, tray: bool = True):
        super().__init__(parent)
        self.setObjectName("tour")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.text = QLabel(tour_text(shortcut, tray))
        self.text.setObjectName("tourText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QPushButton(translate("Tour", "Got it"))
        self.close_button.setAccessibleName(translate("Tour", "Close the introduction"))
        self.close_button.clicked.connect(self.hide)
        self.close_button.clicked.connect(closed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
