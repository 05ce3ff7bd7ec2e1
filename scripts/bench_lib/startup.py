"""scripts/bench: mite-tray beside a bare PySide6 tray (and one importing the same stack), and beside
the peer CLI miteclock, in one run. Figures only: no assertions.

Under Xvfb + openbox + trayer (desktop.py), against demo servers in this process (so requests and bytes
are counted here), on the large account with a timer running and a realistic week (accounts.py):
- launches.py: launch to the correct tray icon (its pixels), cold and warm; memory, CPU, wakeups and
  network at rest, window hidden and shown; peak RSS to the first sync
- load.py: at 1,500 and 15,000 entries this week: click to painted icon, CPU per action and per idle
  poll, `mite-tray status` beside `miteclock status` (peers.py)
- polls.py: each poll's CPU on its own (timer, 5-minute, 30-minute; 50,000 projects with 0 and 1
  change) and the first sync at 300 ms latency
- interaction.py: window and palette opens (first ones with their imports), palette typing
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from accounts import WEEK_LARGE, WEEK_SMALL, account  # noqa: E402
from app.demo.data import ADMIN_KEY  # noqa: E402
from app.demo.server import DemoServer  # noqa: E402
from desktop import Desktop  # noqa: E402
from launches import launch, measure_away  # noqa: E402

FLOORS = ("bare PySide6 tray", "bare tray + qasync + httpx")
APPS = ("mite-tray cold", "mite-tray warm")


def helper(script: str, env: dict[str, str], *args: str) -> dict[str, Any]:
    """Run scripts/bench_lib/`script` and read the JSON it prints."""
    done = subprocess.run([sys.executable, str(ROOT / "scripts/bench_lib" / script), *args], env=env,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{script} failed: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rest", type=float, default=120.0,
                        help="seconds at rest for memory, CPU and network (window hidden, then shown)")
    parser.add_argument("--small", action="store_true",
                        help="the small demo account and a hundredth of the load: a quick look that the bench runs")
    parser.add_argument("--quick", action="store_true", help="--small --runs 1 --rest 2")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--app", help="measure this executable (an installed bundle) instead of python -m app")
    parser.add_argument("--floor", help="measure this executable (a bundled bare tray) as the floor")
    parser.add_argument("--no-interaction", action="store_true", help="skip window/palette latency")
    parser.add_argument("--only", choices=["week"],
                        help="week: only issue 16's figures (the week view opened, the store after a year of use)")
    args = parser.parse_args()
    if args.quick:
        args.small, args.runs, args.rest = True, 1, 2.0
    if args.only == "week":
        import weeks  # scripts/bench_lib, beside this file
        weeks.report(weeks.measure(), args.json)
        return
    report(measure(args), args)


def measure(args: argparse.Namespace) -> dict[str, Any]:
    python = sys.executable
    sizes = [WEEK_SMALL // 100, WEEK_LARGE // 100] if args.small else [WEEK_SMALL, WEEK_LARGE]
    server = DemoServer(account(small=args.small, this_week=sizes[0])).start()
    results: dict[str, list[dict[str, Any]]] = {name: [] for name in (*FLOORS, *APPS)}
    with tempfile.TemporaryDirectory() as tmp:
        desktop = Desktop()
        try:
            interaction = [] if args.no_interaction else [
                helper("interaction.py", desktop.env) for _ in range(min(args.runs, 3))]
            # SSL_CERT_FILE/DIR are set in some build sandboxes, not in desktop sessions: the app
            # would then load the whole CA file (app.platform.tls.tls_verification).
            base = {k: v for k, v in desktop.env.items() if k not in ("SSL_CERT_FILE", "SSL_CERT_DIR")}
            app = [*([args.app] if args.app else [python, "-m", "app"]), "--url", server.url]
            bare = [args.floor] if args.floor else [python, str(ROOT / "scripts/bench_lib/bare_tray.py")]
            for run in range(args.runs):
                env = dict(base, MITE_API_KEY=ADMIN_KEY, MITE_TRAY_TRACE="1",
                           MITE_TRAY_CONFIG_DIR=f"{tmp}/config", MITE_TRAY_DATA_DIR=f"{tmp}/data-{run}",
                           MITE_TRAY_RUNTIME_DIR=f"{tmp}/run")
                rest = args.rest if run == 0 else 0
                results[FLOORS[0]].append(launch(bare, env, desktop, None, rest, look="bare"))
                results[FLOORS[1]].append(launch([*bare, "--stack"], env, desktop, None, rest, look="bare"))
                results["mite-tray cold"].append(launch(app, env, desktop, server, 0))  # empty local store
                results["mite-tray warm"].append(launch(app, env, desktop, server, rest))  # the store cold left
                if run == 0 and args.rest >= 10:  # a quick look skips the 70 s it takes to be away
                    results["mite-tray warm"][0].update(measure_away(app, env, desktop, server, args.rest))
            import load
            loaded = load.measure(desktop, app[:-2], dict(base, MITE_API_KEY=ADMIN_KEY, MITE_TRAY_TRACE="1"), tmp,
                                  sizes, max(2, args.runs), args.rest, args.small)
        finally:
            desktop.close()
            server.stop()
        polls = helper("polls.py", dict(base), "--repeats", str(max(2, args.runs)), *(["--small"] if args.small else []))
    summary = {name: {k: statistics.median(r[k] for r in runs if k in r) for k in {k for r in runs for k in r}}
               for name, runs in results.items()}
    latency = {k: statistics.median(r[k] for r in interaction) for k in interaction[0]} if interaction else {}
    return {"launch and rest": summary, "under load (real app)": loaded, "polls (in process)": polls,
            "goals": goals(summary, loaded, polls), "interaction (10,000 projects)": latency}


def ratio(a: Any, b: Any) -> float | None:
    return a / b if isinstance(a, int | float) and isinstance(b, int | float) and b else None


def goals(summary: dict[str, Any], loaded: dict[str, Any], polls: dict[str, Any]) -> dict[str, float | None]:
    """Issue 17's ratios, each with its goal in the name."""
    warm, floor = summary["mite-tray warm"], summary[FLOORS[1]]
    small, large = (loaded[k] for k in list(loaded)[:2])
    psmall, plarge = (polls[k] for k in list(polls)[:2])
    huge = polls[list(polls)[2]]
    first = psmall
    return {
        "cpu per action 15,000/1,500 (<= 1.5)": ratio(large["cpu per action ms"], small["cpu per action ms"]),
        "cpu per idle poll (real app) 15,000/1,500 (<= 1.5)": ratio(large["cpu per idle poll ms"],
                                                                     small["cpu per idle poll ms"]),
        "timer poll cpu 15,000/1,500 (<= 1.5)": ratio(plarge["timer poll cpu ms"], psmall["timer poll cpu ms"]),
        "5-minute poll cpu 15,000/1,500 (<= 1.5)": ratio(plarge["5-minute poll cpu ms"], psmall["5-minute poll cpu ms"]),
        "30-minute poll 1 changed/0 changed at 50,000 projects (<= 2)": ratio(
            huge["30-minute poll, 1 project renamed cpu ms"], huge["30-minute poll, 0 changed cpu ms"]),
        "rss at rest / bare tray + stack (<= 1.3)": ratio(warm.get("rss_mib_at_rest"), floor.get("rss_mib_at_rest")),
        "rss at rest / bare PySide6 tray": ratio(warm.get("rss_mib_at_rest"), summary[FLOORS[0]].get("rss_mib_at_rest")),
        "launch to correct icon, warm / bare tray + stack (<= 1.5)": ratio(
            warm["launch_to_correct_icon_s"], floor["launch_to_correct_icon_s"]),
        "launch to correct icon, cold / bare tray + stack": ratio(
            summary["mite-tray cold"]["launch_to_correct_icon_s"], floor["launch_to_correct_icon_s"]),
        "mite-tray status / miteclock status (<= 1.0)": small.get("mite-tray / miteclock"),
        "first sync at 300 ms / 300 ms": first.get("time / 300 ms"),
        "first sync sequential round trips": first.get("sequential round trips"),
        "first sync requests": first.get("requests"),
    }


