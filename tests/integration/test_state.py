"""One observable: a real Session against the demo mite emits `changed(State)` when, and only
when, what the tray, the window and `status` show has changed; `state` holds the latest."""

import asyncio

import pytest

from app.core.commands import status_of
from app.core.state import Health, Refused
from tests.helpers.polling import quick_session


@pytest.fixture
def watched(demo, tmp_path, monkeypatch):
    """A session on a fresh store, and every State it emits, in order."""
    session = quick_session(demo, tmp_path / "store.sqlite3", monkeypatch)
    seen = []
    session.changed.connect(seen.append)
    yield session, seen
    session.store.close()


def test_changed_carries_each_new_state_and_nothing_else(watched):
    session, seen = watched

    async def body():
        await session.refresh()
        assert len(seen) == 1 and seen[0] is session.state
        assert session.state.snapshot.running is None  # no timer: time passing changes nothing shown
        assert session.state.health is Health.ONLINE and session.state.user.name
        assert session.state.snapshot.today  # the demo admin's entries, read back from mite
        await session.refresh()
        await session.refresh()
        assert len(seen) == 1  # nothing changed: nobody is told
        await session.add(minutes=25, project_id=None, service_id=None, note="state test")
        assert len(seen) == 2 and (seen[-1].waiting, seen[-1].checking) == (1, 0)
        assert any(e.note == "state test" for e in seen[-1].snapshot.today)
        await session.refresh()  # sent: nothing waits any more
        assert len(seen) == 3 and seen[-1].waiting == 0
        await session.refresh()
        assert len(seen) == 3
        await session.client.aclose()
    asyncio.run(body())
    assert seen[-1] is session.state and seen[-1] == session.state


def test_a_refusal_is_in_the_state_and_in_status(watched, demo):
    session, seen = watched

    async def body():
        await session.refresh()
        entry = next(e for e in session.state.snapshot.today if not e.locked and e.id > 0)
        demo.mite.records["time_entries"][entry.id]["locked"] = True  # locked in mite meanwhile
        await session.edit(entry.id, note="too late")
        await session.refresh()
        await session.client.aclose()
    asyncio.run(body())
    state = session.state
    [refused] = state.refused
    assert refused == Refused(refused.seq, "update", refused.reason) and "locked" in refused.reason
    assert (state.waiting, state.health) == (0, Health.ONLINE)
    assert seen[-1] is state
    status = status_of(state)
    assert status["refused"] == [{"seq": refused.seq, "kind": "update", "reason": refused.reason}]
    assert (status["online"], status["waiting"], status["user"]) == (True, 0, state.user.name)
