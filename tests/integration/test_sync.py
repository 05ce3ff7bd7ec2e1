"""Incremental sync through the changes endpoints against the demo mite."""

import asyncio
from datetime import date, timedelta

from app.core.store import Store
from app.core.sync import sync_catalog, sync_entries
from app.demo.data import ADMIN_KEY, TRACKER_KEY
from tests.helpers.client import FullClient
from tests.helpers.demo import admin

MONDAY = date.today() - timedelta(days=date.today().weekday())


def run(demo, tmp_path, body, key=ADMIN_KEY):
    async def main():
        async with FullClient(demo.url, key) as client:
            return await body(client, Store(tmp_path / "sync.sqlite3"))
    return asyncio.run(main())


def changes_requests(demo):
    return [p for _, p in demo.requests if "/changes/" in p]


async def entries(client, store, user_id):
    await sync_entries(client, store, set, MONDAY, date.today(), user_id)


def test_full_load_once_then_only_changes_and_renames_reach_entries(demo, tmp_path):
    async def body(client, store):
        me = await client.myself()
        await sync_catalog(client, store)
        await entries(client, store, me.id)
        full = len(demo.requests)
        assert await sync_catalog(client, store) is False  # nothing changed: only changes links asked
        await entries(client, store, me.id)
        assert len(demo.requests) - full == 4 and len(changes_requests(demo)) == 4
        entry = store.entries_between(date.today().isoformat(), date.today().isoformat())[0]
        await client.update("projects", entry["project_id"], name="Renamed Project")
        customer_id = store.record("projects", entry["project_id"])["customer_id"]
        await client.update("customers", customer_id, name="Renamed Customer")
        await client.update("services", entry["service_id"], name="Renamed Service")
        assert await sync_catalog(client, store) is True
        renamed = store.entry(entry["id"])
        assert (renamed["project_name"], renamed["customer_name"], renamed["service_name"]) == (
            "Renamed Project", "Renamed Customer", "Renamed Service")
        assert store.record("projects", entry["project_id"])["customer_name"] == "Renamed Customer"
    run(demo, tmp_path, body)


def test_created_deleted_archived_and_over_delivered(demo, tmp_path):
    async def body(client, store):
        await sync_catalog(client, store)
        old_link = store.get_meta("changes:projects")
        fresh = await client.create("projects", name="Fresh Project")
        doomed = await client.create("projects", name="Doomed Project")
        await client.delete("projects", doomed.id)
        archived = store.records("projects")[0]
        await client.update("projects", archived["id"], archived=True)
        await sync_catalog(client, store)
        names = [p["name"] for p in store.records("projects")]
        assert "Fresh Project" in names and "Doomed Project" not in names and archived["name"] not in names
        assert store.record("projects", archived["id"])["archived"] is True
        before = store.records("projects", archived=None)
        store.set_meta("changes:projects", old_link)  # the same changes again: no effect
        await sync_catalog(client, store)
        assert store.records("projects", archived=None) == before
        del fresh
    run(demo, tmp_path, body)


def test_expired_link_falls_back_to_a_full_load_and_a_new_chain(demo, tmp_path):
    async def body(client, store):
        await sync_catalog(client, store)
        first_link = store.get_meta("changes:services")
        real_clock = demo.mite.clock
        demo.mite.clock = lambda: real_clock() + timedelta(days=8)
        await client.create("services", name="After a week")
        await sync_catalog(client, store)
        assert "After a week" in [s["name"] for s in store.records("services")]
        assert store.get_meta("changes:services") not in (None, first_link)
        assert any(p == "/services.json" for _, p in demo.requests[-8:])
    run(demo, tmp_path, body)


def test_chain_survives_a_restart(demo, tmp_path):
    run(demo, tmp_path, lambda client, store: sync_catalog(client, store))
    demo.requests.clear()
    run(demo, tmp_path, lambda client, store: sync_catalog(client, store))
    assert [p for _, p in demo.requests] == changes_requests(demo) and len(changes_requests(demo)) == 3


def test_entries_from_elsewhere_and_other_users(demo, tmp_path):
    async def body(client, store):
        me = await client.myself()
        await entries(client, store, me.id)
        with demo.mite.lock:
            created = demo.mite.create_entry(admin(demo), {"time_entry": {"note": "web app", "minutes": 7}})
            other = next(u for u in demo.mite.users.values() if u["role"] == "coworker")
            demo.mite.create_entry(other, {"time_entry": {"note": "not mine"}})
        mine = next(e for e in store.entries_between(MONDAY.isoformat(), date.today().isoformat())
                    if not e["locked"])
        with demo.mite.lock:
            demo.mite.delete_entry(admin(demo), mine["id"], None)
        await entries(client, store, me.id)
        notes = [e["note"] for e in store.entries_between(MONDAY.isoformat(), date.today().isoformat())]
        assert "web app" in notes and "not mine" not in notes
        assert store.entry(mine["id"]) is None
        assert store.entry(created[1]["time_entry"]["id"])["minutes"] == 7
    run(demo, tmp_path, body)


def test_time_trackers_use_full_loads_without_errors(demo, tmp_path):
    async def body(client, store):
        me = await client.myself()
        for _ in range(2):
            await sync_catalog(client, store)
            await entries(client, store, me.id)
        assert not changes_requests(demo)
        assert store.get_meta("changes:projects") is None
        assert {e["user_id"] for e in store.entries_between("0000", "9999")} == {me.id}
    run(demo, tmp_path, body, key=TRACKER_KEY)
