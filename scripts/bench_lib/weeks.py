"""Issue 16's figures: opening the week view, and the store's size after a year of weekly use.

- week view: a store file holding 15,000 entries in this week and as many in each of the 8 weeks
  before it (9 weeks cached, all marked as kept current), opened as the app does: a Session on the
  file, then `session.weeks.open(day)` + `session.weeks.week(day)` (the core part of the timesheet),
  first open and later opens, for this week and a cached past week.
  WINDOW HOOK: the window's week view (app/ui, built on another branch) is not timed yet; see
  `window_open_ms` below for where its first and later opens go once it is in main.
- a year of weekly use: a demo mite whose clock moves day by day through 52 weeks, a store file synced
  as the app syncs (core.pull: the changes chain within a week, a full load when the window moves each
  Monday, which prunes), the user booking 6 entries a working day in mite and opening the 3 weeks
  before each Friday. The store's size and the entries it keeps, each quarter: they must stay bounded.

Run by startup.py (`scripts/bench --only week`); figures only, no assertions. No display needed.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.api.client import MiteClient  # noqa: E402
from app.core import history  # noqa: E402
from app.core.pull import busy_ids, pull  # noqa: E402
from app.core.settings import Settings  # noqa: E402
from app.core.store import Store  # noqa: E402
from app.core.week import monday_of  # noqa: E402

WEEK_ENTRIES = 15_000
CACHED_WEEKS = history.KEEP_WEEKS  # this week and the 8 before it
OPENS = 6  # the first open and five later ones
YEAR_WEEKS, PER_DAY, OPENED_BEFORE = 52, 6, 3


def fill(store: Store, today: date) -> None:
    """WEEK_ENTRIES entries in each of the CACHED_WEEKS weeks up to this one; the past ones marked held."""
    monday, entry_id = monday_of(today), 1
    with store.transaction():
        for back in range(CACHED_WEEKS):
            first = monday - timedelta(weeks=back)
            for n in range(WEEK_ENTRIES):
                day = first + timedelta(days=n % 7)
                store.put_entry({"id": entry_id, "minutes": 5 + n % 90, "date_at": day.isoformat(),
                                 "note": f"Entry {n}", "project_id": 1 + n % 40, "project_name": f"Project {n % 40}",
                                 "service_id": 1, "service_name": "Development", "user_id": 1, "locked": False,
                                 "billable": True, "created_at": f"{day.isoformat()}T09:00:00+00:00",
                                 "updated_at": f"{day.isoformat()}T09:00:00+00:00"})
                entry_id += 1
        store.set_meta(history.WEEKS, json.dumps([(monday - timedelta(weeks=b)).isoformat()
                                                  for b in range(1, CACHED_WEEKS)]))
        store.set_meta("changes:time_entries", "https://demo.invalid/changes")  # the chain holds: weeks are held


def window_open_ms(session: Any) -> dict[str, float]:
    """WINDOW HOOK (issue 16): the window's week view, first open and later opens, once app/ui has it
    (weekui branch): build MainWindow(session, ...) under the display, show the week view, and time it
    until exposed and painted as interaction.py's open_latency does. Nothing timed until then."""
    return {}


async def week_open(path: Path) -> dict[str, float]:
    from PySide6.QtCore import QCoreApplication
    from app.core.session import Session

    QCoreApplication.instance() or QCoreApplication(["mite-tray-bench"])
    figures: dict[str, float] = {}
    client = MiteClient("http://127.0.0.1:9", "0" * 16)  # nothing listens: a held week needs no request
    start = time.perf_counter()
    session = Session(client, Settings(), Store(path), save_settings=False)
    figures["session on the store ms"] = (time.perf_counter() - start) * 1000
    today = session.weeks.today()
    for label, day in (("this week", today), ("a cached week", today - timedelta(weeks=CACHED_WEEKS - 1))):
        times, total = [], 0
        for _ in range(OPENS):
            start = time.perf_counter()
            problem = await session.weeks.open(day)
            total = session.weeks.week(day).total
            times.append((time.perf_counter() - start) * 1000)
            assert not problem and total > 0, problem  # the bench measures the real thing or nothing
        figures[f"open+week, {label}, first ms"] = times[0]
        figures[f"open+week, {label}, later median ms"] = statistics.median(times[1:])
    figures["weeks fetched (0: all held)"] = float(session.weeks.fetches)
    figures.update(window_open_ms(session))
    session.store.close()
    await client.aclose()
    return figures


