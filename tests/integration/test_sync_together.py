"""Issue 17: a sync sends its independent requests together, a few at a time, and keeps its dependent steps in
order. Counted against the demo mite with every answer delayed: how many requests were in flight at once, and
in how many rounds one after another the sync asked (a request's round: one more than the highest round of
the requests answered before it was sent)."""

import asyncio
import threading

from app.api import client as client_module
from app.api.client import MiteClient
from app.core.session import Session
from app.core.settings import Settings
from app.core.store import Store
from app.demo.data import ADMIN_KEY


class Rounds:
    def __init__(self, demo, monkeypatch):
        handler = demo._httpd.RequestHandlerClass
        real = handler._serve
        self.lock = threading.Lock()
        self.in_flight = self.peak = self.highest_answered = 0
        self.rounds: list[int] = []

        def serve(request, method):
            with self.lock:
                self.in_flight += 1
                self.peak = max(self.peak, self.in_flight)
                mine = self.highest_answered + 1
            try:
                real(request, method)
            finally:
                with self.lock:
                    self.in_flight -= 1
                    self.highest_answered = max(self.highest_answered, mine)
                    self.rounds.append(mine)
        monkeypatch.setattr(handler, "_serve", serve)

    def reset(self):
        self.peak = self.highest_answered = 0
        self.rounds = []


def first_syncs(demo, tmp_path, monkeypatch):
    """A first sync on a new store (cold), then one on the same store by a new session (warm, as after a restart)."""
    rounds = Rounds(demo, monkeypatch)
    demo.inject(path=".*", delay=0.05, times=None)  # every answer late: requests sent together overlap
    seen = []
    for _ in ("cold", "warm"):
        session = Session(MiteClient(demo.url, ADMIN_KEY, timeout=5.0), Settings(), Store(tmp_path / "s.sqlite3"),
                          save_settings=False)
        rounds.reset()

        async def sync(session=session):
            await session.refresh()
            seen.append((len(rounds.rounds), rounds.peak, max(rounds.rounds)))
            await session.client.aclose()
        asyncio.run(sync())
        assert session.state.problem == "" and session.state.snapshot.today and session.projects
        session.store.close()
    return seen


def test_a_first_sync_asks_together_within_the_limit(demo, tmp_path, monkeypatch):
    (cold, cold_peak, cold_rounds), (warm, warm_peak, warm_rounds) = first_syncs(demo, tmp_path, monkeypatch)
    assert (cold, warm) == (9, 6)  # the same requests as one after another
    assert 1 < cold_peak <= client_module.CONCURRENT and 1 < warm_peak <= client_module.CONCURRENT
    # Cold: who am I, then the timer and the entries; beside them the catalog's six lists, four at a time.
    # Warm: who am I and the catalog's three changes, then the timer and the entries' changes.
    assert (cold_rounds, warm_rounds) == (3, 2)


def test_the_limit_holds_for_one_client(demo, monkeypatch):
    """More requests asked at once than the client's turns: never more in flight than the limit."""
    rounds = Rounds(demo, monkeypatch)
    demo.inject(path=".*", delay=0.05, times=None)

    async def body():
        async with MiteClient(demo.url, ADMIN_KEY, timeout=5.0) as mite:
            await asyncio.gather(*(mite.tracker() for _ in range(10)))
    asyncio.run(body())
    assert rounds.peak == client_module.CONCURRENT and len(rounds.rounds) == 10
