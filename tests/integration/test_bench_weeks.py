"""The counting parts of `scripts/bench --only week` (scripts/bench_lib/weeks.py), small: what it fills is
what it says, a held week is never fetched, and a year of use keeps the store bounded."""

import asyncio
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.core import history
from app.core.store import Store
from app.core.week import monday_of

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts" / "bench_lib"))
import weeks  # noqa: E402


def test_the_filled_store_holds_each_cached_week_in_full(tmp_path, monkeypatch):
    monkeypatch.setattr(weeks, "WEEK_ENTRIES", 70)
    store = Store(tmp_path / "week.sqlite3")
    today = date.today()
    weeks.fill(store, today)
    for back in range(weeks.CACHED_WEEKS):
        monday = monday_of(today) - timedelta(weeks=back)
        assert len(store.entries_between(monday.isoformat(), (monday + timedelta(days=6)).isoformat())) == 70
        assert history.held(store, monday, today)
    store.close()


def test_opening_held_weeks_fetches_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(weeks, "WEEK_ENTRIES", 70)
    store = Store(tmp_path / "week.sqlite3")
    weeks.fill(store, date.today())
    store.close()
    figures = asyncio.run(weeks.week_open(tmp_path / "week.sqlite3", window=False))
    assert figures["weeks fetched (0: all held)"] == 0
    assert {"open+week, this week, first ms", "open+week, a cached week, later median ms"} <= set(figures)


def test_the_window_part_opens_the_real_window_on_the_store(tmp_path, monkeypatch, qapp):
    monkeypatch.setattr(weeks, "WEEK_ENTRIES", 70)
    store = Store(tmp_path / "week.sqlite3")
    weeks.fill(store, date.today())
    store.close()
    figures = weeks.in_qt(weeks.week_open(tmp_path / "week.sqlite3"))
    assert figures["weeks fetched (0: all held)"] == 0
    assert all(figures[k] > 0 for k in ("window first open (builds it, this week) ms", "window later open median ms",
                                        "window: to a cached week, first ms", "window: between weeks, later median ms"))


@pytest.mark.parametrize("per_day", [2])
def test_a_year_of_use_keeps_the_store_bounded(tmp_path, monkeypatch, per_day):
    """Half a year, quarter by quarter: mite grows, the store keeps the 9 weeks (the current one and 8 before)."""
    monkeypatch.setattr(weeks, "YEAR_WEEKS", 26)
    monkeypatch.setattr(weeks, "PER_DAY", per_day)
    first, second = asyncio.run(weeks.year_of_use(tmp_path / "year.sqlite3"))
    assert (first["week"], second["week"]) == (13, 26)
    assert second["entries in mite"] - first["entries in mite"] == 13 * 5 * per_day
    kept = history.KEEP_WEEKS * 5 * per_day  # the week's days are booked by Friday, when it is measured
    assert first["entries kept"] == second["entries kept"] == kept
    assert second["store KiB"] <= first["store KiB"] * 1.1
