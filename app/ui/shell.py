"""Everything a person reaches in one session: tray, window, palette, settings, global shortcuts,
the control socket for the command line, and the network watcher. Built by app.tray_app.

The window and the palette are built when first opened, the network watcher when mite first
cannot be reached: start-up stays quick and an idle tray app stays light.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QSystemTrayIcon

from app.core import commands
from app.core.messages import ActionFailed
from app.core.session import Session
from app.core.state import Health, State
from app.core.settings import Settings
from app.core.tasks import TaskSet
from app.i18n import translate
from app.platform.hotkeys import Shortcuts, for_this_desktop
from app.platform.network import NetworkWatcher
from app.platform.control import instance_server

log = logging.getLogger(__name__)
TRACING = bool(os.environ.get("MITE_TRAY_TRACE"))
_traced: set[str] = set()


def trace(event: str, **figures: int) -> None:
    """With MITE_TRAY_TRACE=1, print start-up milestones once each, for scripts/bench."""
    if event not in _traced:
        _traced.add(event)
        details = " ".join(f"{k}={v}" for k, v in figures.items())
        print(f"mite-tray-trace {event} {details}", file=sys.stderr, flush=True)


class Lazy:
    """A window built at its first use, disposed with the session."""

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
            self.built = None


@dataclass(frozen=True)
class Layout:
    """Where a session's windows were: the top-left corners of their insides (without the window manager's
    frame, whose size a new window does not know yet), None where not shown."""

    window: QPoint | None = None
    settings: QPoint | None = None


def put_back(widget: Any, corner: QPoint) -> None:
    """Place a shown window's inside at `corner` (Layout)."""
    widget.setGeometry(QRect(corner, widget.size()))


