"""Global hotkeys: one small interface, a native backend per platform, chosen here.

    shortcuts = for_this_desktop()                     # Shortcuts on the best backend here, or none
    problems = shortcuts.bind({"window": "Ctrl+Alt+M"})  # {id: why} for those refused at once
    shortcuts.activated.connect(on_hotkey)             # emits the id
    shortcuts.answered.connect(...)                    # bound / unbound are what the desktop said

Backends, one module each: windows (RegisterHotKey), macos (Carbon RegisterEventHotKey),
x11 (XGrabKey), portal (the Wayland GlobalShortcuts portal) and kglobalaccel (KDE's own, where
the portal binds nothing: Plasma 5.27).
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
from collections.abc import Callable, Mapping
from functools import partial
from typing import cast

from PySide6.QtCore import QObject, Signal

from app.i18n import translate
from app.platform.hotkeys.base import HotkeyBackend, HotkeyTaken, Unavailable

log = logging.getLogger(__name__)
__all__ = ["COMMANDS", "HotkeyBackend", "HotkeyTaken", "Shortcuts", "Unavailable", "for_this_desktop"]

# What to bind in the desktop's own keyboard settings when no backend works here.
COMMANDS = ("mite-tray palette", "mite-tray toggle", "mite-tray start --last", "mite-tray stop")


def backends(platform: str, env: Mapping[str, str]) -> list[str]:
    """Which backends to try here, best first ("module:Class" under this package)."""
    if platform == "win32":
        return ["windows:WindowsHotkeys"]
    if platform == "darwin":
        return ["macos:MacHotkeys"]
    if env.get("WAYLAND_DISPLAY"):
        # XWayland's DISPLAY would accept XGrabKey, but only while an X window has focus:
        # not global. The portal is the way, and GNOME before 48 has none.
        # KDE Plasma 5.27's portal binds nothing: there kglobalaccel, KDE's own, is the fallback.
        return ["portal:PortalHotkeys", "kglobalaccel:KGlobalAccelHotkeys"]
    if env.get("DISPLAY"):
        return ["x11:X11Hotkeys"]
    return []


def _make(name: str) -> HotkeyBackend | None:
    """The backend "module:Class", or None when it cannot work here (the reason is logged)."""
    module_name, class_name = name.split(":")
    backend = getattr(importlib.import_module(f"{__name__}.{module_name}"), class_name)
    try:
        return cast(HotkeyBackend, backend())
    except Unavailable as exc:
        log.info("Hotkey backend %s unavailable: %s", class_name, exc)
        return None


def for_this_desktop(skip: str = "") -> Shortcuts:
    """The app's shortcuts on the first backend that works here; the later ones wait as fallbacks.
    `skip`: a backend that bound nothing here before (Shortcuts.gave_up), if a later one did: KDE 5.27's
    portal opens System Settings each time it is asked, and binds nothing."""
    names = backends(sys.platform, os.environ)
    names = [name for name in names if name.split(":")[1] != skip] or names
    makers: list[Callable[[], HotkeyBackend | None]] = [partial(_make, name) for name in names]
    while makers:
        backend = makers.pop(0)()
        if backend is not None:
            return Shortcuts(backend, makers)
    return Shortcuts(None)


class Shortcuts(QObject):
    """The app's global shortcuts on one backend (or none). Honest: `bound` holds only what the
    desktop confirmed, `unbound` what it refused or left unbound, `waiting` what it has yet to answer
    (the portal answers later). Where a backend binds nothing, the next one is tried (the KDE 5.27
    portal binds nothing; kglobalaccel does)."""

    activated = Signal(str)  # a shortcut's id, from whichever backend bound it
    answered = Signal()      # the desktop has answered: bound and unbound are final until the next bind()

    def __init__(self, backend: HotkeyBackend | None, fallbacks: list[Callable[[], HotkeyBackend | None]] | None = None):
        super().__init__()
        self.backend: HotkeyBackend | None = None
        self.fallbacks = fallbacks or []
        self.wanted: dict[str, str] = {}
        self.bound: dict[str, str] = {}
        self.unbound: dict[str, str] = {}
        self.waiting: dict[str, str] = {}
        self.triggers: dict[str, str] = {}  # how the desktop shows a bound key, where it says (the portal)
        self.taken: set[str] = set()  # ids refused because another program holds their keys
        self.suspended = False  # off while the settings record a shortcut (suspend)
        self.gave_up = ""  # the backend that bound nothing here, when a fallback took over (for_this_desktop)
        self._use(backend)

    def _use(self, backend: HotkeyBackend | None) -> None:
        if self.backend is not None:
            self.backend.close()
        self.backend = backend
        if backend is not None:
            backend.activated.connect(self.activated)
            backend.answered.connect(lambda answer: self._answered(backend, answer))

    @property
    def available(self) -> bool:
        return self.backend is not None

    @property
    def settled(self) -> bool:
        return not self.waiting

    def bind(self, wanted: dict[str, str]) -> dict[str, str]:
        """Bind {id: "Ctrl+Alt+M"} (empty: none); returns {id: why it failed} for those refused at once."""
        problems: dict[str, str] = {}
        self.suspended = False
        self.wanted = {hotkey_id: sequence for hotkey_id, sequence in wanted.items() if sequence}
        self.bound, self.unbound, self.waiting, self.triggers, self.taken = {}, {}, {}, {}, set()
        if self.backend is None:
            self.unbound = dict(self.wanted)
            self.answered.emit()
            return problems
        self.backend.unregister_all()
        for hotkey_id, sequence in self.wanted.items():
            try:
                self.backend.register(hotkey_id, sequence)
            except (HotkeyTaken, ValueError) as exc:
                problems[hotkey_id] = str(exc)
                self.unbound[hotkey_id] = sequence
                if isinstance(exc, HotkeyTaken):
                    self.taken.add(hotkey_id)
            else:
                (self.waiting if self.backend.answers_later else self.bound)[hotkey_id] = sequence
        if not self.waiting:
            self.answered.emit()
        return problems

    def suspend(self) -> None:
        """Off while the settings record a shortcut (pressing the current one must reach the recorder,
        not the palette); what the desktop said stays, for the settings to show. bind() turns them on."""
        if self.backend is not None:
            self.backend.unregister_all()
        self.suspended = True

    def _answered(self, backend: HotkeyBackend, answer: dict[str, str]) -> None:
        if backend is not self.backend or not self.waiting:
            return  # a backend given up, or an answer to an earlier bind()
        for hotkey_id, sequence in self.waiting.items():
            if answer.get(hotkey_id):
                self.bound[hotkey_id], self.triggers[hotkey_id] = sequence, answer[hotkey_id]
            else:
                self.unbound[hotkey_id] = sequence
        self.waiting = {}
        if self.unbound and not self.bound and self._fall_back():
            return
        self.answered.emit()

    def _fall_back(self) -> bool:
        """The desktop bound none: bind them all on the next backend that works here (bind() says when done)."""
        while self.fallbacks:
            backend = self.fallbacks.pop(0)()
            if backend is not None:
                log.info("The desktop bound no shortcut; using %s instead", type(backend).__name__)
                self.gave_up = type(self.backend).__name__
                self._use(backend)
                self.bind(self.wanted)
                return True
        return False

    def notice(self, remembered: str) -> tuple[str, str]:
        """What to tell the user once about shortcuts the desktop did not bind: (text, what to remember).
        ("", remembered) when there is nothing new to say (all bound, still waiting, or said before)."""
        if not self.unbound or self.waiting:
            return "", remembered
        keys = ", ".join(self.unbound.values())
        if keys == remembered:
            return "", remembered
        if self.taken >= set(self.unbound):
            return translate("Hotkeys", "Your global shortcuts ({shortcuts}) are held by another program. Choose "
                             "others in Settings › Global shortcuts, or bind the command mite-tray palette to a key "
                             "in the desktop's own keyboard settings.").format(shortcuts=keys), keys
        return translate("Hotkeys", "Your global shortcuts ({shortcuts}) do not work on this desktop. Bind the "
                         "command mite-tray palette to a key in the desktop's own keyboard settings; Settings › "
                         "Global shortcuts lists all the commands.").format(shortcuts=keys), keys

    def close(self) -> None:
        if self.backend is not None:
            self.backend.close()
