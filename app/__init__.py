"""mite-tray: the mite timer in your system tray."""

__version__ = "0.1.0"
APP_NAME = "mite-tray"
