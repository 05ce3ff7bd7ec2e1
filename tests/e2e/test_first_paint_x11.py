"""The first tray icon is embedded and painted before the launch goes on to its heavy imports.

scripts/bench found warm launches bimodal, the icon painted at 0.2 s or at 0.4 s: the app handed the
icon to the tray host with one processEvents, which returned before trayer had answered the dock
request about half the time, and the icon was then painted only once the session was up. Here the
tray host is made slow for certain (stopped, then let go on), and the icon must be painted all the same
when first_icon returns. Counted, not timed: whether the icon's window is exposed at that moment.
"""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

CHILD = """
import os, signal, sys, threading
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from app import tray_app
tray_app.TRAY_HOST_WAIT = 60.0  # the host is let go on below; the test asserts no time
app = QApplication(["mite-tray"])
host = int(sys.argv[1])
os.kill(host, signal.SIGSTOP)  # a busy tray host: it answers the dock request only later
threading.Timer(0.3, os.kill, (host, signal.SIGCONT)).start()
icon = tray_app.first_icon("")
print("exposed" if any(w.isExposed() for w in QGuiApplication.allWindows()) else "not exposed")
"""


def tray_host(display: str) -> int:
    """The pid of the trayer serving `display` (the desktop fixture's)."""
    for proc in Path("/proc").iterdir():
        try:
            if (proc / "comm").read_text().strip() == "trayer" and \
                    f"DISPLAY={display}".encode() in (proc / "environ").read_bytes().split(b"\0"):
                return int(proc.name)
        except OSError:
            continue
    pytest.fail(f"no trayer on {display}")


def test_the_first_icon_is_painted_even_when_the_tray_host_answers_late(desktop, tmp_path):
    host = tray_host(desktop["DISPLAY"])
    env = dict(desktop, MITE_TRAY_DATA_DIR=str(tmp_path / "data"), MITE_TRAY_CONFIG_DIR=str(tmp_path / "config"))
    try:
        done = subprocess.run([sys.executable, "-c", CHILD, str(host)], env=env, capture_output=True, text=True,
                              timeout=60)
    finally:
        os.kill(host, signal.SIGCONT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "exposed", done.stderr
