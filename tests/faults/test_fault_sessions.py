"""Many scripted sessions with faults injected and the app "killed" mid-sync, then restarted.

The verdict compares mite's entries with an independent model of what the user
did: none lost, none doubled, minutes right. A kill cancels the sync at a random
point and reopens the database file, like kill -9 and a restart (committed
transactions survive, nothing else does); tests/faults/test_kill9.py does it for real.
A second stage runs the script against a real Session and its poll loop and throws
unexpected exceptions at flush, pull, catalog sync and store writes: polling must go on.

Knobs: MITE_TRAY_FAULT_SESSIONS (how many sessions per stage; default 40 and 12),
MITE_TRAY_FAULT_SEED (run that one session, e.g. to replay a failure).
"""

import asyncio
import os
import random
import sqlite3
from datetime import datetime, timedelta

import app.core.session as session_module
from app.api import errors
from app.api.client import MiteClient
from app.core.journal import Journal, Unreachable, now_local
from app.core.state import Health
from app.core.store import Store
from app.demo.data import ADMIN_KEY
from tests.helpers.polling import Faults, Poller, quick_session

# MITE_TRAY_FAULT_SESSIONS=400 asks for a longer run; MITE_TRAY_FAULT_SEED=34 replays one session.
SESSIONS = 40
SUPERVISED_SESSIONS = 12
STEPS = 18
TIMEOUT = 0.15  # the client's; a delay fault waits longer, so the server acts after the client gave up
FAULTS = [
    {"status": 500}, {"status": 503, "retry_after": 0}, {"status": 429, "retry_after": 0},
    {"status": 502, "body": "<html><body>Bad Gateway</body></html>"},
    {"delay": TIMEOUT * 2}, {"drop": True}, {"body": "{not json"},
]
STAGES = ["flush", "pull", "catalog", "store"]
EXCEPTIONS = [lambda: RuntimeError("boom"), lambda: sqlite3.OperationalError("database or disk is full"),
              lambda: UnicodeEncodeError("utf-8", "caf\ud800", 3, 4, "surrogates not allowed"),
              lambda: KeyError("minutes")]
TARGETS = [("POST", r"/time_entries\.json"), ("PATCH", r"/time_entries/\d+"), ("DELETE", r"/time_entries/\d+"),
           ("PATCH", r"/tracker/\d+"), ("DELETE", r"/tracker/\d+"), ("GET", r"/time_entries\.json")]


def seeds(default: int) -> list[int]:
    """The sessions to run: MITE_TRAY_FAULT_SEED alone, or MITE_TRAY_FAULT_SESSIONS of them (`default`)."""
    if os.environ.get("MITE_TRAY_FAULT_SEED"):
        return [int(os.environ["MITE_TRAY_FAULT_SEED"])]
    return list(range(int(os.environ.get("MITE_TRAY_FAULT_SESSIONS") or default)))


async def settled(demo):
    """Wait until the server has answered everything, even requests whose client gave up."""
    while demo.in_flight:
        await asyncio.sleep(0.005)


class Clock:
    def __init__(self):
        start = now_local()
        self.now = start.replace(hour=0, minute=5, second=0)  # the whole session stays on one day

    def __call__(self):
        return self.now


