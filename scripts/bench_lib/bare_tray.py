"""The floor: a bare PySide6 tray app, an icon and a menu, nothing else.

    bare_tray.py           PySide6 alone
    bare_tray.py --stack   the same, importing the rest of the app's stack (qasync, httpx) and running on
                           a qasync loop, the icon handed to the tray host before the imports as the
                           app does (app/tray_app.py): the floor for memory and launch
"""

import sys
import time

if "--stack" in sys.argv:
    # As app.tray_app._skip_pyside_source_scan: else PySide6's import hook keeps the source text of every
    # module imported after it (httpx, qasync), which the app does not pay, and the floor would be too high.
    import PySide6.QtCore  # noqa: F401

    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and hasattr(feature, "_mod_uses_pyside"):
        feature._mod_uses_pyside = lambda module: True

from PySide6.QtCore import QEventLoop
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

app = QApplication(["mite-tray"])  # same WM_CLASS, so the benchmark finds both the same way
app.setQuitOnLastWindowClosed(False)
pixmap = QPixmap(22, 22)
pixmap.fill()
tray = QSystemTrayIcon(QIcon(pixmap))
menu = QMenu()
menu.addAction("Quit", app.quit)
tray.setContextMenu(menu)
tray.show()
if "--stack" not in sys.argv:
    sys.exit(app.exec())
# Wait for the tray host to embed and paint the icon before the imports below, as the app does
# (app.tray_app._hand_to_tray_host): one processEvents lost the race with trayer about half the time.
deadline = time.monotonic() + 0.3
while not any(w.isExposed() for w in app.allWindows()) and time.monotonic() < deadline:
    app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    time.sleep(0.002)

import asyncio  # noqa: E402
import os  # noqa: E402

os.environ.setdefault("QT_API", "pyside6")
import httpx  # noqa: E402
import qasync  # noqa: E402


async def idle() -> None:
    assert httpx.AsyncClient  # imported, as the app imports it; no client: it would load the CA store
    await asyncio.Event().wait()

qasync.run(idle())
