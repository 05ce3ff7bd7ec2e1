"""A long sleep or a wall-clock jump while a timer runs never books the gap silently: the away watch
asks about it (issue 15), even where the OS tells nothing of sleeping.

The Session's `wall_clock` and the Journal's clock are moved together, as a jump moves
both; the poll loop compares the wall clock with the monotonic one. No idle source here: the gap
is found by the clock check alone.
"""

import asyncio
import time
from datetime import timedelta

import pytest

from app.core.away_watch import AwayWatch
from app.core.journal import now_local
from app.core.prompt import PromptKind, Reason
from tests.helpers.demo import running_id
from tests.helpers.polling import Poller, quick_session, until

ASKED_SHAPE = "You were away 72:00 ({day} 10:03–{later} 10:03) while “API Docs · Writing” was running."


class Clock:
    def __init__(self):
        self.now = now_local().replace(hour=9, minute=21, second=0)

    def __call__(self):
        return self.now


def jump(demo, tmp_path, monkeypatch, ahead, *, timer=True, answer=""):
    """Run a timer 42 minutes, jump both clocks `ahead`, answer the question if one came;
    (alerts, notices, the question, session state, mite's entry)."""
    session = quick_session(demo, tmp_path / "store.sqlite3", monkeypatch)
    clock, offset, reads = Clock(), {"seconds": 0.0}, {"count": 0}
    session.journal.clock = clock
    watch = AwayWatch(session, clock=clock)

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
        question = session.state.prompt
        if answer:
            await session.answer(answer)
            await poller.cycle(2)
        running = session.state.snapshot.running
        watch.close()
        await poller.close()
        return question, running, demo.mite.records["time_entries"].get(entry_id)

    question, running, entry = asyncio.run(body())
    # A timer jumped 72 h ahead within the same week crosses API Docs' 40 h budget, and that warning is
    # right (issue 16); it is not this test's subject, and on a Friday to Sunday the jump crosses Monday,
    # where budgets start a new baseline, so it comes only on some weekdays.
    away = [a for a in alerts if "budget" not in a]
    return away, [n for n in notices if n], question, running, entry


def test_a_jump_of_days_asks_about_the_gap_and_the_timer_runs_on_until_answered(demo, tmp_path, monkeypatch):
    alerts, notices, question, running, entry = jump(demo, tmp_path, monkeypatch, timedelta(days=3))
    days = [(now_local() + timedelta(days=d)).strftime("%a") for d in (0, 3)]  # C locale in tests: "Thu", "Sun"
    assert alerts == [ASKED_SHAPE.format(day=days[0], later=days[1])] and notices == []
    assert question.kind == PromptKind.AWAY and question.reason == Reason.SLEEP
    assert (question.since.strftime("%H:%M"), question.minutes) == ("10:03", 3 * 24 * 60)
    assert running is not None and running_id(demo) is not None  # nothing decided without the user


def test_stop_at_when_the_gap_began_books_only_the_minutes_before_it(demo, tmp_path, monkeypatch):
    _, _, _, running, entry = jump(demo, tmp_path, monkeypatch, timedelta(days=3), answer="stop")
    assert running is None and running_id(demo) is None
    assert entry["minutes"] == 42  # not 4,320 + 42


def test_a_jump_shorter_than_the_away_threshold_keeps_the_timer_running_without_a_question(
        demo, tmp_path, monkeypatch):
    alerts, notices, question, running, entry = jump(demo, tmp_path, monkeypatch, timedelta(minutes=5))
    assert alerts == [] and question is None and running is not None and running.tracking.minutes == 42 + 5
    assert running_id(demo) is not None


@pytest.mark.parametrize("ahead", [timedelta(hours=2), timedelta(hours=49)])
def test_a_jump_without_a_timer_only_syncs(demo, tmp_path, monkeypatch, ahead):
    alerts, notices, question, running, entry = jump(demo, tmp_path, monkeypatch, ahead, timer=False)
    assert alerts == [] and notices == [] and question is None and running is None
