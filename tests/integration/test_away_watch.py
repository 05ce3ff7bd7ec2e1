"""The away watch on a real Session against the demo mite: what it asks, and what the answers book.

The OS's idle counter and its lock events are stood in for here by `Idle` and `Events` (the real
backends are tested in tests/e2e and against stand-in D-Bus services); the clock is the journal's,
moved by the test. Everything from the question to mite's records is the real code.
"""

import asyncio
from datetime import timedelta

import pytest
from PySide6.QtCore import QObject, Signal

from app.core.away_watch import LOOK_EVERY, LOOK_SOONEST, AwayWatch
from app.core.journal import now_local
from app.core.messages import ActionFailed
from app.core.prompt import Answer, PromptKind, Reason
from tests.helpers.demo import running_id
from tests.helpers.polling import Poller, quick_session


class Clock:
    def __init__(self):
        self.now = now_local().replace(hour=9, minute=21, second=0)

    def __call__(self):
        return self.now

    def at(self, hhmm: str):
        hours, minutes = map(int, hhmm.split(":"))
        self.now = self.now.replace(hour=hours, minute=minutes, second=0)


class Idle:
    """Stands in for the OS's idle counter: seconds since the last input."""

    def __init__(self):
        self.seconds = 0.0

    def idle_seconds(self):
        return self.seconds


class Events(QObject):
    locked, unlocked, sleeping, woke = Signal(), Signal(), Signal(), Signal()


@pytest.fixture
def away(demo, tmp_path, monkeypatch, qapp):
    """(session, watch, clock, idle, events, poller factory) with a timer on API Docs / Writing since 09:21."""
    session = quick_session(demo, tmp_path / "store.sqlite3", monkeypatch)
    clock, idle, events = Clock(), Idle(), Events()
    session.journal.clock = clock
    watch = AwayWatch(session, idle, events, clock=clock)
    yield session, watch, clock, idle, events
    watch.close()  # its timer must not look into a store closed with the test


async def with_timer(session):
    poller = Poller(session)
    await poller.cycle()
    project = next(p for p in session.projects if p.name == "API Docs")
    service = next(s for s in session.services if s.name == "Writing")
    await session.start(project_id=project.id, service_id=service.id, note="")
    await poller.cycle()
    return poller


def away_from_1003_to_1045(watch, clock, idle):
    clock.at("10:03")
    idle.seconds = 0
    watch.look()
    clock.at("10:45")
    idle.seconds = 42 * 60
    watch.look()  # still away: nothing to ask yet
    assert watch.session.state.prompt is None
    idle.seconds = 0
    watch.look()


def last_seen_1741_and_asked_at_1921(watch, clock, idle):
    """The timer since 09:21; the user last seen at 17:41; at 19:21 it has run ten hours."""
    clock.at("17:41")
    watch.look()
    assert watch.session.state.prompt is None
    clock.at("19:21")
    idle.seconds = 100 * 60  # away since 17:41
    watch.look()


def mite_entry(demo, session):
    entry_id = session.store.server_id(session.state.snapshot.today[0].id) or session.state.snapshot.today[0].id
    return demo.mite.records["time_entries"][entry_id]


def test_coming_back_after_the_threshold_asks_once_with_the_span_and_the_entry(away):
    session, watch, clock, idle, _ = away
    alerts = []
    session.alert.connect(alerts.append)

    async def body():
        poller = await with_timer(session)
        away_from_1003_to_1045(watch, clock, idle)
        await poller.close()

    asyncio.run(body())
    prompt = session.state.prompt
    assert prompt.kind == PromptKind.AWAY and prompt.reason == Reason.IDLE
    assert (prompt.since.strftime("%H:%M"), prompt.until.strftime("%H:%M"), prompt.minutes) == ("10:03", "10:45", 42)
    assert alerts == ["You were away 0:42 (10:03–10:45) while “API Docs · Writing” was running."]
    watch.look()
    assert len(alerts) == 1


@pytest.mark.parametrize("answer, minutes, runs", [("discard", 84 - 42, True), ("stop", 42, False),
                                                   ("keep", 84, True)])
def test_the_answers_reach_mite_with_the_right_minutes(away, demo, answer, minutes, runs):
    session, watch, clock, idle, _ = away

    async def body():
        poller = await with_timer(session)
        away_from_1003_to_1045(watch, clock, idle)
        await session.answer(answer)
        if answer == "keep":
            await session.stop()
        await poller.cycle(2)
        await poller.close()

    asyncio.run(body())
    entry = mite_entry(demo, session)
    assert session.state.prompt is None
    assert entry["minutes"] == minutes
    assert (running_id(demo) == entry["id"]) is (runs and answer != "keep")


