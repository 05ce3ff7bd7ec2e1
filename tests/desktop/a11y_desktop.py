"""A desktop a screen reader can read: Xvfb, a session bus with the AT-SPI bus, and the demo app on it.

    with screen_reader_desktop(tmp) as desk:      # skipped (or failed under scripts/test) without the packages
        desk.tree("mite-tray")                    # what AT-SPI shows of a window: atspi_client.py's JSON
        desk.client("press", "push button", "Start the timer")
        desk.cli("status", "--json")              # the app's own command line, on the same private dirs

The session bus is `dbus-run-session`'s own, which prints its address for the others to join;
`at-spi-bus-launcher --launch-immediately` puts the accessibility bus on it, as a desktop session
does, and QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 makes Qt expose its widgets there without a
running screen reader. The AT-SPI client runs under the system Python (tests/desktop/atspi_client.py).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import wait_for

ROOT = Path(__file__).resolve().parents[2]
CLIENT = Path(__file__).with_name("atspi_client.py")
SYSTEM_PYTHON = "/usr/bin/python3"
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
PACKAGES = "xvfb dbus-daemon at-spi2-core python3-pyatspi xdotool"


def unavailable() -> str:
    """Why this machine cannot show a screen reader's view ("" when it can)."""
    missing = [tool for tool in ("Xvfb", "dbus-run-session", "xdotool") if shutil.which(tool) is None]
    missing += [path for path in (BUS_LAUNCHER, SYSTEM_PYTHON) if not os.path.exists(path)]
    if not missing and subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True).returncode:
        missing.append("pyatspi for " + SYSTEM_PYTHON)
    if not missing:
        return ""
    return f"the AT-SPI tier needs {', '.join(missing)} (Debian: {PACKAGES}; run scripts/system-packages)"


def require() -> None:
    """Skip with the reason, or fail where the packages must be there (scripts/test sets MITE_TRAY_REQUIRE_E2E=1)."""
    reason = unavailable()
    if reason:
        if os.environ.get("MITE_TRAY_REQUIRE_E2E") == "1":
            pytest.fail(reason)
        pytest.skip(reason)


def start_xvfb() -> tuple[subprocess.Popen, str]:
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            pass_fds=(write_fd,), stderr=subprocess.DEVNULL)
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        return xvfb, f":{pipe.readline().strip()}"


class Desk:
    def __init__(self, env: dict[str, str], log: Path):
        self.env, self.log = env, log

    def client(self, *args: str, timeout: float = 30.0) -> Any:
        done = subprocess.run([SYSTEM_PYTHON, str(CLIENT), *args], env=self.env, capture_output=True, text=True,
                              timeout=timeout)
        return json.loads(done.stdout) if done.stdout.strip() else None

    def tree(self, window: str) -> dict | None:
        found = self.client("tree", window)
        return found["windows"][0] if found and found["windows"] else None

    def listen(self, seconds: float) -> subprocess.Popen:
        """Start listening for the app's events; read them with `events(listener)` once it has ended."""
        listener = subprocess.Popen([SYSTEM_PYTHON, str(CLIENT), "listen", str(seconds)], env=self.env,
                                    stdout=subprocess.PIPE, text=True)
        assert listener.stdout is not None
        assert json.loads(listener.stdout.readline())["type"] == "listening"
        return listener

    def cli(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "app", *args], env=self.env, capture_output=True, text=True,
                              timeout=30, cwd=ROOT)

    def status(self) -> dict:
        done = self.cli("status", "--json")
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    def type(self, text: str) -> None:
        subprocess.run(["xdotool", "type", "--delay", "30", text], env=self.env, check=True)

    def key(self, *keys: str) -> None:
        subprocess.run(["xdotool", "key", "--delay", "120", *keys], env=self.env, check=True)


def events(listener: subprocess.Popen) -> list[dict]:
    out, _ = listener.communicate(timeout=60)
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def private_env(home: Path, **extra: str) -> dict[str, str]:
    """This environment with private XDG and mite-tray folders under `home`, no display or bus yet, and Qt's
    accessibility on (QT_LINUX_ACCESSIBILITY_ALWAYS_ON: without a screen reader running, Qt would not expose it)."""
    runtime = home / "run"
    runtime.mkdir(mode=0o700, parents=True)
    env = {key: value for key, value in os.environ.items() if key not in (
        "QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "MITE_API_KEY")}
    env.update(XDG_RUNTIME_DIR=str(runtime), XDG_CONFIG_HOME=str(home / "xdg-config"),
               XDG_DATA_HOME=str(home / "xdg-data"), XDG_CACHE_HOME=str(home / "xdg-cache"),
               MITE_TRAY_CONFIG_DIR=str(home / "config"), MITE_TRAY_DATA_DIR=str(home / "data"),
               MITE_TRAY_RUNTIME_DIR=str(runtime), QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", LANG="C.UTF-8",
               LANGUAGE="", **extra)
    return env


def end(*processes: subprocess.Popen) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()


def end_strays(env: dict[str, str]) -> None:
    """End what the session left behind: at-spi2-registryd, which the accessibility bus starts on demand, outlives
    it under Wayland. Only processes with this test's private XDG_RUNTIME_DIR, so only this test's own."""
    mark = f"XDG_RUNTIME_DIR={env['XDG_RUNTIME_DIR']}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if mark in (entry / "environ").read_bytes().split(b"\0"):
                os.kill(int(entry.name), signal.SIGTERM)
        except OSError:  # gone meanwhile, or not ours to read
            pass


@contextmanager
def demo_app(env: dict[str, str], log: Path, *args: str) -> Iterator[Desk]:
    """`python -m app --demo ARGS` on a session bus of its own (dbus-run-session) with the AT-SPI bus on it,
    answering `status`; it quits at the end. `env` gains the bus's address."""
    # dbus-run-session's bus lives as long as the command in it: the bus launcher, which first prints the
    # address and its process id (the shell's, which exec keeps): ending the launcher ends the session.
    session = subprocess.Popen(
        ["dbus-run-session", "--", "sh", "-c", f'echo "$DBUS_SESSION_BUS_ADDRESS"; echo $$; exec {BUS_LAUNCHER} '
         "--launch-immediately"], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert session.stdout is not None
    env["DBUS_SESSION_BUS_ADDRESS"] = session.stdout.readline().strip()
    launcher = int(session.stdout.readline())
    with log.open("w") as out:
        app = subprocess.Popen([sys.executable, "-m", "app", "--demo", *args], env=env, cwd=ROOT,
                               stdout=out, stderr=subprocess.STDOUT)
    desk = Desk(env, log)
    try:
        wait_for(lambda: desk.cli("status", "--json").returncode == 0 or app.poll() is not None,
                 "the app did not answer `status`")
        assert app.poll() is None, f"the app ended at start:\n{log.read_text()}"
        yield desk
    finally:
        desk.cli("quit")
        try:
            app.wait(timeout=10)
        except subprocess.TimeoutExpired:
            app.kill()
        os.kill(launcher, signal.SIGTERM)
        end(session)
        end_strays(env)


@contextmanager
def screen_reader_desktop(home: Path) -> Iterator[Desk]:
    require()
    xvfb, display = start_xvfb()
    try:
        with demo_app(private_env(home, DISPLAY=display), home / "app.log", "--show") as desk:
            wait_for(lambda: desk.tree("mite-tray"), "AT-SPI does not list the app's window")
            yield desk
    finally:
        end(xvfb)
