"""KDE's own global shortcuts: org.kde.kglobalaccel on the session bus (KWin runs it), over jeepney.

Chosen where the GlobalShortcuts portal binds nothing: KDE Plasma 5.27's portal answers
BindShortcuts with success and an empty list (it only opens System Settings). This is how KDE's
apps bind theirs (KGlobalAccel, KDE Frameworks 5): doRegister(actionId), then setShortcut(actionId,
keys, flags), where actionId = [component, action, component's name, action's name] and keys are
Qt key codes (modifiers | key). setShortcut answers the keys it bound: not the ones asked means
another action holds them. Presses come as the globalShortcutPressed signal of the component's
object (getComponent). The app's settings are the truth: NoAutoloading sets our keys, not the
ones kglobalaccel remembered.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from app.platform.hotkeys.base import HotkeyBackend, HotkeyTaken, Shortcut, Unavailable, description, no_such_key

log = logging.getLogger(__name__)
SERVICE = "org.kde.kglobalaccel"
COMPONENT = "mite-tray"
COMPONENT_INTERFACE = "org.kde.kglobalaccel.Component"
SET_PRESENT, NO_AUTOLOADING = 2, 4  # kglobalaccel's SetShortcutFlag

try:
    from jeepney import DBusAddress, MatchRule, message_bus, new_method_call
    from jeepney.io.asyncio import Proxy, open_dbus_router
    from jeepney.io.blocking import open_dbus_connection
except ImportError:  # not on Linux
    DBusAddress = None


def qt_key_code(shortcut: Shortcut) -> int:
    """The Qt key code kglobalaccel 5 takes: modifiers | key, as QKeySequence combines them."""
    sequence = QKeySequence(str(shortcut), QKeySequence.SequenceFormat.PortableText)
    combination = sequence[0] if sequence.count() == 1 else None  # type: ignore[index]  # stubs lack __getitem__
    if combination is None or combination.key() == Qt.Key.Key_unknown:
        raise no_such_key(shortcut.key)
    return int(combination.toCombined())


class KGlobalAccelHotkeys(HotkeyBackend):
    def __init__(self) -> None:
        super().__init__()
        if DBusAddress is None:
            raise Unavailable("jeepney is not installed")
        try:
            self._bus = open_dbus_connection(bus="SESSION", auth_timeout=1.0)
        except Exception as exc:  # no session bus
            raise Unavailable(f"no session bus: {exc}") from exc
        # Asked, not started: a kglobalaccel the bus would start outside KDE binds nothing on Wayland.
        reply = self._bus.send_and_get_reply(message_bus.NameHasOwner(SERVICE), timeout=2.0)
        if not reply.body or not reply.body[0]:
            self._bus.close()
            raise Unavailable("no org.kde.kglobalaccel on the session bus (not KDE)")
        self._accel = DBusAddress("/kglobalaccel", bus_name=SERVICE, interface="org.kde.KGlobalAccel")
        self._actions: dict[str, list[str]] = {}
        self._task: asyncio.Task[None] | None = None

    def _call(self, method: str, signature: str = "", body: tuple[Any, ...] = ()) -> tuple[Any, ...]:
        reply = self._bus.send_and_get_reply(new_method_call(self._accel, method, signature, body), timeout=3.0)
        if reply.header.message_type.name == "error":
            raise ValueError(f"kglobalaccel {method}: {reply.body[0] if reply.body else 'failed'}")
        return tuple(reply.body)

    def register(self, hotkey_id: str, sequence: str) -> None:
        shortcut = Shortcut.parse(sequence)
        key = qt_key_code(shortcut)
        action = [COMPONENT, hotkey_id, "mite-tray", description(hotkey_id)]
        self._call("doRegister", "as", (action,))
        (keys,) = self._call("setShortcut", "asaiu", (action, [key], SET_PRESENT | NO_AUTOLOADING))
        log.info("kglobalaccel bound %s to %s (asked %s)", hotkey_id, list(keys), [key])
        if list(keys) != [key]:
            raise HotkeyTaken(shortcut)
        self._actions[hotkey_id] = action
        self._listen()

    def unregister_all(self) -> None:
        for action in self._actions.values():  # no keys: free for the next bind (or another program)
            self._call("setShortcut", "asaiu", (action, [], SET_PRESENT | NO_AUTOLOADING))
        self._actions.clear()

    def close(self) -> None:
        """Quitting: the keys stay ours in System Settings, but inactive (they no longer fire)."""
        try:
            for action in self._actions.values():
                self._call("setInactive", "as", (action,))
        except (OSError, TimeoutError, ValueError) as exc:
            log.info("kglobalaccel at quit: %s", exc)
        self._actions.clear()
        if self._task is not None:
            self._task.cancel()
        self._bus.close()

    def _listen(self) -> None:
        if self._task is None:
            (path,) = self._call("getComponent", "s", (COMPONENT,))
            self._task = asyncio.ensure_future(self._run(path))

    async def _run(self, path: str) -> None:
        try:
            async with open_dbus_router(bus="SESSION") as router:
                pressed = MatchRule(type="signal", interface=COMPONENT_INTERFACE, member="globalShortcutPressed",
                                    path=path)
                await Proxy(message_bus, router).AddMatch(pressed)
                with router.filter(pressed) as signals:
                    while True:
                        component, action, _timestamp = (await signals.get()).body
                        if component == COMPONENT and action in self._actions:
                            self.activated.emit(action)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # kglobalaccel went away (KWin restarting): the shortcuts are gone
            log.warning("kglobalaccel: %s", exc)
