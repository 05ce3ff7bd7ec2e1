"""X11 global hotkeys with XGrabKey on the root window (python-xlib, its own connection).

The grab is made once per NumLock (Mod2) / CapsLock (Lock) combination, or the key
would not fire while either lock is on. BadAccess means another program holds the key:
it is reported, not ignored. Events are read when Qt sees the connection's socket readable.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QSocketNotifier

from app.platform.hotkeys.base import (
    HotkeyBackend,
    HotkeyTaken,
    Shortcut,
    Unavailable,
    no_such_key,
)

log = logging.getLogger(__name__)

try:
    from Xlib import XK, X
    from Xlib import display as xdisplay
    from Xlib import error as xerror
except ImportError:  # not on Linux, or python-xlib missing
    X = None


class X11Hotkeys(HotkeyBackend):
    def __init__(self, display_name: str | None = None) -> None:
        super().__init__()
        if X is None:
            raise Unavailable("python-xlib is not installed")
        try:
            self._display = xdisplay.Display(display_name)
        except (xerror.DisplayError, OSError) as exc:
            raise Unavailable(f"no X display: {exc}") from exc
        self._root = self._display.screen().root
        self._lock_variants = [0, X.LockMask, X.Mod2Mask, X.LockMask | X.Mod2Mask]
        self._grabs: dict[tuple[int, int], str] = {}
        self._notifier = QSocketNotifier(self._display.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._read_events)

    def _mask(self, shortcut: Shortcut) -> int:
        masks = {"ctrl": X.ControlMask, "alt": X.Mod1Mask, "shift": X.ShiftMask, "meta": X.Mod4Mask}
        mask = 0
        for modifier in shortcut.modifiers:
            mask |= masks[modifier]
        return mask

    def register(self, hotkey_id: str, sequence: str) -> None:
        shortcut = Shortcut.parse(sequence)
        keysym = XK.string_to_keysym(shortcut.key) or XK.string_to_keysym(shortcut.key.capitalize())
        keycode = self._display.keysym_to_keycode(keysym) if keysym else 0
        if not keycode:
            raise no_such_key(shortcut.key)
        mask = self._mask(shortcut)
        catch = xerror.CatchError(xerror.BadAccess)
        for extra in self._lock_variants:
            self._root.grab_key(keycode, mask | extra, True, X.GrabModeAsync, X.GrabModeAsync, onerror=catch)
        self._display.sync()
        if catch.get_error():
            for extra in self._lock_variants:
                self._root.ungrab_key(keycode, mask | extra)
            self._display.sync()
            raise HotkeyTaken(shortcut)
        self._grabs[(keycode, mask)] = hotkey_id
        self._display.flush()

    def unregister_all(self) -> None:
        for keycode, mask in self._grabs:
            for extra in self._lock_variants:
                self._root.ungrab_key(keycode, mask | extra)
        self._grabs.clear()
        self._display.sync()

    def close(self) -> None:
        self.unregister_all()
        self._notifier.setEnabled(False)
        self._display.close()

    def _read_events(self) -> None:
        ignored = X.LockMask | X.Mod2Mask
        while self._display.pending_events():
            event = self._display.next_event()
            if event.type == X.KeyPress:
                hotkey_id = self._grabs.get((event.detail, event.state & ~ignored & 0xFF))
                if hotkey_id:
                    self.activated.emit(hotkey_id)
