"""Nothing stops the sync: unexpected errors at any stage, and outbox items that can never be sent.

A real Session on a real store file against the demo mite; its real poll loop is driven
by pokes (tests/helpers/polling.py), never timed.
"""

import asyncio
import json
import sqlite3

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import app.core.session as session_module
from app.api.client import MiteClient
from app.core.journal import Journal
from app.core.state import Health
from app.core.store import Store
from app.demo.data import ADMIN_KEY
from tests.helpers.polling import Faults, Poller, quick_session, until

ERRORS = {
    "RuntimeError": lambda: RuntimeError("boom"),
    "UnicodeEncodeError": lambda: UnicodeEncodeError("utf-8", "caf\ud800", 3, 4, "surrogates not allowed"),
    "OperationalError": lambda: sqlite3.OperationalError("database or disk is full"),
    "KeyError": lambda: KeyError("minutes"),
}


def on_server(demo, note):
    return [e for e in demo.mite.records["time_entries"].values() if e["note"] == note]


def run(body):
    return asyncio.run(body())


@pytest.mark.parametrize("error", ERRORS)
@pytest.mark.parametrize("stage", ["flush", "pull", "catalog", "store"])
def test_unexpected_error_at_any_stage_never_ends_syncing(demo, tmp_path, monkeypatch, stage, error):
    monkeypatch.setattr(session_module, "CATALOG_EVERY", 0.0)  # the catalog stage runs on every sync
    session = quick_session(demo, tmp_path / "store.sqlite3", monkeypatch)

    async def body():
        poller = Poller(session)
        faults = Faults(session, poller, monkeypatch)
        await poller.cycle()
        assert session.state.health is Health.ONLINE
        faults.set(stage, ERRORS[error]())
        note = f"booked during a {stage} fault"
        await session.add(minutes=17, project_id=None, service_id=None, note=note)
        await poller.cycle(3)
        assert faults.hits[stage] >= 3  # tried again and again: the loop went on
        assert session.state.health is Health.ERROR and session.state.problem
        # a sentence naming the error, or the store's own words for a write it refused; never a traceback
        assert (error in session.state.problem or str(ERRORS[error]()) in session.state.problem) and "\n" not in session.state.problem
        faults.set(stage, None)
        requests = len(demo.requests)
        await poller.cycle(2)
        assert len(demo.requests) > requests
        assert session.state.health is Health.ONLINE and session.state.problem == ""
        assert [e["minutes"] for e in on_server(demo, note)] == [17]  # reached mite, once
        assert not session.waiting() and not session.failed()
        later = "booked after the fault"
        await session.add(minutes=3, project_id=None, service_id=None, note=later)
        await poller.cycle(2)
        assert [e["minutes"] for e in on_server(demo, later)] == [3]
        await poller.close()
    run(body)


def test_an_error_with_a_message_shows_that_message(demo, tmp_path, monkeypatch):
    class StoreFull(Exception):
        message = "The disk is full. Free some space; your actions are kept until then."

    session = quick_session(demo, tmp_path / "store.sqlite3", monkeypatch)

    async def body():
        poller = Poller(session)
        faults = Faults(session, poller, monkeypatch)
        faults.set("pull", StoreFull())
        await poller.cycle(2)
        assert session.state.health is Health.ERROR and session.state.problem == StoreFull.message
        await poller.close()
    run(body)


def test_the_loop_itself_goes_on_when_its_own_step_fails(demo, tmp_path, monkeypatch):
    session = quick_session(demo, tmp_path / "store.sqlite3", monkeypatch)
    broken = {"times": 3}
    real_interval = session.poll_interval

    def poll_interval():
        if broken["times"]:
            broken["times"] -= 1
            raise sqlite3.OperationalError("disk I/O error")
        return real_interval()
    session.poll_interval = poll_interval

    async def body():
        poller = Poller(session)
        await poller.cycle(5)
        assert broken["times"] == 0 and not poller.task.done()
        await poller.close()
    run(body)


