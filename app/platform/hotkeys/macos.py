"""macOS global hotkeys: Carbon RegisterEventHotKey through ctypes.

Carbon hot keys need no Accessibility permission (unlike event taps) and are still
how macOS apps register global shortcuts. Qt's Cocoa event loop dispatches the
kEventHotKeyPressed events to the handler installed on the application target.
eventHotKeyExistsErr (-9878) means another app holds the shortcut: HotkeyTaken.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

from app.platform.hotkeys.base import (
    HotkeyBackend,
    HotkeyTaken,
    Shortcut,
    Unavailable,
    no_such_key,
)

CMD, SHIFT, OPTION, CONTROL = 0x0100, 0x0200, 0x0800, 0x1000
_MODS = {"meta": CMD, "shift": SHIFT, "alt": OPTION, "ctrl": CONTROL}  # "ctrl" is the Control key (⌃)
EVENT_HOT_KEY_EXISTS = -9878
SIGNATURE = int.from_bytes(b"mtry", "big")
K_EVENT_CLASS_KEYBOARD = int.from_bytes(b"keyb", "big")
K_EVENT_HOT_KEY_PRESSED = 5
K_EVENT_PARAM_DIRECT_OBJECT = int.from_bytes(b"----", "big")
TYPE_EVENT_HOT_KEY_ID = int.from_bytes(b"hkid", "big")

# ANSI virtual key codes (HIToolbox/Events.h): by position on a US keyboard.
_KEYCODES = dict(zip("asdfhgzxcv", [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09], strict=True))
_KEYCODES.update(dict(zip("bqweryt", [0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x10, 0x11], strict=True)))
_KEYCODES.update(dict(zip("1234659", [0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x19], strict=True)))
_KEYCODES.update({"=": 0x18, "7": 0x1A, "-": 0x1B, "8": 0x1C, "0": 0x1D, "]": 0x1E, "o": 0x1F, "u": 0x20,
                  "[": 0x21, "i": 0x22, "p": 0x23, "return": 0x24, "l": 0x25, "j": 0x26, "'": 0x27,
                  "k": 0x28, ";": 0x29, "\\": 0x2A, ",": 0x2B, "/": 0x2C, "n": 0x2D, "m": 0x2E, ".": 0x2F,
                  "tab": 0x30, "space": 0x31, "`": 0x32, "escape": 0x35, "esc": 0x35})
_KEYCODES.update({f"f{n}": code for n, code in zip(range(1, 13), [0x7A, 0x78, 0x63, 0x76, 0x60, 0x61, 0x62,
                                                                   0x64, 0x65, 0x6D, 0x67, 0x6F], strict=True)})


def carbon_key(shortcut: Shortcut) -> tuple[int, int]:
    """(Carbon modifier flags, virtual key code) for RegisterEventHotKey."""
    if shortcut.key not in _KEYCODES:
        raise no_such_key(shortcut.key)
    mods = 0
    for modifier in shortcut.modifiers:
        mods |= _MODS[modifier]
    return mods, _KEYCODES[shortcut.key]


class _HotKeyID(ctypes.Structure):
    _fields_ = [("signature", ctypes.c_uint32), ("id", ctypes.c_uint32)]


class _EventTypeSpec(ctypes.Structure):
    _fields_ = [("eventClass", ctypes.c_uint32), ("eventKind", ctypes.c_uint32)]


_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p)


class MacHotkeys(HotkeyBackend):
    def __init__(self) -> None:
        super().__init__()
        path = ctypes.util.find_library("Carbon") if sys.platform == "darwin" else None
        if not path:
            raise Unavailable("not macOS (no Carbon framework)")
        self._carbon = ctypes.CDLL(path)
        self._carbon.GetApplicationEventTarget.restype = ctypes.c_void_p
        self._target = self._carbon.GetApplicationEventTarget()
        self._refs: dict[int, tuple[ctypes.c_void_p, str]] = {}
        self._handler = _HANDLER(self._on_event)  # kept: Carbon holds only the pointer
        spec = _EventTypeSpec(K_EVENT_CLASS_KEYBOARD, K_EVENT_HOT_KEY_PRESSED)
        status = self._carbon.InstallEventHandler(ctypes.c_void_p(self._target), self._handler, 1,
                                                  ctypes.byref(spec), None, None)
        if status != 0:
            raise Unavailable(f"InstallEventHandler failed ({status})")

    def register(self, hotkey_id: str, sequence: str) -> None:
        shortcut = Shortcut.parse(sequence)
        mods, keycode = carbon_key(shortcut)
        number = max(self._refs, default=0) + 1
        ref = ctypes.c_void_p()
        status = self._carbon.RegisterEventHotKey(keycode, mods, _HotKeyID(SIGNATURE, number),
                                                  ctypes.c_void_p(self._target), 0, ctypes.byref(ref))
        if status == EVENT_HOT_KEY_EXISTS:
            raise HotkeyTaken(shortcut)
        if status != 0:
            raise ValueError(f"macOS refused {sequence} (error {status}).")
        self._refs[number] = (ref, hotkey_id)

    def unregister_all(self) -> None:
        for ref, _hotkey_id in self._refs.values():
            self._carbon.UnregisterEventHotKey(ref)
        self._refs.clear()

    def _on_event(self, _call_ref: int, event: int, _user_data: int) -> int:
        hotkey = _HotKeyID()
        self._carbon.GetEventParameter(ctypes.c_void_p(event), K_EVENT_PARAM_DIRECT_OBJECT,
                                       TYPE_EVENT_HOT_KEY_ID, None, ctypes.sizeof(hotkey), None,
                                       ctypes.byref(hotkey))
        if hotkey.signature == SIGNATURE and hotkey.id in self._refs:
            self.activated.emit(self._refs[hotkey.id][1])
        return 0
