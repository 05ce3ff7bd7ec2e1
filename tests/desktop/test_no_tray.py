"""A Wayland session without a tray: weston headless, no StatusNotifierWatcher on the session bus.

The app runs under QT_QPA_PLATFORM=wayland; with no tray its window is the app. What it shows is read
through AT-SPI (the accessibility bus works on Wayland too), so no screenshot tool is needed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time

import pytest
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection

from tests.desktop.a11y_desktop import demo_app, end, private_env, require, wait_for

NO_TRAY = "No system tray here"


def require_weston() -> None:
    require()
    if shutil.which("weston") is None:
        reason = "the tray-less Wayland test needs weston (Debian: weston; run scripts/system-packages)"
        if os.environ.get("MITE_TRAY_REQUIRE_E2E") == "1":
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture
def wayland(tmp_path):
    require_weston()
    socket = f"mite-tray-test-{os.getpid()}"
    env = private_env(tmp_path, QT_QPA_PLATFORM="wayland", WAYLAND_DISPLAY=socket, XDG_SESSION_TYPE="wayland")
    weston = subprocess.Popen(["weston", "--backend=headless-backend.so", f"--socket={socket}", "--idle-time=0",
                               "--width=1280", "--height=800"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: (tmp_path / "run" / socket).exists() or weston.poll() is not None, "weston did not start")
        assert weston.poll() is None, "weston ended at start"
        with demo_app(env, tmp_path / "app.log", "-v") as desk:  # no --show: without a tray the window opens anyway; -v: INFO logs
            yield desk
    finally:
        end(weston)


def window_shown(desk, name: str) -> bool:
    found = desk.client("tree", name)
    return bool(found and found["windows"] and "showing" in found["windows"][0]["states"])


def said(desk) -> list[str]:
    """Every line the app has said about the missing tray: in its log, and in its window as AT-SPI reads it."""
    lines = [line for line in desk.log.read_text().splitlines() if NO_TRAY in line]
    found = desk.client("tree", "mite-tray") or {"windows": []}

    def walk(node):
        yield node
        for child in node.get("children", []):
            yield from walk(child)
    return lines + [n["name"] for w in found["windows"] for n in walk(w) if NO_TRAY in n["name"]]


def watcher_on_the_bus(desk) -> bool:
    """Whether a StatusNotifierWatcher (the tray) owns its name on the app's session bus."""
    connection = open_dbus_connection(desk.env["DBUS_SESSION_BUS_ADDRESS"])
    try:
        reply = connection.send_and_get_reply(message_bus.NameHasOwner("org.kde.StatusNotifierWatcher"))
        return bool(reply.body[0])
    finally:
        connection.close()


def test_without_a_tray_the_window_palette_and_command_line_work_and_it_says_so_once(wayland):
    assert not watcher_on_the_bus(wayland)
    # the window is the app: shown at start, without --show
    wait_for(lambda: window_shown(wayland, "mite-tray"), "without a tray the window did not open at start")
    # at once: the window's status line lets it fade after a few seconds
    message = wait_for(lambda: len(said(wayland)) == 2 and said(wayland), "the app did not say that there is no tray")
    print(message)  # its log's line, and the window's status line
    status = wayland.status()
    assert status["user"] == "Anna Becker" and not status["tracking"]
    # Headless weston has no seat, so no window is ever active: `toggle` raises the window rather than hiding it.
    assert wayland.cli("toggle").returncode == 0
    wait_for(lambda: window_shown(wayland, "mite-tray"), "`toggle` did not show the window")
    assert wayland.cli("palette").returncode == 0
    wait_for(lambda: window_shown(wayland, "Quick entry"), "`palette` did not open the palette")
    assert wayland.cli("start").returncode == 0
    wait_for(lambda: wayland.status()["tracking"], "`start` did not start the timer")
    assert wayland.cli("stop").returncode == 0
    time.sleep(1)
    log_lines = [line for line in wayland.log.read_text().splitlines() if NO_TRAY in line]
    assert len(log_lines) == 1, log_lines  # said once, not at each window shown
