"""Where the window opens (issue 14, defect 9): its frame, title bar included, stays inside the
available area of the screen the tray icon is on, beside the icon rather than over it."""

import pytest
from PySide6.QtCore import QPoint, QRect, QSize

from app.ui.placement import place_window

FRAME = QSize(442, 640)  # the window with the window manager's frame and title bar
SCREEN = QRect(0, 0, 1280, 800)

CASES = {
    # icon (tray geometry), the cursor, the available area, what else must hold
    "top panel that reserves its space (trayer --SetPartialStrut)":
        (QRect(1257, 1, 22, 26), QPoint(1268, 14), QRect(0, 28, 1280, 772)),
    "top panel that reserves nothing: still below the icon, not over it":
        (QRect(1257, 1, 22, 26), QPoint(1268, 14), SCREEN),
    "bottom panel (Windows, KDE)":
        (QRect(1200, 772, 24, 24), QPoint(1210, 780), QRect(0, 0, 1280, 768)),
    "left vertical panel":
        (QRect(2, 380, 24, 24), QPoint(12, 390), QRect(30, 0, 1250, 800)),
    "no icon geometry (SNI, Wayland): near the cursor, at the bottom right":
        (QRect(), QPoint(1279, 799), SCREEN),
    "no icon geometry, cursor at the top left":
        (QRect(), QPoint(0, 0), QRect(0, 28, 1280, 772)),
    "a second screen to the right":
        (QRect(2500, 2, 22, 22), QPoint(2510, 10), QRect(1280, 26, 1920, 1054)),
}


@pytest.mark.parametrize("icon, cursor, available", CASES.values(), ids=CASES.keys())
def test_the_frame_stays_inside_the_available_area(icon, cursor, available):
    placed = place_window(icon, cursor, available, FRAME)
    assert placed.size() == FRAME
    assert available.contains(placed), (placed, available)
    if icon.isValid():
        assert not placed.intersects(icon), "the window covers the tray icon"


def test_a_frame_taller_than_the_screen_keeps_its_title_bar_visible():
    available = QRect(0, 28, 1280, 572)
    placed = place_window(QRect(1257, 1, 22, 26), QPoint(1268, 14), available, QSize(442, 900))
    assert placed.top() == available.top()  # the title bar (and its close button) can be reached
    assert available.contains(placed) and placed.height() == available.height()


def test_the_window_opens_next_to_the_icon():
    placed = place_window(QRect(1257, 1, 22, 26), QPoint(1268, 14), QRect(0, 28, 1280, 772), FRAME)
    assert placed.right() == 1279 and placed.top() - 28 <= 8  # in the corner under the icon


def test_present_keeps_the_frame_inside_the_screen(qtbot, session, tasks):
    """The real window, shown twice from an icon in the top right corner of the offscreen screen."""
    from PySide6.QtGui import QGuiApplication

    from app.ui.window import MainWindow
    window = MainWindow(session, tasks, "demo account")
    qtbot.addWidget(window)
    area = QGuiApplication.primaryScreen().availableGeometry()
    icon = QRect(area.right() - 23, area.top(), 22, 22)
    for _ in range(2):
        window.present(icon)
        qtbot.waitExposed(window)
        assert area.contains(window.frameGeometry()), (window.frameGeometry(), area)
        window.hide()