def test_book_as_moves_the_away_minutes_to_another_service(away, demo):
    session, watch, clock, idle, _ = away

    async def body():
        poller = await with_timer(session)
        away_from_1003_to_1045(watch, clock, idle)
        meeting = next(s for s in session.services if s.name == "Meetings")
        await session.answer("book", service_id=meeting.id, note="Standup ran long")
        await poller.cycle(2)
        await poller.close()
        return meeting

    meeting = asyncio.run(body())
    booked = [e for e in demo.mite.records["time_entries"].values() if e["note"] == "Standup ran long"]
    assert [(e["minutes"], e["service_id"], e["date_at"]) for e in booked] == [
        (42, meeting.id, clock.now.date().isoformat())]
    assert session.state.snapshot.running is not None and session.state.prompt is None


def test_an_answer_given_offline_is_sent_when_mite_is_back(away, demo):
    session, watch, clock, idle, _ = away

    async def body():
        poller = await with_timer(session)
        away_from_1003_to_1045(watch, clock, idle)
        offline = demo.inject(path=".*", status=503, times=None)
        await session.answer("stop")
        await poller.cycle()
        assert session.state.waiting and running_id(demo) is not None  # queued, mite untouched
        demo.faults.remove(offline)
        await poller.cycle(2)
        await poller.close()

    asyncio.run(body())
    assert mite_entry(demo, session)["minutes"] == 42 and running_id(demo) is None


def test_an_entry_locked_meanwhile_is_refused_and_the_question_waits(away):
    session, watch, clock, idle, _ = away
    refusals = []
    session.notice.connect(refusals.append)

    async def body():
        poller = await with_timer(session)
        away_from_1003_to_1045(watch, clock, idle)
        entry_id = session.state.prompt.entry_id
        session.store.put_entry({**session.store.entry(entry_id), "locked": True})
        with pytest.raises(ActionFailed, match="locked in mite"):
            await session.answer("discard")
        await poller.close()

    asyncio.run(body())
    assert session.state.prompt is not None and session.state.prompt.kind == PromptKind.AWAY
    assert any("is locked in mite" in r for r in refusals)


def test_a_short_lock_is_no_absence_and_a_long_one_asks(away):
    session, watch, clock, idle, events = away

    async def body():
        poller = await with_timer(session)
        clock.at("10:03")
        events.locked.emit()
        clock.now += timedelta(seconds=9)
        events.unlocked.emit()
        assert session.state.prompt is None
        events.locked.emit()
        clock.at("10:40")
        events.unlocked.emit()
        await poller.close()

    asyncio.run(body())
    prompt = session.state.prompt
    assert prompt.reason == Reason.LOCK and prompt.minutes == 36  # 10:03:09 to 10:40


def test_two_absences_unanswered_become_one_question(away):
    session, watch, clock, idle, _ = away

    async def body():
        poller = await with_timer(session)
        away_from_1003_to_1045(watch, clock, idle)
        clock.at("11:00")
        watch.look()
        clock.at("11:30")
        idle.seconds = 30 * 60
        watch.look()
        idle.seconds = 0
        watch.look()
        await poller.close()

    asyncio.run(body())
    prompt = session.state.prompt
    assert prompt.merged and prompt.minutes == 42 + 30
    assert prompt.text() == ("You were away 1:12 in all between 10:03 and 11:30 while “API Docs · Writing” "
                             "was running.")


def test_a_timer_running_ten_hours_is_asked_about_once(away):
    session, watch, clock, idle, _ = away

    async def body():
        poller = await with_timer(session)
        last_seen_1741_and_asked_at_1921(watch, clock, idle)
        prompt = session.state.prompt
        assert prompt.kind == PromptKind.FORGOTTEN
        assert prompt.text() == "Still working on “API Docs · Writing”? Running 10:00 since 09:21."
        assert prompt.label(prompt.answers()[0]) == "Stop at last activity (17:41)"
        await session.answer("keep")
        clock.at("20:00")
        idle.seconds = 139 * 60
        watch.look()
        assert session.state.prompt is None  # asked once for this run
        await poller.close()

    asyncio.run(body())


