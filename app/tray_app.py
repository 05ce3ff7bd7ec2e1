"""The tray app: one session per account (signing out, switching account or language starts the next).

Started by app.gui once the tray icon is up (everything imported here comes after it).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
from typing import Any

from PySide6.QtWidgets import QSystemTrayIcon

from app import i18n
from app.api.client import MiteClient
from app.api.urls import account_label
from app.core import secrets
from app.core.session import Session
from app.core.settings import Settings
from app.core.store import Store, path_for
from app.core.store_open import Opened, open_store
from app.core.tasks import TaskSet
from app.i18n import translate
from app.platform.signals import SignalWatcher
from app.shell import Shell

log = logging.getLogger(__name__)


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
        key, problem = None, ""
        if url and self.restart != "switch-account":
            try:
                key = await secrets.load_key_in_child(url)
            except secrets.KeychainUnavailable as exc:  # also a BadKey: unusable, the message says why
                log.warning("%s", exc.message)
                problem = exc.message
        if url and key:
            return url, key, settings, True
        from app.ui.login_dialog import ask_login
        result = await ask_login("" if self.restart == "switch-account" else account_label(url) if url else "",
                                 problem)
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
        i18n.install(settings.language)
        client = MiteClient(url, key)
        # The demo forgets, like its server. A damaged store is healed here; `notice` says how, once.
        opened = Opened(Store(":memory:")) if self.demo else open_store(path_for(url))
        store = opened.store
        session = Session(client, settings, store, save_settings=save)
        label = translate("App", "demo account") if self.demo else account_label(url)
        shell = Shell(session, settings, self.tasks, label=label, demo=bool(self.demo), icon=self.icon,
                      quit_app=self.quit.set, restart=lambda reason: self._restart(reason, url))
        self.icon = None  # the first session's tray took it over
        watcher = SignalWatcher(self.quit.set)
        try:
            if not shell.start(show_window=show_window or self.args.show, show_palette=self.args.palette):
                return
            show_store_messages(session, store, opened.message)
            self.tasks.spawn(session.poll_forever())
            await self.quit.wait()
        finally:
            watcher.close()
            shell.close()
            await self.tasks.cancel_all()
            await client.aclose()
            store.close()

    def _restart(self, reason: str, url: str) -> None:
        if reason == "sign-out":
            secrets.delete_key(url)
        self.restart = reason
        self.quit.set()


def show_store_messages(session: Session, store: Store, message: str = "") -> None:
    """What the store says (healed at start, rescued later) goes to the status line and a notification.

    Shown after the action under way: its success clears the status line.
    """
    def tell(text: str) -> None:
        log.warning("%s", text)

        def show() -> None:
            session.notice.emit(text)
            session.alert.emit(text)
        asyncio.get_running_loop().call_soon(show)

    store.tell = tell
    if message:
        tell(message)