class Shell:
    def __init__(self, session: Session, settings: Settings, tasks: TaskSet, *, label: str, demo: bool,
                 icon: QSystemTrayIcon | None, quit_app: Callable[[], None], restart: Callable[[str], None],
                 sign_in: Callable[[], object]):
        from app.ui.tray import Tray

        self.session, self.settings, self.tasks = session, settings, tasks
        self.label, self.demo, self.quit_app, self.restart = label, demo, quit_app, restart
        self.sign_in = sign_in  # asked for by the window when mite refused the key; the tray app signs in
        self.tray = Tray(session, icon) if QSystemTrayIcon.isSystemTrayAvailable() else None
        self.window = Lazy(self._build_window)
        self.palette = Lazy(self._build_palette)
        self.settings_window = Lazy(self._build_settings)
        self.shortcuts = self._bind_shortcuts()
        self.server = instance_server(self.handle)
        self.watchers: list[NetworkWatcher] = []
        self.settings_closed_at: QPoint | None = None
        self.idle_description = ""  # how away time is noticed here, for the settings (tray_app sets it)
        session.changed.connect(self._watch_network)

    def start(self, *, show_window: bool, show_palette: bool, layout: Layout | None = None) -> bool:
        """Listen for the command line and show the tray; False when another instance owns the socket.

        `layout`: where the last session's windows were (a language change restarts the session):
        they come back in the same places, the settings window too, instead of jumping."""
        if not self.server.listen():
            print(translate("App", "mite-tray is already running."), file=sys.stderr)
            return False
        tray, session = self.tray, self.session
        if tray:
            tray.open_requested.connect(lambda: self.window().toggle(tray.icon.geometry()))
            tray.start_last_requested.connect(lambda: self.tasks.spawn(session.start_last()))
            tray.stop_requested.connect(lambda: self.tasks.spawn(session.stop()))
            tray.settings_requested.connect(self.open_settings)
            tray.quit_requested.connect(self.quit_app)
            tray.answer_requested.connect(self._answer_from_tray)
            tray.palette_requested.connect(lambda: self.palette().present())
            tray.book_as_requested.connect(lambda: self.palette().book_away())
            tray.show()
        if tray is None or show_window or (layout and layout.window):
            self.window().present()  # without a tray the window is the app
            if layout and layout.window:
                put_back(self.window(), layout.window)
        if tray is None and layout is None:  # said once: not again when the session restarts (a new language)
            log.info("No system tray here: the window stands in for it")
            self.window().show_notice(translate("Shell", "No system tray here: mite-tray runs in this window. Closing "
                                                "it hides it; in a terminal, mite-tray toggle opens it again and "
                                                "mite-tray quit ends mite-tray."))
        if layout and layout.settings:
            self.open_settings()
            put_back(self.settings_window(), layout.settings)
        if show_palette:
            self.palette().present()
        if TRACING:  # start-up milestones for scripts/bench; nothing to do on each change otherwise
            trace("shown", entries=len(session.state.snapshot.today), projects=len(session.projects))
            def synced(state: State) -> None:
                if state.online:
                    trace("synced", entries=len(state.snapshot.today), projects=len(session.projects))
            session.changed.connect(synced)
        return True

    def layout(self) -> Layout:
        """Where the window and the settings window are now, if shown (see `start`)."""
        def place(lazy: Lazy) -> QPoint | None:
            return lazy.built.geometry().topLeft() if lazy.built is not None and lazy.built.isVisible() else None
        return Layout(place(self.window), place(self.settings_window) or self.settings_closed_at)

    def close(self) -> None:
        self.server.close()
        self.shortcuts.close()
        if self.tray:
            self.tray.dispose()
        for lazy in (self.settings_window, self.window, self.palette):
            lazy.dispose()

    # -- the parts ---------------------------------------------------------------

    def _build_window(self) -> Any:
        from app.ui.window import MainWindow
        window = MainWindow(self.session, self.tasks, self.label, palette_shortcut=self.shortcuts.bound.get("window", ""),
                            tray=self.tray is not None)
        window.settings_requested.connect(self.open_settings)
        window.sign_in_requested.connect(self.sign_in)
        window.book_as_requested.connect(lambda: self.palette().book_away())
        budgets = self.session.budgets  # the project picker and the timer card show a budget's use
        window.form.project.show_details(lambda project_id: budgets.text(project_id, short=True), budgets.want)
        window.card.follow_budgets(budgets.words)
        budgets.changed.connect(window.form.project.update_details)
        budgets.changed.connect(window.card.show_budget)
        return window

    def _build_palette(self) -> Any:
        from app.ui.palette import PaletteWindow
        return PaletteWindow(self.session, self.tasks)

    def _build_settings(self) -> Any:
        from app.platform.autostart import choose as choose_autostart
        from app.ui.settings_window import SettingsWindow
        user = self.session.user.name if self.session.user else self.settings.user_name
        dialog = SettingsWindow(self.settings, self.shortcuts, choose_autostart(), account=self.label, user=user,
                                demo=self.demo, save=self.session.save_settings_now,
                                idle_description=self.idle_description)
        def restart(reason: str) -> None:
            self.settings_closed_at = dialog.geometry().topLeft()  # it closed itself to restart: reopened here
            self.restart(reason)
        dialog.restart_requested.connect(restart)
        dialog.targets_changed.connect(self.session.weeks.changed)  # the window's timesheet draws them at once
        return dialog

    def _answer_from_tray(self, answer: str, asked: str = "") -> None:
        """An answer chosen in the tray menu; if it fails (a locked entry), a notification says why,
        as the window may be closed. The question waits on."""
        async def run() -> None:
            try:
                await self.session.answer(answer, asked=asked)
            except ActionFailed as exc:
                if self.tray:
                    self.tray.notify(exc.message)
        self.tasks.spawn(run())

    def open_settings(self) -> None:
        if self.settings_window.built is not None and not self.settings_window.built.isVisible():
            self.settings_window.dispose()  # closed earlier: build anew, reading today's state
        dialog = self.settings_window()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _watch_network(self) -> None:
        # Only once mite could not be reached: the OS backend (NetworkManager over D-Bus on
        # Linux) costs ~6 MB of memory, which an app that stays online never needs to pay.
        if not self.watchers and self.session.state.health is Health.OFFLINE:
            self.watchers.append(NetworkWatcher(self.session.network_changed))

    def _bind_shortcuts(self) -> Shortcuts:
        """Register the global shortcuts; a taken or impossible one is said, not ignored."""
        shortcuts = for_this_desktop(skip=self.settings.shortcut_skip)
        if not shortcuts.available:
            log.info("No global hotkeys on this desktop: bind `mite-tray palette` in its own settings.")
        shortcuts.activated.connect(self._shortcut_pressed)
        shortcuts.answered.connect(lambda: self._tell_unbound(shortcuts))
        wanted = {"window": self.settings.hotkey_window, "timer": self.settings.hotkey_timer}
        for hotkey_id, problem in shortcuts.bind(wanted).items():
            log.warning("Hotkey %s: %s", wanted[hotkey_id], problem)
            self.session.notice.emit(translate("App", "Shortcut {shortcut}: {problem}").format(
                shortcut=wanted[hotkey_id], problem=problem))
        return shortcuts

    def _tell_unbound(self, shortcuts: Shortcuts) -> None:
        """Shortcuts the desktop did not bind: one notification saying what to do, not one per start
        (the settings show the commands to bind for as long as they are unbound)."""
        remembered = self.settings.shortcut_notice, self.settings.shortcut_skip
        text, self.settings.shortcut_notice = shortcuts.notice(self.settings.shortcut_notice)
        if text:
            log.info("%s", text)  # said to the user; a warning in the log would add nothing
            self.session.alert.emit(text)
        if shortcuts.gave_up and shortcuts.bound:  # next start: not asked again (see for_this_desktop)
            self.settings.shortcut_skip = shortcuts.gave_up
        if (self.settings.shortcut_notice, self.settings.shortcut_skip) != remembered:
            self.session.save_settings_now()

    def _shortcut_pressed(self, hotkey_id: str) -> None:
        if hotkey_id == "window":
            self.palette().toggle()
        elif self.session.state.snapshot.running:
            self.tasks.spawn(self.session.stop())
        else:
            self.tasks.spawn(self.session.start_last())

    async def handle(self, request: dict[str, Any]) -> dict[str, Any]:
        """A command from `mite-tray …` on the command line (or a second launch)."""
        cmd = request.get("cmd")
        if cmd == "ping":
            return {"ok": True}
        if cmd in ("show", "toggle"):
            anchor = self.tray.icon.geometry() if self.tray else None
            window = self.window()
            window.present(anchor) if cmd == "show" else window.toggle(anchor)
            return {"ok": True, "visible": window.isVisible()}
        if cmd == "palette":
            self.palette().toggle()
            return {"ok": True, "visible": self.palette().isVisible()}
        if cmd == "settings":
            self.open_settings()
            return {"ok": True}
        if cmd == "quit":
            asyncio.get_running_loop().call_soon(self.quit_app)  # answer first, then end
            return {"ok": True}
        return await commands.execute(request, self.session)