def test_a_create_whose_outbox_removal_failed_is_not_sent_twice(demo, tmp_path, monkeypatch):
    """mite created it and the store mapped it, then the disk filled before the item was removed."""
    session = quick_session(demo, tmp_path / "store.sqlite3", monkeypatch)

    async def body():
        poller = Poller(session)
        await poller.cycle()
        full = {"times": 1}
        real_remove = session.store.remove

        def remove(seq):
            if full["times"] and poller.syncing:
                full["times"] -= 1
                raise sqlite3.OperationalError("database or disk is full")
            return real_remove(seq)
        monkeypatch.setattr(session.store, "remove", remove)
        await session.add(minutes=29, project_id=None, service_id=None, note="created, removal failed")
        await poller.cycle(3)
        assert full["times"] == 0
        assert [e["minutes"] for e in on_server(demo, "created, removal failed")] == [29]
        assert not session.waiting() and not session.failed()
        await poller.close()
    run(body)


def poison_create(store, note):
    """An entry and its create written straight into the store, as an older version did."""
    attrs = {"date_at": "2026-01-05", "minutes": 12, "note": note, "project_id": None, "service_id": None}
    with store.transaction():
        local_id = store.next_local_id()
        store.put_entry({"id": local_id, "date_at": "2026-01-05", "minutes": 12, "note": note,
                         "project_id": None, "service_id": None, "locked": False, "billable": True,
                         "created_at": "2026-01-05T09:00:00+00:00", "updated_at": "2026-01-05T09:00:00+00:00"})
        store.enqueue("create", {"entry_id": local_id, "attrs": attrs}, "2026-01-05T09:00:00+00:00")
    return local_id


def test_a_note_that_cannot_be_encoded_is_set_aside_and_the_rest_goes_on(demo, tmp_path, monkeypatch):
    session = quick_session(demo, tmp_path / "store.sqlite3", monkeypatch)
    local_id = poison_create(session.store, "caf\ud800 latin1")
    with session.store.transaction():  # an old version also started its timer
        session.store.enqueue("start", {"entry_id": local_id, "at": "2026-01-05T09:00:00+00:00", "base": 0},
                              "2026-01-05T09:00:00+00:00")
    alerts = []
    session.alert.connect(alerts.append)

    async def body():
        await session.add(minutes=8, project_id=None, service_id=None, note="behind the bad one")
        poller = Poller(session)
        await poller.cycle(2)
        assert [e["minutes"] for e in on_server(demo, "behind the bad one")] == [8]
        create, start = session.failed()
        assert (create.kind, start.kind) == ("create", "start")
        assert "character" in create.error and "could not be created" in start.error
        assert not session.waiting() and session.state.health is Health.ONLINE
        assert any("character" in a for a in alerts)
        await poller.close()
    run(body)


@pytest.mark.parametrize("broken", [
    {"kind": "stop", "payload": {"entry_id": 1}},                     # no minutes, no time
    {"kind": "update", "payload": {"entry_id": 1, "fields": "minutes=5", "force": False}},  # not a mapping
    {"kind": "explode", "payload": {"entry_id": 1}},                  # a kind this version does not know
    {"kind": "update", "payload": {}},                                # no entry at all
])
def test_a_malformed_item_is_set_aside_at_once_and_the_rest_goes_on(demo, tmp_path, monkeypatch, broken):
    session = quick_session(demo, tmp_path / "store.sqlite3", monkeypatch)
    with session.store.transaction():
        session.store.enqueue(broken["kind"], broken["payload"], "2026-01-05T09:00:00+00:00")

    async def body():
        await session.add(minutes=4, project_id=None, service_id=None, note="behind the malformed one")
        poller = Poller(session)
        await poller.cycle(2)
        assert [e["minutes"] for e in on_server(demo, "behind the malformed one")] == [4]
        [failed] = session.failed()
        assert failed.kind == broken["kind"] and "damaged" in failed.error
        session.discard(failed.seq)  # the user can always throw it away
        assert not session.failed() and not session.waiting()
        await poller.close()
    run(body)


