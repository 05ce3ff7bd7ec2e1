"""Drive a real Session's poll loop in tests: count its syncs, wake it, inject faults at its stages.

Never waits on the wall clock: a cycle is "a sync that began after the poke has ended".
"""

from __future__ import annotations

import asyncio
import contextvars

import app.core.session as session_module
from app.api.client import MiteClient
from app.core.session import Session
from app.core.settings import Settings
from app.core.store import Store
from app.demo.data import ADMIN_KEY

# Set inside the poll loop's syncs: the tasks a sync starts (its requests go together) inherit it.
IN_POLL_LOOP: contextvars.ContextVar[bool] = contextvars.ContextVar("in_poll_loop", default=False)
STORE_WRITES = ("put_entry", "remove", "set_meta", "map_id", "set_state", "mark_sent", "put_record",
                "replace_catalog", "set_tracker", "delete_entry")


def quick_session(demo, path, monkeypatch, key=ADMIN_KEY, timeout=2.0) -> Session:
    """A Session on a real file store against the demo mite, with backoffs cut to milliseconds."""
    settings = Settings(poll_seconds_open=0.02, poll_seconds_hidden=0.02)
    monkeypatch.setattr(session_module, "LOOP_RETRY", 0.01, raising=False)
    monkeypatch.setattr(session_module, "SLICE", 0.02)
    session = Session(MiteClient(demo.url, key, timeout=timeout), settings, Store(path), save_settings=False)
    session.journal.grace = 0  # an uncertain create is looked up at once
    return session


async def until(predicate, what: str = "the condition") -> None:
    for _ in range(4000):  # a bound, not a timing assertion
        if predicate():
            return
        await asyncio.sleep(0.002)
    raise AssertionError(f"never happened: {what}")


class Poller:
    """The session's real `poll_forever` as a task; `cycle()` pokes it and waits for a whole sync."""

    def __init__(self, session: Session):
        self.session = session
        self.started = self.finished = 0
        self.syncing = False
        real = session.refresh

        async def counted() -> None:
            self.started += 1
            self.syncing = True
            IN_POLL_LOOP.set(True)  # this task's context only: the user's actions run in others
            try:
                await real()
            finally:
                self.syncing = False
                self.finished += 1
        session.refresh = counted  # poll_forever looks it up on the instance
        self.task = asyncio.ensure_future(session.poll_forever())

    async def cycle(self, times: int = 1) -> None:
        for _ in range(times):
            target = self.started + 1
            for _ in range(4000):  # a bound, not a timing assertion: a dead loop never gets there
                if self.finished >= target or self.task.done():
                    break
                if self.started < target:  # until it begins; a poke during it would bring one more sync,
                    self.session.poke()      # which the fault sessions must not get before mite settles
                await asyncio.sleep(0.005)
            assert not self.task.done(), "the poll loop ended"
            assert self.finished >= target, "no sync happened after the poke"

    async def close(self) -> None:
        self.task.cancel()
        await asyncio.gather(self.task, return_exceptions=True)
        self.session.store.close()
        await self.session.client.aclose()


class Faults:
    """Unexpected exceptions at one sync stage: flush, pull, catalog or a store write.

    `error` is raised at the stage while set, and only inside the poll loop's syncs (the
    user's own actions, taken meanwhile, still work); `hits` counts how often it was raised.
    """

    def __init__(self, session: Session, poller: Poller, monkeypatch):
        self.poller = poller
        self.error: dict[str, BaseException | None] = {}
        self.hits: dict[str, int] = {}
        journal = session.journal
        for name, owner, attr in (("flush", journal, "flush"), ("pull", journal, "pull")):
            monkeypatch.setattr(owner, attr, self._async_hook(name, getattr(owner, attr)))
        monkeypatch.setattr(session_module, "sync_catalog", self._async_hook("catalog", session_module.sync_catalog))
        for attr in STORE_WRITES:
            monkeypatch.setattr(session.store, attr, self._hook("store", getattr(session.store, attr)))

    def set(self, stage: str, error: BaseException | None) -> None:
        self.error[stage] = error

    def _fire(self, stage: str) -> None:
        error = self.error.get(stage)
        if error is not None and self.poller.syncing and IN_POLL_LOOP.get():
            self.hits[stage] = self.hits.get(stage, 0) + 1
            raise error

    def _hook(self, stage, real):
        def hooked(*args, **kwargs):
            self._fire(stage)
            return real(*args, **kwargs)
        return hooked

    def _async_hook(self, stage, real):
        async def hooked(*args, **kwargs):
            self._fire(stage)
            return await real(*args, **kwargs)
        return hooked
