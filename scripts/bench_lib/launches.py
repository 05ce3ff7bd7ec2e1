"""One launch of an app (mite-tray or a bare tray) on the bench's desktop: the time until its tray icon
paints the right look, the app's trace marks, and memory / CPU / wakeups / network at rest."""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.demo.server import DemoServer
from desktop import Desktop

AWAY_THRESHOLD = 60  # seconds: the shortest away threshold the settings allow (1 minute)


def proc_figures(pid: int) -> tuple[float, float]:
    """(resident MiB, CPU seconds) of a process."""
    rss = next(int(line.split()[1]) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
               if line.startswith("VmRSS:"))
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return rss / 1024, (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss(pid: int) -> float:
    """The process's peak resident MiB so far (VmHWM)."""
    return next(int(line.split()[1]) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
                if line.startswith("VmHWM:")) / 1024


def wakeups(pid: int) -> int:
    """Context switches of all the process's threads so far: each is a wakeup (or a preemption)."""
    total = 0
    for status in Path(f"/proc/{pid}/task").glob("*/status"):
        try:
            lines = status.read_text().splitlines()
        except OSError:
            continue  # a thread that just ended
        total += sum(int(line.split()[1]) for line in lines if "ctxt_switches:" in line)
    return total


def at_rest(pid: int, rest: float, label: str) -> dict[str, float]:
    """CPU %, wakeups per second and resident memory over `rest` seconds of doing nothing."""
    _, cpu0 = proc_figures(pid)
    woke0 = wakeups(pid)
    time.sleep(rest)
    rss, cpu1 = proc_figures(pid)
    return {f"rss_mib_{label}": rss, f"cpu_percent_{label}": 100 * (cpu1 - cpu0) / rest,
            f"wakeups_per_s_{label}": (wakeups(pid) - woke0) / rest}


def show_window(env: dict[str, str]) -> None:
    from app.platform.control import send
    previous = os.environ.get("MITE_TRAY_RUNTIME_DIR")
    os.environ["MITE_TRAY_RUNTIME_DIR"] = env["MITE_TRAY_RUNTIME_DIR"]
    try:
        if send({"cmd": "show"}) is None:
            raise RuntimeError("the app did not answer 'show'")
    finally:
        if previous is None:
            os.environ.pop("MITE_TRAY_RUNTIME_DIR")
        else:
            os.environ["MITE_TRAY_RUNTIME_DIR"] = previous


def launch(command: list[str], env: dict[str, str], desktop: Desktop, server: DemoServer | None,
           rest: float, away: bool = False, look: str = "running",
           during: Callable[[int], dict[str, Any]] | None = None) -> dict[str, Any]:
    """Start `command`; time its tray icon until it paints `look` (mite-tray: "running", the timer runs in
    mite; the bare trays: "bare") and the app's trace marks; then optionally measure at rest (`away`: only
    at rest with the user away, see measure_away), or run `during(pid)` and add its figures."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    marks: dict[str, float] = {}

    def read_trace() -> None:
        for line in process.stderr:  # type: ignore[union-attr]
            if line.startswith("mite-tray-trace "):
                marks.setdefault(line.split()[1], time.perf_counter() - started)

    threading.Thread(target=read_trace, daemon=True).start()
    result: dict[str, Any] = {}
    alive = lambda: process.poll() is None  # noqa: E731
    try:
        first, result["launch_to_first_icon_s"] = desktop.wait_look(None, started, alive=alive)
        result["first_icon_was_correct"] = float(first == look)
        result["launch_to_correct_icon_s"] = desktop.wait_look({look}, started, alive=alive)[1]
        while server and "synced" not in marks:
            if time.perf_counter() - started > 120 or not alive():
                raise RuntimeError(f"{command} did not sync")
            time.sleep(0.01)
        if server:
            result["peak_rss_mib_to_first_sync"] = peak_rss(process.pid)
        if "shown" in marks:
            result["launch_to_saved_data_s"] = marks["shown"]
        if "synced" in marks:
            result["launch_to_synced_data_s"] = marks["synced"]
        if during:
            result.update(during(process.pid))
        elif away:
            desktop.input()  # present now; the away threshold (1 minute) passes with no input
            time.sleep(AWAY_THRESHOLD + 10)
            result.update(at_rest(process.pid, rest, "user_away"))
        elif rest:
            time.sleep(5)  # let start-up settle
            requests0 = len(server.requests) if server else 0
            bytes0 = server.bytes_sent if server else 0
            result.update(at_rest(process.pid, rest, "at_rest"))
            if server:
                result["requests_per_hour_at_rest"] = (len(server.requests) - requests0) * 3600 / rest
                result["kib_per_hour_at_rest"] = (server.bytes_sent - bytes0) / 1024 * 3600 / rest
                show_window(env)  # then the same rest with the window open (it polls more often)
                result.update(at_rest(process.pid, rest, "window_shown"))
        return result
    finally:
        process.terminate()
        process.wait()


def measure_away(app: list[str], env: dict[str, str], desktop: Desktop, server: DemoServer,
                 rest: float) -> dict[str, float]:
    """At rest while the user is away with the demo's timer running: the away watch then looks every
    few seconds (to ask as soon as they are back), the costliest it gets. A config of its own sets
    the threshold to one minute so the bench need not wait ten."""
    admin = next(user for user in server.mite.users.values() if user["role"] == "admin")
    if not server.mite.trackers.get(admin["id"]):
        entry = next(e for e in server.mite.records["time_entries"].values()
                     if e["user_id"] == admin["id"] and not e["locked"])
        server.mite.start_tracker(admin, entry["id"])  # a timer runs: the watch has something to watch for
    config = Path(env["MITE_TRAY_CONFIG_DIR"] + "-away")
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text(json.dumps({"away_minutes": 1}), encoding="utf-8")
    return launch(app, dict(env, MITE_TRAY_CONFIG_DIR=str(config)), desktop, server, rest, away=True)
