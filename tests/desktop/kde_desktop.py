"""A real KDE Plasma 5.27 Wayland desktop, headless: KWin, its kglobalaccel, the KDE portal, a tray.

    with kde_wayland_desktop(tmp_path) as desk:     # skipped (failed under scripts/test) without the packages
        app = desk.start_app()                      # `python -m app --demo` on QT_QPA_PLATFORM=wayland
        desk.tray_items()                           # RegisteredStatusNotifierItems of the real watcher
        desk.windows()                              # [(caption, resource class)] as KWin lists them
        desk.accel("shortcut", "as", ([...],))      # org.kde.KGlobalAccel on /kglobalaccel
        desk.cli("palette")                         # the app's command line, on the same private dirs

`kwin_wayland --virtual` runs inside `dbus-run-session`, whose bus it prints for the others to join;
KWin puts org.kde.kglobalaccel and org.kde.KWin on it. The portal (xdg-desktop-portal 1.16 and
xdg-desktop-portal-kde) is started by the bus when asked, with the environment given by
`dbus-update-activation-environment`. waybar with a tray-only bar is the StatusNotifierWatcher and
tray host. Everything lives in private dirs (HOME too: KWin writes kglobalshortcutsrc there).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from jeepney import DBusAddress, Properties, new_method_call
from jeepney.io.blocking import open_dbus_connection

from tests.e2e.conftest import wait_for

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = "kwin-wayland xdg-desktop-portal xdg-desktop-portal-kde waybar qtwayland5 dbus-daemon"
NEEDED = {"kwin_wayland": "/usr/bin/kwin_wayland", "dbus-run-session": "/usr/bin/dbus-run-session",
          "dbus-update-activation-environment": "/usr/bin/dbus-update-activation-environment",
          "waybar": "/usr/bin/waybar", "xdg-desktop-portal": "/usr/libexec/xdg-desktop-portal",
          "xdg-desktop-portal-kde": "/usr/lib/x86_64-linux-gnu/libexec/xdg-desktop-portal-kde",
          "qtwayland5": "/usr/lib/x86_64-linux-gnu/qt5/plugins/platforms/libqwayland-generic.so"}
SOCKET = "mite-kde"


def unavailable() -> str:
    """Why this machine cannot run the KDE Wayland desktop ("" when it can)."""
    if not sys.platform.startswith("linux"):
        return "the KDE Wayland tier runs on Linux only"
    missing = [name for name, path in NEEDED.items() if not os.path.exists(path) and shutil.which(name) is None]
    if not missing:
        return ""
    return (f"the KDE Wayland tier needs {', '.join(missing)} (Debian 12: {PACKAGES}; "
            "run scripts/system-packages as root)")


def require() -> None:
    """Skip, saying why in pytest's warnings summary (a skip alone shows only with -rs), where the
    packages are missing: scripts/system-packages installs them where it can, and says when it cannot.
    MITE_TRAY_REQUIRE_DESKTOP=1 (CI, as root) fails instead."""
    reason = unavailable()
    if reason:
        if os.environ.get("MITE_TRAY_REQUIRE_DESKTOP") == "1":
            pytest.fail(reason)
        warnings.warn(f"skipped: {reason}", pytest.PytestWarning, stacklevel=2)
        pytest.skip(reason)


class KdeDesktop:
    def __init__(self, base: Path, env: dict[str, str], bus: Any):
        self.base, self.env, self.bus = base, env, bus
        self.processes: list[subprocess.Popen] = []

    def call(self, service: str, path: str, interface: str, method: str, signature: str = "",
             body: tuple[Any, ...] = ()) -> tuple[Any, ...]:
        reply = self.bus.send_and_get_reply(
            new_method_call(DBusAddress(path, bus_name=service, interface=interface), method, signature, body),
            timeout=10.0)
        if reply.header.message_type.name == "error":
            raise RuntimeError(f"{service} {method}: {reply.body}")
        return tuple(reply.body)

    def accel(self, method: str, signature: str = "", body: tuple[Any, ...] = ()) -> tuple[Any, ...]:
        return self.call("org.kde.kglobalaccel", "/kglobalaccel", "org.kde.KGlobalAccel", method, signature, body)

    def names(self) -> list[str]:
        return list(self.call("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "ListNames")[0])

    def tray_items(self) -> list[str]:
        if "org.kde.StatusNotifierWatcher" not in self.names():
            return []
        watcher = DBusAddress("/StatusNotifierWatcher", bus_name="org.kde.StatusNotifierWatcher",
                              interface="org.kde.StatusNotifierWatcher")
        reply = self.bus.send_and_get_reply(Properties(watcher).get("RegisteredStatusNotifierItems"), timeout=5.0)
        return list(reply.body[0][1])

    def tray_item(self, item: str, name: str) -> Any:
        """A property of a registered tray item ("<bus name>/<path>", as the watcher lists it)."""
        service, _, path = item.partition("/")
        address = DBusAddress("/" + path, bus_name=service, interface="org.kde.StatusNotifierItem")
        return self.bus.send_and_get_reply(Properties(address).get(name), timeout=5.0).body[0][1]

    def windows(self) -> list[tuple[str, str]]:
        """(caption, resource class) of every window KWin manages, from a KWin script that sends them
        back over D-Bus (KWin 5.27 has no method that lists windows; its scripts can)."""
        from tests.helpers.dbus import StandIn
        listener = StandIn(self.env["DBUS_SESSION_BUS_ADDRESS"], "org.mitetray.WindowList", {"windows": ("", ())})
        script = self.base / f"windows-{time.monotonic_ns()}.js"
        script.write_text('callDBus("org.mitetray.WindowList", "/", "org.mitetray.WindowList", "windows", '
                          'JSON.stringify(workspace.clientList().map(function (c) {'
                          ' return [c.caption, String(c.resourceClass)]; })));\n')
        try:
            self.call("org.kde.KWin", "/Scripting", "org.kde.kwin.Scripting", "loadScript", "ss",
                      (str(script), script.stem))
            self.call("org.kde.KWin", "/Scripting", "org.kde.kwin.Scripting", "start")  # runs the loaded scripts
            wait_for(lambda: listener.calls, "KWin's script to list the windows", timeout=10)
            self.call("org.kde.KWin", "/Scripting", "org.kde.kwin.Scripting", "unloadScript", "s", (script.stem,))
            return [tuple(pair) for pair in json.loads(listener.calls[0][1][0])]
        finally:
            listener.stop()

    def app_env(self) -> dict[str, str]:
        env = dict(self.env, QT_QPA_PLATFORM="wayland", PYTHONPATH=str(ROOT),
                   MITE_TRAY_CONFIG_DIR=str(self.base / "config"), MITE_TRAY_DATA_DIR=str(self.base / "data"),
                   MITE_TRAY_RUNTIME_DIR=str(self.base / "app-run"))
        env.pop("DISPLAY", None)
        return env

    def start_app(self) -> subprocess.Popen:
        log = open(self.base / "app.log", "w")  # noqa: SIM115 - closed with the process, at the end
        app = subprocess.Popen([sys.executable, "-m", "app", "--demo", "-v"], env=self.app_env(), cwd=ROOT,
                               stdout=log, stderr=subprocess.STDOUT)
        self.processes.append(app)
        wait_for(lambda: self.cli("status", "--json").returncode == 0 or app.poll() is not None,
                 "the app to answer on its control socket")
        assert app.poll() is None, self.app_log()
        return app

    def app_log(self) -> str:
        return (self.base / "app.log").read_text(errors="replace")

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "app", *args], env=self.app_env(), cwd=ROOT,
                              capture_output=True, text=True, timeout=30)

    def spawn(self, *command: str) -> subprocess.Popen:
        process = subprocess.Popen(command, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.processes.append(process)
        return process


@contextmanager
def kde_wayland_desktop(base: Path, *, tray: bool = True) -> Iterator[KdeDesktop]:
    require()
    run = base / "run"
    for folder in ("run", "home", "config", "data"):
        (base / folder).mkdir(mode=0o700, exist_ok=True)
    # A plain copy: where the kernel refuses the binary's file capability (cap_sys_resource, in
    # containers), /usr/bin/kwin_wayland will not start; without the capability it runs fine.
    kwin = base / "kwin_wayland"
    shutil.copy(shutil.which("kwin_wayland") or NEEDED["kwin_wayland"], kwin)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DBUS_", "WAYLAND_", "QT_"))}
    env.pop("DISPLAY", None)
    env.update(HOME=str(base / "home"), XDG_RUNTIME_DIR=str(run), XDG_CONFIG_HOME=str(base / "home/.config"),
               XDG_DATA_HOME=str(base / "home/.local/share"), XDG_CACHE_HOME=str(base / "home/.cache"),
               XDG_CURRENT_DESKTOP="KDE", XDG_SESSION_TYPE="wayland", KDE_FULL_SESSION="true",
               KDE_SESSION_VERSION="5", WAYLAND_DISPLAY=SOCKET)
    session = subprocess.Popen(
        ["dbus-run-session", "--", "sh", "-c", 'echo "$DBUS_SESSION_BUS_ADDRESS"; exec "$0" "$@"', str(kwin),
         "--virtual", "--no-lockscreen", "--socket", SOCKET, "--width", "1280", "--height", "800"],
        env=dict(env, QT_QPA_PLATFORM="offscreen"), stdout=subprocess.PIPE, stderr=open(base / "kwin.log", "w"),
        text=True, start_new_session=True)
    assert session.stdout is not None
    env["DBUS_SESSION_BUS_ADDRESS"] = session.stdout.readline().strip()
    desk: KdeDesktop | None = None
    try:
        wait_for(lambda: (run / SOCKET).exists() or session.poll() is not None, "KWin's Wayland socket")
        assert session.poll() is None, (base / "kwin.log").read_text(errors="replace")
        bus = open_dbus_connection(env["DBUS_SESSION_BUS_ADDRESS"])
        desk = KdeDesktop(base, env, bus)
        wait_for(lambda: {"org.kde.KWin", "org.kde.kglobalaccel"} <= set(desk.names()), "KWin on the bus")
        # The portal is started by the bus, with the bus's environment: tell it where the desktop is.
        subprocess.run(["dbus-update-activation-environment", "WAYLAND_DISPLAY", "XDG_RUNTIME_DIR",
                        "XDG_CURRENT_DESKTOP", "XDG_SESSION_TYPE", "KDE_FULL_SESSION", "KDE_SESSION_VERSION",
                        "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"], env=env, check=True)
        if tray:
            bar = base / "waybar.json"
            bar.write_text(json.dumps({"layer": "top", "position": "top", "height": 30, "modules-left": [],
                                       "modules-center": [], "modules-right": ["tray"], "tray": {"spacing": 4}}))
            (base / "waybar.css").write_text("* { font-size: 12px; }\n")
            desk.spawn("waybar", "-c", str(bar), "-s", str(base / "waybar.css"))
            wait_for(lambda: "org.kde.StatusNotifierWatcher" in desk.names(), "waybar's StatusNotifierWatcher")
        yield desk
    finally:
        for process in desk.processes if desk else []:
            process.terminate()
        for process in desk.processes if desk else []:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        if desk is not None:
            desk.bus.close()
        os.killpg(session.pid, signal.SIGTERM)  # KWin, the bus and what the bus started (the portal)
        try:
            session.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(session.pid, signal.SIGKILL)
