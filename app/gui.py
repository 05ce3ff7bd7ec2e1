"""Start-up of the tray app: one instance per user, the QApplication, and the tray icon first.

The icon goes up before httpx, the keychain, the store and the window are even imported, so
it appears about as fast as a bare Qt tray app's; app.application builds the rest.
"""

from __future__ import annotations

import argparse
import os
import sys

os.environ.setdefault("QT_API", "pyside6")  # qasync must pick PySide6 (qasync#23)


def run(args: argparse.Namespace) -> int:
    _skip_pyside_source_scan()
    from app import APP_NAME, i18n
    from app.core.settings import Settings
    from app.platform.control import send
    reply = send({"cmd": "show"}, timeout=5.0)
    if reply is not None:  # another version running says so and shows nothing
        print(i18n.translate("App", "mite-tray is already running; its window is now shown.") if reply.get("ok")
              else reply.get("error"), file=sys.stderr)
        return 0 if reply.get("ok") else 1
    from PySide6.QtWidgets import QApplication, QSystemTrayIcon
    # argv[0] names the X11 WM_CLASS; under `python -m app` it would be "__main__.py".
    app = QApplication.instance() or QApplication([APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("mite-tray")
    app.setDesktopFileName(APP_NAME)
    app.setQuitOnLastWindowClosed(False)  # closing the window keeps the tray running
    i18n.install("" if args.demo else Settings.load().language)  # the sign-in dialog speaks it too
    icon = None
    if QSystemTrayIcon.isSystemTrayAvailable():
        from app.platform.desktop import TEMPLATE_TRAY_ICON
        from app.ui.icons import TrayState, tray_icon
        icon = QSystemTrayIcon(tray_icon(TrayState.IDLE, template=TEMPLATE_TRAY_ICON))
        icon.setToolTip("mite-tray")
        icon.show()
        app.processEvents()  # hand the icon to the tray host now, not after the imports below
    import qasync

    from app.application import App
    return qasync.run(App(args, icon).main())


def _skip_pyside_source_scan() -> None:
    """Keep PySide6 from holding the source text of every module imported after it.

    Its __feature__ import hook (PYSIDE-2029) calls inspect.getsource() on each new module
    to look for "PySide6", and linecache keeps every line it read: ~7 MiB for the whole
    day when run from source (a bundle has no sources to read). mite-tray selects no
    __feature__, so every module gets the hook's answer for PySide users: no feature.
    """
    import PySide6.QtCore  # noqa: F401 - loads shiboken, which installs the hook
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and hasattr(feature, "_mod_uses_pyside"):
        feature._mod_uses_pyside = lambda module: True