class Model:
    """What the user did, kept independently of the app: note -> minutes."""

    def __init__(self):
        self.minutes: dict[str, int] = {}
        self.running: tuple[str, datetime, bool] | None = None  # note, since, started new (not continued)

    def stop(self, now):
        if self.running:
            note, since, new = self.running
            if new and (now - since).total_seconds() < 60:
                del self.minutes[note]  # a new entry stopped within its first minute books nothing (issue 14)
            else:
                self.minutes[note] += int((now - since).total_seconds() // 60)
            self.running = None


class Script:
    """The scripted user: one random action per step, on the journal, mirrored in the model."""

    def __init__(self, rng, seed, clock):
        self.rng, self.tag, self.clock, self.model = rng, f"s{seed}-", clock, Model()
        self.note_ids: dict[str, int] = {}

    def act(self, journal, step):
        rng, model, clock = self.rng, self.model, self.clock

        def entry_id(note):  # the id the store knows the entry by now (local, or mite's once sent)
            return journal.store.server_id(self.note_ids[note]) or self.note_ids[note]

        action = rng.choice(["start", "start", "stop", "resume", "add", "add", "edit", "delete"])
        stopped = [n for n in model.minutes if not model.running or model.running[0] != n]
        note = f"{self.tag}{step}"
        if action == "start":
            model.stop(clock.now)
            self.note_ids[note] = journal.start_new(project_id=None, service_id=None, note=note)
            model.minutes[note], model.running = 0, (note, clock.now, True)
        elif action == "stop":
            journal.stop()
            model.stop(clock.now)
        elif action == "resume" and stopped:
            target = rng.choice(stopped)
            model.stop(clock.now)
            journal.resume(entry_id(target))
            model.running = (target, clock.now, False)
        elif action == "add":
            minutes = rng.randint(1, 240)
            self.note_ids[note] = journal.add(minutes=minutes, project_id=None, service_id=None, note=note)
            model.minutes[note] = minutes
        elif action == "edit" and stopped:
            target, minutes = rng.choice(stopped), rng.randint(1, 300)
            journal.edit(entry_id(target), minutes=minutes)
            model.minutes[target] = minutes
        elif action == "delete" and stopped:
            target = rng.choice(stopped)
            journal.delete(entry_id(target))
            del model.minutes[target]
        clock.now += timedelta(minutes=rng.randint(0, 20))

    def http_fault(self, demo, stats):
        if self.rng.random() < 0.5:
            method, target_path = self.rng.choice(TARGETS)
            demo.inject(path=target_path, method=method, times=self.rng.randint(1, 2), **self.rng.choice(FAULTS))
            stats["faults"] += 1


async def one_session(demo, path, seed, stats):
    rng = random.Random(seed)
    clock = Clock()
    script = Script(rng, seed, clock)
    client = MiteClient(demo.url, ADMIN_KEY, timeout=TIMEOUT)
    journal = Journal(Store(path), client, clock, grace=0)

    for step in range(STEPS):
        script.act(journal, step)
        script.http_fault(demo, stats)
        if rng.random() < 0.3:  # kill mid-sync, then restart on the same file
            task = asyncio.ensure_future(journal.flush())
            await asyncio.sleep(rng.uniform(0, 0.03))
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            journal.store.close()
            await client.aclose()
            await settled(demo)  # a restart takes a while; slow requests land meanwhile
            client = MiteClient(demo.url, ADMIN_KEY, timeout=TIMEOUT)
            journal = Journal(Store(path), client, clock, grace=0)
            stats["kills"] += 1
            continue
        try:
            await journal.flush()
            await journal.pull()
        except (Unreachable, errors.ApiError):
            await settled(demo)  # the app backs off for 24 s and more before it retries
    journal.stop()
    script.model.stop(clock.now)
    demo.faults.clear()
    for _ in range(20):  # a slow machine may time out now and then: that is one more fault
        if not journal.pending():
            break
        try:
            await journal.flush()
        except Unreachable:
            await settled(demo)
    assert not journal.pending() and not journal.failed(), (journal.pending(), journal.failed())
    journal.store.close()
    await client.aclose()
    return script.model


def verdict(demo, seed, model, stats):
    """mite holds each of the session's entries once, with the minutes the user booked."""
    on_server = [e for e in demo.mite.records["time_entries"].values() if e["note"].startswith(f"s{seed}-")]
    notes = [e["note"] for e in on_server]
    assert len(notes) == len(set(notes)), f"session {seed}: booked twice: {sorted(notes)}"
    assert set(notes) == set(model.minutes), f"session {seed}: lost or extra: {set(notes) ^ set(model.minutes)}"
    wrong = {e["note"]: (e["minutes"], model.minutes[e["note"]]) for e in on_server
             if e["minutes"] != model.minutes[e["note"]]}
    assert not wrong, f"session {seed}: minutes (mite, expected): {wrong}"
    stats["sessions"] += 1
    stats["entries"] += len(notes)


def test_scripted_sessions_with_faults_and_kills_lose_and_double_nothing(demo, tmp_path):
    stats = {"sessions": 0, "faults": 0, "kills": 0, "entries": 0}
    chosen = seeds(SESSIONS)

    async def run_all():
        for seed in chosen:
            model = await one_session(demo, tmp_path / f"session-{seed}.sqlite3", seed, stats)
            verdict(demo, seed, model, stats)

    asyncio.run(run_all())
    print(f"\nfault suite: {stats}")
    assert stats["sessions"] == len(chosen)
    if len(chosen) >= 10:  # one seed alone may by chance draw no kill
        assert stats["faults"] > len(chosen) and stats["kills"] > len(chosen)


async def one_supervised_session(demo, path, seed, stats, monkeypatch):
    """The scripted user against a real Session and its poll loop, with unexpected exceptions
    thrown at flush, pull, catalog sync and store writes besides the HTTP faults."""
    rng = random.Random(seed)
    clock = Clock()
    script = Script(rng, seed, clock)
    session = quick_session(demo, path, monkeypatch, timeout=TIMEOUT)
    session.settings.poll_seconds_open = session.settings.poll_seconds_hidden = 600  # syncs when poked
    session.window_visible = True  # the week's entries on every sync: pull does its most
    session.journal.clock = clock
    poller = Poller(session)
    faults = Faults(session, poller, monkeypatch)
    await poller.cycle()
    for step in range(STEPS):
        script.act(session.journal, step)
        script.http_fault(demo, stats)
        stage = rng.choice(STAGES) if rng.random() < 0.6 else None
        if stage:
            faults.set(stage, rng.choice(EXCEPTIONS)())
            stats["exceptions"] += 1
        for _ in range(rng.randint(1, 3)):
            hits = sum(faults.hits.values())
            await poller.cycle()
            if sum(faults.hits.values()) > hits:  # it was seen: shown as a problem, not swallowed
                assert session.state.health is Health.ERROR and session.state.problem, (session.state.health, session.state.problem)
            await settled(demo)  # grace is 0 here: the app would wait that long before looking for a create
        faults.set(stage, None)
    session.journal.stop()
    script.model.stop(clock.now)
    demo.faults.clear()
    for _ in range(20):  # a slow machine may time out now and then: that is one more fault
        if not session.waiting() and session.state.health is Health.ONLINE:
            break
        await poller.cycle()
        await settled(demo)
    requests = len(demo.requests)
    await poller.cycle()
    assert len(demo.requests) > requests and not poller.task.done(), "polling ended"
    assert session.state.health is Health.ONLINE, session.state.problem
    assert not session.waiting() and not session.failed(), (session.waiting(), session.failed())
    stats["hits"] += sum(faults.hits.values())
    await poller.close()
    return script.model


def test_scripted_sessions_with_unexpected_exceptions_keep_syncing_and_book_once(demo, tmp_path, monkeypatch):
    monkeypatch.setattr(session_module, "CATALOG_EVERY", 0.0)  # the catalog stage runs on every sync
    stats = {"sessions": 0, "faults": 0, "exceptions": 0, "hits": 0, "entries": 0}
    chosen = seeds(SUPERVISED_SESSIONS)

    async def run_all():
        for seed in chosen:
            model = await one_supervised_session(demo, tmp_path / f"supervised-{seed}.sqlite3", seed, stats,
                                                 monkeypatch)
            verdict(demo, seed, model, stats)

    asyncio.run(run_all())
    print(f"\nsupervised fault suite: {stats}")
    assert stats["sessions"] == len(chosen)
    if len(chosen) >= 10:
        assert stats["hits"] > len(chosen)
