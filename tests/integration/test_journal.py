"""The offline journal against the demo mite: offline work, unknown outcomes, refusals."""

import asyncio
from datetime import timedelta

import pytest

from app.api import errors
from app.core.journal import Deferred, Journal, Unreachable, now_local
from app.core.messages import ActionFailed
from app.core.store import Store
from app.demo.data import ADMIN_KEY
from tests.helpers.client import FullClient
from tests.helpers.demo import running_id


class Clock:
    def __init__(self):
        self.now = now_local().replace(hour=9, minute=0)  # scenarios advance by hours: stay on one day

    def __call__(self):
        return self.now

    def advance(self, minutes):
        self.now += timedelta(minutes=minutes)


def scenario(demo, tmp_path, body, key=ADMIN_KEY):
    """Run `body(journal, clock, reopen)`; reopen() simulates a restart on the same database."""
    clock = Clock()
    path = tmp_path / "store.sqlite3"

    async def run():
        clients = []

        def reopen():
            client = FullClient(demo.url, key, timeout=0.5)
            clients.append(client)
            return Journal(Store(path), client, clock, grace=0)

        try:
            return await body(reopen(), clock, reopen)
        finally:
            for client in clients:
                await client.aclose()
    return asyncio.run(run())


async def booked(journal, note, minutes=30):
    """An entry added and sent: its id in mite."""
    entry_id = journal.add(minutes=minutes, project_id=None, service_id=None, note=note)
    await journal.flush()
    return journal.store.server_id(entry_id)


def server_entries(demo, prefix):
    return [e for e in demo.mite.records["time_entries"].values() if e["note"].startswith(prefix)]


def test_timer_started_and_stopped_offline_books_the_right_minutes(demo, tmp_path):
    async def body(journal, clock, reopen):
        offline = demo.inject(path=".*", status=503, times=None)
        journal.start_new(project_id=None, service_id=None, note="offline work")
        with pytest.raises(Unreachable):
            await journal.flush()
        clock.advance(25)
        journal.stop()
        assert journal.snapshot().running is None
        assert [e.minutes for e in journal.snapshot().today if e.note == "offline work"] == [25]
        demo.faults.remove(offline)
        clock.advance(60)  # back online an hour later
        assert await journal.flush() == []
        assert not journal.pending()
    scenario(demo, tmp_path, body)
    [entry] = server_entries(demo, "offline work")
    assert entry["minutes"] == 25 and running_id(demo) is None


def test_timer_started_offline_still_running_counts_from_the_click(demo, tmp_path):
    async def body(journal, clock, reopen):
        offline = demo.inject(path=".*", status=503, times=None)
        journal.start_new(project_id=None, service_id=None, note="late start")
        with pytest.raises(Unreachable):
            await journal.flush()
        demo.faults.remove(offline)
        clock.advance(40)
        await journal.flush()
    scenario(demo, tmp_path, body)
    [entry] = server_entries(demo, "late start")
    assert running_id(demo) == entry["id"]
    assert entry["minutes"] == 40  # mite adds its own running minutes on top


@pytest.mark.parametrize("fault", [
    {"drop": True},                                 # acted, connection closed before the answer
    {"delay": 1.0},                                 # acted after the client gave up
    {"body": "{not json"},                          # acted, answer unreadable
])
def test_unknown_outcome_of_a_create_is_reconciled_not_repeated(demo, tmp_path, fault):
    async def body(journal, clock, reopen):
        demo.inject(path="/time_entries.json", method="POST", **fault)
        journal.add(minutes=45, project_id=None, service_id=None, note="exactly once")
        with pytest.raises(Unreachable):
            await journal.flush()
        assert journal.pending()[0].state == "uncertain"
        await asyncio.sleep(1.2 if fault.get("delay") else 0)  # let the slow server finish
        journal = reopen()  # even across a restart
        await journal.flush()
        assert not journal.pending()
    scenario(demo, tmp_path, body)
    assert len(server_entries(demo, "exactly once")) == 1
    assert [r for r in demo.requests if r[0] == "POST"].__len__() == 1


