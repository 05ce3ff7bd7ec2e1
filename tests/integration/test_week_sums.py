"""core.history.week sums a week in the store (SQLite) rather than decoding each entry (scripts/bench
--only week: a week of 15,000 entries): the same Week as core.week.build_week over the entries themselves."""

import random
from dataclasses import asdict
from datetime import date, timedelta

from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.api.models import TimeEntry
from app.core import history
from app.core.store import Store
from app.core.week import build_week, monday_of

TODAY = date(2026, 12, 3)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), count=st.integers(0, 60), running=st.booleans())
@example(seed=9567, count=40, running=False)  # two projects tied in minutes, one without a name or id
def test_the_summed_week_is_the_entries_week(seed, count, running):
    rng = random.Random(seed)
    store = Store(":memory:")
    entries = []
    for n in range(count):
        day = monday_of(TODAY) + timedelta(days=rng.randint(-9, 9))  # some outside the week
        project = rng.choice([None, 1, 2, 3])
        entries.append(TimeEntry(rng.choice([1, -1]) * (n + 1), minutes=rng.randint(0, 300), date_at=day.isoformat(),
                                 project_id=project, project_name=rng.choice(["A", "A renamed", ""]) if project else "",
                                 created_at=f"{day.isoformat()}T09:00:00+00:00"))
    with store.transaction():
        for entry in entries:
            store.put_entry(asdict(entry))
    timer = rng.choice(entries) if running and entries else None
    targets = (480, 480, 480, 480, 240, 0, 0)
    summed = history.week(store, TODAY, targets, today=TODAY, running=timer, running_minutes=77)
    in_store_order = sorted(entries, key=lambda e: e.id, reverse=True)  # a project's name: its highest id's
    assert summed == build_week(in_store_order, TODAY, targets, today=TODAY, running=timer, running_minutes=77)
