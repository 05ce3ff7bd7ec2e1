"""Fresher data in the app (issue 18): a catalog miss refreshes once, archived names are named as such,
mite's Retry-After is the wait, and an uncertain create shows as "checking" in status."""

import asyncio

import httpx

from app.api.client import MiteClient
from app.cli import format_status
from app.core.commands import EXIT_NOT_FOUND, execute, status_of
from app.core.session import MAX_BACKOFF, Session
from app.core.settings import Settings
from app.core.store import Store
from app.demo.data import ADMIN_KEY
from tests.helpers.polling import quick_session


def run(coro):
    return asyncio.run(coro)


def created_elsewhere(demo, name):
    with httpx.Client(base_url=demo.url, headers={"X-MiteApiKey": ADMIN_KEY}) as mite:
        mite.post("/projects.json", json={"project": {"name": name}}).raise_for_status()


def catalog_loads(demo):
    return sum(1 for method, path in demo.requests if method == "GET" and path.startswith("/projects"))


def test_a_project_created_elsewhere_is_found_on_a_miss(demo, tmp_path, monkeypatch):
    session = quick_session(demo, tmp_path / "store.sqlite3", monkeypatch)

    async def body():
        await session.refresh()
        created_elsewhere(demo, "Brand New Proj")
        reply = await execute({"cmd": "start", "project": "Brand New Proj"}, session)
        assert reply["ok"], reply
        assert reply["status"]["project"] == "Brand New Proj"
    run(body())


def test_misses_refresh_the_catalog_once_within_the_rate_limit(demo, tmp_path, monkeypatch):
    session = quick_session(demo, tmp_path / "store.sqlite3", monkeypatch)

    async def body():
        await session.refresh()
        before = catalog_loads(demo)
        for _ in range(3):
            reply = await execute({"cmd": "start", "project": "Nothing Like It"}, session)
            assert not reply["ok"] and reply["code"] == EXIT_NOT_FOUND
            assert "No project is called “Nothing Like It”" in reply["error"]
        assert catalog_loads(demo) - before == 1  # one refresh (the projects' changes link), not three
    run(body())


def test_an_archived_project_is_named_as_archived_with_how_to_unarchive(demo, tmp_path, monkeypatch):
    session = quick_session(demo, tmp_path / "store.sqlite3", monkeypatch)

    async def body():
        await session.refresh()
        reply = await execute({"cmd": "start", "project": "Old Website"}, session)
        assert not reply["ok"] and reply["code"] == EXIT_NOT_FOUND
        assert "“Old Website” is archived in mite" in reply["error"]
        assert "unarchive" in reply["error"]
        reply = await execute({"cmd": "add", "duration": "10", "service": "Legacy QA"}, session)
        assert not reply["ok"] and "“Legacy QA” is archived in mite" in reply["error"]
    run(body())


def test_retry_after_is_the_wait_bounded(demo, tmp_path):
    session = Session(MiteClient(demo.url, ADMIN_KEY, timeout=2.0), Settings(), Store(tmp_path / "s.sqlite3"),
                      save_settings=False)
    demo.inject(path=".*", status=503, retry_after=1, times=None)

    async def body():
        for _ in range(4):  # the backoff alone would have grown well past a minute by now
            await session.refresh()
            assert session.poll_interval() == 1.0
        demo.faults.clear()
        demo.inject(path=".*", status=429, retry_after=86400, times=None)
        await session.refresh()
        assert session.poll_interval() == MAX_BACKOFF
    run(body())


def test_status_says_it_is_checking_whether_mite_received_a_lost_create(demo, tmp_path, monkeypatch):
    session = quick_session(demo, tmp_path / "store.sqlite3", monkeypatch)
    session.journal.grace = 3600  # the uncertain create waits: status must say why

    async def body():
        await session.refresh()
        demo.inject(path="/time_entries.json", method="POST", drop=True)
        await session.add(minutes=5, project_id=None, service_id=None, note="answer lost")
        await session.refresh()  # the answer is lost: offline for now
        await session.refresh()  # mite answers again; the create waits its grace period
        status = status_of(session.state)
        assert status["online"] and status["waiting"] == 1
        assert status["checking"] == 1
        assert "Checking whether mite received 1" in format_status(status)
    run(body())


def test_any_typed_name_gets_a_plain_answer_and_at_most_one_refresh(demo, tmp_path, monkeypatch):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    session = quick_session(demo, tmp_path / "store.sqlite3", monkeypatch)
    loop = asyncio.new_event_loop()  # one loop for all examples: the session's connections belong to it
    loop.run_until_complete(session.refresh())
    before = catalog_loads(demo)

    @settings(max_examples=80, deadline=None)
    @given(name=st.text(max_size=40), kind=st.sampled_from(["project", "service"]))
    def check(name, kind):
        reply = loop.run_until_complete(execute({"cmd": "start", kind: name}, session))
        if not reply["ok"]:
            assert reply["code"] in (2, EXIT_NOT_FOUND) and isinstance(reply["error"], str)
            assert "Traceback" not in reply["error"]
        loop.run_until_complete(execute({"cmd": "stop"}, session))

    try:
        check()
    finally:
        loop.run_until_complete(session.client.aclose())
        loop.close()
    assert catalog_loads(demo) - before <= 1