def test_stop_at_last_activity_books_up_to_it(away, demo):
    session, watch, clock, idle, _ = away

    async def body():
        poller = await with_timer(session)
        last_seen_1741_and_asked_at_1921(watch, clock, idle)
        await session.answer("stop")
        await poller.cycle(2)
        await poller.close()

    asyncio.run(body())
    assert mite_entry(demo, session)["minutes"] == 8 * 60 + 20 and running_id(demo) is None


def test_working_without_a_timer_in_working_hours_reminds_and_a_timer_ends_it(away):
    session, watch, clock, idle, _ = away
    session.settings.work_reminders = True
    session.settings.work_days = list(range(7))

    async def body():
        poller = Poller(session)
        await poller.cycle()
        for minute in range(0, 16):
            clock.at(f"09:{minute:02d}")
            watch.look()
        prompt = session.state.prompt
        assert prompt.kind == PromptKind.NOT_TRACKING and prompt.minutes == 15
        await session.start_last() or await session.start(project_id=None, service_id=None, note="x")
        assert session.state.prompt is None
        await poller.close()

    asyncio.run(body())


def test_when_it_looks(away):
    session, watch, clock, idle, _ = away
    assert watch._interval(None) is None  # no timer, no reminders: it does not look at all
    assert not watch.timer.isActive()

    async def body():
        poller = await with_timer(session)
        assert watch.timer.isActive()  # a timer started: the watch looks again
        assert watch._interval(0) == LOOK_EVERY
        assert watch._interval(8 * 60) == LOOK_EVERY
        assert watch._interval(9 * 60 + 30) == 30      # near the threshold: sooner
        assert watch._interval(10 * 60 - 1) == LOOK_SOONEST
        assert watch._interval(30 * 60) == LOOK_SOONEST  # away: ask as soon as they are back
        session.settings.away_minutes = 0
        watch.look()
        assert watch._interval(30 * 60) == LOOK_EVERY  # away time off: only the forgotten timer
        await session.stop()
        watch.look()
        assert not watch.timer.isActive()
        await poller.close()

    asyncio.run(body())


def test_a_look_into_a_store_that_cannot_be_read_never_raises_and_the_watch_goes_on(away, caplog):
    session, watch, clock, idle, _ = away

    async def body():
        poller = await with_timer(session)
        await poller.close()  # closes the store under the running watch

    asyncio.run(body())
    clock.at("19:30")  # a forgotten-timer check would read the store
    watch.look()
    assert "Looking for away time failed" in caplog.text
    assert watch.timer.isActive()  # it looks again later


# -- the review's findings (each failed before its fix) ------------------------------------------


def test_a_night_asleep_is_asked_about_even_when_a_look_after_the_resume_came_first(away):
    session, watch, clock, idle, events = away

    async def body():
        poller = await with_timer(session)
        clock.at("16:59")
        watch.look()  # seen at 16:59
        last_seen = clock.now
        clock.now += timedelta(hours=15, minutes=1)  # 08:00 the next day: a key woke it
        idle.seconds = 3
        watch.look()  # the watch's look came before the session's clock check
        session.slept.emit(last_seen, clock.now)
        await poller.close()

    asyncio.run(body())
    prompt = session.state.prompt
    assert prompt is not None and prompt.reason == Reason.SLEEP
    assert prompt.since.strftime("%H:%M") == "16:59" and prompt.minutes == 15 * 60 + 1


def test_logind_saying_sleep_only_after_the_resume_still_asks_once(away):
    session, watch, clock, idle, events = away
    alerts = []
    session.alert.connect(alerts.append)

    async def body():
        poller = await with_timer(session)
        clock.at("16:59")
        watch.look()
        last_seen = clock.now
        clock.now += timedelta(hours=15, minutes=1)
        idle.seconds = 2
        events.sleeping.emit()  # both arrive after the resume
        events.woke.emit()
        session.slept.emit(last_seen, clock.now)  # and the clock check too: the same sleep, asked once
        await poller.close()

    asyncio.run(body())
    assert session.state.prompt.reason == Reason.SLEEP and session.state.prompt.minutes >= 15 * 60
    assert len(alerts) == 1


def test_stop_at_is_not_offered_once_the_timer_was_stopped_and_continued(away, demo):
    session, watch, clock, idle, _ = away

    async def body():
        poller = await with_timer(session)
        away_from_1003_to_1045(watch, clock, idle)
        clock.at("10:46")
        await session.stop()
        clock.at("11:00")
        await session.start_last()  # the same entry runs again from 11:00, its 85 minutes as its base
        assert Answer.STOP not in session.state.answers
        with pytest.raises(ActionFailed, match="no longer runs"):
            await session.answer("stop")
        clock.at("11:30")
        await session.answer("discard")  # the away minutes still come off
        await session.stop()
        await poller.cycle(2)
        await poller.close()

    asyncio.run(body())
    assert mite_entry(demo, session)["minutes"] == 85 + 30 - 42


