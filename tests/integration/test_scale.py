"""Issue 17: what a poll, an action and a catalog change cost grows with what changed, not with the size of
the week or the account. Counted, never timed: the entries decoded (TimeEntry.from_json, json.loads)."""

import asyncio
import json
from datetime import datetime, time, timedelta

import pytest

from app.api.models import Change, TimeEntry, TrackerState, User
from app.core import sync
from app.core.journal import now_local
from app.core.session import Session
from app.core.settings import Settings
from app.core.store import Store
from app.core.week import monday_of

ME = User(id=1, name="Me", email="me@example.com", role="admin")


class QuietMite:
    """mite with nothing new: the timer as it was, no changes on any chain. `catalog` answers the next
    catalog changes (resource -> changes) once."""

    read_timeout = 5.0

    def __init__(self):
        self.catalog: dict[str, list[Change]] = {}

    async def myself(self):
        return ME

    async def tracker(self):
        return TrackerState()

    async def changes(self, link):
        resource = link.split("/")[-3]
        return self.catalog.pop(resource, []), link

    async def aclose(self):
        pass


def entry(n: int, day, project: int = 0) -> dict:
    # Written the evening before its day, in local time as a new entry's is: a timer started today is
    # always the newest entry. At 09:00 they were newer than one started at 00:11 (CI, stop 24).
    written = (datetime.combine(day, time.min).astimezone() - timedelta(seconds=1)).isoformat()
    return {"id": n, "minutes": 5 + n % 90, "date_at": day.isoformat(), "note": f"Entry {n}",
            "project_id": project or 1 + n % 40, "project_name": f"Project {project or n % 40}", "service_id": 1,
            "service_name": "Development", "customer_id": 7 if project == 99 else 8,
            "customer_name": "King" if project == 99 else "Other", "user_id": ME.id,
            "locked": False, "billable": True, "created_at": written, "updated_at": written}


def filled(path, count: int) -> Store:
    """`count` entries spread over this week (as scripts/bench puts them), every changes chain in place."""
    store = Store(path)
    today = now_local().date()
    monday = monday_of(today)
    with store.transaction():
        for n in range(1, count + 1):
            store.put_entry(entry(n, monday + timedelta(days=n % 7)))
        store.set_meta("entries_window", f"{monday.isoformat()}..{(monday + timedelta(days=6)).isoformat()}")
        for resource in ("time_entries", "customers", "projects", "services"):
            store.set_meta(f"changes:{resource}", f"http://127.0.0.1/{resource}/changes/ab")
        store.set_meta("tracker_seen", "1")
    return store


@pytest.fixture
def decoded(monkeypatch):
    """Counts entries decoded into TimeEntry."""
    counted = {"n": 0}
    real = TimeEntry.from_json.__func__

    def counting(cls, data):
        counted["n"] += 1
        return real(cls, data)
    monkeypatch.setattr(TimeEntry, "from_json", classmethod(counting))
    return counted


def decodes_per_step(tmp_path, count: int, decoded) -> list[int]:
    session = Session(QuietMite(), Settings(), filled(tmp_path / f"store{count}.sqlite3", count), user=ME,
                      save_settings=False)
    steps: list[int] = []

    async def body():
        await session.refresh()  # the first round: today's entries are read once
        for step in (session.refresh, session.refresh,
                     lambda: session.start(project_id=3, service_id=1, note="scale"), session.refresh,
                     lambda: session.add(minutes=30, project_id=4, service_id=1, note="booked"),
                     session.stop, session.refresh):
            before = decoded["n"]
            await step()
            steps.append(decoded["n"] - before)
    asyncio.run(body())
    assert any(e.note == "booked" for e in session.state.snapshot.today)
    session.store.close()
    return steps


def test_polls_and_actions_decode_the_same_rows_with_1500_and_15000_entries_this_week(tmp_path, decoded):
    small = decodes_per_step(tmp_path, 1500, decoded)
    large = decodes_per_step(tmp_path, 15000, decoded)
    assert small == large
    assert max(large) <= 5  # the running entry, the entries an action wrote: not today's 2,000


def test_the_snapshot_shows_what_the_store_holds(tmp_path):
    """The picture read for what changed is the one read in full: today's entries newest first, the week's
    other minutes, the running timer's left out."""
    store = filled(tmp_path / "store.sqlite3", 300)
    session = Session(QuietMite(), Settings(), store, user=ME, save_settings=False)
    today = now_local().date()

    async def body():
        await session.refresh()
        await session.start(project_id=3, service_id=1, note="now")
        one = next(e for e in session.state.snapshot.today if e.id > 0)
        await session.edit(one.id, note="edited")
        await session.delete(next(e for e in session.state.snapshot.today if e.id > 0 and e.id != one.id).id)
        await session.edit(one.id, date_at=(today - timedelta(days=1)).isoformat() if today.weekday() else
                           (today + timedelta(days=1)).isoformat())
    asyncio.run(body())
    fresh = Session(QuietMite(), Settings(), Store(tmp_path / "store.sqlite3"), user=ME, save_settings=False)
    shown, read = session.state.snapshot, fresh.journal.snapshot()
    assert shown.today == read.today and shown.week_before_today == read.week_before_today
    stored = [TimeEntry.from_json(json.loads(r[0])) for r in store.db.execute("SELECT json FROM entries")]
    running = shown.running
    assert sorted(e.id for e in shown.today) == sorted(e.id for e in stored if e.date_at == today.isoformat())
    assert shown.week_before_today == sum(e.minutes for e in stored if e.date_at != today.isoformat()
                                          and e.id != running.id)
    assert shown.today == sorted(shown.today, key=lambda e: (e.created_at, abs(e.id)), reverse=True)
    assert shown.today[0].id == running.id and shown.today[0].tracking is not None
    store.close()
    fresh.store.close()


