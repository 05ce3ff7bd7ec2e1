"""The tray app: one instance per user, the QApplication, the tray icon first, then one session per
account (signing out, switching account or language ends the session and starts the next).

The icon goes up before httpx, asyncio, the keychain, the style and the window are even imported, so
it appears about as fast as a bare Qt tray app's, and already as the store last saw the timer
(core.tray_glance: green with its minutes while one runs). Everything heavy is imported inside the
functions that run after it (the names below TYPE_CHECKING are for annotations only).
"""

from __future__ import annotations

import logging
import os
import sys
from typing import TYPE_CHECKING, Any

os.environ.setdefault("QT_API", "pyside6")  # qasync must pick PySide6 (qasync#23)

if TYPE_CHECKING:
    import argparse  # the parser is built only for a command (app.main.tray_arguments): not before the icon

    from PySide6.QtWidgets import QSystemTrayIcon

    from app.core.account import Credentials
    from app.core.session import Session
    from app.core.settings import Settings
    from app.core.store import Store

log = logging.getLogger(__name__)
# Seconds the launch waits, at most, for an XEmbed tray host to embed and paint the first icon.
TRAY_HOST_WAIT = 0.3


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
    from app.platform.display import problem
    i18n.install("" if args.demo else Settings.load().language)  # before Qt: the message below speaks it
    missing = problem()
    if missing:  # Qt would abort with its own raw message and a core dump (exit 134)
        print(missing, file=sys.stderr)
        return 1
    from PySide6.QtWidgets import QApplication, QSystemTrayIcon
    # argv[0] names the X11 WM_CLASS; under `python -m app` it would be "__main__.py".
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("mite-tray")
    app.setDesktopFileName(APP_NAME)
    app.setQuitOnLastWindowClosed(False)  # closing the window keeps the tray running
    settings = Settings() if args.demo else Settings.load()
    i18n.install(settings.language)  # the sign-in dialog speaks it too
    icon = None
    if QSystemTrayIcon.isSystemTrayAvailable():
        icon = first_icon("" if args.demo else args.url or settings.account_url)
    from app.ui import style
    style.install(app, settings.theme)  # light or dark, no icons on dialog buttons, focus rings
    import qasync
    return int(qasync.run(TrayApp(args, icon).main()))


def first_icon(url: str) -> QSystemTrayIcon:
    """The tray icon, shown, as the account's store last saw the timer (core.tray_glance); the session's
    tray takes it over. `url`: the account's ("" for the demo, whose store starts empty)."""
    from datetime import datetime

    from PySide6.QtWidgets import QSystemTrayIcon

    from app.core.tray_glance import glance
    from app.platform.desktop import ELAPSED_IN_TRAY_ICON, TEMPLATE_TRAY_ICON
    from app.ui.icons import tray_icon
    path = None
    if url:
        from app.core.settings import path_for
        path = path_for(url)
    now = datetime.now().astimezone()
    seen = glance(path, now)
    icon = QSystemTrayIcon(tray_icon(seen.icon, now.minute, seen.minutes if ELAPSED_IN_TRAY_ICON else None,
                                     template=TEMPLATE_TRAY_ICON, asks=seen.asks))
    icon.setToolTip("mite-tray")
    icon.show()
    _hand_to_tray_host(TRAY_HOST_WAIT)
    return icon


def _hand_to_tray_host(limit: float) -> None:
    """Run Qt's events until the tray host has embedded the icon and it is painted, for at most `limit`
    seconds, before the imports and the session that follow (~0.2 s). One processEvents returned before
    trayer answered the dock request about half the time, and the icon was then painted only once the
    session was up (scripts/bench: warm launches at 0.2 s or at 0.4 s). XEmbed only: its icon is our own
    window, exposed once embedded, and painted as it is exposed. A StatusNotifierItem host reads the icon
    over D-Bus, and there is no window to wait for."""
    import time

    from PySide6.QtCore import QCoreApplication, QEventLoop
    from PySide6.QtGui import QGuiApplication
    windows = QGuiApplication.allWindows()  # the XEmbed icon's window (not a top-level one); none for a D-Bus tray
    deadline = time.monotonic() + limit
    while True:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        if not windows or any(window.isExposed() for window in windows) or time.monotonic() > deadline:
            return
        time.sleep(0.002)


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
        feature._mod_uses_pyside = lambda module: True  # type: ignore[attr-defined]