def test_an_unanswered_question_is_not_lost_to_one_about_another_timer(away):
    session, watch, clock, idle, _ = away

    async def body():
        poller = await with_timer(session)
        away_from_1003_to_1045(watch, clock, idle)  # about A, left unanswered
        first = session.state.prompt
        clock.at("11:00")
        await session.start(project_id=None, service_id=None, note="B")
        clock.at("12:00")
        idle.seconds = 0
        watch.look()
        clock.at("12:30")
        idle.seconds = 30 * 60
        watch.look()
        idle.seconds = 0
        watch.look()  # away on B: asked after A's question
        assert session.state.prompt == first
        await session.answer("keep", asked=first.key)
        second = session.state.prompt
        assert second.title == "B" and second.minutes == 30
        clock.at("22:00")  # B ran ten hours: asked too, though B's away question waits
        await poller.close()

    asyncio.run(body())


def test_an_answer_to_a_question_that_changed_meanwhile_is_refused(away):
    session, watch, clock, idle, _ = away

    async def body():
        poller = await with_timer(session)
        away_from_1003_to_1045(watch, clock, idle)
        shown = session.state.prompt.key
        clock.at("11:00")
        watch.look()
        clock.at("11:30")
        idle.seconds = 30 * 60
        watch.look()
        idle.seconds = 0
        watch.look()  # merged into 1:12 while the menu showed 0:42
        with pytest.raises(ActionFailed, match="changed meanwhile"):
            await session.answer("discard", asked=shown)
        assert session.state.prompt.minutes == 72
        await poller.close()

    asyncio.run(body())


def test_a_closed_watch_ignores_the_os_news_that_outlives_its_session(away):
    session, watch, clock, idle, events = away

    async def body():
        poller = await with_timer(session)
        watch.close()
        clock.at("10:03")
        events.locked.emit()
        clock.at("11:03")
        events.unlocked.emit()
        session.slept.emit(clock.now - timedelta(hours=2), clock.now)
        await poller.close()

    asyncio.run(body())
    assert session.state.prompt is None


def test_continue_refused_keeps_the_reminder(away):
    session, watch, clock, idle, _ = away
    session.settings.work_reminders, session.settings.work_days = True, list(range(7))

    async def body():
        poller = await with_timer(session)
        await session.stop()
        last = session.state.snapshot.today[0]
        session.store.put_entry({**session.store.entry(last.id), "locked": True})
        for minute in range(0, 16):
            clock.at(f"12:{minute:02d}")
            watch.look()
        assert session.state.prompt.kind == PromptKind.NOT_TRACKING
        with pytest.raises(ActionFailed, match="locked"):
            await session.answer("continue")
        kept = session.journal.prompt()  # the store, not the last State: a refused action publishes none
        assert kept is not None and kept.kind == PromptKind.NOT_TRACKING
        await poller.close()

    asyncio.run(body())


def test_without_an_idle_source_midnight_alone_does_not_ask(demo, tmp_path, monkeypatch, qapp):
    session = quick_session(demo, tmp_path / "store.sqlite3", monkeypatch)
    clock = Clock()
    session.journal.clock = clock
    watch = AwayWatch(session, clock=clock)
    session.settings.forgotten_hours = 0

    async def body():
        poller = await with_timer(session)
        clock.at("23:50")
        watch.look()
        clock.now += timedelta(minutes=20)  # 00:10, nobody known to be there
        watch.look()
        await poller.close()

    asyncio.run(body())
    watch.close()
    assert session.state.prompt is None


def test_a_forgotten_timer_whose_question_could_not_be_kept_is_asked_at_the_next_look(away, monkeypatch):
    session, watch, clock, idle, _ = away

    async def body():
        poller = await with_timer(session)
        clock.at("19:30")
        real = session.ask
        monkeypatch.setattr(session, "ask", lambda prompt: (_ for _ in ()).throw(OSError("disk full")))
        watch.look()  # logged; not marked as asked
        assert session.journal.prompt() is None
        monkeypatch.setattr(session, "ask", real)
        watch.look()
        assert session.state.prompt.kind == PromptKind.FORGOTTEN
        await poller.close()

    asyncio.run(body())
