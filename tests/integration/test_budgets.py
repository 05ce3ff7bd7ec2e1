"""Budgets against the demo mite (issue 16): the figures equal what the server sums, one or two
requests per refresh and none while cached and unchanged, a time tracker's share, the warnings once
per threshold and project (not again after a restart), and offline keeps the cached figures."""

import asyncio
from datetime import date, timedelta

import pytest

from app.core import budgets
from app.core.store import Store
from app.demo.data import TRACKER_KEY
from tests.helpers.budgets import BUDGETS, set_budgets, truth
from tests.helpers.demo import admin
from tests.helpers.polling import quick_session, until

def entry_requests(demo):
    return sum(1 for method, path in demo.requests if method == "GET" and path == "/time_entries.json")


@pytest.fixture
def session(demo, tmp_path, monkeypatch):
    set_budgets(demo.mite)
    made = quick_session(demo, tmp_path / "store.sqlite3", monkeypatch)
    yield made
    made.store.close()


def test_figures_equal_the_servers_sums_and_are_asked_for_only_when_stale(session, demo):
    ids = set_budgets(demo.mite)

    async def body():
        await session.refresh()
        before = entry_requests(demo)
        assert await session.budgets.refresh() == ""
        assert entry_requests(demo) - before == 2  # all whole budgets in one request, the monthly in one more
        found = {u.project: u for u in session.budgets.all()}
        assert set(found) == {"API Docs (King Inc.)", "Website Relaunch (King Inc.)", "Support Retainer (King Inc.)",
                              "Online Shop (Nordlicht Verlag)"}
        mite = demo.mite
        assert found["API Docs (King Inc.)"].used == truth(mite, ids["API Docs"])
        assert found["Website Relaunch (King Inc.)"].used == truth(mite, ids["Website Relaunch"], cents=True)
        assert found["Support Retainer (King Inc.)"].used == truth(mite, ids["Support Retainer"], monthly=True)
        assert found["Online Shop (Nordlicht Verlag)"].used == truth(mite, ids["Online Shop"], monthly=True, cents=True)
        docs = session.budgets.usage(ids["API Docs"])
        assert docs.percent == docs.used * 100 // 2400 and not docs.share_only

        await session.refresh()  # a sync round that changed nothing
        quiet = entry_requests(demo)
        assert await session.budgets.refresh() == ""
        assert entry_requests(demo) == quiet  # cached and unchanged: mite is not asked
        assert session.budgets.fetches == 1

        await session.add(minutes=90, project_id=ids["API Docs"], service_id=None, note="budget test")
        await session.refresh()  # sent
        assert await session.budgets.refresh() == ""
        assert session.budgets.fetches == 2
        assert session.budgets.usage(ids["API Docs"]).used == truth(mite, ids["API Docs"]) == docs.used + 90
        await session.client.aclose()
    asyncio.run(body())


def test_the_cache_outlives_a_restart(demo, tmp_path, monkeypatch):
    set_budgets(demo.mite)

    async def first():
        session = quick_session(demo, tmp_path / "store.sqlite3", monkeypatch)
        await session.refresh()
        await session.budgets.refresh()
        shown = session.budgets.all()
        session.store.close()
        await session.client.aclose()
        return shown

    async def second():
        session = quick_session(demo, tmp_path / "store.sqlite3", monkeypatch)
        assert session.budgets.all() == shown  # from the store, before anything is asked
        await session.refresh()
        before = entry_requests(demo)
        await session.budgets.refresh()
        assert entry_requests(demo) == before
        session.store.close()
        await session.client.aclose()
    shown = asyncio.run(first())
    assert len(shown) == 4
    asyncio.run(second())


