"""The bench's X desktop: Xvfb + openbox + trayer, and the tray icon's painted pixels.

The tray icon is an XEmbed window (WM_CLASS "mite-tray", the bare trays take the same name) inside
trayer's panel. What it shows is read from its pixels (XGetImage through ctypes, about a millisecond a
look, so a click's repaint is timed to a few ms), not from a model property or a tooltip: the pixels
are what the user sees, and they only change once the app has worked out the look, drawn the icon and
the tray host has painted it. The look is told by colour (app/ui/icons.py): the running tile is
#1e7a3e, the idle stopwatch #787d86, the bare trays' icon white.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import subprocess
import time
from collections.abc import Callable

ICON_RE = re.compile(r'(0x[0-9a-f]+) "mite-tray": \("mite-tray" "mite-tray"\)')
# A look's colour and the share of the icon window's pixels in it that makes that look (the running
# tile fills 45 % of trayer's 22x30 slot, the idle outline 9 %, the bare trays' white square 70 %).
LOOKS = {"running": ((0x1E, 0x7A, 0x3E), 0.25), "idle": ((0x78, 0x7D, 0x86), 0.05), "bare": ((0xFF, 0xFF, 0xFF), 0.4)}


class Desktop:
    def __init__(self) -> None:
        read_fd, write_fd = os.pipe()
        self.xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24",
                                      "-nolisten", "tcp"], pass_fds=(write_fd,), stderr=subprocess.DEVNULL)
        os.close(write_fd)
        with os.fdopen(read_fd) as pipe:
            self.env = dict(os.environ, DISPLAY=f":{pipe.readline().strip()}")
        self.env.pop("QT_QPA_PLATFORM", None)
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": self.env}
        self.helpers = [subprocess.Popen(["openbox"], **quiet)]
        time.sleep(0.5)
        self.helpers.append(subprocess.Popen(["trayer", "--edge", "top", "--align", "right", "--widthtype",
                                              "request", "--height", "32"], **quiet))
        while "panel" not in self.tree():
            time.sleep(0.05)
        self.pixels = Pixels(self.env["DISPLAY"])

    def tree(self) -> str:
        return subprocess.run(["xwininfo", "-root", "-tree"], env=self.env, capture_output=True, text=True).stdout

    def icon_window(self) -> tuple[int, int, int, int, int] | None:
        """(window id, x, y, width, height on the screen) of the tray icon in trayer's panel, or None."""
        tree = self.tree()
        panel = tree.find('"panel": ("panel" "trayer")')
        found = ICON_RE.search(tree, panel) if panel >= 0 else None
        if found is None:
            return None
        line = tree[found.start():tree.find("\n", found.start())]
        size = re.search(r"(\d+)x(\d+)\+-?\d+\+-?\d+\s+\+(-?\d+)\+(-?\d+)", line)
        if size is None:
            return None
        width, height, x, y = (int(v) for v in size.groups())
        return int(found.group(1), 16), x, y, width, height

    def look(self, window: int) -> str | None:
        """Which look the icon window's pixels show now ("running", "idle", "bare"), None if none."""
        return classify(self.pixels.grab(window))

    def wait_look(self, wanted: set[str] | None, started: float, timeout: float = 120.0,
                  alive: Callable[[], bool] = lambda: True) -> tuple[str, float]:
        """(the look, seconds from `started` (perf_counter)) once the icon paints one of `wanted` (None: any)."""
        window = None
        while True:
            if window is None:
                found = self.icon_window()
                window = found[0] if found else None
            look = self.look(window) if window is not None else None
            if look is not None and (wanted is None or look in wanted):
                return look, time.perf_counter() - started
            if time.perf_counter() - started > timeout or not alive():
                raise RuntimeError(f"the tray icon never showed the look {wanted}")
            time.sleep(0.002 if window else 0.01)

    def input(self) -> None:
        """Move the pointer: the user is there now (X11's idle time starts again from zero)."""
        subprocess.run(["xdotool", "mousemove", "10", "10", "mousemove", "20", "20"], env=self.env, check=True)

    def close(self) -> None:
        self.pixels.close()
        for process in [*self.helpers, self.xvfb]:
            process.terminate()
            process.wait()