def test_uncertain_create_that_never_arrived_is_sent(demo, tmp_path):
    async def body(journal, clock, reopen):
        demo.inject(path="/time_entries.json", method="POST", status=502, body="<html>Bad Gateway</html>")
        journal.add(minutes=15, project_id=None, service_id=None, note="sent later")
        with pytest.raises(Unreachable):
            await journal.flush()
        await journal.flush()
    scenario(demo, tmp_path, body)
    assert len(server_entries(demo, "sent later")) == 1


def test_rate_limit_retry_after_is_reported(demo, tmp_path):
    async def body(journal, clock, reopen):
        demo.inject(path="/time_entries.json", method="POST", status=429, retry_after=42)
        journal.add(minutes=5, project_id=None, service_id=None, note="rate limited")
        with pytest.raises(Unreachable) as info:
            await journal.flush()
        assert info.value.retry_after == 42
    scenario(demo, tmp_path, body)


def test_locked_entry_edit_is_kept_as_failed_then_discarded(demo, tmp_path):
    async def body(journal, clock, reopen):
        server_id = await booked(journal, "to lock", 30)
        demo.mite.records["time_entries"][server_id]["locked"] = True
        journal.edit(server_id, minutes=50)
        refused = await journal.flush()
        assert refused and "locked" in refused[0]
        [failed] = journal.failed()
        assert failed.kind == "update" and "locked" in failed.error
        journal.discard(failed.seq)
        assert not journal.failed()
        await journal.pull()
        assert journal.store.entry(server_id)["minutes"] == 30  # mite's value is back
    scenario(demo, tmp_path, body)


def test_locally_locked_entry_cannot_be_edited_without_force(demo, tmp_path):
    async def body(journal, clock, reopen):
        server_id = await booked(journal, "locked here", 30)
        demo.mite.records["time_entries"][server_id]["locked"] = True
        await journal.pull()
        with pytest.raises(ActionFailed, match="locked"):
            journal.edit(server_id, note="nope")
        journal.edit(server_id, force=True, note="unlocked by admin")
        assert await journal.flush() == []
    scenario(demo, tmp_path, body)
    assert server_entries(demo, "unlocked by admin")[0]["locked"] is False


def test_deleted_project_fails_the_create_and_its_timer(demo, tmp_path):
    async def body(journal, clock, reopen):
        project = await journal.client.create("projects", name="Short-lived")
        journal.start_new(project_id=project.id, service_id=None, note="gone project")
        await journal.client.delete("projects", project.id)
        refused = await journal.flush()
        assert len(refused) == 2 and "does not exist" in refused[0]
        assert {i.kind for i in journal.failed()} == {"create", "start"}
        assert journal.snapshot().running is None  # mite would not run it
    scenario(demo, tmp_path, body)
    assert not server_entries(demo, "gone project")


def test_revoked_key_keeps_everything(demo, tmp_path):
    async def body(journal, clock, reopen):
        journal.add(minutes=20, project_id=None, service_id=None, note="after revoke")
        demo.inject(path=".*", status=401, times=None)
        with pytest.raises(errors.AuthError):
            await journal.flush()
        assert [i.state for i in journal.pending()] == ["pending"]
    scenario(demo, tmp_path, body)


def test_delete_of_an_entry_deleted_elsewhere_is_done(demo, tmp_path):
    async def body(journal, clock, reopen):
        server_id = await booked(journal, "deleted twice", 20)
        del demo.mite.records["time_entries"][server_id]
        journal.delete(server_id)
        assert await journal.flush() == [] and not journal.pending()
    scenario(demo, tmp_path, body)


def test_edit_of_an_entry_deleted_elsewhere_is_kept(demo, tmp_path):
    async def body(journal, clock, reopen):
        server_id = await booked(journal, "edited after delete", 20)
        del demo.mite.records["time_entries"][server_id]
        journal.edit(server_id, note="too late")
        refused = await journal.flush()
        assert refused and "no longer exists" in refused[0]
    scenario(demo, tmp_path, body)


