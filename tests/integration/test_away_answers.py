"""The away answers' minutes arithmetic as a table (issue 15), over the journal against the demo mite:
a timer ran 60 minutes, the user was away the last 42 of them. What mite holds once it is sent:
discard, stop-at and book-as, across midnight, offline, and a locked entry (refused; the question waits).
(The command line's own tests are in test_cli_away.py.)"""

import asyncio
from datetime import timedelta

import pytest

from app.core import answers
from app.core.actions import Action, Plan, execute
from app.core.journal import Journal, Unreachable, now_local
from app.core.messages import ActionFailed
from app.core.prompt import Answer, Prompt, PromptKind
from app.core.store import Store
from app.demo.data import ADMIN_KEY
from tests.helpers.client import FullClient
from tests.helpers.demo import running_id

AWAY = 42


class Clock:
    def __init__(self, start):
        self.now = start

    def __call__(self):
        return self.now


class Backend:
    """The actions' backend at its plainest: the journal, nothing shown, nothing synced."""

    def __init__(self, journal):
        self.journal, self.client = journal, journal.client

    async def before(self, plan):
        pass

    async def after(self, plan):
        pass

    def refused(self, message):
        pass

    def catalog_grew(self):
        pass


def intranet(demo):
    return next(p["id"] for p in demo.mite.records["projects"].values() if p["name"] == "Intranet")


def scenario(demo, tmp_path, body, start_at):
    """A timer started at `start_at`, run 60 minutes, sent; the user away its last 42 (a question waits).
    Then `body(journal, clock, entry_id, prompt)`."""
    async def run():
        async with FullClient(demo.url, ADMIN_KEY, timeout=0.5) as client:
            clock = Clock(start_at)
            journal = Journal(Store(tmp_path / "store.sqlite3"), client, clock, grace=0)
            local_id = journal.start_new(project_id=None, service_id=None, note="the timer")
            clock.now += timedelta(minutes=60)
            await journal.flush()
            entry_id = journal.store.server_id(local_id)
            prompt = Prompt(PromptKind.AWAY, "the timer", since=clock.now - timedelta(minutes=AWAY), until=clock.now,
                            minutes=AWAY, entry_id=entry_id)
            answers.ask(journal.store, prompt)
            return await body(journal, clock, entry_id, prompt)
    return asyncio.run(run())


def mite_entry(demo, entry_id):
    return demo.mite.records["time_entries"][entry_id]


def booked_as(demo, note):
    return [(e["minutes"], e["date_at"]) for e in demo.mite.records["time_entries"].values() if e["note"] == note]


NINE = now_local().replace(hour=9, minute=0, second=0, microsecond=0)
LATE = now_local().replace(hour=23, minute=30, second=0, microsecond=0)  # 60 minutes run past midnight


@pytest.mark.parametrize("start_at, answer, timer_minutes, runs_on, away_entry", [
    (NINE, Answer.KEEP, 60, True, []),
    (NINE, Answer.DISCARD, 18, True, []),          # 60 - 42, and the timer runs on from 0:18
    (NINE, Answer.STOP, 18, False, []),            # booked up to when they left: 09:00-09:18
    (NINE, Answer.BOOK, 18, True, [(AWAY, 0)]),    # discard, and the 42 booked elsewhere on since's day
    (LATE, Answer.DISCARD, 18, True, []),
    (LATE, Answer.STOP, 18, False, []),            # left at 23:48: 18 minutes, on the day the timer began
    (LATE, Answer.BOOK, 18, True, [(AWAY, 0)]),    # since is 23:48 of the first day: booked there
], ids=["keep", "discard", "stop", "book", "discard-midnight", "stop-midnight", "book-midnight"])
def test_the_minutes_each_answer_books(demo, tmp_path, start_at, answer, timer_minutes, runs_on, away_entry):
    async def body(journal, clock, entry_id, prompt):
        clock.now += timedelta(seconds=20)  # answered a moment after the question
        plan = Plan.by_ids(Action.ANSWER, answer=answer, project_id=intranet(demo), note="away call") \
            if answer == Answer.BOOK else Plan(Action.ANSWER, answer=answer)
        await execute(plan, Backend(journal))
        await journal.flush()
        assert journal.prompt() is None and journal.store.outbox() == []
        return entry_id
    entry_id = scenario(demo, tmp_path, body, start_at)
    assert mite_entry(demo, entry_id)["minutes"] == timer_minutes
    assert mite_entry(demo, entry_id)["date_at"] == start_at.date().isoformat()
    assert (running_id(demo) == entry_id) is runs_on
    day = start_at.date().isoformat()
    assert booked_as(demo, "away call") == [(minutes, day) for minutes, _ in away_entry]


def test_discard_after_the_timer_stopped_lowers_the_entry(demo, tmp_path):
    async def body(journal, clock, entry_id, prompt):
        journal.stop()
        assert answers.answer(journal, Answer.DISCARD) == prompt
        with pytest.raises(ActionFailed, match="No question is waiting"):
            answers.answer(journal, Answer.DISCARD)
        await journal.flush()
        return entry_id
    entry_id = scenario(demo, tmp_path, body, NINE)
    assert mite_entry(demo, entry_id)["minutes"] == 18 and running_id(demo) is None


def test_offline_the_answer_waits_and_is_sent_once(demo, tmp_path):
    async def body(journal, clock, entry_id, prompt):
        offline = demo.inject(path=".*", status=503, times=None)
        answers.answer(journal, Answer.DISCARD)
        with pytest.raises(Unreachable):
            await journal.flush()
        assert mite_entry(demo, entry_id)["minutes"] == 60 and journal.prompt() is None  # mite heard nothing
        assert [e.minutes for e in journal.snapshot().today if e.id == entry_id] == [18]
        demo.faults.remove(offline)
        clock.now += timedelta(minutes=5)  # back online five minutes later: the timer ran on meanwhile
        await journal.flush()
        await journal.flush()  # nothing left: nothing sent twice
        return entry_id
    entry_id = scenario(demo, tmp_path, body, NINE)
    assert mite_entry(demo, entry_id)["minutes"] == 23 and running_id(demo) == entry_id  # 18 + the 5 since


def test_a_locked_entry_is_refused_and_the_question_waits(demo, tmp_path):
    async def body(journal, clock, entry_id, prompt):
        demo.mite.records["time_entries"][entry_id]["locked"] = True
        await journal.pull()
        outbox = journal.store.outbox()
        for answer in (Answer.DISCARD, Answer.BOOK, Answer.STOP):  # stop-at sets the minutes too
            with pytest.raises(ActionFailed, match="is locked in mite, so its minutes cannot be changed"):
                answers.answer(journal, answer, project_id=intranet(demo))
        assert journal.prompt() == prompt and journal.store.outbox() == outbox
        answers.answer(journal, Answer.KEEP)
        assert journal.prompt() is None
        return entry_id
    entry_id = scenario(demo, tmp_path, body, NINE)
    assert mite_entry(demo, entry_id)["minutes"] == 60 and running_id(demo) == entry_id  # mite untouched
