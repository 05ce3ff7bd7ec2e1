"""The window under a real window manager (openbox) and tray (trayer at the top, reserving no space):
every open, the first and the later ones, keeps the title bar off the panel (issue 14, defect 9)."""

import re
import subprocess
import sys
import time

from app.demo.data import ADMIN_KEY
from tests.e2e.conftest import wait_for
from tests.e2e.test_tray_xvfb import tray_icon_rect, xdotool

SCREEN_W, SCREEN_H = 1280, 800


def frame_of(env, window):
    """(left, top, right, bottom) of the window with openbox's frame, from X itself."""
    info = subprocess.run(["xwininfo", "-id", window], env=env, capture_output=True, text=True).stdout
    x = int(re.search(r"Absolute upper-left X:\s+(-?\d+)", info).group(1))
    y = int(re.search(r"Absolute upper-left Y:\s+(-?\d+)", info).group(1))
    w = int(re.search(r"Width:\s+(\d+)", info).group(1))
    h = int(re.search(r"Height:\s+(\d+)", info).group(1))
    extents = subprocess.run(["xprop", "-id", window, "_NET_FRAME_EXTENTS"], env=env, capture_output=True,
                             text=True).stdout
    left, right, top, bottom = map(int, re.findall(r"\d+", extents.split("=")[-1])) if "=" in extents else (0,) * 4
    return x - left, y - top, x + w + right - 1, y + h + bottom - 1


def test_every_open_keeps_the_title_bar_below_the_panel(desktop, demo, tmp_path):
    env = dict(desktop, MITE_API_KEY=ADMIN_KEY, MITE_TRAY_CONFIG_DIR=str(tmp_path / "config"),
               MITE_TRAY_DATA_DIR=str(tmp_path / "data"), MITE_TRAY_RUNTIME_DIR=str(tmp_path / "run"))
    app = subprocess.Popen([sys.executable, "-m", "app", "--url", demo.url], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        ix, iy, iw, ih = wait_for(lambda: tray_icon_rect(env), "the tray icon was not embedded in trayer")
        for attempt in range(3):
            xdotool(env, "mousemove", str(ix + iw // 2), str(iy + ih // 2), "click", "1")
            window = wait_for(lambda: xdotool(env, "search", "--onlyvisible", "--name", "^mite-tray$").split(),
                              "clicking the tray icon did not open the window")[0]
            wait_for(lambda shown=window: xdotool(env, "getactivewindow").strip() == shown,
                     "the window did not get focus")
            time.sleep(0.5)  # the window manager has framed it and the app has checked its place
            left, top, right, bottom = frame_of(env, window)
            assert top > iy + ih - 1, f"open {attempt + 1}: the title bar (top {top}) is under the panel"
            assert 0 <= left and right < SCREEN_W and bottom < SCREEN_H, (attempt + 1, left, top, right, bottom)
            xdotool(env, "mousemove", str(ix + iw // 2), str(iy + ih // 2), "click", "1")  # hides it
            wait_for(lambda: not xdotool(env, "search", "--onlyvisible", "--name", "^mite-tray$").split(),
                     "a second click did not hide the window")
    finally:
        app.kill()
        app.communicate()