def test_tracker_started_elsewhere_wins_and_is_told(demo, tmp_path):
    async def body(journal, clock, reopen):
        await journal.pull()
        admin = next(u for u in demo.mite.users.values() if u["role"] == "admin")
        with demo.mite.lock:
            entry = demo.mite.create_entry(admin, {"time_entry": {"note": "web app"}})[1]["time_entry"]
            demo.mite.start_tracker(admin, entry["id"])
        notices = await journal.pull()
        assert notices and "started elsewhere" in notices[0]
        assert journal.snapshot().running.note == "web app"
        with demo.mite.lock:
            demo.mite.stop_tracker(admin, entry["id"])
        notices = await journal.pull()
        assert "stopped in mite" in notices[0] and journal.snapshot().running is None
    scenario(demo, tmp_path, body)


def test_uncertain_create_waits_out_the_grace_before_looking(demo, tmp_path):
    async def body(journal, clock, reopen):
        journal.grace = 0.5
        demo.inject(path="/time_entries.json", method="POST", drop=True)
        journal.add(minutes=10, project_id=None, service_id=None, note="graceful")
        with pytest.raises(Unreachable):
            await journal.flush()
        with pytest.raises(Deferred) as info:
            await journal.flush()  # too early: the first POST might still be running on the server
        assert 0 < info.value.seconds <= 0.5
        await asyncio.sleep(0.6)
        await journal.flush()
        assert not journal.pending()
    scenario(demo, tmp_path, body)
    assert len(server_entries(demo, "graceful")) == 1


def test_no_connection_means_not_sent_and_no_grace_wait(demo, tmp_path):
    async def body(journal, clock, reopen):
        journal.grace = 60
        real_url = journal.client.base_url
        journal.client._http.base_url = "http://127.0.0.1:9"  # nothing listens: connection refused
        journal.add(minutes=5, project_id=None, service_id=None, note="never left")
        with pytest.raises(Unreachable) as info:
            await journal.flush()
        assert isinstance(info.value.cause, errors.NotSent)
        assert journal.pending()[0].state == "pending"  # certain: nothing reached mite
        journal.client._http.base_url = real_url
        await journal.flush()  # no grace period to wait out
        assert not journal.pending()
    scenario(demo, tmp_path, body)
    assert len(server_entries(demo, "never left")) == 1


def test_an_entry_deleted_before_it_was_sent_never_lends_its_id(demo, tmp_path):
    """Offline: book, delete it, start a timer, stop it. The timer's entry must get its own id."""
    async def body(journal, clock, reopen):
        offline = demo.inject(path=".*", status=503, times=None)
        gone = journal.add(minutes=116, project_id=None, service_id=None, note="booked by mistake")
        journal.delete(gone)
        journal = reopen()  # the counter survives a restart
        running = journal.start_new(project_id=None, service_id=None, note="the real work")
        assert running != gone
        clock.advance(31)
        journal.stop()
        demo.faults.remove(offline)
        assert await journal.flush() == [] and not journal.failed()
    scenario(demo, tmp_path, body)
    assert server_entries(demo, "booked by mistake") == []
    [entry] = server_entries(demo, "the real work")
    assert entry["minutes"] == 31 and running_id(demo) is None


def test_the_replay_sends_with_the_client_and_clock_the_journal_has_now(demo, tmp_path):
    """The Journal holds a Replay: a client swapped after signing in again (Session does this), a clock
    moved and a grace set on the journal are the ones the replay uses."""
    async def body(journal, clock, reopen):
        journal.add(minutes=5, project_id=None, service_id=None, note="sent with the new client")
        async with FullClient(demo.url, ADMIN_KEY, timeout=0.5) as fresh:
            old, journal.client = journal.client, fresh
            await old.aclose()  # the old client could no longer send anything
            journal.grace, later = 7.5, Clock()
            journal.clock = later
            assert (journal.replay.client, journal.replay.clock, journal.replay.grace) == (fresh, later, 7.5)
            assert await journal.flush() == [] and journal.pending() == []
    scenario(demo, tmp_path, body)
    assert [e["minutes"] for e in server_entries(demo, "sent with the new client")] == [5]
