"""mite-tray: the mite timer in your system tray."""

__version__ = "0.1.0"
APP_NAME = "mite-tray"
# Internal: `mite-tray --read-keychain URL` is the app's own keychain reader (app.platform.keychain.child).
KEYCHAIN_CHILD_ARG = "--read-keychain"
