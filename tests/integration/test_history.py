"""Past weeks (issue 16, core/history.py, core/weeks.py) against the demo mite: fetched once when opened,
kept current by the changes chain, fetched again for time trackers, bounded to nine weeks."""

import asyncio
from collections import Counter
from datetime import date, timedelta

import httpx

from app.core import history
from app.core.outbox import OutboxKind
from app.core.store import Tracker
from app.core.week import monday_of
from app.demo.data import ADMIN_KEY, TRACKER_KEY
from tests.helpers.demo import admin
from tests.helpers.polling import quick_session

TODAY = date.today()


def run(coro):
    return asyncio.run(coro)


def book_elsewhere(demo, day: date, minutes: int, key=ADMIN_KEY) -> int:
    """An entry made in mite (the web app, another device), not through the app."""
    with httpx.Client(base_url=demo.url, headers={"X-MiteApiKey": key}) as mite:
        reply = mite.post("/time_entries.json", json={"time_entry": {"date_at": day.isoformat(), "minutes": minutes}})
        reply.raise_for_status()
        return reply.json()["time_entry"]["id"]


def delete_elsewhere(demo, entry_id: int) -> None:
    with httpx.Client(base_url=demo.url, headers={"X-MiteApiKey": ADMIN_KEY}) as mite:
        mite.delete(f"/time_entries/{entry_id}.json").raise_for_status()


def server_days(demo, monday: date, user_id: int) -> dict[str, int]:
    """The user's minutes per day of the week, summed from the demo mite's own records."""
    sums: Counter[str] = Counter()
    for entry in demo.mite.records["time_entries"].values():
        if entry["user_id"] == user_id and monday.isoformat() <= entry["date_at"] <= (monday + timedelta(days=6)).isoformat():
            sums[entry["date_at"]] += entry["minutes"]
    return {(monday + timedelta(days=i)).isoformat(): sums[(monday + timedelta(days=i)).isoformat()] for i in range(7)}


def shown_days(session, day: date) -> dict[str, int]:
    return {d.day.isoformat(): d.minutes for d in session.weeks.week(day).days}


def entry_lists(demo) -> int:
    """Lists of entries asked for (a full load or a week), not changes."""
    return sum(1 for method, path in demo.requests if method == "GET" and path == "/time_entries.json")


def test_a_past_week_is_fetched_once_and_then_kept_current_by_mites_changes(demo, tmp_path, monkeypatch):
    for project in demo.mite.records["projects"].values():  # the budgets' own requests are not counted here
        project["budget"] = 0
    session = quick_session(demo, tmp_path / "s.sqlite3", monkeypatch)
    three_weeks_ago = TODAY - timedelta(weeks=3)
    monday = monday_of(three_weeks_ago)
    first = book_elsewhere(demo, monday + timedelta(days=1), 95)
    book_elsewhere(demo, monday + timedelta(days=3), 30)
    session.set_window_visible(True)  # the week view is in the window: each round reads the entries' changes

    async def body():
        await session.refresh()
        lists = entry_lists(demo)
        assert await session.weeks.open(three_weeks_ago) == ""
        assert shown_days(session, three_weeks_ago) == server_days(demo, monday, admin(demo)["id"])
        assert session.weeks.fetches == 1 and entry_lists(demo) == lists + 1
        # Made and removed elsewhere: the next sync round's changes bring both, no new load of the week.
        book_elsewhere(demo, monday + timedelta(days=4), 45)
        delete_elsewhere(demo, first)
        await session.refresh()
        assert await session.weeks.open(three_weeks_ago) == ""
        assert session.weeks.fetches == 1 and entry_lists(demo) == lists + 1
        assert shown_days(session, three_weeks_ago) == server_days(demo, monday, admin(demo)["id"])
        assert first not in [e.id for e in session.weeks.day(monday + timedelta(days=1))]  # the demo has others
    run(body())


def test_a_time_tracker_has_no_changes_so_a_past_week_is_fetched_each_time(demo, tmp_path, monkeypatch):
    session = quick_session(demo, tmp_path / "s.sqlite3", monkeypatch, key=TRACKER_KEY)
    day = TODAY - timedelta(weeks=2)

    async def body():
        await session.refresh()
        await session.weeks.open(day)
        book_elsewhere(demo, day, 20, key=TRACKER_KEY)
        await session.weeks.open(day)
        assert session.weeks.fetches == 2
        tracker = next(u for u in demo.mite.users.values() if u["role"] == "time_tracker")
        assert shown_days(session, day) == server_days(demo, monday_of(day), tracker["id"])
    run(body())


