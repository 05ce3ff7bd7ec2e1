"""A virtual desktop with a system tray: Xvfb, openbox and trayer (XEmbed tray host)."""

import os
import shutil
import subprocess
import time

import pytest

TOOLS = ("Xvfb", "openbox", "trayer", "xdotool", "xwininfo", "import")


def _require_tools():
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        message = f"e2e needs {', '.join(missing)} (run scripts/system-packages)"
        if os.environ.get("MITE_TRAY_REQUIRE_E2E") == "1":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def desktop(tmp_path):
    _require_tools()
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            pass_fds=(write_fd,), stderr=subprocess.DEVNULL)
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        display = f":{pipe.readline().strip()}"
    env = dict(os.environ, DISPLAY=display)
    env.pop("QT_QPA_PLATFORM", None)  # the app must use the real xcb platform here
    env.pop("WAYLAND_DISPLAY", None)
    helpers = [subprocess.Popen(["openbox"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    time.sleep(0.5)
    helpers.append(subprocess.Popen(
        ["trayer", "--edge", "top", "--align", "right", "--widthtype", "request", "--height", "32",
         "--transparent", "true", "--alpha", "0", "--tint", "0x2b2b2b"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    wait_for(lambda: "panel" in xwininfo_tree(env), "trayer did not start")
    yield env
    for process in [*helpers, xvfb]:
        process.terminate()
    for process in [*helpers, xvfb]:
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()


def xwininfo_tree(env):
    return subprocess.run(["xwininfo", "-root", "-tree"], env=env, capture_output=True, text=True).stdout


def wait_for(predicate, message, timeout=30.0):
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(message)
        time.sleep(0.2)
