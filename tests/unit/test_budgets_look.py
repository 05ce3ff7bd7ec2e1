"""The tray's tooltip with a budget (issue 16), as a table: the running project's use after the headline,
a time tracker's share with its note, nothing for another project or when no timer runs."""

from datetime import UTC, datetime, timedelta

import pytest

from app.api.models import TimeEntry, Tracking
from app.core.budgets import Usage
from app.core.state import Health, State
from app.core.tracking import Snapshot
from app.core.tray_look import look

NOW = datetime(2026, 12, 3, 10, 30, tzinfo=UTC)
RUNNING = TimeEntry(id=3, minutes=20, date_at="2026-12-03", project_id=7, project_name="API Docs",
                    tracking=Tracking(since=NOW - timedelta(minutes=25), minutes=20))
TICKING = State(snapshot=Snapshot(running=RUNNING, today=[RUNNING]), health=Health.ONLINE)
IDLE = State(health=Health.ONLINE)
DOCS = Usage(7, "API Docs", "minutes", 2400, 1728)
SHARE = Usage(7, "API Docs", "minutes", 2400, 750, share_only=True)
OTHER = Usage(8, "Website Relaunch", "cents", 1_200_000, 864_000, currency="EUR")
HEAD = "▶ 0:45  API Docs · since 10:05 (+0:20 before)"


@pytest.mark.parametrize("state, budget, lines", [
    (TICKING, DOCS, ("mite-tray", HEAD, "Budget: 72% of 40 h", "Today 0:45")),
    (TICKING, SHARE, ("mite-tray", HEAD, "Budget: your share 12:30 of 40 h", SHARE.note(), "Today 0:45")),
    (TICKING, None, ("mite-tray", HEAD, "Today 0:45")),          # no budget, or none known yet
    (TICKING, OTHER, ("mite-tray", HEAD, "Today 0:45")),         # another project's: not this timer's
    (IDLE, DOCS, ("mite-tray", "Not tracking", "Today 0:00")),   # no timer: no budget line
])
def test_tooltip_with_a_budget(state, budget, lines):
    assert look(state, NOW, budget).tooltip == lines
