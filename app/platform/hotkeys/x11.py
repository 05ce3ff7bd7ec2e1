"""X11 global hotkeys with XGrabKey on the root window, through libX11 (ctypes, its own connection).

libX11 is already loaded by Qt's xcb platform plugin, so this costs almost nothing; the
pure-Python python-xlib it replaced held ~3 MB all day. The grab is made once per NumLock
(Mod2) / CapsLock (Lock) combination, or the key would not fire while either lock is on.
BadAccess means another program holds the key: reported, not ignored. Events are read when
Qt sees the connection's socket readable.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging

from PySide6.QtCore import QSocketNotifier

from app.platform.hotkeys.base import HotkeyBackend, HotkeyTaken, Shortcut, Unavailable, no_such_key

log = logging.getLogger(__name__)

SHIFT, LOCK, CONTROL, MOD1, MOD2, MOD4 = 1 << 0, 1 << 1, 1 << 2, 1 << 3, 1 << 4, 1 << 6
MASKS = {"ctrl": CONTROL, "alt": MOD1, "shift": SHIFT, "meta": MOD4}
LOCK_VARIANTS = (0, LOCK, MOD2, LOCK | MOD2)
KEY_PRESS, KEY_RELEASE, GRAB_MODE_ASYNC, BAD_ACCESS = 2, 3, 1, 10
REPEAT_GAP_MS = 1000  # a press of a held key this soon after the last is the server's repeat, not a new press
KEY_NAMES = {"space": "space", "return": "Return", "enter": "Return", "tab": "Tab", "escape": "Escape",
             "esc": "Escape", "backspace": "BackSpace", "delete": "Delete", "insert": "Insert", "home": "Home",
             "end": "End", "pgup": "Prior", "pageup": "Prior", "pgdown": "Next", "pagedown": "Next",
             "left": "Left", "right": "Right", "up": "Up", "down": "Down", "pause": "Pause", "print": "Print",
             ",": "comma", ".": "period", "-": "minus", "+": "plus", "=": "equal", ";": "semicolon",
             "/": "slash", "\\": "backslash", "[": "bracketleft", "]": "bracketright", "'": "apostrophe",
             "`": "grave"}


class _KeyEvent(ctypes.Structure):  # XKeyEvent, the start of the XEvent union
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                ("display", ctypes.c_void_p), ("window", ctypes.c_ulong), ("root", ctypes.c_ulong),
                ("subwindow", ctypes.c_ulong), ("time", ctypes.c_ulong), ("x", ctypes.c_int), ("y", ctypes.c_int),
                ("x_root", ctypes.c_int), ("y_root", ctypes.c_int), ("state", ctypes.c_uint),
                ("keycode", ctypes.c_uint), ("same_screen", ctypes.c_int)]


class _Event(ctypes.Union):
    _fields_ = [("key", _KeyEvent), ("pad", ctypes.c_long * 24)]


class _ErrorEvent(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("display", ctypes.c_void_p), ("resourceid", ctypes.c_ulong),
                ("serial", ctypes.c_ulong), ("error_code", ctypes.c_ubyte), ("request_code", ctypes.c_ubyte),
                ("minor_code", ctypes.c_ubyte)]


_ERROR_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(_ErrorEvent))


def _libx11() -> ctypes.CDLL:
    path = ctypes.util.find_library("X11")
    if not path:
        raise Unavailable("libX11 is not installed")
    lib = ctypes.CDLL(path)
    lib.XOpenDisplay.restype = ctypes.c_void_p
    lib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    lib.XDefaultRootWindow.restype = ctypes.c_ulong
    lib.XStringToKeysym.restype = ctypes.c_ulong
    lib.XStringToKeysym.argtypes = [ctypes.c_char_p]
    lib.XKeysymToKeycode.restype = ctypes.c_ubyte
    lib.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
    lib.XGrabKey.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_uint, ctypes.c_ulong, ctypes.c_int,
                             ctypes.c_int, ctypes.c_int]
    lib.XUngrabKey.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_uint, ctypes.c_ulong]
    lib.XSetErrorHandler.restype = ctypes.c_void_p
    lib.XSetErrorHandler.argtypes = [ctypes.c_void_p]
    lib.XkbSetDetectableAutoRepeat.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(ctypes.c_int)]
    for name in ("XDefaultRootWindow", "XSync", "XFlush", "XPending", "XNextEvent", "XConnectionNumber",
                 "XCloseDisplay"):
        getattr(lib, name).argtypes = [ctypes.c_void_p] + ([ctypes.c_int] if name == "XSync" else []) + (
            [ctypes.POINTER(_Event)] if name == "XNextEvent" else [])
    return lib


class X11Hotkeys(HotkeyBackend):
    def __init__(self, display_name: str | None = None) -> None:
        super().__init__()
        self._x = _libx11()
        self._display = self._x.XOpenDisplay(display_name.encode() if display_name else None)
        if not self._display:
            raise Unavailable(f"no X display {display_name or ''}".strip())
        self._root = self._x.XDefaultRootWindow(self._display)
        self._grabs: dict[tuple[int, int], str] = {}
        # A held key repeats (after 660 ms, 25 times a second): each repeat fired the shortcut, so holding
        # Ctrl+Alt+S started and stopped the timer over and over. With detectable auto-repeat the server sends
        # a held key's repeats as presses alone, without a release before each; a press of a key that is
        # down (pressed within REPEAT_GAP_MS, not released) is then a repeat. A release lost to an ungrab
        # costs no press after that gap.
        self._x.XkbSetDetectableAutoRepeat(self._display, 1, None)
        self._down: dict[int, int] = {}  # keycode -> the server time of its last press or repeat
        self._notifier = QSocketNotifier(self._x.XConnectionNumber(self._display), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._read_events)

    def register(self, hotkey_id: str, sequence: str) -> None:
        shortcut = Shortcut.parse(sequence)
        name = KEY_NAMES.get(shortcut.key, shortcut.key if len(shortcut.key) == 1 else shortcut.key.upper())
        keysym = self._x.XStringToKeysym(name.encode())
        keycode = self._x.XKeysymToKeycode(self._display, keysym) if keysym else 0
        if not keycode:
            raise no_such_key(shortcut.key)
        mask = 0
        for modifier in shortcut.modifiers:
            mask |= MASKS[modifier]
        if not self._grab(keycode, mask):
            self._ungrab(keycode, mask)
            raise HotkeyTaken(shortcut)
        self._grabs[(keycode, mask)] = hotkey_id

    def _grab(self, keycode: int, mask: int) -> bool:
        """Grab all lock variants; False when the X server said BadAccess (another client holds it)."""
        refused: list[int] = []

        def on_error(_display: int, error: ctypes._Pointer[_ErrorEvent]) -> int:
            refused.append(error.contents.error_code)
            return 0
        handler = _ERROR_HANDLER(on_error)
        # Xlib's error handler is process-wide: install ours only around our own requests.
        previous = self._x.XSetErrorHandler(ctypes.cast(handler, ctypes.c_void_p))
        try:
            for extra in LOCK_VARIANTS:
                self._x.XGrabKey(self._display, keycode, mask | extra, self._root, 1, GRAB_MODE_ASYNC,
                                 GRAB_MODE_ASYNC)
            self._x.XSync(self._display, 0)
        finally:
            self._x.XSetErrorHandler(previous)
        return BAD_ACCESS not in refused

    def _ungrab(self, keycode: int, mask: int) -> None:
        for extra in LOCK_VARIANTS:
            self._x.XUngrabKey(self._display, keycode, mask | extra, self._root)
        self._x.XSync(self._display, 0)

    def unregister_all(self) -> None:
        for keycode, mask in self._grabs:
            self._ungrab(keycode, mask)
        self._grabs.clear()

    def close(self) -> None:
        self.unregister_all()
        self._notifier.setEnabled(False)
        self._x.XCloseDisplay(self._display)
        self._display = None

    def _read_events(self) -> None:
        event = _Event()
        while self._display and self._x.XPending(self._display):
            self._x.XNextEvent(self._display, ctypes.byref(event))
            key = event.key
            if key.type == KEY_RELEASE:
                self._down.pop(key.keycode, None)
            elif key.type == KEY_PRESS:
                last = self._down.get(key.keycode)
                self._down[key.keycode] = key.time
                if last is not None and 0 <= key.time - last < REPEAT_GAP_MS:
                    continue  # the held key's repeat
                hotkey_id = self._grabs.get((key.keycode, key.state & ~(LOCK | MOD2) & 0xFF))
                if hotkey_id:
                    self.activated.emit(hotkey_id)
