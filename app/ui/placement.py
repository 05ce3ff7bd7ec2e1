"""Where the window opens: beside the tray icon, its whole frame inside the screen's available area.

A pure function of rectangles (tested in tests/ui/test_window_placement.py); MainWindow feeds it
the icon's geometry, the screen's availableGeometry() (the desktop minus its panels) and the
window's frame size, title bar included, so the close button never sits under a panel.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize

GAP = 4  # between the icon and the window


def place_window(icon: QRect, cursor: QPoint, available: QRect, frame: QSize) -> QRect:
    """The window's frame geometry: next to `icon` (or `cursor` when the tray gives no geometry,
    as under SNI and Wayland), moved and if need be shrunk to fit `available`."""
    anchor = icon if icon.isValid() else QRect(cursor, QSize(1, 1))
    size = frame.boundedTo(available.size())
    center = anchor.center()
    # Away from the edge the icon sits at: a panel at the top opens downwards, one at the bottom
    # upwards; a panel that reserves no space (available covers it) is still not covered.
    if center.y() < available.center().y():
        y = anchor.bottom() + 1 + GAP
    else:
        y = anchor.top() - GAP - size.height()
    x = center.x() - size.width() // 2
    if not available.left() <= center.x() <= available.right():  # a vertical panel: open beside it
        x = anchor.right() + 1 + GAP if center.x() < available.left() else anchor.left() - GAP - size.width()
        y = center.y() - size.height() // 2
    x = min(max(x, available.left()), available.right() + 1 - size.width())
    y = min(max(y, available.top()), available.bottom() + 1 - size.height())
    return QRect(QPoint(x, y), size)
