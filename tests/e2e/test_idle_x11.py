"""The X11 idle source for real: Xvfb's screensaver extension counts, xdotool's input resets it."""

import subprocess
import time

import pytest
from app.platform.idle.base import Unavailable
from app.platform.idle.x11 import X11Idle


def move_mouse(env, x, y):
    subprocess.run(["xdotool", "mousemove", str(x), str(y)], env=env, check=True)


@pytest.fixture
def idle(desktop):
    source = X11Idle(desktop["DISPLAY"])
    yield source
    source.close()


def test_idle_time_grows_without_input_and_input_resets_it(desktop, idle):
    move_mouse(desktop, 100, 100)
    assert idle.idle_seconds() < 1.0
    time.sleep(1.5)
    assert idle.idle_seconds() >= 1.0  # nobody touched the virtual desktop meanwhile
    move_mouse(desktop, 300, 200)
    assert idle.idle_seconds() < 1.0


def test_closed_source_answers_none(idle):
    idle.close()
    assert idle.idle_seconds() is None


def test_no_such_display_is_unavailable():
    with pytest.raises(Unavailable, match="no X display"):
        X11Idle(":4711")