def test_an_item_that_keeps_failing_unexpectedly_is_set_aside_after_a_few_tries(demo, tmp_path, monkeypatch):
    from app.core import replay
    session = quick_session(demo, tmp_path / "store.sqlite3", monkeypatch)
    journal = session.journal
    real_send = journal.replay._send
    tries = []

    async def send(item):
        if item.payload.get("attrs", {}).get("note") == "keeps failing":
            tries.append(item.seq)
            raise RuntimeError("a bug that hits this one item")
        return await real_send(item)
    monkeypatch.setattr(journal.replay, "_send", send)

    async def body():
        await session.add(minutes=6, project_id=None, service_id=None, note="keeps failing")
        await session.add(minutes=7, project_id=None, service_id=None, note="behind it")
        poller = Poller(session)
        await poller.cycle(replay.POISON_ATTEMPTS + 1)
        assert len(tries) == replay.POISON_ATTEMPTS  # not given up at the first, passing, error
        [failed] = session.failed()
        assert "RuntimeError" in failed.error and session.state.health is Health.ONLINE
        assert [e["minutes"] for e in on_server(demo, "behind it")] == [7]
        await poller.close()
    run(body)


def test_an_uncertain_create_set_aside_is_looked_up_before_it_is_sent_again(demo, tmp_path, monkeypatch):
    """mite created it, then the answer could not be read: Retry must find it, not book it twice."""
    session = quick_session(demo, tmp_path / "store.sqlite3", monkeypatch)
    journal = session.journal
    real_create = journal.client.create_time_entry
    broken = {"times": 1}

    async def create(**attrs):
        created = await real_create(**attrs)
        if broken["times"]:
            broken["times"] -= 1
            raise KeyError("id")  # a deterministic fault after mite acted
        return created
    monkeypatch.setattr(journal.client, "create_time_entry", create)

    async def body():
        await session.add(minutes=21, project_id=None, service_id=None, note="created, answer unreadable")
        poller = Poller(session)
        await poller.cycle(2)
        [failed] = session.failed()
        session.retry(failed.seq)
        await poller.cycle(2)
        assert [e["minutes"] for e in on_server(demo, "created, answer unreadable")] == [21]
        assert not session.failed() and not session.waiting()
        await poller.close()
    run(body)


def test_cancelling_the_loop_ends_it_even_when_poked_at_the_same_moment(demo, tmp_path, monkeypatch):
    """At quit the app cancels the loop; an action's poke at that moment must not keep it alive."""
    session = quick_session(demo, tmp_path / "store.sqlite3", monkeypatch)
    session.settings.poll_seconds_hidden = 600  # waiting, not syncing, when cancelled

    async def body():
        poller = Poller(session)
        await poller.cycle()
        await asyncio.sleep(0.05)
        session.poke()
        poller.task.cancel()
        await until(poller.task.done, "the loop ended")
        await poller.close()
    run(body)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=st.lists(st.one_of(st.characters(), st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)),
                     max_size=40).map("".join))  # with lone surrogates: st.text() never draws them
@example(note="\ud800\udc00")  # two halves that JSON joins into one character
def test_any_stored_note_is_sent_or_set_aside_and_never_blocks_the_next(demo, tmp_path_factory, note):
    """Whatever text an older version stored, the outbox moves on."""
    store = Store(tmp_path_factory.mktemp("outbox") / "store.sqlite3")
    local_id = poison_create(store, note)
    journal = Journal(store, MiteClient(demo.url, ADMIN_KEY, timeout=2.0), grace=0)
    behind = f"behind {local_id} {len(demo.mite.records['time_entries'])}"
    journal.add(minutes=2, project_id=None, service_id=None, note=behind)

    async def body():
        try:
            await journal.flush()
        finally:
            await journal.client.aclose()
    asyncio.run(body())
    assert not journal.pending()
    assert [e["minutes"] for e in on_server(demo, behind)] == [2]
    server_id = store.server_id(local_id)
    if server_id is None:
        [failed] = journal.failed()
        assert failed.payload["entry_id"] == local_id and failed.error
    else:
        # as the outbox holds it: JSON joins an adjacent high and low surrogate into one character
        # ('\ud800\udc00' is stored as '𐀀'; hypothesis found it)
        assert demo.mite.records["time_entries"][server_id]["note"] == json.loads(json.dumps(note))
    store.close()


