"""A long sleep or a wall-clock jump while a timer runs never books the gap silently.

The Session's `wall_clock` and the Journal's clock are moved together, as a jump moves
both; the poll loop compares the wall clock with the monotonic one.
"""

import asyncio
import time
from datetime import timedelta

import pytest

from app.core.journal import now_local
from tests.helpers.demo import running_id
from tests.helpers.polling import Poller, quick_session, until

STOPPED = ("The computer slept or its clock jumped ahead by 3 days while “API Docs · Writing” ran. "
           "The timer was stopped at 10:03 with 0:42 booked; continue it if you were still working.")


class Clock:
    def __init__(self):
        self.now = now_local().replace(hour=9, minute=21, second=0)

    def __call__(self):
        return self.now


def jump(demo, tmp_path, monkeypatch, ahead, *, timer=True):
    """Run a timer 42 minutes, jump both clocks `ahead`; (alerts, notices, session state, mite's entry)."""
    session = quick_session(demo, tmp_path / "store.sqlite3", monkeypatch)
    clock, offset, reads = Clock(), {"seconds": 0.0}, {"count": 0}
    session.journal.clock = clock

    def wall_clock():
        reads["count"] += 1
        return time.time() + offset["seconds"]
    session.wall_clock = wall_clock
    alerts, notices = [], []
    session.alert.connect(alerts.append)
    session.notice.connect(notices.append)

    async def body():
        poller = Poller(session)
        await poller.cycle()
        project = next(p for p in session.projects if p.name == "API Docs")
        service = next(s for s in session.services if s.name == "Writing")
        entry_id = None
        if timer:
            entry_id = await session.start(project_id=project.id, service_id=service.id, note="")
            await poller.cycle()
            entry_id = session.store.server_id(entry_id)
        clock.now += timedelta(minutes=42)  # 10:03
        seen = reads["count"]
        await until(lambda: reads["count"] >= seen + 2, "the loop looked at the clocks")
        offset["seconds"] += ahead.total_seconds()
        clock.now += ahead
        synced = poller.finished
        await until(lambda: poller.finished >= synced + 2, "a sync after the jump")
        await poller.cycle()
        running = session.state.snapshot.running
        await poller.close()
        return running, demo.mite.records["time_entries"].get(entry_id)

    running, entry = asyncio.run(body())
    return alerts, [n for n in notices if n], running, entry


def test_a_jump_of_days_stops_the_timer_where_the_clock_was_last_seen_and_says_so(demo, tmp_path, monkeypatch):
    alerts, notices, running, entry = jump(demo, tmp_path, monkeypatch, timedelta(days=3))
    assert alerts == [STOPPED] and STOPPED in notices
    assert running is None and running_id(demo) is None
    assert entry["minutes"] == 42  # not 4,320 + 42


def test_a_short_jump_keeps_the_timer_running(demo, tmp_path, monkeypatch):
    alerts, notices, running, entry = jump(demo, tmp_path, monkeypatch, timedelta(minutes=30))
    assert alerts == [] and running is not None and running.tracking.minutes == 42 + 30
    assert running_id(demo) is not None


@pytest.mark.parametrize("ahead", [timedelta(hours=2), timedelta(hours=49)])
def test_a_jump_without_a_timer_only_syncs(demo, tmp_path, monkeypatch, ahead):
    alerts, notices, running, entry = jump(demo, tmp_path, monkeypatch, ahead, timer=False)
    assert alerts == [] and notices == [] and running is None