def test_a_time_tracker_sees_their_share_never_a_percentage(demo, tmp_path, monkeypatch):
    ids = set_budgets(demo.mite)
    tracker = next(u for u in demo.mite.users.values() if u["role"] == "time_tracker")
    session = quick_session(demo, tmp_path / "store.sqlite3", monkeypatch, key=TRACKER_KEY)

    async def body():
        await session.refresh()
        await session.add(minutes=600, project_id=ids["API Docs"], service_id=None, note="tracker share")
        await session.refresh()
        assert await session.budgets.refresh() == ""
        usage = session.budgets.usage(ids["API Docs"])
        assert usage.share_only and usage.percent is None
        assert usage.used == truth(demo.mite, ids["API Docs"], user_id=tracker["id"])
        assert usage.used < truth(demo.mite, ids["API Docs"])  # the others' entries are not in it
        assert usage.text().startswith("your share ") and "admin" in usage.note()
        await session.client.aclose()
    asyncio.run(body())
    session.store.close()


def test_offline_keeps_the_cached_figures_and_says_why(session, demo):
    ids = set_budgets(demo.mite)

    async def body():
        await session.refresh()
        await session.budgets.refresh()
        shown = session.budgets.usage(ids["API Docs"])
        demo.inject(path="/time_entries.json", status=503, times=None)
        await session.add(minutes=30, project_id=ids["API Docs"], service_id=None, note="offline")
        problem = await session.budgets.refresh()
        assert problem and "Traceback" not in problem
        assert session.budgets.usage(ids["API Docs"]) == shown  # the last figures, never a guess
        await session.client.aclose()
    asyncio.run(body())


def test_nothing_known_and_mite_unreachable_shows_nothing(session, demo):
    async def body():
        await session.refresh()
        demo.inject(path="/time_entries.json", status=500, times=None)
        assert await session.budgets.refresh()
        assert session.budgets.all() == [] and session.budgets.usage(1) is None
        await session.client.aclose()
    asyncio.run(body())


