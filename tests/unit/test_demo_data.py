"""The demo account looks like a real mite account at any time of day."""

from datetime import UTC, datetime

import pytest

from app.demo.data import build
from app.demo.mite import DemoMite


@pytest.mark.parametrize("hour", [0, 9, 17, 23])
def test_no_entry_was_touched_in_the_future(hour):
    now = datetime(2026, 11, 23, hour, 5, tzinfo=UTC)
    mite = build(DemoMite(clock=lambda: now))
    stamps = [datetime.fromisoformat(e[k]) for e in mite.records["time_entries"].values()
              for k in ("created_at", "updated_at")]
    assert stamps and max(stamps) < now
    assert any(e["date_at"] == "2026-11-23" for e in mite.records["time_entries"].values())
