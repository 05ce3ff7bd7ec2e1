"""Issue 17: an action on a budget project cost 2.25x more CPU with 15,000 of its entries this week than with
1,500: the budgets' fingerprint (core.budgets, asked by core.budget_watch after every action) decoded each of
those entries' JSON to read its minutes and `updated_at`. It reads the store's entry index now. Counted, never
timed: the JSON SQLite parses (json_extract, overridden on the store's connection to count) and the entries
decoded in Python (TimeEntry.from_json), over one action.
"""

import asyncio
import json
from datetime import timedelta

from app.core import budgets
from app.core.journal import now_local
from app.core.session import Session
from app.core.settings import Settings
from app.core.store import Store
from app.core.week import monday_of
from tests.integration.test_scale import ME, QuietMite, entry

BUDGETED = 3


class Mite(QuietMite):
    """QuietMite that also sums the budget projects' use (nothing used yet)."""

    async def entry_groups(self, **filters):
        return []

    async def account_currency(self):
        return "EUR"


def budget_week(path, count: int) -> Store:
    """`count` entries this week, all on the one budget project."""
    store = Store(path)
    monday = monday_of(now_local().date())
    with store.transaction():
        for n in range(1, count + 1):
            store.put_entry(entry(n, monday + timedelta(days=n % 7), project=BUDGETED))
        store.put_record("projects", {"id": BUDGETED, "name": "Budgeted", "budget": 600_000,
                                      "budget_type": "minutes", "archived": False})
        store.set_meta("entries_window", f"{monday.isoformat()}..{(monday + timedelta(days=6)).isoformat()}")
        for resource in ("time_entries", "customers", "projects", "services"):
            store.set_meta(f"changes:{resource}", f"http://127.0.0.1/{resource}/changes/ab")
        store.set_meta("tracker_seen", "1")
    return store


def work_of_an_action(tmp_path, count: int) -> tuple[int, int]:
    """(the JSON values SQLite extracted, SQLite's steps in hundreds) while the user booked 30 minutes on the
    budget project (the budget watch's look at the entries, its check and the figures' refresh included)."""
    store = budget_week(tmp_path / f"budget{count}.sqlite3", count)
    session = Session(Mite(), Settings(), store, user=ME, save_settings=False)
    counted = {"n": 0, "steps": 0}

    def step() -> int:
        counted["steps"] += 1
        return 0

    def json_extract(text, *paths):
        counted["n"] += 1
        value = json.loads(text)
        for path in paths:
            for key in path.removeprefix("$.").split("."):
                value = value.get(key) if isinstance(value, dict) else None
        return value if not isinstance(value, bool) else int(value)

    async def body():
        await session.refresh()
        await session.budgets.refresh()
        await asyncio.sleep(0.05)
        store.db.create_function("json_extract", -1, json_extract)  # SQLite lets a connection override it
        store.db.set_progress_handler(step, 100)
        await session.add(minutes=30, project_id=BUDGETED, service_id=1, note="booked")
        for _ in range(5):
            await asyncio.sleep(0.02)  # the budget watch's check runs as a task of the loop
        store.db.set_progress_handler(None, 100)
    asyncio.run(body())
    assert budgets.cached(store) is not None and session.budgets.fetches >= 1
    store.close()
    return counted["n"], counted["steps"]


def test_an_action_on_a_budget_project_reads_the_same_with_1500_and_15000_entries_on_it(tmp_path):
    (small, small_steps), (large, large_steps) = work_of_an_action(tmp_path, 1500), work_of_an_action(tmp_path, 15000)
    assert small == large, (small, large)
    assert large <= 20  # the entry written (the index's triggers) and the records it names: not the week
    # Nor does SQLite walk the project's index rows: the watch looks at what changed since its last look.
    assert large_steps <= small_steps * 1.5 + 5, (small_steps, large_steps)


def test_the_fingerprint_changes_with_what_budgets_depend_on(tmp_path):
    store = budget_week(tmp_path / "store.sqlite3", 30)
    monday = monday_of(now_local().date()).isoformat()

    def mark():
        return budgets.fingerprint(store, [BUDGETED], monday)

    seen = [mark()]
    one = store.entry(5)
    with store.transaction():
        store.put_entry(dict(one))  # written again as it was (a full load): no change
    assert mark() == seen[-1]
    for change in ({"minutes": one["minutes"] + 1}, {"service_id": 2}, {"project_id": 4}):
        with store.transaction():
            store.put_entry({**one, **change})
        assert mark() != seen[-1], change
        seen.append(mark())
    with store.transaction():
        store.delete_entry(6)
    assert mark() != seen[-1]
