"""Each poll's cost on its own, and the first sync at 300 ms latency, with the app's Session in this process
against a demo mite in another (serve.py), so this process's CPU time is the app code's alone.

- polls: a Session synced once on a store file, then `await session.refresh()` as each poll runs it,
  the CPU time of this process around it (time.process_time: every thread of it) and the requests it
  sent: the timer poll (every poll), the 5-minute poll (the week's entries too) and the 30-minute poll
  (the catalog too). They are made due by moving the event loop's clock ahead (Session asks the loop's
  time), so no knob of the app is needed; the requests each poll sent show which ran. At 1,500 and
  15,000 entries this week (the large account), and at 50,000 projects with no change and with one
  project renamed in mite before the poll.
- first sync at 300 ms: every request answered 300 ms late; the wall time of the first refresh on an
  empty store, the requests and the sequential round trips (waves of requests: one starts when a
  request comes in later than half the delay after the wave before began).

Prints one JSON object; figures only, no assertions.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from accounts import HUGE_CATALOG, WEEK_LARGE, WEEK_SMALL  # noqa: E402
from app.api.client import MiteClient  # noqa: E402
from app.core.settings import Settings  # noqa: E402
from app.core.store import Store  # noqa: E402
from app.demo.data import ADMIN_KEY  # noqa: E402

LATENCY = 0.3
FIVE_MINUTES, HALF_AN_HOUR = 301.0, 1801.0  # past the Session's ENTRIES_EVERY_HIDDEN and CATALOG_EVERY


class Served:
    """serve.py in a child process: its URL, the requests it saw (time, method, path), its commands."""

    def __init__(self, *args: str):
        self.process = subprocess.Popen([sys.executable, str(Path(__file__).with_name("serve.py")), *args],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.requests: list[tuple[float, str, str]] = []
        self.answers: list[str] = []
        self.ready = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()
        if not self.ready.wait(600):
            raise RuntimeError("the demo server did not start")

    def _read(self) -> None:
        for line in self.process.stdout:  # type: ignore[union-attr]
            kind, *rest = line.split()
            if kind == "url":
                self.url = rest[0]
                self.ready.set()
            elif kind == "req":
                self.requests.append((float(rest[0]), rest[1], rest[2]))
            else:
                self.answers.append(" ".join(rest))

    def command(self, line: str) -> str:
        before = len(self.answers)
        self.process.stdin.write(line + "\n")  # type: ignore[union-attr]
        self.process.stdin.flush()  # type: ignore[union-attr]
        while len(self.answers) == before:
            time.sleep(0.005)
        return self.answers[-1]

    def close(self) -> None:
        self.process.stdin.close()  # type: ignore[union-attr]
        self.process.wait(30)


class ShiftedLoop(asyncio.SelectorEventLoop):
    """An event loop whose clock can be moved ahead: the Session's polls come due without waiting."""

    shift = 0.0

    def time(self) -> float:
        return super().time() + self.shift


def run(coroutine: Any) -> Any:
    with asyncio.Runner(loop_factory=ShiftedLoop) as runner:
        return runner.run(coroutine)


async def synced_session(served: Served, store_path: Path) -> Any:
    from app.core.session import Session
    client = MiteClient(served.url, ADMIN_KEY)
    session = Session(client, Settings(), Store(store_path), save_settings=False)
    await session.refresh()
    if not session.state.online:
        raise RuntimeError(f"the first sync failed: {session.state.problem}")
    return session


async def one_poll(session: Any, served: Served, ahead: float, change: str = "") -> tuple[float, list[str]]:
    """(CPU ms, the paths requested) of one poll, `ahead` seconds after the last (0: the timer poll)."""
    if change:
        served.command(change)
    asyncio.get_running_loop().shift += ahead  # type: ignore[attr-defined]
    seen = len(served.requests)
    started = time.process_time()
    await session.refresh()
    cpu = (time.process_time() - started) * 1000
    time.sleep(0.05)  # the server's log lines of this poll's requests arrive
    return cpu, [f"{method} {path}" for _, method, path in served.requests[seen:]]


async def poll_kinds(served: Served, store_path: Path, repeats: int, kinds: dict[str, tuple[float, str]]
                     ) -> dict[str, Any]:
    """{kind: median CPU ms} and {kind requests: the paths one poll of that kind requested}."""
    session = await synced_session(served, store_path)
    figures: dict[str, Any] = {}
    try:
        await one_poll(session, served, 0.0)  # warm: the first timer poll after the first sync
        for kind, (ahead, change) in kinds.items():
            polls = [await one_poll(session, served, ahead, change) for _ in range(repeats)]
            figures[f"{kind} cpu ms"] = statistics.median(cpu for cpu, _ in polls)
            figures[f"{kind} requests"] = polls[-1][1]
    finally:
        session.store.close()
        await session.client.aclose()
    return figures


async def first_sync(served: Served, store_path: Path) -> dict[str, Any]:
    """The first refresh on an empty store, every request answered LATENCY seconds late."""
    from app.core.session import Session
    served.command(f"delay {LATENCY}")
    client = MiteClient(served.url, ADMIN_KEY)
    session = Session(client, Settings(), Store(store_path), save_settings=False)
    seen = len(served.requests)
    started = time.perf_counter()
    await session.refresh()
    wall = time.perf_counter() - started
    served.command("delay 0")
    online = session.state.online
    session.store.close()
    await client.aclose()
    times = sorted(t for t, _, _ in served.requests[seen:])
    waves, wave_start = 0, None
    for t in times:
        if wave_start is None or t - wave_start > LATENCY / 2:
            waves, wave_start = waves + 1, t
    return {"first sync s": wall, "requests": len(times), "sequential round trips": waves,
            "time / 300 ms": wall / LATENCY, "synced": online}


def measure(repeats: int, small: bool = False) -> dict[str, Any]:
    sizes = {"small": WEEK_SMALL // 100, "large": WEEK_LARGE // 100} if small else {"small": WEEK_SMALL,
                                                                                      "large": WEEK_LARGE}
    huge = 500 if small else HUGE_CATALOG
    base = ["--small"] if small else []
    kinds = {"timer poll": (0.0, ""), "5-minute poll": (FIVE_MINUTES, ""), "30-minute poll": (HALF_AN_HOUR, "")}
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, count in sizes.items():
            served = Served(*base, "--this-week", str(count))
            try:
                week = int(served.command("count"))
                figures = run(poll_kinds(served, Path(tmp, f"{label}.sqlite3"), repeats, kinds))
                if label == "small":
                    figures.update(run(first_sync(served, Path(tmp, "latency.sqlite3"))))
                results[f"week of {week} entries"] = figures
            finally:
                served.close()
        served = Served(*base, "--projects", str(huge))
        try:
            results[f"{huge} projects"] = run(poll_kinds(served, Path(tmp, "huge.sqlite3"), repeats, {
                "30-minute poll, 0 changed": (HALF_AN_HOUR, ""),
                "30-minute poll, 1 project renamed": (HALF_AN_HOUR, "rename")}))
        finally:
            served.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--small", action="store_true", help="tiny sizes: the bench's own test")
    args = parser.parse_args()
    print(json.dumps(measure(args.repeats, args.small)))


if __name__ == "__main__":
    main()