def test_status_tells_the_problem(demo, tmp_path, monkeypatch):
    from app.cli import format_status
    from app.core.commands import execute
    session = quick_session(demo, tmp_path / "store.sqlite3", monkeypatch)

    async def pull(**kwargs):
        raise sqlite3.OperationalError("database or disk is full")
    monkeypatch.setattr(session.journal, "pull", pull)

    async def body():
        reply = await execute({"cmd": "status"}, session)
        await session.client.aclose()
        return reply
    reply = run(body)
    problem = "Syncing failed unexpectedly (OperationalError); retrying in a moment."
    assert reply["ok"] and reply["status"]["problem"] == problem
    assert problem in format_status(reply["status"])


def test_a_store_that_cannot_be_read_after_a_sync_still_shows_the_problem(demo, tmp_path, monkeypatch):
    session = quick_session(demo, tmp_path / "store.sqlite3", monkeypatch)
    changed = []
    session.changed.connect(lambda state: changed.append(state.health))

    def snapshot():
        raise sqlite3.DatabaseError("database disk image is malformed")
    monkeypatch.setattr(session.journal, "snapshot", snapshot)

    async def body():
        await session.refresh()  # never raises
        await session.client.aclose()
    run(body)
    assert changed == [Health.ERROR] and "DatabaseError" in session.state.problem


def test_the_cli_without_the_app_says_a_full_disk_and_keeps_the_action(demo, tmp_path):
    """`mite-tray add` with no app running: the action is saved, then the sync's own writes hit a
    full disk. The command says so instead of ending in a traceback (StoreWriteError escaped Direct)."""
    from app.core.commands import Direct, execute

    async def body():
        store = Store(tmp_path / "store.sqlite3")
        async with MiteClient(demo.url, ADMIN_KEY) as client:
            direct = Direct(client, store)
            direct.journal.add(minutes=5, project_id=None, service_id=None, note="before the disk filled")
            pages = store.db.execute("PRAGMA page_count").fetchone()[0]
            store.db.execute(f"PRAGMA max_page_count = {pages}")  # SQLite now reports "database or disk is full"
            reply = await execute({"cmd": "status"}, direct)
        store.close()
        return reply

    reply = run(body)
    assert reply["ok"] is True
    assert reply["status"]["problem"] == "The disk is full, so this was not saved. Free some space and try again."
    assert reply["status"]["online"] is False


def test_a_poke_during_a_sync_brings_another_sync_without_waiting_out_the_interval(demo, tmp_path, monkeypatch):
    """An action taken while a sync runs pokes the loop; that poke must not be cleared when the sync
    ends, or the action waits a whole poll interval (five minutes with the window hidden) to be sent."""
    session = quick_session(demo, tmp_path / "store.sqlite3", monkeypatch)
    session.settings.poll_seconds_hidden = 600
    refresh, rounds = session.refresh, []

    async def refresh_and_poke_once() -> None:
        rounds.append(1)
        if len(rounds) == 1:
            session.poke()  # as an action does, while this first sync runs
        await refresh()

    monkeypatch.setattr(session, "refresh", refresh_and_poke_once)

    async def body():
        task = asyncio.ensure_future(session.poll_forever())
        await until(lambda: len(rounds) >= 2, "a second sync after the poke")
        task.cancel()
        await until(task.done, "the loop ended")
        await session.client.aclose()
    run(body)
