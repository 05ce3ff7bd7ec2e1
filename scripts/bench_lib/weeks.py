"""Issue 16's figures: opening the week view, and the store's size after a year of weekly use.

- week view: a store file holding 15,000 entries in this week and as many in each of the 8 weeks
  before it (9 weeks cached, all marked as kept current), opened as the app does: a Session on the
  file, then `session.weeks.open(day)` + `session.weeks.week(day)` (what `mite-tray week` reads),
  first open and later opens, for this week and a cached past week; then the real window on that
  Session: its first open (built, showing this week's timesheet), later opens, and going to a
  cached week and back (the timesheet read and painted).
- a year of weekly use: a demo mite whose clock moves day by day through 52 weeks, a store file synced
  as the app syncs (core.pull: the changes chain within a week, a full load when the window moves each
  Monday, which prunes), the user booking 6 entries a working day in mite and opening the 3 weeks
  before each Friday. The store's size and the entries it keeps, each quarter: they must stay bounded.

Run by startup.py (`scripts/bench --only week`); figures only, no assertions. No display needed
(offscreen); with DISPLAY set, on that display.
"""

from __future__ import annotations

import asyncio
import json
import os
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
    """The window's week view (app/ui/day_view.py): the window's first open (it is built then and shows
    today's week) and later opens, then going to a cached past week and back (its timesheet read from
    the store and painted), first and later. Each until the window is exposed and events are handled."""
    from PySide6.QtWidgets import QApplication
    from app.core.tasks import TaskSet
    from app.ui.window import MainWindow

    app = QApplication.instance()
    tasks, figures = TaskSet(), {}

    def settled(act: Any) -> float:
        start = time.perf_counter()
        act()
        while window.windowHandle() is None or not window.windowHandle().isExposed():
            app.processEvents()
        app.processEvents()  # the paint
        return (time.perf_counter() - start) * 1000

    window: Any = None

    def build_and_show() -> None:
        nonlocal window
        window = MainWindow(session, tasks, "bench")
        window.present()
    figures["window first open (builds it, this week) ms"] = settled(build_and_show)
    opens = []
    for _ in range(OPENS - 1):
        window.hide()
        app.processEvents()
        opens.append(settled(window.present))
    figures["window later open median ms"] = statistics.median(opens)
    today = session.weeks.today()
    past = today - timedelta(weeks=CACHED_WEEKS - 1)
    goes = [settled(lambda day=day: window.days.go(day)) for day in [past, today] * (OPENS // 2)]
    figures["window: to a cached week, first ms"] = goes[0]
    figures["window: between weeks, later median ms"] = statistics.median(goes[1:])
    window.hide()
    return figures


async def week_open(path: Path, window: bool = True) -> dict[str, float]:
    from app.core.session import Session
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
    if window:
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


def in_qt(coroutine: Any) -> Any:
    """Run `coroutine` on a qasync loop, as the app runs (the window's widgets need a QApplication)."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import qasync
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["mite-tray-bench"])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        with loop:
            return loop.run_until_complete(coroutine)
    finally:
        asyncio.set_event_loop(None)  # not the closed loop for whatever runs next in this process


def measure() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "week.sqlite3")
        started = time.perf_counter()
        fill(store, date.today())
        store.close()
        filled = time.perf_counter() - started
        figures = in_qt(week_open(Path(tmp) / "week.sqlite3"))
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
    print("(open+week: Session.weeks.open() + week() on a store file; window: the real MainWindow and its week "
          "view on the same store, until exposed and painted; QT_QPA_PLATFORM=offscreen unless a display is set)")
    print()
    columns = ["week", "store KiB", "entries kept", "entries in mite"]
    print(f"{year_title[:60]:60}" + "".join(f"{c:>16}" for c in columns[1:]))
    for row in results["year"]:
        print(f"{'after week ' + str(int(row['week'])):60}" + "".join(f"{row[c]:>16.0f}" for c in columns[1:]))


def main() -> None:
    report(measure(), "--json" in sys.argv)


if __name__ == "__main__":
    main()
