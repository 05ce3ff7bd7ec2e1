"""End to end: the real app in a real tray under Xvfb, clicked with xdotool."""

import os
import re
import subprocess
import sys
from pathlib import Path

from app.demo.data import ADMIN_KEY
from tests.e2e.conftest import wait_for, xwininfo_tree
from tests.helpers.demo import running_entry, running_id

# an embedded tray icon appears in `xwininfo -tree` below trayer's panel, e.g.
#   0x600007 "mite-tray": ("mite-tray" "mite-tray")  22x30+0+0  +1257+1
ICON_RE = re.compile(r'"mite-tray": \("mite-tray" "mite-tray"\)\s+(\d+)x(\d+)\+-?\d+\+-?\d+\s+\+(\d+)\+(\d+)')


def tray_icon_rect(env):
    """(x, y, width, height) of the icon embedded in trayer's panel, or None before it is."""
    tree = xwininfo_tree(env)
    panel = tree.find('"panel": ("panel" "trayer")')
    match = ICON_RE.search(tree, panel) if panel >= 0 else None
    if not match:
        return None
    width, height, x, y = map(int, match.groups())
    return x, y, width, height


def tray_icon_centre(env):
    rect = tray_icon_rect(env)
    return None if rect is None else (rect[0] + rect[2] // 2, rect[1] + rect[3] // 2)


def xdotool(env, *args):
    return subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True, check=False).stdout


def screenshot(env, name):
    folder = Path(os.environ.get("MITE_TRAY_SHOTS", "shots"))
    folder.mkdir(exist_ok=True)
    subprocess.run(["import", "-window", "root", str(folder / name)], env=env, check=True)


def test_click_the_tray_icon_start_and_stop_a_timer(desktop, demo, tmp_path):
    env = dict(desktop, MITE_API_KEY=ADMIN_KEY, MITE_TRAY_CONFIG_DIR=str(tmp_path / "config"), MITE_TRAY_DATA_DIR=str(tmp_path / "data"),
               MITE_TRAY_RUNTIME_DIR=str(tmp_path / "run"))
    app = subprocess.Popen([sys.executable, "-m", "app", "--url", demo.url], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        x, y = wait_for(lambda: tray_icon_centre(env), "the tray icon was not embedded in trayer")
        wait_for(lambda: any(p == "/projects.json" for _, p in demo.requests), "the app did not load projects")
        xdotool(env, "mousemove", str(x), str(y), "click", "1")
        window = wait_for(lambda: xdotool(env, "search", "--onlyvisible", "--name", "^mite-tray$").split(),
                          "clicking the tray icon did not open the window")[0]
        wait_for(lambda: xdotool(env, "getactivewindow").strip() == window, "the window did not get focus")
        # keyboard only: project, service, note, Enter
        xdotool(env, "type", "--delay", "40", "api d")
        xdotool(env, "key", "--delay", "150", "Down", "Return")
        xdotool(env, "type", "--delay", "40", "writ")
        xdotool(env, "key", "--delay", "150", "Down", "Return")
        xdotool(env, "type", "--delay", "40", "end to end")
        xdotool(env, "key", "Return")
        entry = wait_for(lambda: running_entry(demo), "Start in the window did not start the mite tracker")
        assert entry["note"] == "end to end"
        project = demo.mite.records["projects"][entry["project_id"]]
        service = demo.mite.records["services"][entry["service_id"]]
        assert (project["name"], service["name"]) == ("API Docs", "Writing")
        screenshot(env, "e2e-window-running.png")
        # the tray menu: first the timer, then Stop
        xdotool(env, "mousemove", str(x), str(y), "click", "3")
        menu = wait_for(lambda: xdotool(env, "search", "--onlyvisible", "--class", "mite-tray").split()[-1:]
                        if len(xdotool(env, "search", "--onlyvisible", "--class", "mite-tray").split()) > 1
                        else None, "right click did not open the tray menu")
        assert menu
        screenshot(env, "e2e-tray-menu.png")
        xdotool(env, "key", "--delay", "150", "Down", "Down", "Return")
        wait_for(lambda: running_entry(demo) is None, "Stop in the tray menu did not stop the tracker")
        # stopped within its first minute: nothing booked, the new entry is removed (issue 14)
        wait_for(lambda: entry["id"] not in demo.mite.records["time_entries"],
                 "a timer stopped within its first minute left a 0:00 entry in mite")
        # the global hotkey continues the last entry and stops it again (X11 XGrabKey)
        xdotool(env, "key", "ctrl+alt+s")
        continued = wait_for(lambda: running_id(demo), "Ctrl+Alt+S did not continue the last entry")
        minutes = demo.mite.records["time_entries"][continued]["minutes"]
        xdotool(env, "key", "ctrl+alt+s")
        wait_for(lambda: running_entry(demo) is None, "Ctrl+Alt+S did not stop the timer")
        assert demo.mite.records["time_entries"][continued]["minutes"] == minutes  # a continue keeps its minutes
        # Ctrl+Alt+M opens the quick-entry palette over everything; one line books time
        before = set(demo.mite.records["time_entries"])
        xdotool(env, "key", "ctrl+alt+m")
        palette = wait_for(lambda: xdotool(env, "search", "--onlyvisible", "--name", "quick entry").split(),
                           "Ctrl+Alt+M did not open the palette")[0]
        wait_for(lambda: xdotool(env, "getactivewindow").strip() == palette, "the palette did not get focus")
        xdotool(env, "type", "--delay", "40", "25 api docs / writ: from the palette")
        screenshot(env, "e2e-palette.png")
        xdotool(env, "key", "Return")
        booked = wait_for(lambda: [e for i, e in demo.mite.records["time_entries"].items() if i not in before],
                          "Enter in the palette did not book the time")
        assert (booked[0]["minutes"], booked[0]["note"]) == (25, "from the palette")
        assert booked[0]["project_id"] == entry["project_id"] and booked[0]["service_id"] == entry["service_id"]
        # Quit from the tray menu ends the app cleanly
        xdotool(env, "mousemove", str(x), str(y), "click", "3")
        wait_for(lambda: len(xdotool(env, "search", "--onlyvisible", "--class", "mite-tray").split()) > 1,
                 "right click did not open the tray menu")
        xdotool(env, "key", "--delay", "150", "Up", "Return")
        assert app.wait(timeout=20) == 0
    finally:
        if app.poll() is None:
            app.kill()
        output = app.communicate()[0]
        assert "Traceback" not in output and "Fatal" not in output, output