def near(demo, ids, percent):
    """Give API Docs a budget that the use so far fills to just under `percent`: (budget, minutes to reach it).
    A few minutes under, whatever the demo's history holds: within MAX_AGE, so the figures stay fresh."""
    used = truth(demo.mite, ids["API Docs"])
    budget = (used + 10) * 100 // percent
    set_budgets(demo.mite, {**BUDGETS, "API Docs": (budget, "minutes")})
    return budget, -(-budget * percent // 100) - used


def test_a_threshold_warns_once_per_project_and_not_again_after_a_restart(demo, tmp_path, monkeypatch):
    ids = set_budgets(demo.mite)
    budget, missing = near(demo, ids, 75)
    path = tmp_path / "store.sqlite3"

    async def first():
        session = quick_session(demo, path, monkeypatch)
        alerts = []
        session.alert.connect(alerts.append)
        await session.refresh()
        await session.budgets.refresh()
        assert 70 <= session.budgets.usage(ids["API Docs"]).percent < 75
        assert alerts == []  # nothing tracked or booked on it yet
        await session.add(minutes=missing, project_id=ids["API Docs"], service_id=None, note="to 75")
        await session.refresh()
        await until(lambda: alerts, "the 75% warning")
        assert len(alerts) == 1 and alerts[0].startswith("API Docs (King Inc.) has used 7")
        await session.add(minutes=5, project_id=ids["API Docs"], service_id=None, note="still over 75")
        await session.refresh()
        await asyncio.sleep(0.05)
        await session.budgets.refresh()
        assert len(alerts) == 1  # once per threshold
        await session.add(minutes=budget // 4 + 10, project_id=ids["API Docs"], service_id=None, note="over")
        await session.refresh()
        await until(lambda: len(alerts) == 2, "the over-budget warning")
        assert "is over its budget" in alerts[1]
        session.store.close()
        await session.client.aclose()

    async def second():
        session = quick_session(demo, path, monkeypatch)
        alerts = []
        session.alert.connect(alerts.append)
        await session.refresh()
        await session.add(minutes=15, project_id=ids["API Docs"], service_id=None, note="after restart")
        await session.refresh()
        await asyncio.sleep(0.05)
        await session.budgets.refresh()
        assert session.budgets.usage(ids["API Docs"]).percent > 100
        assert alerts == []  # both thresholds were warned of before the restart
        session.store.close()
        await session.client.aclose()

    asyncio.run(first())
    asyncio.run(second())


def test_load_usages_for_the_command_line(demo, tmp_path):
    ids = set_budgets(demo.mite)
    from app.api.client import MiteClient
    from app.core.sync import sync_catalog
    from app.demo.data import ADMIN_KEY

    async def body():
        store = Store(tmp_path / "cli.sqlite3")
        async with MiteClient(demo.url, ADMIN_KEY) as client:
            await sync_catalog(client, store)
            found = await budgets.load_usages(store, client, None, date.today())
            before = entry_requests(demo)
            again = await budgets.load_usages(store, client, None, date.today())
            assert entry_requests(demo) == before and again == found
            demo.inject(path="/time_entries.json", status=503, times=None)
            store.set_meta(budgets.CACHE_KEY, None)
            with pytest.raises(Exception) as caught:
                await budgets.load_usages(store, client, None, date.today())
            assert getattr(caught.value, "message", "")
        store.close()
        return found
    found = asyncio.run(body())
    assert {u.project_id: u.used for u in found}[ids["API Docs"]] == truth(demo.mite, ids["API Docs"])
    assert admin(demo)


def test_a_running_timer_warns_when_it_crosses_a_threshold_without_asking_mite(demo, tmp_path, monkeypatch):
    from datetime import timedelta
    ids = set_budgets(demo.mite)
    budget, missing = near(demo, ids, 75)
    session = quick_session(demo, tmp_path / "store.sqlite3", monkeypatch)
    alerts = []
    session.alert.connect(alerts.append)

    async def body():
        await session.refresh()
        await session.start(project_id=ids["API Docs"], service_id=None, note="ticking")
        await session.refresh()  # sent
        await session.budgets.refresh()
        asked = entry_requests(demo)
        session.budgets._running_check()  # the minute timer's check: not there yet
        await asyncio.sleep(0.05)
        assert alerts == []
        later = session.journal.clock() + timedelta(minutes=missing + 1)
        monkeypatch.setattr(session.journal, "clock", lambda: later)
        session.budgets._running_check()
        await until(lambda: alerts, "the warning as the timer crosses 75%")
        assert alerts[0].startswith("API Docs (King Inc.) has used 75%")
        assert entry_requests(demo) == asked  # the timer's minutes count here: mite is not asked
        session.budgets._running_check()
        await asyncio.sleep(0.05)
        assert len(alerts) == 1
        await session.client.aclose()
    asyncio.run(body())
    session.store.close()


def test_an_offline_app_does_not_ask_each_time_something_wants_budgets(session, demo):
    set_budgets(demo.mite)

    async def body():
        await session.refresh()
        demo.inject(path="/time_entries.json", status=503, times=None)
        session.budgets.want()
        await until(lambda: session.budgets.problem, "the failed fetch")
        failed = entry_requests(demo)
        for _ in range(3):
            session.budgets.want()  # the palette opened again, the picker
            await asyncio.sleep(0.02)
        assert entry_requests(demo) == failed and session.budgets.all() == []
        await session.client.aclose()
    asyncio.run(body())


def test_opening_a_past_week_warns_of_no_budget(demo, tmp_path, monkeypatch):
    """Found by the CLI helper: the fetched week's entries changed the budget projects' fingerprint, so
    Website Relaunch (past 75% in the demo) was warned of though nothing was tracked or booked."""
    ids = set_budgets(demo.mite)
    session = quick_session(demo, tmp_path / "store.sqlite3", monkeypatch)
    alerts = []
    session.alert.connect(alerts.append)

    async def body():
        await session.refresh()
        await session.budgets.refresh()
        assert session.budgets.usage(ids["Website Relaunch"]).percent >= 75  # would be warned of if touched
        for weeks_back in (5, 3, 12):
            assert await session.weeks.open(date.today() - timedelta(weeks=weeks_back)) == ""
        await session.refresh()
        await asyncio.sleep(0.2)  # a warning check would be a task of the loop: let it run
        assert alerts == []
    asyncio.run(body())
