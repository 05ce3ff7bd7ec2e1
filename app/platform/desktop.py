"""Desktop differences the UI needs: tray icon style and key names (kept here, per DESIGN's layout rules)."""

import sys

MACOS = sys.platform == "darwin"

# macOS: a template image (black + alpha) that the menu bar tints for light and dark mode;
# coloured pixels would be wrong there, so no elapsed time in the icon, only in menu and tooltip.
TEMPLATE_TRAY_ICON = MACOS
# Linux (XEmbed, StatusNotifierItem) and Windows show colour icons: draw the elapsed time in it.
ELAPSED_IN_TRAY_ICON = not TEMPLATE_TRAY_ICON


def shortcut_text(qt_portable: str) -> str:
    """Qt's key sequence text in our shortcut format, where Ctrl is always the Control key.

    On macOS Qt calls Command "Ctrl" and Control "Meta"; our settings (and the Carbon
    backend) mean the physical keys, so the two swap there. The same swap reverses it.
    """
    if not MACOS:
        return qt_portable
    swap = {"Ctrl": "Meta", "Meta": "Ctrl"}
    return "+".join(swap.get(part, part) for part in qt_portable.split("+"))