@pytest.fixture
def loads(monkeypatch):
    """Counts JSON texts decoded (entries and catalog records read from the store)."""
    counted = {"n": 0}
    real = json.loads

    def counting(*args, **kwargs):
        counted["n"] += 1
        return real(*args, **kwargs)
    monkeypatch.setattr(json, "loads", counting)
    return counted


def renamed(tmp_path, stored: int, resource: str, loads) -> int:
    """JSON decoded by one catalog change (a rename of project 99 or customer 7) with `stored` entries
    and as many projects in the store, five of the entries on project 99."""
    store = filled(tmp_path / f"{resource}{stored}.sqlite3", stored)
    day = now_local().date()
    with store.transaction():
        for n in range(5):
            store.put_entry(entry(10_000_000 + n, day, project=99))
        for n in range(1, stored + 1):
            store.put_record("projects", {"id": n, "name": f"Project {n}", "customer_id": 7 if n in (100, 200, 300) else 8,
                                          "customer_name": "Other"})
        store.put_record("projects", {"id": 99, "name": "Project 99", "customer_id": 8, "customer_name": "Other"})
        store.put_record("customers", {"id": 7, "name": "King"})
    mite = QuietMite()
    record = ({"project": {"id": 99, "name": "Renamed", "customer_id": 8, "customer_name": "Other"}}
              if resource == "projects" else {"customer": {"id": 7, "name": "King & Co"}})
    mite.catalog[resource] = [Change(resource[:-1], "updated", 99 if resource == "projects" else 7, record)]
    before = loads["n"]
    assert asyncio.run(sync.sync_catalog(mite, store))
    counted = loads["n"] - before
    names = [json.loads(r[0]) for r in store.db.execute("SELECT json FROM entries WHERE id >= 10000000")]
    if resource == "projects":
        assert {e["project_name"] for e in names} == {"Renamed"}
    else:
        assert {e["customer_name"] for e in names} == {"King & Co"}
        assert store.record("projects", 100)["customer_name"] == "King & Co"
    store.close()
    return counted


@pytest.mark.parametrize("resource", ["projects", "customers"])
def test_a_rename_decodes_the_same_with_1000_and_10000_stored(tmp_path, loads, resource):
    assert renamed(tmp_path, 1000, resource, loads) == renamed(tmp_path, 10_000, resource, loads)


def sqlite_work_of_idle_polls(tmp_path, count: int) -> int:
    """SQLite's work (its virtual machine's steps, counted in hundreds) in three idle polls, with a budget
    project in the catalog (core.budget_watch looks at this week's entries on it when they may have changed)."""
    store = filled(tmp_path / f"idle{count}.sqlite3", count)
    with store.transaction():
        store.put_record("projects", {"id": 3, "name": "Budgeted", "budget": 6000, "budget_type": "minutes",
                                      "archived": False})
    session = Session(QuietMite(), Settings(), store, user=ME, save_settings=False)
    steps = {"n": 0}

    def step() -> int:
        steps["n"] += 1
        return 0

    async def body():
        await session.refresh()
        await session.refresh()
        store.db.set_progress_handler(step, 100)
        for _ in range(3):
            await session.refresh()
        store.db.set_progress_handler(None, 100)
    asyncio.run(body())
    store.close()
    return steps["n"]


def test_idle_polls_read_no_more_of_a_big_week(tmp_path):
    """At rest the app re-read the week at every poll (762 pread64 a minute): the budgets' fingerprint of this
    week's entries, the snapshot. Now an idle poll asks SQLite about as much with 15,000 entries as with 1,500."""
    small, large = sqlite_work_of_idle_polls(tmp_path, 1500), sqlite_work_of_idle_polls(tmp_path, 15000)
    assert large <= small * 1.2 + 5, (small, large)


def sqlite_work_of_actions(tmp_path, count: int) -> int:
    """SQLite's work (its virtual machine's steps, in hundreds) in start --last and stop, twice, with the
    sync each brings: what the tray's Continue (`mite-tray start --last`) and `mite-tray stop` cost."""
    store = filled(tmp_path / f"actions{count}.sqlite3", count)
    session = Session(QuietMite(), Settings(), store, user=ME, save_settings=False)
    steps = {"n": 0}
    continued: list[str] = []

    def step() -> int:
        steps["n"] += 1
        return 0

    async def body():
        await session.refresh()
        await session.add(minutes=30, project_id=4, service_id=1, note="scale")  # the entry changed last
        store.db.set_progress_handler(step, 100)
        for _ in range(2):
            await session.start_last()
            continued.append(session.state.snapshot.running.note)
            await session.stop()
        store.db.set_progress_handler(None, 100)
    asyncio.run(body())
    assert continued == ["scale", "scale"]
    store.close()
    return steps["n"]


def test_stop_and_continue_ask_sqlite_no_more_of_a_big_day(tmp_path):
    """`start --last` found the entry to continue by reading the JSON of every entry of today (scripts/bench:
    an action cost 1.8x the CPU with 15,000 entries this week, 4,200 of them today). Now an index answers."""
    small, large = sqlite_work_of_actions(tmp_path, 1500), sqlite_work_of_actions(tmp_path, 15000)
    assert large <= small * 1.2 + 5, (small, large)