@dataclass
class Year:
    """The demo mite, its clock and the store synced with it."""

    mite: Any
    server: Any
    store: Store
    client: MiteClient
    user: dict[str, Any]
    now: datetime


async def year_of_use(path: Path) -> list[dict[str, float]]:
    from app.demo.data import ADMIN_KEY, build
    from app.demo.mite import DemoMite
    from app.demo.server import DemoServer

    start = datetime.now().astimezone().replace(hour=9, minute=0, second=0, microsecond=0)
    start -= timedelta(days=start.weekday(), weeks=YEAR_WEEKS)
    clock = [start]
    mite = build(DemoMite(clock=lambda: clock[0]))
    server = DemoServer(mite).start()
    client = MiteClient(server.url, ADMIN_KEY)
    store = Store(path)
    user = next(u for u in mite.users.values() if u["api_key"] == ADMIN_KEY)
    quarters: list[dict[str, float]] = []
    try:
        for week in range(1, YEAR_WEEKS + 1):
            monday = clock[0].date()
            for weekday in range(5):
                clock[0] = datetime.combine(monday + timedelta(days=weekday), clock[0].timetz())
                with mite.lock:
                    for n in range(PER_DAY):
                        mite.create_entry(user, {"time_entry": {"date_at": clock[0].date().isoformat(),
                                                                "minutes": 30 + 15 * n, "note": f"Work {n}"}})
                # the app's sync round: a full load on Monday (the window moved: prune), else the changes
                await pull(store, client, clock[0].date(), user_id=user["id"])
            for back in range(1, OPENED_BEFORE + 1):  # Friday: the user looks at the weeks before
                day, today = monday - timedelta(weeks=back), clock[0].date()
                if not history.held(store, day, today):
                    await history.fetch_week(store, client, day, today, lambda: busy_ids(store))
            clock[0] = datetime.combine(monday + timedelta(weeks=1), clock[0].timetz())
            if week % 13 == 0:
                quarters.append(size_of(store, path, week, mite, user))
    finally:
        store.close()
        await client.aclose()
        server.stop()
    return quarters


def size_of(store: Store, path: Path, week: int, mite: Any, user: dict[str, Any]) -> dict[str, float]:
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    kept = store.db.execute("SELECT count(*) FROM entries").fetchone()[0]
    files = [path, Path(f"{path}-wal")]
    in_mite = sum(e["user_id"] == user["id"] for e in mite.records["time_entries"].values())
    return {"week": float(week), "store KiB": sum(f.stat().st_size for f in files if f.exists()) / 1024,
            "entries kept": float(kept), "entries in mite": float(in_mite)}


def measure() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "week.sqlite3")
        started = time.perf_counter()
        fill(store, date.today())
        store.close()
        filled = time.perf_counter() - started
        figures = asyncio.run(week_open(Path(tmp) / "week.sqlite3"))
        figures["store MiB"] = (Path(tmp) / "week.sqlite3").stat().st_size / 2**20
        figures["filling the store s"] = filled
        year = asyncio.run(year_of_use(Path(tmp) / "year.sqlite3"))
    return {"week view": figures, "year": year}


def report(results: dict[str, Any], as_json: bool) -> None:
    """The figures as startup.py prints its own: a table, or JSON."""
    title = f"week view: {WEEK_ENTRIES:,} entries a week, {CACHED_WEEKS} weeks cached"
    year_title = f"store after a year of weekly use ({PER_DAY} entries a working day, {OPENED_BEFORE} weeks opened weekly)"
    if as_json:
        print(json.dumps({title: results["week view"], year_title: results["year"]}, indent=2))
        return
    print(f"{title:60}{'value':>10}")
    for key, value in results["week view"].items():
        print(f"{key:60}{value:>10.1f}")
    print("(core part: Session.weeks.open() + week() on a store file; the window's week view is not timed yet: "
          "the WINDOW HOOK in scripts/bench_lib/weeks.py)")
    print()
    columns = ["week", "store KiB", "entries kept", "entries in mite"]
    print(f"{year_title[:60]:60}" + "".join(f"{c:>16}" for c in columns[1:]))
    for row in results["year"]:
        print(f"{'after week ' + str(int(row['week'])):60}" + "".join(f"{row[c]:>16.0f}" for c in columns[1:]))


def main() -> None:
    report(measure(), "--json" in sys.argv)


if __name__ == "__main__":
    main()
