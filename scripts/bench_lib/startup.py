"""Launch to tray icon, to data on screen (cold and warm), and memory / CPU / network at rest.

Runs each app under Xvfb + openbox + trayer, against the demo server in this
process (so requests and bytes are counted here). Figures only: no assertions.
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
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.demo.data import ADMIN_KEY, demo_account  # noqa: E402
from app.demo.server import DemoServer  # noqa: E402

ICON_RE = re.compile(r'"mite-tray": \("mite-tray" "mite-tray"\)')
LARGE = {"extra_projects": 2970, "extra_entries": 20000, "extra_customers": 294, "extra_services": 51}


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

    def input(self) -> None:
        """Move the pointer: the user is there now (X11's idle time starts again from zero)."""
        subprocess.run(["xdotool", "mousemove", "10", "10", "mousemove", "20", "20"], env=self.env, check=True)

    def close(self) -> None:
        for process in [*self.helpers, self.xvfb]:
            process.terminate()
            process.wait()


def proc_figures(pid: int) -> tuple[float, float]:
    """(resident MiB, CPU seconds) of a process."""
    rss = next(int(line.split()[1]) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
               if line.startswith("VmRSS:"))
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return rss / 1024, (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


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
           rest: float, away: bool = False) -> dict[str, float]:
    """Start `command`; time the tray icon and the app's trace lines; optionally measure at rest
    (`away`: only at rest with the user away, see measure_away)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    marks: dict[str, float] = {}

    def read_trace() -> None:
        for line in process.stderr:  # type: ignore[union-attr]
            if line.startswith("mite-tray-trace "):
                marks.setdefault(line.split()[1], time.perf_counter() - started)

    threading.Thread(target=read_trace, daemon=True).start()
    result: dict[str, float] = {}
    try:
        while "launch_to_tray_s" not in result or (server and "synced" not in marks):
            if "launch_to_tray_s" not in result and desktop.icon_shown():
                result["launch_to_tray_s"] = time.perf_counter() - started
            if time.perf_counter() - started > 120 or process.poll() is not None:
                raise RuntimeError(f"{command} did not come up")
            time.sleep(0.01)
        if "shown" in marks:
            result["launch_to_saved_data_s"] = marks["shown"]
        if "synced" in marks:
            result["launch_to_synced_data_s"] = marks["synced"]
        if away:
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


AWAY_THRESHOLD = 60  # seconds: the shortest away threshold the settings allow (1 minute)


def measure_away(app: list[str], env: dict[str, str], desktop: Desktop, server: DemoServer,
                 rest: float) -> dict[str, float]:
    """At rest while the user is away with the demo's timer running: the away watch then looks every
    few seconds (to ask as soon as they are back), the costliest it gets. A config of its own sets
    the threshold to one minute so the bench need not wait ten."""
    admin = next(user for user in server.mite.users.values() if user["role"] == "admin")
    entry = next(e for e in server.mite.records["time_entries"].values() if e["user_id"] == admin["id"] and not e["locked"])
    server.mite.start_tracker(admin, entry["id"])  # a timer runs: the watch has something to watch for
    config = Path(env["MITE_TRAY_CONFIG_DIR"] + "-away")
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text(json.dumps({"away_minutes": 1}), encoding="utf-8")
    return launch(app, dict(env, MITE_TRAY_CONFIG_DIR=str(config)), desktop, server, rest, away=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rest", type=float, default=120.0,
                        help="seconds at rest for memory, CPU and network (window hidden, then shown)")
    parser.add_argument("--small", action="store_true",
                        help="the small demo account instead of the large one (3,000 projects, 20,000 entries)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--app", help="measure this executable (an installed bundle) instead of python -m app")
    parser.add_argument("--floor", help="measure this executable (a bundled bare tray) as the floor")
    parser.add_argument("--no-interaction", action="store_true", help="skip window/palette latency")
    parser.add_argument("--only", choices=["week"],
                        help="week: only issue 16's figures (the week view opened, the store after a year of use)")
    args = parser.parse_args()
    if args.only == "week":
        import weeks  # scripts/bench_lib, beside this file
        weeks.report(weeks.measure(), args.json)
        return
    python = sys.executable
    server = DemoServer(demo_account(**({} if args.small else LARGE))).start()
    results: dict[str, list[dict[str, float]]] = {"bare PySide6 tray": [], "mite-tray cold": [],
                                                  "mite-tray warm": []}
    with tempfile.TemporaryDirectory() as tmp:
        desktop = Desktop()
        try:
            interaction = [] if args.no_interaction else [json.loads(subprocess.run(
                [python, str(ROOT / "scripts/bench_lib/interaction.py")], env=desktop.env, check=True,
                capture_output=True, text=True).stdout) for _ in range(min(args.runs, 3))]
            for run in range(args.runs):
                # SSL_CERT_FILE/DIR are set in some build sandboxes, not in desktop sessions: the app
                # would then load the whole CA file (app.platform.tls.tls_verification).
                base = {k: v for k, v in desktop.env.items() if k not in ("SSL_CERT_FILE", "SSL_CERT_DIR")}
                env = dict(base, MITE_API_KEY=ADMIN_KEY, MITE_TRAY_TRACE="1",
                           MITE_TRAY_CONFIG_DIR=f"{tmp}/config", MITE_TRAY_DATA_DIR=f"{tmp}/data-{run}",
                           MITE_TRAY_RUNTIME_DIR=f"{tmp}/run")
                app = [*([args.app] if args.app else [python, "-m", "app"]), "--url", server.url]
                results["bare PySide6 tray"].append(
                    launch([args.floor] if args.floor else [python, str(ROOT / "scripts/bench_lib/bare_tray.py")],
                           env, desktop, None,
                           args.rest if run == 0 else 0))
                results["mite-tray cold"].append(launch(app, env, desktop, server, 0))  # empty local store
                results["mite-tray warm"].append(  # from the store the cold run left
                    launch(app, env, desktop, server, args.rest if run == 0 else 0))
                if run == 0 and args.rest:
                    results["mite-tray warm"][0].update(measure_away(app, env, desktop, server, args.rest))
        finally:
            desktop.close()
            server.stop()
    summary = {name: {k: statistics.median(r[k] for r in runs if k in r) for k in {k for r in runs for k in r}}
               for name, runs in results.items()}
    latency = {k: statistics.median(r[k] for r in interaction) for k in interaction[0]} if interaction else {}
    if args.json:
        print(json.dumps({**summary, "interaction (10,000 projects)": latency}, indent=2))
        return
    names = list(summary)
    print(f"{'measure':28}" + "".join(f"{n:>20}" for n in names) + f"{'warm/bare':>11}")
    for key in sorted({k for s in summary.values() for k in s}):
        values = [summary[n].get(key) for n in names]
        ratio = values[2] / values[0] if values[0] and values[2] is not None else None
        cells = "".join(f"{v:>20.3f}" if v is not None else f"{'-':>20}" for v in values)
        print(f"{key:28}{cells}{f'{ratio:>10.2f}x' if ratio else f'{chr(45):>11}'}")
    size = "demo account" if args.small else "large account (3,000 projects, 300 customers, 60 services, 20,000 entries)"
    print(f"({size}; median of {args.runs} launches; memory, CPU, wakeups and network over {args.rest:.0f} s "
          "at rest with the window hidden, then as long with it shown; user_away: as long again in another "
          "launch, the user away past the threshold with a timer running)")
    if not latency:
        return
    print()
    print(f"{'interaction, 10,000 projects':36}{'ms':>10}")
    for key, value in latency.items():
        if key.endswith(" ms"):
            print(f"{key[:-3]:36}{value:>10.1f}")
    print(f"(median of {len(interaction)} runs; keystroke: key event to list updated and painted, typing "
          "'api docs / writing: fix typos'; search: the fuzzy search alone)")


if __name__ == "__main__":
    main()
