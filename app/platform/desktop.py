"""How this desktop shows the tray icon (the one place that knows, per DESIGN's layout rules)."""

import sys

# macOS: a template image (black + alpha) that the menu bar tints for light and dark mode;
# coloured pixels would be wrong there, so no elapsed time in the icon, only in menu and tooltip.
TEMPLATE_TRAY_ICON = sys.platform == "darwin"
# Linux (XEmbed, StatusNotifierItem) and Windows show colour icons: draw the elapsed time in it.
ELAPSED_IN_TRAY_ICON = not TEMPLATE_TRAY_ICON