class TrayApp:
    def __init__(self, args: argparse.Namespace, icon: QSystemTrayIcon | None = None):
        import asyncio

        from app.core.tasks import TaskSet
        self.args = args
        self.icon = icon  # shown before the heavy imports; the first session's tray takes it over
        self.quit = asyncio.Event()
        self.tasks = TaskSet()
        self.demo: Any = None
        self.demo_store: Store | None = None  # the demo's store lives as long as its server, across sessions
        self.restart = ""  # why the session ends and starts again ("" = the app quits)
        self.layout: Any = None  # ui.shell.Layout: where the windows were when the language changed
        self.signed_in = False  # the account came from the sign-in dialog just now
        self.away_sources: tuple[Any, Any] | None = None  # the OS's idle time and lock/sleep news (platform.idle)

    async def _account(self) -> tuple[Credentials, Settings, bool] | None:
        """(credentials, settings, save_settings), asking to sign in when needed."""
        from app.api.urls import account_label
        from app.core import account
        from app.core.settings import Settings
        if self.args.demo:
            from app.demo.data import ADMIN_KEY, demo_account
            from app.demo.server import DemoServer
            if self.demo is None:
                self.demo = DemoServer(demo_account()).start()
                log.info("Demo mite at %s", self.demo.url)
                self.demo_settings = Settings(account_url=self.demo.url, user_name="Anna Becker")
            return account.Credentials(self.demo.url, ADMIN_KEY), self.demo_settings, False
        settings = Settings.load()
        url = self.args.url or settings.account_url
        key, problem = None, ""
        if url and self.restart != "switch-account":
            try:
                key = await account.load_key(url, long_running=True)
            except account.KeychainUnavailable as exc:  # also a BadKey: unusable, the message says why
                log.warning("%s", exc.message)
                problem = exc.message
        if url and key:
            return account.Credentials(url, key), settings, True
        from app.ui.login_dialog import ask_login
        credentials = await ask_login(settings, "" if self.restart == "switch-account" else
                                      account_label(url) if url else "", problem)
        self.signed_in = credentials is not None  # the session shows its window: the app is not silent
        return None if credentials is None else (credentials, settings, True)  # `settings` hold the account now

    async def main(self) -> int:
        """One session per account; signing out, switching account or language starts a new one."""
        try:
            while True:
                account = await self._account()
                if account is None:
                    return 1
                # After a restart (language, account) or a sign-in in the dialog the window shows, so
                # a first sign-in does not end in a lone grey icon with no word of where the app went.
                shown, self.restart, self.signed_in = bool(self.restart) or self.signed_in, "", False
                await self._session(*account, show_window=shown)
                if not self.restart:
                    return 0
                self.quit.clear()
        finally:
            for source in self.away_sources or ():
                if source is not None:
                    source.close()
            if self.demo:
                self.demo.stop()
            if self.demo_store is not None:
                self.demo_store.close()

    async def _session(self, credentials: Credentials, settings: Settings, save: bool, show_window: bool) -> None:
        from app import i18n
        from app.api.urls import account_label
        from app.core.account import client_for
        from app.core.session import Session
        from app.core.store import Store, path_for
        from app.core.store_open import Opened, open_store
        from app.i18n import translate
        from app.platform.signals import SignalWatcher
        from app.ui.shell import Shell
        i18n.install(settings.language)
        url = credentials.url
        client = client_for(credentials)
        # The demo forgets when the app ends, like its server, but not across a restart (a language change):
        # a new store would see the running timer as started elsewhere. A damaged store is healed here.
        if self.demo and self.demo_store is None:
            self.demo_store = Store(":memory:")
        opened = Opened(self.demo_store) if self.demo_store else open_store(path_for(url))
        store = opened.store
        session = Session(client, settings, store, save_settings=save)
        label = translate("App", "demo account") if self.demo else account_label(url)
        shell = Shell(session, settings, self.tasks, label=label, demo=bool(self.demo), icon=self.icon,
                      quit_app=self.quit.set, restart=lambda reason: self._restart(reason, url),
                      sign_in=lambda: self.tasks.spawn(sign_in_again(session)))
        self.icon = None  # the first session's tray took it over
        watcher = SignalWatcher(self.quit.set)
        away = None
        try:
            layout, self.layout = self.layout, None
            if not shell.start(show_window=show_window or self.args.show, show_palette=self.args.palette,
                               layout=layout):
                return
            show_store_messages(session, store, opened.message)
            self.tasks.spawn(session.poll_forever())
            away = self._watch_away(session, shell)
            await self.quit.wait()
        finally:
            watcher.close()
            if away is not None:
                away.close()
            if self.restart == "language":  # the new session puts the windows back where they were
                self.layout = shell.layout()
            shell.close()
            await self.tasks.cancel_all()
            await session.client.aclose()  # the client of the last key (signing in again replaces it)
            if store is not self.demo_store:
                store.close()

    def _watch_away(self, session: Any, shell: Any) -> Any:
        """Start noticing away time, forgotten timers and untracked work (core.away_watch), after the tray
        is up. The OS sources are opened once and outlive a restart of the session."""
        from app.core.away_watch import AwayWatch
        from app.platform import idle
        if self.away_sources is None:
            try:
                self.away_sources = (idle.choose_idle(), idle.choose_events())
            except Exception:  # noqa: BLE001 - the app runs without them: sleep is still caught by the clock
                log.exception("Could not open the OS's idle time or lock and sleep news")
                self.away_sources = (None, None)
        source, events = self.away_sources
        shell.idle_description = idle.describe(source)  # the settings window says how it is noticed here
        return AwayWatch(session, source, events)

    def _restart(self, reason: str, url: str) -> None:
        if reason == "sign-out":
            from app.core import account
            account.sign_out(url)  # the account stays in the settings: the sign-in dialog offers it again
        self.restart = reason
        self.quit.set()


async def sign_in_again(session: Session) -> None:
    """Answers the window's request after mite refused the key: the same account with a new key.

    Nothing waiting is lost; the new key sends it.
    """
    from app.api.urls import account_label
    from app.core.account import client_for
    from app.ui.login_dialog import ask_login
    url = session.client.base_url
    credentials = await ask_login(session.settings, account_label(url), same_as=url)
    if credentials is not None:
        await session.use_client(client_for(credentials)).aclose()


def show_store_messages(session: Session, store: Store, message: str = "") -> None:
    """What the store says (healed at start, rescued later) goes to the status line and a notification.

    Shown after the action under way: its success clears the status line.
    """
    import asyncio

    def tell(text: str) -> None:
        log.warning("%s", text)

        def show() -> None:
            session.notice.emit(text)
            session.alert.emit(text)
        asyncio.get_running_loop().call_soon(show)

    store.tell = tell
    if message:
        tell(message)
