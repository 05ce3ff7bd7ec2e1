"""Undo for the last delete, stop and continue (issue 14): withdrawn while unsent, undone by the opposite once sent."""

from datetime import timedelta

import pytest

from app.core.messages import ActionFailed
from tests.helpers.demo import running_entry
from tests.integration.test_journal import scenario, server_entries


def test_a_delete_not_yet_sent_is_withdrawn(demo, tmp_path):
    async def body(journal, clock, reopen):
        entry_id = journal.add(minutes=20, project_id=None, service_id=None, note="keep me")
        await journal.flush()
        entry_id = journal.store.server_id(entry_id)
        journal.delete(entry_id)
        assert journal.undoable() == "Deleted “keep me”"
        assert "Undone: Deleted “keep me”" in journal.undo()
        assert journal.pending() == [] and journal.undoable() == ""
        assert [e.minutes for e in journal.snapshot().today if e.note == "keep me"] == [20]
        with pytest.raises(ActionFailed, match="nothing to undo"):
            journal.undo()
    scenario(demo, tmp_path, body)
    assert [e["minutes"] for e in server_entries(demo, "keep me")] == [20]


def test_a_delete_already_sent_creates_the_entry_again(demo, tmp_path):
    async def body(journal, clock, reopen):
        entry_id = journal.add(minutes=25, project_id=None, service_id=None, note="sent delete")
        await journal.flush()
        journal.delete(journal.store.server_id(entry_id))
        await journal.flush()
        assert server_entries(demo, "sent delete") == []
        journal.undo()
        await journal.flush()
    scenario(demo, tmp_path, body)
    [entry] = server_entries(demo, "sent delete")
    assert entry["minutes"] == 25


def test_a_stop_undone_runs_on_counting_the_minutes_since(demo, tmp_path):
    async def body(journal, clock, reopen):
        journal.start_new(project_id=None, service_id=None, note="long task")
        await journal.flush()
        clock.advance(10)
        journal.stop()
        await journal.flush()  # sent: undone by continuing
        assert running_entry(demo) is None
        clock.advance(2)
        assert journal.undoable() == "Stopped “long task”"
        journal.undo()
        running = journal.snapshot().running
        assert running.note == "long task" and journal.snapshot().running_minutes(clock.now) == 12
        await journal.flush()
    scenario(demo, tmp_path, body)
    assert running_entry(demo)["note"] == "long task"


def test_a_continue_undone_stops_it_as_it_was_and_runs_the_timer_before(demo, tmp_path):
    async def body(journal, clock, reopen):
        earlier = journal.add(minutes=40, project_id=None, service_id=None, note="earlier")
        journal.start_new(project_id=None, service_id=None, note="was running")
        clock.advance(5)
        journal.resume(earlier)
        clock.advance(3)
        assert journal.undoable() == "Continued “earlier”"
        journal.undo()  # unsent: withdrawn
        snap = journal.snapshot()
        assert snap.running.note == "was running" and snap.running_minutes(clock.now) == 8
        assert [e.minutes for e in snap.today if e.note == "earlier"] == [40]
        await journal.flush()
        later = journal.store.server_id(earlier)
        journal.resume(later)
        await journal.flush()
        clock.advance(4)
        journal.undo()  # sent: stopped with its 40 minutes, the other runs again
        await journal.flush()
    scenario(demo, tmp_path, body)
    [entry] = server_entries(demo, "earlier")
    assert entry["minutes"] == 40 and running_entry(demo)["note"] == "was running"


def test_only_the_last_action_and_only_for_five_minutes(demo, tmp_path):
    async def body(journal, clock, reopen):
        first = journal.add(minutes=5, project_id=None, service_id=None, note="a")
        journal.delete(first)
        journal.add(minutes=5, project_id=None, service_id=None, note="b")  # another action: the delete stays
        assert journal.undoable() == ""
        second = journal.add(minutes=5, project_id=None, service_id=None, note="c")
        journal.delete(second)
        clock.now += timedelta(minutes=6)
        assert journal.undoable() == ""
        with pytest.raises(ActionFailed):
            journal.undo()
    scenario(demo, tmp_path, body)


def test_a_stop_the_user_did_not_make_cannot_be_undone(demo, tmp_path):
    """A stop at a moment past (the clock jumped) or a timer changed in mite leaves nothing to undo:
    undoing would book the time away, or fight what was done elsewhere."""
    async def body(journal, clock, reopen):
        journal.add(minutes=10, project_id=None, service_id=None, note="ran before the sleep")
        journal.resume(journal.snapshot().today[0].id)
        await journal.flush()
        assert journal.undoable().startswith("Continued")
        journal.stop(at=clock.now)
        assert journal.undoable() == ""
        journal.resume(journal.snapshot().today[0].id)
        await journal.flush()
        admin = next(u for u in demo.mite.users.values() if u["role"] == "admin")
        with demo.mite.lock:
            demo.mite.stop_tracker(admin, journal.snapshot().running.id)
        await journal.pull()
        assert journal.snapshot().running is None and journal.undoable() == ""
    scenario(demo, tmp_path, body)
