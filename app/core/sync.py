"""Keep the local store current through mite's changes endpoints (X-Changes-Link).

After one full load per resource, only changes are fetched. The documented rules:
- any error on a changes link (they expire after seven days) means: full load, new chain;
- changes over-deliver: applying one twice, deleting what is gone, creating what exists are no-ops;
- renamed customers, projects and services do not show up as entry changes: names are
  carried onto the stored entries here;
- time trackers get no changes link: they fall back to full loads (the caller polls them less).
The links live in the store, so the chain survives restarts.
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import asdict
from datetime import date
from collections.abc import Awaitable, Callable
from typing import Any

from app.api import errors
from app.api.client import MiteClient
from app.api.models import Project, Service, TimeEntry
from app.core import history, store_index
from app.core.store import CATALOG, Store

log = logging.getLogger(__name__)
ENTRIES = "time_entries"


def stored_catalog(store: Store) -> tuple[list[Project], list[Service]]:
    """The active projects and services the store holds, for pickers and name matching."""
    return ([Project.from_json(r) for r in store.records("projects")],
            [Service.from_json(r) for r in store.records("services")])


async def _changes(client: MiteClient, store: Store, resource: str) -> tuple[list[Any], str | None] | None:
    """(changes, next link) since the stored link, or None when a full load is needed.

    Nothing is written here: the caller stores the changes and the next link in one
    transaction, and never holds a transaction across a request (a user's action taken
    meanwhile would join it and could be rolled back with it).
    """
    link = store.get_meta(f"changes:{resource}")
    if not link:
        return None
    try:
        return await client.changes(link)
    except errors.NetworkError:
        raise
    except errors.ApiError as exc:  # expired (seven days), refused, unreadable: start a new chain
        log.info("Changes link for %s not usable (%s); loading in full", resource, exc)
        return None


async def together(*steps: Awaitable[Any]) -> list[Any]:
    """Run independent steps at once (their requests share the client's few turns, app.api.client); their
    results in order. When one fails the others are cancelled, awaited, and the first failure is raised."""
    tasks = [asyncio.ensure_future(step) for step in steps]
    try:
        return list(await asyncio.gather(*tasks))
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise


async def sync_catalog(client: MiteClient, store: Store,
                       changed_ids: dict[str, frozenset[int] | None] | None = None) -> bool:
    """Bring customers, projects and services up to date; True when anything changed. Their requests go
    together; the answers are written once all arrived, in one transaction, customers first (their names are
    carried onto projects and entries). `changed_ids` gets the changed ids per resource, None for a full
    load (core.catalog.change_of)."""
    answers = await together(*(_catalog_answer(client, store, resource) for resource in CATALOG))
    changed = False
    changed_ids = {} if changed_ids is None else changed_ids
    with store.transaction():
        for resource, (full, found, link) in zip(CATALOG, answers, strict=True):
            if full:
                store.replace_catalog(resource, found)
                _carry_names(store, resource, [r["id"] for r in found])
                changed_ids[resource] = None
            else:
                for change in found:
                    if change.action == "deleted" or not change.record:
                        store.delete_record(resource, change.record_id)
                    else:
                        store.put_record(resource, change.record[resource[:-1]])
                _carry_names(store, resource, [c.record_id for c in found])
                changed_ids[resource] = frozenset(c.record_id for c in found)
            store.set_meta(f"changes:{resource}", link)
            changed = changed or full or bool(found)
    return changed


async def _catalog_answer(client: MiteClient, store: Store, resource: str) -> tuple[bool, list[Any], str | None]:
    """(a full load?, the records or the changes, the next link) of one resource; nothing written."""
    found = await _changes(client, store, resource)
    if found is None:
        return (True, *await _full(client, resource))
    return (False, *found)


async def _full(client: MiteClient, resource: str) -> tuple[list[dict[str, Any]], str | None]:
    """Active and archived records (entries may name archived ones), asked together; the active list's link."""
    (active, link), (archived, _) = await together(client.list_with_link(resource),
                                                   client.list_with_link(resource, archived=True))
    return [asdict(r) for r in [*active, *archived]], link


def _carry_names(store: Store, resource: str, ids: list[int]) -> None:
    """mite does not report entries whose project, service or customer was renamed: fix them here. Only the
    projects and entries that name a changed record are read (core.store_index), not the whole store."""
    if not ids:
        return
    if resource == "customers":  # projects carry their customer's name too
        for start in range(0, len(ids), store_index.CHUNK):
            chunk = ids[start:start + store_index.CHUNK]
            rows = store.db.execute(
                "SELECT json FROM catalog WHERE resource = 'projects' AND json_valid(json) "
                f"AND json_extract(json, '$.customer_id') IN ({','.join('?' * len(chunk))})", chunk).fetchall()
            for project in (json.loads(row[0]) for row in rows):
                customer = store.record("customers", project["customer_id"]) or {}
                store.put_record("projects", {**project, "customer_name": customer.get("name", "")})
    key = {"customers": "customer_id", "projects": "project_id", "services": "service_id"}[resource]
    records: dict[int, dict[str, Any]] = {}
    for entry in map(json.loads, store_index.entries_naming(store.db, key, ids)):
        if entry.get(key) not in records:
            records[entry[key]] = store.record(resource, entry[key]) or {}
        record = records[entry[key]]
        if resource == "projects":
            entry.update(project_name=record.get("name", entry.get("project_name")),
                         customer_name=record.get("customer_name") or "")
        elif resource == "services":
            entry["service_name"] = record.get("name", entry.get("service_name"))
        else:
            entry["customer_name"] = record.get("name", entry.get("customer_name"))
        store.put_entry(entry)


async def sync_entries(client: MiteClient, store: Store, busy_ids: Callable[[], set[int]], first: date,
                       last: date, user_id: int | None) -> None:
    """The user's entries from `first` to `last`; entries with waiting actions keep their local state.

    `busy_ids` is asked inside the transaction: an action taken during the request counts. Changes
    keep the past weeks core.history marked current; a full load (a new chain) forgets the marks, and
    drops what is older than the history's horizon.
    """
    window = f"{first.isoformat()}..{last.isoformat()}"
    found = None
    if user_id is not None and store.get_meta("entries_window") == window:
        found = await _changes(client, store, ENTRIES)
    if found is not None:
        changes, link = found
        with store.transaction():
            busy = busy_ids()
            kept = history.keeps(store)
            for change in changes:
                _apply_entry_change(store, change, busy, first, last, user_id, kept)
            store.set_meta(f"changes:{ENTRIES}", link)
        return
    rows, link = await client.time_entries_with_link(user_id="current", **{"from": first}, to=last)
    with store.transaction():
        moved = store.get_meta("entries_window") != window
        busy = busy_ids()
        history.replace_span(store, first, last, rows, busy)
        store.set_meta(f"changes:{ENTRIES}", link)  # None for time trackers: full loads from now on
        store.set_meta("entries_window", window)
        history.forget_marks(store)  # the changes between the old chain and this one are not known
        if moved:  # a new week (or a first load): not at each full load, which a time tracker's every round is,
            history.prune(store, first, busy)  # and an old week on show emptied within two minutes


def _apply_entry_change(store: Store, change: Any, busy: set[int], first: date, last: date,
                        user_id: int | None, kept: Callable[[str], bool]) -> None:
    if change.record_id in busy:
        return  # our own action on it is still on its way
    record = (change.record or {}).get("time_entry") if change.action != "deleted" else None
    if record is None:
        store.delete_entry(change.record_id)
        return
    entry = TimeEntry.from_json(record)
    # One the store holds stays current wherever it is dated: after a full load forgot the marks, a past
    # day on show still lists its entries, and an entry edited there vanished when its change came back.
    # Asked last: most changes are of the window's days, and an entry's JSON need not be read for them.
    if entry.user_id == user_id and (first.isoformat() <= entry.date_at <= last.isoformat() or kept(entry.date_at)
                                     or store.entry(change.record_id) is not None):
        store.put_entry(entry_json(entry))
    else:  # someone else's, or moved out of the window and the weeks kept
        store.delete_entry(change.record_id)


def entry_json(entry: TimeEntry) -> dict[str, Any]:
    data = asdict(entry)
    data.pop("tracking", None)
    return data
