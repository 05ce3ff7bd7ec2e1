"""The tray icon's mark for a waiting question (issue 15): a blue dot in the top right corner, on every
icon, readable on light and dark panels, and a shape of its own in the macOS template."""

import pytest

from app.core.tray_look import TrayState
from app.ui.icons import ASKS, tray_icon
from app.ui.theme import contrast
from tests.ui.test_look import PANELS, on_panel


def corner(image):
    """The pixel in the middle of the mark's place (top right)."""
    size = image.width()
    return image.pixelColor(round(size * 0.8), round(size * 0.2))


@pytest.mark.parametrize("state, elapsed", [(TrayState.IDLE, None), (TrayState.RUNNING, 45), (TrayState.RUNNING, None),
                                            (TrayState.OFFLINE, None), (TrayState.ERROR, None)])
@pytest.mark.parametrize("panel", PANELS)
def test_the_mark_reads_on_every_icon_and_panel(qapp, state, elapsed, panel):
    marked = on_panel(tray_icon(state, 20, elapsed, asks=True), 22, PANELS[panel])
    plain = on_panel(tray_icon(state, 20, elapsed), 22, PANELS[panel])
    assert corner(marked).name() == ASKS.name() != corner(plain).name()
    assert contrast(ASKS.name(), PANELS[panel]) >= 3.0


def test_the_macos_template_keeps_the_mark_apart(qapp):
    marked = tray_icon(TrayState.RUNNING, 20, template=True, asks=True).pixmap(22, 22).toImage()
    plain = tray_icon(TrayState.RUNNING, 20, template=True).pixmap(22, 22).toImage()
    assert marked != plain
    assert marked.pixelColor(round(22 * 0.8), round(22 * 0.2)).alpha() == 255  # the dot
