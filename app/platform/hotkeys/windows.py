"""Windows global hotkeys: RegisterHotKey on the GUI thread, WM_HOTKEY from a Qt native event filter.

Registered without a window (hWnd NULL), Windows posts WM_HOTKEY to the thread's queue;
Qt's event dispatcher passes every message it takes from that queue to native event
filters as "windows_generic_MSG". ERROR_HOTKEY_ALREADY_REGISTERED (1409) means another
program holds the shortcut: reported as HotkeyTaken.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QAbstractNativeEventFilter, QCoreApplication

from app.platform.hotkeys.base import (
    HotkeyBackend,
    HotkeyTaken,
    Shortcut,
    Unavailable,
    no_such_key,
)

WM_HOTKEY = 0x0312
MOD_ALT, MOD_CONTROL, MOD_SHIFT, MOD_WIN, MOD_NOREPEAT = 0x1, 0x2, 0x4, 0x8, 0x4000
ERROR_HOTKEY_ALREADY_REGISTERED = 1409
_MODS = {"alt": MOD_ALT, "ctrl": MOD_CONTROL, "shift": MOD_SHIFT, "meta": MOD_WIN}
_NAMED_KEYS = {"space": 0x20, "return": 0x0D, "enter": 0x0D, "tab": 0x09, "escape": 0x1B, "esc": 0x1B,
               "backspace": 0x08, "insert": 0x2D, "delete": 0x2E, "home": 0x24, "end": 0x23,
               "pgup": 0x21, "pageup": 0x21, "pgdown": 0x22, "pagedown": 0x22, "left": 0x25, "up": 0x26,
               "right": 0x27, "down": 0x28, "pause": 0x13, "print": 0x2C,
               ",": 0xBC, "-": 0xBD, ".": 0xBE, "+": 0xBB, "=": 0xBB, ";": 0xBA, "/": 0xBF, "`": 0xC0,
               "[": 0xDB, "\\": 0xDC, "]": 0xDD, "'": 0xDE}


def virtual_key(shortcut: Shortcut) -> tuple[int, int]:
    """(modifier flags, virtual-key code) for RegisterHotKey."""
    mods = MOD_NOREPEAT  # one WM_HOTKEY per press, not one per auto-repeat
    for modifier in shortcut.modifiers:
        mods |= _MODS[modifier]
    key = shortcut.key
    if len(key) == 1 and key.isascii() and key.isalnum():
        return mods, ord(key.upper())  # VK_A..VK_Z, VK_0..VK_9 are the ASCII codes
    if key.startswith("f") and key[1:].isdigit() and 1 <= int(key[1:]) <= 24:
        return mods, 0x70 + int(key[1:]) - 1  # VK_F1..VK_F24
    if key in _NAMED_KEYS:
        return mods, _NAMED_KEYS[key]
    raise no_such_key(key)


class _MessageFilter(QAbstractNativeEventFilter):
    def __init__(self, fired) -> None:
        super().__init__()
        self._fired = fired

    def nativeEventFilter(self, event_type, message):  # noqa: N802 - Qt's name
        if bytes(event_type) == b"windows_generic_MSG":
            from ctypes import wintypes
            msg = wintypes.MSG.from_address(int(message))
            if msg.message == WM_HOTKEY:
                self._fired(int(msg.wParam))
                return True, 0
        return False, 0


class WindowsHotkeys(HotkeyBackend):
    def __init__(self) -> None:
        super().__init__()
        if sys.platform != "win32":
            raise Unavailable("not Windows")
        self._user32 = ctypes.WinDLL("user32", use_last_error=True)
        self._ids: dict[int, str] = {}
        self._filter = _MessageFilter(self._fired)
        app = QCoreApplication.instance()
        assert app is not None  # backends are made once the QApplication exists
        self._app = app
        app.installNativeEventFilter(self._filter)

    def register(self, hotkey_id: str, sequence: str) -> None:
        mods, vk = virtual_key(Shortcut.parse(sequence))
        number = max(self._ids, default=0) + 1
        if not self._user32.RegisterHotKey(None, number, mods, vk):
            error = ctypes.get_last_error()
            if error == ERROR_HOTKEY_ALREADY_REGISTERED:
                raise HotkeyTaken(Shortcut.parse(sequence))
            raise ValueError(f"Windows refused {sequence} (error {error}).")
        self._ids[number] = hotkey_id

    def unregister_all(self) -> None:
        for number in self._ids:
            self._user32.UnregisterHotKey(None, number)
        self._ids.clear()

    def close(self) -> None:
        self.unregister_all()
        self._app.removeNativeEventFilter(self._filter)

    def _fired(self, number: int) -> None:
        if number in self._ids:
            self.activated.emit(self._ids[number])
