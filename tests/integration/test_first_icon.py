"""Issue 17: the tray's first icon is already the right one, and shows before the heavy imports.

The first icon is worked out from the store file (core.tray_glance): a timer that runs shows green
with its minutes at once, not a grey idle stopwatch that turns green once the session is up. Counted,
not timed: which modules are imported when it shows.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta

from app.core.prompt import PROMPT
from app.core.store import Store, Tracker, path_for
from app.core.tray_glance import Glance, TrayState, glance

URL = "https://acme.mite.de"
HEAVY = ("httpx", "asyncio", "qasync", "app.api.client", "app.core.session", "app.core.budgets", "app.ui.style",
         "app.ui.window", "app.ui.palette", "app.ui.shell", "app.core.account",
         # the store's file is named without its module (app.core.settings.path_for): that module brings the
         # outbox, the index, api.models, tracking and messages, ~80 ms before the icon
         "app.core.store", "app.core.store_index", "app.api.models", "app.core.outbox")


def stored_timer(data_dir, minutes_ago: int, base: int = 5, prompt: bool = False):
    os.environ["MITE_TRAY_DATA_DIR"] = str(data_dir)
    path = path_for(URL)
    store = Store(path)
    with store.transaction():
        store.set_tracker(Tracker(-1, datetime.now().astimezone() - timedelta(minutes=minutes_ago, seconds=5), base))
        if prompt:
            store.set_meta(PROMPT, json.dumps([{"kind": "away"}]))
    store.close()
    return path


def test_glance_reads_the_running_timer_and_a_waiting_question(tmp_path, monkeypatch):
    monkeypatch.setenv("MITE_TRAY_DATA_DIR", str(tmp_path))
    path = stored_timer(tmp_path, 42, prompt=True)
    assert glance(path, datetime.now().astimezone()) == Glance(TrayState.RUNNING, 47, True)


def test_glance_without_a_usable_store_is_idle(tmp_path):
    now = datetime.now().astimezone()
    assert glance(None, now) == Glance()
    assert glance(tmp_path / "missing.sqlite3", now) == Glance()
    (tmp_path / "damaged.sqlite3").write_bytes(b"not a database at all" * 100)
    assert glance(tmp_path / "damaged.sqlite3", now) == Glance()


PROBE = """
import json, sys
from PySide6.QtWidgets import QApplication
app = QApplication(["mite-tray"])
from app import tray_app
icon = tray_app.first_icon(sys.argv[1])
image = icon.icon().pixmap(22, 22).toImage()
colours = {image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())}
print(json.dumps({"modules": sorted(sys.modules), "colours": sorted(colours)}))
"""


def test_the_first_icon_shows_the_stored_timer_before_the_heavy_imports(tmp_path):
    stored_timer(tmp_path, 42)
    env = dict(os.environ, MITE_TRAY_DATA_DIR=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", PROBE, URL], env=env, capture_output=True, text=True, check=True)
    found = json.loads(out.stdout.strip().splitlines()[-1])
    assert not [name for name in HEAVY if name in found["modules"]]
    assert "#1e7a3e" in found["colours"]  # the running tile (ui.icons.TILE), with the minutes on it


LAUNCH = """
import json, sys
from PySide6.QtWidgets import QSystemTrayIcon
QSystemTrayIcon.isSystemTrayAvailable = staticmethod(lambda: True)  # offscreen has no tray
from app import tray_app
real = tray_app.first_icon
def shown(url):
    real(url)
    print(json.dumps(sorted(sys.modules)))
    raise SystemExit(0)
tray_app.first_icon = shown
from app import main
built = main.parser
main.parser = lambda: sys.modules.setdefault("parser was built", sys) and built()
main.main(sys.argv[1:])
"""
# What the launch does not need before the icon: the command line's parser (built only for a command, or an
# option the tray does not take: --help, --version; argparse itself PySide6 imports), and the store module.
LAUNCH_HEAVY = ("parser was built", "app.core.store", "asyncio", "httpx", "qasync", "app.ui.style")


def test_the_launch_imports_neither_the_parser_nor_the_store_before_the_first_icon(tmp_path):
    stored_timer(tmp_path, 42)
    env = dict(os.environ, MITE_TRAY_DATA_DIR=str(tmp_path), MITE_TRAY_CONFIG_DIR=str(tmp_path / "config"),
               MITE_TRAY_RUNTIME_DIR=str(tmp_path / "run"), QT_QPA_PLATFORM="offscreen")
    for argv in (["--url", URL], [f"--url={URL}", "-v"], ["--url", URL, "run"], ["--demo", "--show"]):
        out = subprocess.run([sys.executable, "-c", LAUNCH, *argv], env=env, capture_output=True, text=True,
                             check=True, timeout=60)
        modules = json.loads(out.stdout.strip().splitlines()[-1])
        assert [name for name in LAUNCH_HEAVY if name in modules] == [], argv