def classify(pixels: list[tuple[int, int, int]]) -> str | None:
    if not pixels:
        return None
    for name, (colour, share) in LOOKS.items():
        near = sum(all(abs(a - b) <= 12 for a, b in zip(p, colour, strict=True)) for p in pixels)
        if near >= share * len(pixels):
            return name
    return None


class _XImage(ctypes.Structure):
    _fields_ = [("width", ctypes.c_int), ("height", ctypes.c_int), ("xoffset", ctypes.c_int),
                ("format", ctypes.c_int), ("data", ctypes.POINTER(ctypes.c_ubyte)), ("byte_order", ctypes.c_int),
                ("bitmap_unit", ctypes.c_int), ("bitmap_bit_order", ctypes.c_int), ("bitmap_pad", ctypes.c_int),
                ("depth", ctypes.c_int), ("bytes_per_line", ctypes.c_int), ("bits_per_pixel", ctypes.c_int)]


class _Attributes(ctypes.Structure):  # the head of XWindowAttributes: x, y, width, height
    _fields_ = [("x", ctypes.c_int), ("y", ctypes.c_int), ("width", ctypes.c_int), ("height", ctypes.c_int),
                ("rest", ctypes.c_char * 256)]


class Pixels:
    """The pixels of a window, read with XGetImage (libX11 through ctypes: no new dependency)."""

    def __init__(self, display: str):
        self.x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
        self.x11.XOpenDisplay.restype = ctypes.c_void_p
        self.x11.XGetImage.restype = ctypes.POINTER(_XImage)
        self.x11.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int, ctypes.c_uint,
                                       ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
        self.x11.XGetWindowAttributes.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(_Attributes)]
        self.x11.XSetErrorHandler.argtypes = [ctypes.c_void_p]
        self.x11.XFree.argtypes = [ctypes.c_void_p]
        self.x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        # A window that went away (the app ended) is an X error, which by default ends this process.
        self._ignore = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)(lambda d, e: 0)
        self.x11.XSetErrorHandler(ctypes.cast(self._ignore, ctypes.c_void_p))
        self.xtst: ctypes.CDLL | None = None
        self.display = self.x11.XOpenDisplay(display.encode())
        if not self.display:
            raise RuntimeError(f"cannot open X display {display}")

    def grab(self, window: int) -> list[tuple[int, int, int]]:
        attributes = _Attributes()
        if not self.x11.XGetWindowAttributes(self.display, window, ctypes.byref(attributes)):
            return []
        image = self.x11.XGetImage(self.display, window, 0, 0, attributes.width, attributes.height,
                                   0xFFFFFFFF, 2)  # AllPlanes, ZPixmap
        if not image:
            return []
        try:
            head = image.contents
            if head.bits_per_pixel != 32:
                return []
            raw = ctypes.string_at(head.data, head.bytes_per_line * head.height)
            return [(raw[i + 2], raw[i + 1], raw[i]) for row in range(head.height)
                    for i in range(row * head.bytes_per_line, row * head.bytes_per_line + 4 * head.width, 4)]
        finally:
            self.x11.XFree(ctypes.cast(image.contents.data, ctypes.c_void_p))
            self.x11.XFree(ctypes.cast(image, ctypes.c_void_p))

    def middle_click(self, x: int, y: int) -> None:
        """A middle click at (x, y) through XTEST, as from a mouse (xdotool takes ~100 ms to start; this
        sends it at once). The tray icon's middle click starts or stops the timer (app/ui/tray.py)."""
        if self.xtst is None:
            self.xtst = ctypes.CDLL(ctypes.util.find_library("Xtst") or "libXtst.so.6")
            self.xtst.XTestFakeMotionEvent.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int, ctypes.c_int,
                                                       ctypes.c_ulong]
            self.xtst.XTestFakeButtonEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
            self.x11.XFlush.argtypes = [ctypes.c_void_p]
        self.xtst.XTestFakeMotionEvent(self.display, -1, x, y, 0)
        self.xtst.XTestFakeButtonEvent(self.display, 2, 1, 0)
        self.xtst.XTestFakeButtonEvent(self.display, 2, 0, 0)
        self.x11.XFlush(self.display)

    def close(self) -> None:
        if self.display:
            self.x11.XCloseDisplay(self.display)
            self.display = None
