"""Issue 14, defect 13: without a display (or Qt's X11 libraries) the tray app says what is missing, exit 1,
instead of Qt's raw message and a core dump (exit 134)."""

import os
import subprocess
import sys

import pytest

from app.platform import display

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the X11/Wayland check is Linux's")


def test_the_tray_app_without_a_display_says_so_and_exits_1(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(MITE_TRAY_CONFIG_DIR=str(tmp_path / "config"), MITE_TRAY_DATA_DIR=str(tmp_path / "data"),
               MITE_TRAY_RUNTIME_DIR=str(tmp_path / "run"), LANGUAGE="en", LC_ALL="C.UTF-8")
    run = subprocess.run([sys.executable, "-m", "app", "--demo"], env=env, capture_output=True, text=True,
                         timeout=60)
    assert run.returncode == 1, (run.returncode, run.stderr)
    assert "no display was found" in run.stderr and "DISPLAY" in run.stderr
    assert "qt.qpa" not in run.stderr and "Aborted" not in run.stderr


def test_a_missing_xcb_library_is_named_with_the_remedy():
    def load(path):
        raise OSError("libxcb-cursor.so.0: cannot open shared object file: No such file or directory")
    text = display.problem({"DISPLAY": ":0"}, load=load)
    assert "libxcb-cursor.so.0" in text and "scripts/system-packages" in text


def test_a_display_with_its_libraries_or_a_headless_platform_is_fine():
    assert display.problem({"DISPLAY": ":0"}, load=lambda path: None) == ""
    assert display.problem({"QT_QPA_PLATFORM": "offscreen"}) == ""
    assert display.problem({"WAYLAND_DISPLAY": "wayland-0"}) == ""
    assert display.missing_xcb_library() == ""  # this machine has them (scripts/system-packages)
