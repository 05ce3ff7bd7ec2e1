"""The real app under load: the large account with 1,500 or 15,000 entries in this week and a timer running,
one mite-tray process each (run by startup.py on its desktop, the demo server in the bench's process).

- launch to the CORRECT tray icon: from the process start until the icon's pixels show the running look
  (the timer runs in mite; an empty store first shows the idle placeholder), and the peak RSS up to the
  end of the first sync (VmHWM)
- click to painted icon: a middle click on the tray icon (XTEST: as from a mouse; the tray's middle
  click stops or continues the timer) until the icon's pixels show the other look
- CPU per action: `start --last` and `stop` over the control socket (what `mite-tray start/stop` send),
  the app process's CPU (/proc/PID/stat) from before the first to after the last, once the app and
  mite are quiet, divided by the actions
- CPU per idle poll: the app at rest (window never opened, polling every 15 s, the shortest the
  settings allow), its CPU over the rest divided by the timer polls mite saw (GET /tracker.json)
- `mite-tray status` beside `miteclock status` (peers.py), on the first size only
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path
from typing import Any

from accounts import account, week_entries
from app.demo.server import DemoServer
from desktop import Desktop
from peers import status_beside_miteclock
from launches import launch, proc_figures

POLL_SECONDS = 15  # Settings' smallest poll_seconds_hidden
ACTIONS = 20  # at least, alternately stop and start --last


def control(env: dict[str, str], request: dict[str, Any]) -> dict[str, Any]:
    """One request to the app over its control socket, as the CLI sends it."""
    import os

    from app.platform.control import send
    previous = os.environ.get("MITE_TRAY_RUNTIME_DIR")
    os.environ["MITE_TRAY_RUNTIME_DIR"] = env["MITE_TRAY_RUNTIME_DIR"]
    try:
        reply = send(request)
    finally:
        os.environ.pop("MITE_TRAY_RUNTIME_DIR")
        if previous is not None:
            os.environ["MITE_TRAY_RUNTIME_DIR"] = previous
    if reply is None or not reply.get("ok"):
        raise RuntimeError(f"the app answered {request['cmd']!r} with {reply}")
    return reply


def quiet(pid: int, server: DemoServer, calm: float = 0.4, timeout: float = 30.0) -> None:
    """Wait until mite saw no request and the app used no CPU for `calm` seconds (its sync after an action
    is done)."""
    started = time.perf_counter()
    last = (len(server.requests), proc_figures(pid)[1])
    since = time.perf_counter()
    while time.perf_counter() - started < timeout:
        time.sleep(0.05)
        now = (len(server.requests), proc_figures(pid)[1])
        if now != last:
            last, since = now, time.perf_counter()
        elif time.perf_counter() - since >= calm:
            return


def clicks(desktop: Desktop, pid: int, server: DemoServer, runs: int) -> dict[str, float]:
    """Middle click on the icon until its pixels change: stop (running to idle), continue (idle to running)."""
    found = desktop.icon_window()
    if found is None:
        raise RuntimeError("no tray icon to click")
    window, x, y, width, height = found
    times: dict[str, list[float]] = {"stop": [], "continue": []}
    for _ in range(runs):
        for kind, wanted in (("stop", "idle"), ("continue", "running")):
            quiet(pid, server)
            started = time.perf_counter()
            desktop.pixels.middle_click(x + width // 2, y + height // 2)
            times[kind].append(desktop.wait_look({wanted}, started, timeout=30)[1] * 1000)
    return {f"click {kind} to painted icon median ms": statistics.median(v) for kind, v in times.items()}


def actions(env: dict[str, str], pid: int, server: DemoServer, count: int) -> dict[str, float]:
    """CPU per action: `count` actions, alternately stop and start --last, each with the sync it brings."""
    quiet(pid, server)
    cpu0 = proc_figures(pid)[1]
    requests0 = len(server.requests)
    for n in range(count):
        control(env, {"cmd": "stop"} if n % 2 == 0 else {"cmd": "start", "last": True})
        quiet(pid, server)
    cpu = proc_figures(pid)[1] - cpu0
    return {"cpu per action ms": cpu * 1000 / count,
            "requests per action": (len(server.requests) - requests0) / count}


def idle_polls(pid: int, server: DemoServer, rest: float) -> dict[str, float | None]:
    """CPU per timer poll at rest, over `rest` seconds (None when no poll came in that time)."""
    quiet(pid, server)
    seen, cpu0 = len(server.requests), proc_figures(pid)[1]
    time.sleep(rest)
    polls = sum(path == "/tracker.json" for _, path in server.requests[seen:])
    cpu = proc_figures(pid)[1] - cpu0
    return {"idle polls seen": float(polls), "cpu per idle poll ms": cpu * 1000 / polls if polls else None}


def measure(desktop: Desktop, app: list[str], env: dict[str, str], tmp: str, sizes: list[int], runs: int,
            rest: float, small: bool) -> dict[str, dict[str, Any]]:
    results: dict[str, dict[str, Any]] = {}
    config = Path(tmp, "config-load")
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text(json.dumps({"poll_seconds_hidden": POLL_SECONDS}), encoding="utf-8")
    for number, size in enumerate(sizes):
        mite = account(small=small, this_week=size)
        server = DemoServer(mite).start()
        try:
            label = f"week of {week_entries(mite)} entries"
            run_env = dict(env, MITE_TRAY_CONFIG_DIR=str(config), MITE_TRAY_DATA_DIR=f"{tmp}/data-load-{size}",
                           MITE_TRAY_RUNTIME_DIR=f"{tmp}/run-load")

            def during(pid: int, size: int = size, number: int = number, run_env: dict[str, str] = run_env,
                       server: DemoServer = server) -> dict[str, Any]:
                figures: dict[str, Any] = clicks(desktop, pid, server, runs)
                # CPU time comes in 10 ms ticks: 6 actions of ~12 ms (--runs 3) put a tick either way at
                # +-15 % of the ratio; 20 at least keep it near 4 %
                figures.update(actions(run_env, pid, server, max(ACTIONS, 2 * runs)))
                # a quick look (rest under a poll) sees no poll: None
                figures.update(idle_polls(pid, server, rest if rest < POLL_SECONDS else max(rest, 2 * POLL_SECONDS + 1)))
                if number == 0:
                    figures.update(status_beside_miteclock(server.mite, run_env, Path(tmp), max(3, runs)))
                return figures
            results[label] = launch([*app, "--url", server.url], run_env, desktop, server, 0, during=during)
        finally:
            server.stop()
    return results
