"""Windows: idle time from GetLastInputInfo, lock and sleep from a hidden window's messages.

Idle: GetLastInputInfo gives the tick (GetTickCount, ms since boot, 32 bits) of the last input;
both wrap after 49.7 days, so the difference is taken modulo 2**32.

Events: WM_WTSSESSION_CHANGE (after WTSRegisterSessionNotification) and WM_POWERBROADCAST are
*sent* to a window's procedure, not posted to the queue a Qt native event filter sees. So we
make a hidden top-level window of our own class (a message-only window would get no broadcast)
whose procedure Windows calls on the GUI thread while Qt's event loop pumps messages.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from ctypes import wintypes

from PySide6.QtCore import QTimer

from app.platform.idle.base import IdleSource, SessionEvents, Unavailable

WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK, WTS_SESSION_UNLOCK = 0x02B1, 0x7, 0x8
WM_POWERBROADCAST, PBT_APMSUSPEND, PBT_APMRESUMESUSPEND, PBT_APMRESUMEAUTOMATIC = 0x0218, 0x4, 0x7, 0x12
NOTIFY_FOR_THIS_SESSION = 0
CLASS_NAME = "mite-tray session events"
log = logging.getLogger(__name__)


def idle_milliseconds(now_tick: int, last_input_tick: int) -> int:
    """Milliseconds between two GetTickCount values, right across the 32-bit wrap."""
    return (now_tick - last_input_tick) & 0xFFFFFFFF


def session_event(message: int, wparam: int) -> str | None:
    """Which SessionEvents signal a window message means: "locked", "unlocked", "sleeping", "woke" or None."""
    if message == WM_WTSSESSION_CHANGE:
        return {WTS_SESSION_LOCK: "locked", WTS_SESSION_UNLOCK: "unlocked"}.get(wparam)
    if message == WM_POWERBROADCAST:
        # RESUMEAUTOMATIC comes after every resume, RESUMESUSPEND too when a person woke it
        return {PBT_APMSUSPEND: "sleeping", PBT_APMRESUMEAUTOMATIC: "woke", PBT_APMRESUMESUSPEND: "woke"}.get(wparam)
    return None


class _LastInputInfo(ctypes.Structure):
    _fields_ = [("cbSize", wintypes.UINT), ("dwTime", wintypes.DWORD)]


class WindowsIdle(IdleSource):
    name = "Windows"

    def __init__(self) -> None:
        if sys.platform != "win32":
            raise Unavailable("not Windows")
        self._user32 = ctypes.WinDLL("user32")
        self._kernel32 = ctypes.WinDLL("kernel32")
        self._kernel32.GetTickCount.restype = wintypes.DWORD
        self._info = _LastInputInfo(ctypes.sizeof(_LastInputInfo), 0)

    def idle_seconds(self) -> float | None:
        if not self._user32.GetLastInputInfo(ctypes.byref(self._info)):
            return None
        return idle_milliseconds(self._kernel32.GetTickCount(), self._info.dwTime) / 1000


class WindowsEvents(SessionEvents):
    name = "Windows"

    def __init__(self) -> None:
        super().__init__()
        if sys.platform != "win32":
            raise Unavailable("not Windows")
        self._asleep = False
        user32 = self._user32 = ctypes.WinDLL("user32", use_last_error=True)
        self._wts = ctypes.WinDLL("wtsapi32")
        procedure_type = ctypes.WINFUNCTYPE(wintypes.LPARAM, wintypes.HWND, wintypes.UINT, wintypes.WPARAM,
                                            wintypes.LPARAM)
        user32.DefWindowProcW.restype = wintypes.LPARAM
        user32.DefWindowProcW.argtypes = [wintypes.HWND, wintypes.UINT, wintypes.WPARAM, wintypes.LPARAM]
        user32.CreateWindowExW.restype = wintypes.HWND
        user32.CreateWindowExW.argtypes = [wintypes.DWORD, wintypes.LPCWSTR, wintypes.LPCWSTR, wintypes.DWORD,
                                           ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_int, wintypes.HWND,
                                           wintypes.HMENU, wintypes.HINSTANCE, wintypes.LPVOID]
        user32.RegisterClassW.restype = wintypes.ATOM
        user32.UnregisterClassW.argtypes = [wintypes.LPCWSTR, wintypes.HINSTANCE]
        user32.DestroyWindow.argtypes = [wintypes.HWND]
        self._wts.WTSRegisterSessionNotification.argtypes = [wintypes.HWND, wintypes.DWORD]
        self._wts.WTSUnRegisterSessionNotification.argtypes = [wintypes.HWND]
        kernel32 = ctypes.WinDLL("kernel32")
        kernel32.GetModuleHandleW.restype = wintypes.HMODULE  # a pointer: the default int would cut it
        kernel32.GetModuleHandleW.argtypes = [wintypes.LPCWSTR]
        self._procedure = procedure_type(self._on_message)  # kept: Windows calls it as long as the window lives

        class WindowClass(ctypes.Structure):  # WNDCLASSW
            _fields_ = [("style", wintypes.UINT), ("lpfnWndProc", procedure_type), ("cbClsExtra", ctypes.c_int),
                        ("cbWndExtra", ctypes.c_int), ("hInstance", wintypes.HINSTANCE), ("hIcon", wintypes.HICON),
                        ("hCursor", wintypes.HANDLE), ("hbrBackground", wintypes.HBRUSH),
                        ("lpszMenuName", wintypes.LPCWSTR), ("lpszClassName", wintypes.LPCWSTR)]

        instance = kernel32.GetModuleHandleW(None)
        window_class = WindowClass(lpfnWndProc=self._procedure, hInstance=instance, lpszClassName=CLASS_NAME)
        if not user32.RegisterClassW(ctypes.byref(window_class)):
            raise Unavailable(f"RegisterClassW failed (error {ctypes.get_last_error()})")
        # WS_POPUP and never shown: a top-level window nobody sees, which gets the broadcasts
        self._window = user32.CreateWindowExW(0, CLASS_NAME, CLASS_NAME, 0x80000000, 0, 0, 0, 0, None, None,
                                              instance, None)
        if not self._window:
            user32.UnregisterClassW(CLASS_NAME, instance)
            raise Unavailable(f"CreateWindowExW failed (error {ctypes.get_last_error()})")
        self._instance = instance
        self._registered = False
        self._register(tries_left=10)

    def _register(self, tries_left: int) -> None:
        """Lock messages need WTSRegisterSessionNotification, which fails while the session service is
        still starting (an app started at logon): try again a little later, a few times."""
        if not self._window:
            return
        self._registered = bool(self._wts.WTSRegisterSessionNotification(self._window, NOTIFY_FOR_THIS_SESSION))
        if not self._registered and tries_left > 1:
            QTimer.singleShot(30_000, lambda: self._register(tries_left - 1))
        elif not self._registered:
            log.warning("Windows did not tell of screen locks (WTSRegisterSessionNotification failed)")

    def _on_message(self, window: int, message: int, wparam: int, lparam: int) -> int:
        event = session_event(message, wparam)
        if event in ("locked", "unlocked"):
            self._set_locked(event == "locked")
        elif event is not None and (event == "sleeping") != self._asleep:  # two resume messages: one woke
            self._asleep = event == "sleeping"
            (self.sleeping if self._asleep else self.woke).emit()
        if message == WM_POWERBROADCAST:
            return 1  # TRUE: we do not object
        return int(self._user32.DefWindowProcW(window, message, wparam, lparam))

    def close(self) -> None:
        if self._window:
            if self._registered:
                self._wts.WTSUnRegisterSessionNotification(self._window)
            self._user32.DestroyWindow(self._window)
            self._user32.UnregisterClassW(CLASS_NAME, self._instance)
            self._window = None
