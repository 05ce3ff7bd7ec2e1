"""Tray and window icons, drawn at run time so they are sharp at every size."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QIcon, QPainter, QPen, QPixmap

from app.core.tray_glance import TrayState

# Tray panels are light or dark, and the icon cannot know which: every colour here keeps 3:1
# against white, #f0f0f0, #1e1e1e and black (tests/unit/test_tray_icon_contrast.py).
GREEN = QColor("#2f9e55")  # the running stopwatch: a disc on either panel
RED = QColor("#c2410c")
GREY = QColor("#787d86")   # the idle outline: mid grey, the one grey that reads on both
WHITE = QColor("#ffffff")
TILE = QColor("#1e7a3e")   # the running tile: white time on it is 5.4:1 (AA); it stands out on light panels
RIM = QColor("#eaf6ee")    # its pale rim stands out on dark ones, where the dark green alone would sink
ASKS = QColor("#2563eb")   # the mark of a waiting question (issue 15): blue, not the error's red; 3.2:1 on #1e1e1e


def tray_icon(state: TrayState, minute_of_hour: int = 0, elapsed: int | None = None,
              template: bool = False, asks: bool = False) -> QIcon:
    """The stopwatch for the tray. `elapsed` minutes replace the face while running (where the
    tray shows colour); `template` draws black on clear for macOS to tint (light or dark menu bar);
    `asks`: a question waits (TrayLook.asks), a dot in the top right corner says so."""
    icon = QIcon()
    for size in (16, 22, 24, 32, 44, 48, 64):
        if template:
            pixmap = _template(size, state, asks)
        elif elapsed is not None and state is TrayState.RUNNING:
            pixmap = _elapsed(size, elapsed)
        else:
            pixmap = _stopwatch(size, state, minute_of_hour)
        icon.addPixmap(_marked(pixmap, size) if asks and not template else pixmap)
    icon.setIsMask(template)
    return icon


def _marked(pixmap: QPixmap, size: int) -> QPixmap:
    """A blue dot in the top right corner, cut into whatever the icon shows with a clear gap round
    it: the panel shows through the gap, so the dot stands apart on light and dark panels alike
    (and on macOS, where the template's shape is all there is)."""
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    dot, gap = size * 0.4, max(1.0, size / 16)
    spot = QRectF(size - dot, 0, dot, dot)
    p.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
    p.drawEllipse(spot.adjusted(-gap, -gap, gap, gap))
    p.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
    p.setBrush(ASKS)
    p.drawEllipse(spot)
    p.end()
    return pixmap


def app_icon() -> QIcon:
    return tray_icon(TrayState.RUNNING, 20)


def elapsed_text(minutes: int) -> str:
    """h:mm as everywhere in the app; from ten hours "10h", as five characters do not fit."""
    hours = minutes // 60
    return f"{hours}:{minutes % 60:02d}" if hours < 10 else f"{hours}h"


def _elapsed(size: int, minutes: int) -> QPixmap:
    """A dark green tile with a pale rim and the elapsed time in white: readable on light and dark panels."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    rim = max(1, round(size / 22))
    p.setBrush(RIM)
    p.drawRoundedRect(QRectF(0, 0, size, size), size * 0.22, size * 0.22)
    p.setBrush(TILE)
    p.drawRoundedRect(QRectF(rim, rim, size - 2 * rim, size - 2 * rim), size * 0.18, size * 0.18)
    text = elapsed_text(minutes)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(max(6, int(size * 0.5)))
    while font.pixelSize() > 6 and QFontMetricsF(font).horizontalAdvance(text) > size - 2 * rim - 1:
        font.setPixelSize(font.pixelSize() - 1)  # "0:45" must fit whatever the system font is
    p.setFont(font)
    p.setPen(WHITE)
    p.drawText(QRectF(0, 0, size, size), int(Qt.AlignmentFlag.AlignCenter), text)
    p.end()
    return pixmap


def _template(size: int, state: TrayState, asks: bool = False) -> QPixmap:
    """macOS menu bar: shape only, black with alpha; the system tints it for light or dark."""
    shape = _stopwatch(size, TrayState.RUNNING if state is TrayState.RUNNING else state, 20)
    if asks:
        shape = _marked(shape, size)
    mask = QPixmap(size, size)
    mask.fill(Qt.GlobalColor.transparent)
    p = QPainter(mask)
    p.drawPixmap(0, 0, shape)
    p.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    p.fillRect(mask.rect(), QColor(0, 0, 0))
    p.end()
    return mask


def _stopwatch(size: int, state: TrayState, minute_of_hour: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 16.0
    colour = {TrayState.RUNNING: GREEN, TrayState.ERROR: RED}.get(state, GREY)
    face = QRectF(1.5 * s, 2.5 * s, 13 * s, 13 * s)
    line = max(1.2, 1.5 * s)
    # crown of the stopwatch
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(colour)
    p.drawRoundedRect(QRectF(6.5 * s, 0, 3 * s, 2.2 * s), 0.6 * s, 0.6 * s)
    centre = face.center()
    if state in (TrayState.RUNNING, TrayState.ERROR):
        p.drawEllipse(face)
        p.setPen(QPen(WHITE, line, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        if state is TrayState.RUNNING:
            # the minutes of the current hour as a white arc: the icon moves while time runs
            inner = face.adjusted(2.6 * s, 2.6 * s, -2.6 * s, -2.6 * s)
            span = max(1, minute_of_hour) * 6
            p.drawArc(inner, 90 * 16, -span * 16)
            p.drawLine(centre, QPointF(centre.x(), inner.top()))
        else:
            p.drawLine(QPointF(centre.x(), face.top() + 3 * s), QPointF(centre.x(), centre.y() + 1 * s))
            p.drawPoint(QPointF(centre.x(), face.bottom() - 2.8 * s))
    else:
        p.setBrush(Qt.BrushStyle.NoBrush)
        pen = QPen(colour, line)
        if state is TrayState.OFFLINE:
            pen.setStyle(Qt.PenStyle.DotLine)
        p.setPen(pen)
        p.drawEllipse(face.adjusted(line / 2, line / 2, -line / 2, -line / 2))
        p.setPen(QPen(colour, line, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        if state is TrayState.OFFLINE:
            p.drawLine(QPointF(2 * s, 15 * s), QPointF(15 * s, 2 * s))
        else:
            p.drawLine(centre, QPointF(centre.x(), face.top() + 3.5 * s))
            p.drawLine(centre, QPointF(centre.x() + 3 * s, centre.y()))
    p.end()
    return pixmap
