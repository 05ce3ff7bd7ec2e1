"""Issue 14, defect 14: no 0:00 entries from a stop within the first minute or an accidental continue,
and no duplicate from starting what already runs."""

import pytest

from app.core.journal import AlreadyRunning
from tests.helpers.demo import running_id
from tests.integration.test_journal import scenario, server_entries


def test_a_new_timer_stopped_within_a_minute_books_nothing_unsent(demo, tmp_path):
    async def body(journal, clock, reopen):
        journal.start_new(project_id=None, service_id=None, note="oops unsent")
        clock.now = clock.now.replace(second=40)
        journal.stop()
        assert journal.stopped_brief and journal.snapshot().running is None
        assert [e for e in journal.snapshot().today if e.note == "oops unsent"] == []
        assert journal.pending() == []  # withdrawn: mite never hears of it
        await journal.flush()
    scenario(demo, tmp_path, body)
    assert server_entries(demo, "oops unsent") == []


def test_a_new_timer_sent_then_stopped_within_a_minute_is_deleted_in_mite(demo, tmp_path):
    async def body(journal, clock, reopen):
        journal.start_new(project_id=None, service_id=None, note="oops sent")
        await journal.flush()
        assert len(server_entries(demo, "oops sent")) == 1
        clock.now = clock.now.replace(second=50)
        journal.stop()
        assert [e for e in journal.snapshot().today if e.note == "oops sent"] == []
        await journal.flush()
    scenario(demo, tmp_path, body)
    assert server_entries(demo, "oops sent") == [] and running_id(demo) is None


def test_a_continue_stopped_within_a_minute_keeps_the_minutes(demo, tmp_path):
    async def body(journal, clock, reopen):
        entry_id = journal.add(minutes=30, project_id=None, service_id=None, note="kept at 30")
        await journal.flush()
        entry_id = journal.store.server_id(entry_id)
        clock.advance(5)
        journal.resume(entry_id)
        clock.now = clock.now.replace(second=45)
        journal.stop()
        assert not journal.stopped_brief
        await journal.flush()
        assert [e.minutes for e in journal.snapshot().today if e.note == "kept at 30"] == [30]
    scenario(demo, tmp_path, body)
    [entry] = server_entries(demo, "kept at 30")
    assert entry["minutes"] == 30


def test_starting_what_already_runs_does_nothing_but_say_so(demo, tmp_path):
    async def body(journal, clock, reopen):
        journal.start_new(project_id=None, service_id=None, note="same")
        pending = len(journal.pending())
        with pytest.raises(AlreadyRunning, match="already running"):
            journal.start_new(project_id=None, service_id=None, note="same")
        assert len(journal.pending()) == pending
        assert [e.note for e in journal.snapshot().today].count("same") == 1
        journal.start_new(project_id=None, service_id=None, note="other")  # something else still starts
        assert journal.snapshot().running.note == "other"
    scenario(demo, tmp_path, body)
