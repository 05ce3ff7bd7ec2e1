"""Launch to tray icon, launch to data on screen, and memory / CPU at rest.

Runs each app under its own Xvfb + openbox + trayer, against the demo server
in this process (so requests are counted here). Figures only: no assertions.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.demo.data import ADMIN_KEY, demo_account  # noqa: E402
from app.demo.server import DemoServer  # noqa: E402

ICON_RE = re.compile(r'"mite-tray": \("mite-tray" "mite-tray"\)')


class Desktop:
    def __init__(self) -> None:
        read_fd, write_fd = os.pipe()
        self.xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24",
                                      "-nolisten", "tcp"], pass_fds=(write_fd,), stderr=subprocess.DEVNULL)
        os.close(write_fd)
        with os.fdopen(read_fd) as pipe:
            self.env = dict(os.environ, DISPLAY=f":{pipe.readline().strip()}")
        self.env.pop("QT_QPA_PLATFORM", None)
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": self.env}
        self.helpers = [subprocess.Popen(["openbox"], **quiet)]
        time.sleep(0.5)
        self.helpers.append(subprocess.Popen(["trayer", "--edge", "top", "--align", "right", "--widthtype",
                                              "request", "--height", "32"], **quiet))
        while "panel" not in self.tree():
            time.sleep(0.05)

    def tree(self) -> str:
        return subprocess.run(["xwininfo", "-root", "-tree"], env=self.env, capture_output=True, text=True).stdout

    def icon_shown(self) -> bool:
        tree = self.tree()
        panel = tree.find('"panel": ("panel" "trayer")')
        return panel >= 0 and ICON_RE.search(tree, panel) is not None

    def close(self) -> None:
        for process in [*self.helpers, self.xvfb]:
            process.terminate()
            process.wait()


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def launch(command: list[str], env: dict[str, str], server: DemoServer | None, desktop: Desktop,
           rest: float) -> dict[str, float]:
    if server:
        server.requests.clear()
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    icon = data = None
    try:
        while icon is None or (server and data is None):
            now = time.perf_counter() - started
            if icon is None and desktop.icon_shown():
                icon = now
            if server and data is None and any(p == "/daily.json" for _, p in server.requests):
                data = now
            if now > 60 or process.poll() is not None:
                raise RuntimeError(f"{command} did not show a tray icon")
            time.sleep(0.01)
        result = {"launch_to_tray_s": icon, "launch_to_data_s": data}
        if rest:
            time.sleep(5)  # let start-up settle before measuring the rest period
            cpu0, requests0 = cpu_seconds(process.pid), len(server.requests) if server else 0
            time.sleep(rest)
            result["rss_mib_at_rest"] = rss_kib(process.pid) / 1024
            result["cpu_percent_at_rest"] = 100 * (cpu_seconds(process.pid) - cpu0) / rest
            if server:
                result["requests_per_hour_at_rest"] = (len(server.requests) - requests0) * 3600 / rest
        return result
    finally:
        process.terminate()
        process.wait()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rest", type=float, default=60.0, help="seconds at rest for memory and CPU")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    python = sys.executable
    server = DemoServer(demo_account()).start()
    results: dict[str, list[dict[str, float]]] = {"bare PySide6 tray": [], "mite-tray --demo data": []}
    with tempfile.TemporaryDirectory() as tmp:
        desktop = Desktop()
        try:
            env = dict(desktop.env, MITE_API_KEY=ADMIN_KEY, MITE_TRAY_CONFIG_DIR=f"{tmp}/config", MITE_TRAY_DATA_DIR=f"{tmp}/data",
                       MITE_TRAY_RUNTIME_DIR=f"{tmp}/run")
            for run in range(args.runs):
                rest = args.rest if run == 0 else 0
                results["bare PySide6 tray"].append(
                    launch([python, str(ROOT / "scripts/bench_lib/bare_tray.py")], env, None, desktop, rest))
                results["mite-tray --demo data"].append(
                    launch([python, "-m", "app", "--url", server.url], env, server, desktop, rest))
        finally:
            desktop.close()
            server.stop()
    summary = {name: _summarise(runs) for name, runs in results.items()}
    if args.json:
        print(json.dumps(summary, indent=2))
        return
    keys = sorted({k for s in summary.values() for k in s})
    print(f"{'measure':32}" + "".join(f"{name:>26}" for name in summary) + f"{'ratio':>10}")
    for key in keys:
        values = [summary[name].get(key) for name in summary]
        ratio = values[1] / values[0] if values[0] and values[1] is not None else None
        cells = "".join(f"{v:>26.3f}" if v is not None else f"{'-':>26}" for v in values)
        print(f"{key:32}{cells}{(f'{ratio:>9.2f}x' if ratio else f'{chr(45):>10}')}")
    print(f"(median of {args.runs} launches; memory, CPU and requests over {args.rest:.0f} s at rest, window hidden)")


def _summarise(runs: list[dict[str, float]]) -> dict[str, float]:
    keys = {k for r in runs for k in r if r[k] is not None}
    return {k: statistics.median(r[k] for r in runs if r.get(k) is not None) for k in keys}


if __name__ == "__main__":
    main()