def report(results: dict[str, Any], args: argparse.Namespace) -> None:
    if args.json:
        print(json.dumps(results, indent=2))
        return
    summary = results["launch and rest"]
    names = list(summary)
    print(f"{'launch and rest':34}" + "".join(f"{n[:22]:>24}" for n in names))
    for key in sorted({k for s in summary.values() for k in s}):
        cells = "".join(f"{v:>24.3f}" if isinstance(v := summary[n].get(key), float | int) else f"{'-':>24}"
                        for n in names)
        print(f"{key[:34]:34}{cells}")
    size = "the demo account" if args.small else "the large account (3,000 projects, 300 customers, 60 services, 20,000 old entries)"
    print(f"({size} with {list(results['under load (real app)'])[0].split(' of ')[1]} this week and a timer running; "
          f"median of {args.runs} launches. Icon: until the tray icon's pixels show the running look (mite-tray) or "
          f"the white square (bare trays). At rest over {args.rest:.0f} s with the window hidden, then as long shown; "
          "user_away: as long again, the user away past the threshold with a timer running)")
    for title in ("under load (real app)", "polls (in process)"):
        print()
        block = results[title]
        print(f"{title:60}" + "".join(f"{k[:26]:>28}" for k in block))
        for key in dict.fromkeys(k for b in block.values() for k in b):
            values = [b.get(key) for b in block.values()]
            cells = "".join(f"{v:>28.3f}" if isinstance(v, float | int) and not isinstance(v, bool)
                            else f"{str(v)[:26]:>28}" for v in values)
            print(f"{key[:60]:60}{cells}")
    print()
    print(f"{'issue 17 goals (ratios of this run)':72}{'ratio':>10}")
    for key, value in results["goals"].items():
        print(f"{key[:72]:72}" + (f"{value:>10.2f}" if value is not None else f"{'-':>10}"))
    latency = results["interaction (10,000 projects)"]
    if latency:
        print()
        print(f"{'interaction, 10,000 projects':36}{'ms':>10}")
        for key, value in latency.items():
            if key.endswith(" ms"):
                print(f"{key[:-3]:36}{value:>10.1f}")
        print("(first opens include importing the window / palette module, as the app's first click does; keystroke: "
              "key event to list updated and painted, typing 'api docs / writing: fix typos'; search: the fuzzy search alone)")


if __name__ == "__main__":
    main()