def test_opening_a_week_offline_says_so_and_keeps_what_the_store_holds(demo, tmp_path, monkeypatch):
    session = quick_session(demo, tmp_path / "s.sqlite3", monkeypatch)
    day = TODAY - timedelta(weeks=4)

    async def body():
        await session.refresh()
        demo.inject(path=".*", status=503, times=None)
        problem = await session.weeks.open(day)
        assert problem.strip()  # said in words; nothing raised
        assert session.weeks.fetches == 0 and session.weeks.week(day).total == 0
    run(body())


def old_entry(entry_id: int, day: date) -> dict:
    return {"id": entry_id, "date_at": day.isoformat(), "minutes": 60, "note": "", "project_id": None,
            "service_id": None, "locked": False, "created_at": f"{day.isoformat()}T09:00:00+00:00",
            "updated_at": f"{day.isoformat()}T09:00:00+00:00"}


def test_a_full_load_drops_entries_older_than_nine_weeks_but_never_what_waits_or_runs(demo, tmp_path, monkeypatch):
    session = quick_session(demo, tmp_path / "s.sqlite3", monkeypatch)
    store = session.store
    old = TODAY - timedelta(weeks=20)
    kept_edge = history.horizon(TODAY)
    with store.transaction():
        for entry_id in (9001, 9002, 9003, 9004):
            store.put_entry(old_entry(entry_id, old))
        store.put_entry(old_entry(9005, kept_edge))
        store.map_id(-77, 9001)
        store.set_tracker(Tracker(9003, session.journal.clock(), 60))
        store.enqueue(OutboxKind.UPDATE, {"entry_id": 9002, "fields": {"note": "kept"}, "force": False}, "x")
        store.set_meta(history.WEEKS, f'["{monday_of(old).isoformat()}"]')
    busy = {9002}

    with store.transaction():
        history.prune(store, TODAY, busy)
    assert store.entry(9001) is None and store.entry(9004) is None  # older than nine weeks
    assert store.entry(9002) and store.entry(9003) and store.entry(9005)  # waits, runs, on the edge
    assert store.server_id(-77) is None  # the mapping of a dropped entry goes with it
    assert history.marked_weeks(store) == set()


def test_a_week_months_back_is_held_until_the_next_full_load(demo, tmp_path, monkeypatch):
    session = quick_session(demo, tmp_path / "s.sqlite3", monkeypatch)
    long_ago = TODAY - timedelta(weeks=26)
    book_elsewhere(demo, long_ago, 75)

    async def body():
        await session.refresh()
        await session.weeks.open(long_ago)
        assert shown_days(session, long_ago) == server_days(demo, monday_of(long_ago), admin(demo)["id"])
        assert session.weeks.week(long_ago).total >= 75
        assert session.weeks.day(long_ago)  # shown, and editable, while held
        session.store.set_meta("entries_window", "moved")  # the window moves (a new week): a full load
        session.network_changed()
        await session.refresh()
        assert session.weeks.day(long_ago) == []
        assert not history.held(session.store, long_ago, TODAY)
    run(body())


def test_the_store_stays_bounded_over_a_year_of_weeks(demo, tmp_path, monkeypatch):
    """A year of use, one full load a week: entries never pile up beyond nine weeks and what waits."""
    session = quick_session(demo, tmp_path / "s.sqlite3", monkeypatch)
    store = session.store
    start = TODAY - timedelta(weeks=52)
    counts = []
    for week in range(52):
        today = monday_of(start) + timedelta(weeks=week)
        with store.transaction():
            for day in range(5):
                store.put_entry(old_entry(100_000 + week * 10 + day, today + timedelta(days=day)))
            history.prune(store, today + timedelta(days=4), set())
        counts.append(store.db.execute("SELECT COUNT(*) FROM entries").fetchone()[0])
    assert max(counts) <= history.KEEP_WEEKS * 5 + 10  # the demo's own weeks
    assert counts[-1] == counts[-10]


def test_fresh_reads_an_entry_made_elsewhere_a_moment_ago(demo, tmp_path, monkeypatch):
    """`mite-tray week` with the app running: the window is hidden, so a plain round reads only the timer."""
    session = quick_session(demo, tmp_path / "s.sqlite3", monkeypatch)

    async def body():
        await session.refresh()
        book_elsewhere(demo, TODAY, 42)
        assert await session.weeks.fresh(TODAY) == ""
        assert shown_days(session, TODAY) == server_days(demo, monday_of(TODAY), admin(demo)["id"])
    run(body())
