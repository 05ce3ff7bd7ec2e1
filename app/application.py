"""The tray app's composition root: one session per account, its window, tray, palette and settings.

Started by app.gui once the tray icon is up (everything imported here comes after it).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QSystemTrayIcon  # noqa: E402

from app import i18n  # noqa: E402
from app.api.client import MiteClient  # noqa: E402
from app.api.urls import account_label  # noqa: E402
from app.core import commands, secrets  # noqa: E402
from app.core.session import Health, Session  # noqa: E402
from app.core.settings import Settings  # noqa: E402
from app.core.store import Store, path_for  # noqa: E402
from app.core.tasks import TaskSet  # noqa: E402
from app.i18n import translate  # noqa: E402
from app.platform.hotkeys import Shortcuts  # noqa: E402
from app.platform.hotkeys import choose as choose_hotkeys  # noqa: E402
from app.platform.network import NetworkWatcher  # noqa: E402
from app.platform.signals import SignalWatcher  # noqa: E402
from app.platform.single_instance import InstanceServer  # noqa: E402

log = logging.getLogger(__name__)
_traced: set[str] = set()
TRACING = bool(os.environ.get("MITE_TRAY_TRACE"))


def trace(event: str, **figures: int) -> None:
    """With MITE_TRAY_TRACE=1, print start-up milestones once each, for scripts/bench."""
    if event not in _traced:
        _traced.add(event)
        details = " ".join(f"{k}={v}" for k, v in figures.items())
        print(f"mite-tray-trace {event} {details}", file=sys.stderr, flush=True)


class Lazy:
    """A window built at its first use (start-up stays quick and light), disposed with the session."""

    def __init__(self, build: Callable[[], Any]):
        self._build, self.built = build, None

    def __call__(self) -> Any:
        if self.built is None:
            self.built = self._build()
        return self.built

    def dispose(self) -> None:
        if self.built is not None:
            self.built.hide()
            self.built.deleteLater()


class App:
    def __init__(self, args: argparse.Namespace, icon: QSystemTrayIcon | None = None):
        self.args = args
        self.icon = icon  # shown before the heavy imports; the first session's tray takes it over
        self.quit = asyncio.Event()
        self.tasks = TaskSet()
        self.demo: Any = None
        self.restart = ""  # why the session ends and starts again ("" = the app quits)

    async def _account(self) -> tuple[str, str, Settings, bool] | None:
        """(url, key, settings, save_settings), asking to sign in when needed."""
        if self.args.demo:
            from app.demo.data import ADMIN_KEY, demo_account
            from app.demo.server import DemoServer
            if self.demo is None:
                self.demo = DemoServer(demo_account()).start()
                log.info("Demo mite at %s", self.demo.url)
                self.demo_settings = Settings(account_url=self.demo.url, user_name="Anna Becker")
            return self.demo.url, ADMIN_KEY, self.demo_settings, False
        settings = Settings.load()
        url = self.args.url or settings.account_url
        key = None
        if url and self.restart != "switch-account":
            try:
                key = secrets.load_key(url)
            except secrets.KeychainUnavailable as exc:
                log.warning("%s", exc.message)
        if url and key:
            return url, key, settings, True
        from app.ui.login_dialog import ask_login
        result = await ask_login("" if self.restart == "switch-account" else account_label(url) if url else "")
        if result is None:
            return None
        url, key, _user = result
        return url, key, Settings.load(), True

    async def main(self) -> int:
        """One session per account; signing out, switching account or language starts a new one."""
        try:
            while True:
                account = await self._account()
                if account is None:
                    return 1
                restarted, self.restart = bool(self.restart), ""
                await self._session(*account, show_window=restarted)
                if not self.restart:
                    return 0
                self.quit.clear()
        finally:
            if self.demo:
                self.demo.stop()

    async def _session(self, url: str, key: str, settings: Settings, save: bool, show_window: bool) -> None:
        from app.platform.autostart import choose as choose_autostart
        from app.ui.tray import Tray

        i18n.install(settings.language)
        client = MiteClient(url, key)
        store = Store(":memory:" if self.demo else path_for(url))  # the demo forgets, like its server
        session = Session(client, settings, store, save_settings=save)
        label = translate("App", "demo account") if self.demo else account_label(url)
        tray = Tray(session, self.icon) if QSystemTrayIcon.isSystemTrayAvailable() else None
        self.icon = None

        def build_window() -> Any:
            from app.ui.window import MainWindow
            built = MainWindow(session, self.tasks, label)
            built.settings_requested.connect(open_settings)
            return built
        window = Lazy(build_window)

        def build_palette() -> Any:
            from app.ui.palette import PaletteWindow
            return PaletteWindow(session, self.tasks)
        palette = Lazy(build_palette)
        shortcuts = self._shortcuts(settings, session, palette)
        dialogs: list[Any] = []

        def open_settings() -> None:
            if dialogs and dialogs[0].isVisible():
                dialogs[0].raise_()
                dialogs[0].activateWindow()
                return
            from app.ui.settings_window import SettingsWindow
            user = session.user.name if session.user else settings.user_name
            dialog = SettingsWindow(settings, shortcuts, choose_autostart(), account=label, user=user,
                                    demo=bool(self.demo), save=session.save_settings_now)
            dialog.restart_requested.connect(lambda reason: self._restart(reason, url))
            dialogs[:] = [dialog]
            dialog.show()
            dialog.raise_()
            dialog.activateWindow()

        server = InstanceServer(lambda request: self._handle(request, session, window, tray, palette, open_settings))
        if not server.listen():
            print(translate("App", "mite-tray is already running."), file=sys.stderr)
            return
        watcher = SignalWatcher(self.quit.set)
        if tray:
            tray.open_requested.connect(lambda: window().toggle(tray.icon.geometry()))
            tray.start_last_requested.connect(lambda: self.tasks.spawn(session.start_last()))
            tray.stop_requested.connect(lambda: self.tasks.spawn(session.stop()))
            tray.settings_requested.connect(open_settings)
            tray.quit_requested.connect(self.quit.set)
            tray.show()
        if tray is None or self.args.show or show_window:
            window().present()  # without a tray the window is the app
        if self.args.palette:
            palette().present()
        if TRACING:  # start-up milestones for scripts/bench; nothing to do on each change otherwise
            trace("shown", entries=len(session.snapshot.today), projects=len(session.projects))

            def synced() -> None:
                if session.online:
                    trace("synced", entries=len(session.snapshot.today), projects=len(session.projects))
            session.changed.connect(synced)
        watchers: list[NetworkWatcher] = []

        def watch_network() -> None:
            # Only once mite could not be reached: the OS backend (NetworkManager over D-Bus on
            # Linux) costs ~6 MB of memory, which an app that stays online never needs to pay.
            if not watchers and session.health is Health.OFFLINE:
                watchers.append(NetworkWatcher(session.network_changed))
        session.changed.connect(watch_network)
        self.tasks.spawn(session.poll_forever())
        try:
            await self.quit.wait()
        finally:
            server.close()
            watcher.close()
            shortcuts.close()
            for dialog in dialogs:
                dialog.hide()
                dialog.deleteLater()
            if tray:
                tray.dispose()
            window.dispose()
            palette.dispose()
            await self.tasks.cancel_all()
            await client.aclose()
            store.close()

    def _restart(self, reason: str, url: str) -> None:
        if reason == "sign-out":
            secrets.delete_key(url)
        self.restart = reason
        self.quit.set()

    def _shortcuts(self, settings: Settings, session: Session, palette: Lazy) -> Shortcuts:
        """Register the global shortcuts; a taken or impossible one is said, not ignored."""
        shortcuts = Shortcuts(choose_hotkeys())
        if not shortcuts.available:
            log.info("No global hotkeys on this desktop: bind `mite-tray palette` in its own settings.")
            return shortcuts
        problems = shortcuts.bind({"window": settings.hotkey_window, "timer": settings.hotkey_timer})
        for hotkey_id, problem in problems.items():
            sequence = settings.hotkey_window if hotkey_id == "window" else settings.hotkey_timer
            log.warning("Hotkey %s: %s", sequence, problem)
            session.notice.emit(translate("App", "Shortcut {shortcut}: {problem}").format(
                shortcut=sequence, problem=problem))

        def fired(hotkey_id: str) -> None:
            if hotkey_id == "window":
                palette().toggle()
            elif session.snapshot.running:
                self.tasks.spawn(session.stop())
            else:
                self.tasks.spawn(session.start_last())
        shortcuts.backend.activated.connect(fired)
        return shortcuts

    async def _handle(self, request: dict[str, Any], session: Session, window: Lazy, tray: Any,
                      palette: Lazy, open_settings: Any) -> dict[str, Any]:
        cmd = request.get("cmd")
        if cmd == "ping":
            return {"ok": True}
        if cmd in ("show", "toggle"):
            anchor = tray.icon.geometry() if tray else None
            window().present(anchor) if cmd == "show" else window().toggle(anchor)
            return {"ok": True, "visible": window().isVisible()}
        if cmd == "palette":
            palette().toggle()
            return {"ok": True, "visible": palette().isVisible()}
        if cmd == "settings":
            open_settings()
            return {"ok": True}
        if cmd == "quit":
            asyncio.get_running_loop().call_soon(self.quit.set)  # answer first, then end
            return {"ok": True}
        return await commands.execute(request, session)
