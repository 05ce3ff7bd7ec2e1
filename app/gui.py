"""The tray app: QApplication + qasync loop, the composition root."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from typing import Any

os.environ.setdefault("QT_API", "pyside6")  # qasync must pick PySide6 (qasync#23)

from PySide6.QtWidgets import QApplication, QSystemTrayIcon  # noqa: E402

import qasync  # noqa: E402

from app import APP_NAME  # noqa: E402
from app.api.client import MiteClient  # noqa: E402
from app.api.urls import account_label  # noqa: E402
from app.core import commands, secrets  # noqa: E402
from app.core.session import Session  # noqa: E402
from app.core.settings import Settings  # noqa: E402
from app.core.store import Store, path_for  # noqa: E402
from app.core.tasks import TaskSet  # noqa: E402
from app.platform.network import NetworkWatcher  # noqa: E402
from app.platform.signals import SignalWatcher  # noqa: E402
from app.platform.single_instance import InstanceServer, send  # noqa: E402

log = logging.getLogger(__name__)
_traced: set[str] = set()
TRACING = bool(os.environ.get("MITE_TRAY_TRACE"))


def trace(event: str, **figures: int) -> None:
    """With MITE_TRAY_TRACE=1, print start-up milestones once each, for scripts/bench."""
    if event not in _traced:
        _traced.add(event)
        details = " ".join(f"{k}={v}" for k, v in figures.items())
        print(f"mite-tray-trace {event} {details}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    if send({"cmd": "show"}, timeout=5.0) is not None:
        print("mite-tray is already running; its window is now shown.", file=sys.stderr)
        return 0
    # argv[0] names the X11 WM_CLASS; under `python -m app` it would be "__main__.py".
    app = QApplication.instance() or QApplication([APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("mite-tray")
    app.setDesktopFileName(APP_NAME)
    app.setQuitOnLastWindowClosed(False)  # closing the window keeps the tray running
    return qasync.run(App(args).main())


class App:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.quit = asyncio.Event()
        self.tasks = TaskSet()
        self.demo: Any = None

    async def _account(self) -> tuple[str, str, Settings, bool] | None:
        """(url, key, settings, save_settings), asking to sign in when needed."""
        if self.args.demo:
            from app.demo.data import ADMIN_KEY, demo_account
            from app.demo.server import DemoServer
            self.demo = DemoServer(demo_account()).start()
            log.info("Demo mite at %s", self.demo.url)
            return self.demo.url, ADMIN_KEY, Settings(account_url=self.demo.url, user_name="Anna Becker"), False
        settings = Settings.load()
        url = self.args.url or settings.account_url
        key = None
        if url:
            try:
                key = secrets.load_key(url)
            except secrets.KeychainUnavailable as exc:
                log.warning("%s", exc.message)
        if url and key:
            return url, key, settings, True
        from app.ui.login_dialog import ask_login
        result = await ask_login(account_label(url) if url else "")
        if result is None:
            return None
        url, key, _user = result
        return url, key, Settings.load(), True

    async def main(self) -> int:
        account = await self._account()
        if account is None:
            return 1
        url, key, settings, save = account
        from app.ui.tray import Tray
        from app.ui.palette import PaletteWindow
        from app.ui.window import MainWindow

        client = MiteClient(url, key)
        store = Store(":memory:" if self.demo else path_for(url))  # the demo forgets, like its server
        session = Session(client, settings, store, save_settings=save)
        label = "demo account" if self.demo else account_label(url)
        window = MainWindow(session, self.tasks, label)
        palette = PaletteWindow(session, self.tasks)
        tray = Tray(session) if QSystemTrayIcon.isSystemTrayAvailable() else None
        server = InstanceServer(lambda request: self._handle(request, session, window, tray, palette))
        if not server.listen():
            print("mite-tray is already running.", file=sys.stderr)
            return 0
        watcher = SignalWatcher(self.quit.set)
        if tray:
            tray.open_requested.connect(lambda: window.toggle(tray.icon.geometry()))
            tray.start_last_requested.connect(lambda: self.tasks.spawn(session.start_last()))
            tray.stop_requested.connect(window.stop)
            tray.quit_requested.connect(self.quit.set)
            tray.show()
        if tray is None or self.args.show:
            window.present()  # without a tray the window is the app
        if self.args.palette:
            palette.present()
        if TRACING:  # start-up milestones for scripts/bench; nothing to do on each change otherwise
            trace("shown", entries=len(session.snapshot.today), projects=len(session.projects))

            def synced() -> None:
                if session.online:
                    trace("synced", entries=len(session.snapshot.today), projects=len(session.projects))
            session.changed.connect(synced)
        network = NetworkWatcher(session.network_changed)  # noqa: F841 - kept alive for its signal
        hotkeys = self._hotkeys(settings, session, palette)
        self.tasks.spawn(session.poll_forever())
        try:
            await self.quit.wait()
        finally:
            server.close()
            watcher.close()
            if hotkeys:
                hotkeys.close()
            if tray:
                tray.dispose()
            window.hide()
            palette.hide()
            await self.tasks.cancel_all()
            await client.aclose()
            store.close()
            if self.demo:
                self.demo.stop()
        return 0

    def _hotkeys(self, settings: Settings, session: Session, palette: Any) -> Any:
        """Register the global shortcuts; a taken or impossible one is said, not ignored."""
        from app.platform.hotkeys import HotkeyTaken, choose
        hotkeys = choose()
        if hotkeys is None:
            log.info("No global hotkeys on this desktop: bind `mite-tray toggle` in its own settings.")
            return None
        for hotkey_id, sequence in (("window", settings.hotkey_window), ("timer", settings.hotkey_timer)):
            try:
                hotkeys.register(hotkey_id, sequence)
            except (HotkeyTaken, ValueError) as exc:
                log.warning("Hotkey %s: %s", sequence, exc)
                session.notice.emit(f"Shortcut {sequence}: {exc}")

        def fired(hotkey_id: str) -> None:
            if hotkey_id == "window":
                palette.toggle()
            elif session.snapshot.running:
                self.tasks.spawn(session.stop())
            else:
                self.tasks.spawn(session.start_last())
        hotkeys.activated.connect(fired)
        return hotkeys

    async def _handle(self, request: dict[str, Any], session: Session, window: Any, tray: Any,
                      palette: Any) -> dict[str, Any]:
        cmd = request.get("cmd")
        if cmd == "ping":
            return {"ok": True}
        if cmd in ("show", "toggle"):
            anchor = tray.icon.geometry() if tray else None
            window.present(anchor) if cmd == "show" else window.toggle(anchor)
            return {"ok": True, "visible": window.isVisible()}
        if cmd == "palette":
            palette.toggle()
            return {"ok": True, "visible": palette.isVisible()}
        if cmd == "quit":
            asyncio.get_running_loop().call_soon(self.quit.set)  # answer first, then end
            return {"ok": True}
        return await commands.execute(request, session)
