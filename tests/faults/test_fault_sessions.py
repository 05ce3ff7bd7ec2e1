"""Many scripted sessions with faults injected and the app "killed" mid-sync, then restarted.

The verdict compares mite's entries with an independent model of what the user
did: none lost, none doubled, minutes right. A kill cancels the sync at a random
point and reopens the database file, like kill -9 and a restart (committed
transactions survive, nothing else does); tests/faults/test_kill9.py does it for real.
"""

import asyncio
import random
from datetime import datetime, timedelta

from app.api import errors
from app.api.client import MiteClient
from app.core.journal import Journal, Unreachable, now_local
from app.core.store import Store
from app.demo.data import ADMIN_KEY

SESSIONS = 40
STEPS = 18
TIMEOUT = 0.15  # the client's; a delay fault waits longer, so the server acts after the client gave up
FAULTS = [
    {"status": 500}, {"status": 503, "retry_after": 0}, {"status": 429, "retry_after": 0},
    {"status": 502, "body": "<html><body>Bad Gateway</body></html>"},
    {"delay": TIMEOUT * 2}, {"drop": True}, {"body": "{not json"},
]
TARGETS = [("POST", r"/time_entries\.json"), ("PATCH", r"/time_entries/\d+"), ("DELETE", r"/time_entries/\d+"),
           ("PATCH", r"/tracker/\d+"), ("DELETE", r"/tracker/\d+"), ("GET", r"/time_entries\.json")]


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
        self.running: tuple[str, datetime] | None = None

    def stop(self, now):
        if self.running:
            note, since = self.running
            self.minutes[note] += int((now - since).total_seconds() // 60)
            self.running = None


async def one_session(demo, path, seed, stats):
    rng = random.Random(seed)
    clock, model, tag = Clock(), Model(), f"s{seed}-"
    client = MiteClient(demo.url, ADMIN_KEY, timeout=TIMEOUT)
    journal = Journal(Store(path), client, clock, grace=0)
    note_ids: dict[str, int] = {}

    def entry_id(note):  # the id the store knows the entry by now (local, or mite's once sent)
        return journal.store.server_id(note_ids[note]) or note_ids[note]

    for step in range(STEPS):
        action = rng.choice(["start", "start", "stop", "resume", "add", "add", "edit", "delete"])
        stopped = [n for n in model.minutes if not model.running or model.running[0] != n]
        note = f"{tag}{step}"
        if action == "start":
            model.stop(clock.now)
            note_ids[note] = journal.start_new(project_id=None, service_id=None, note=note)
            model.minutes[note], model.running = 0, (note, clock.now)
        elif action == "stop":
            journal.stop()
            model.stop(clock.now)
        elif action == "resume" and stopped:
            target = rng.choice(stopped)
            model.stop(clock.now)
            journal.resume(entry_id(target))
            model.running = (target, clock.now)
        elif action == "add":
            minutes = rng.randint(1, 240)
            note_ids[note] = journal.add(minutes=minutes, project_id=None, service_id=None, note=note)
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
        if rng.random() < 0.5:
            method, target_path = rng.choice(TARGETS)
            demo.inject(path=target_path, method=method, times=rng.randint(1, 2), **rng.choice(FAULTS))
            stats["faults"] += 1
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
    model.stop(clock.now)
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
    return model


def test_scripted_sessions_with_faults_and_kills_lose_and_double_nothing(demo, tmp_path):
    stats = {"sessions": 0, "faults": 0, "kills": 0, "entries": 0}

    async def run_all():
        for seed in range(SESSIONS):
            model = await one_session(demo, tmp_path / f"session-{seed}.sqlite3", seed, stats)
            on_server = [e for e in demo.mite.records["time_entries"].values() if e["note"].startswith(f"s{seed}-")]
            notes = [e["note"] for e in on_server]
            assert len(notes) == len(set(notes)), f"session {seed}: booked twice: {sorted(notes)}"
            assert set(notes) == set(model.minutes), f"session {seed}: lost or extra: {set(notes) ^ set(model.minutes)}"
            wrong = {e["note"]: (e["minutes"], model.minutes[e["note"]]) for e in on_server
                     if e["minutes"] != model.minutes[e["note"]]}
            assert not wrong, f"session {seed}: minutes (mite, expected): {wrong}"
            stats["sessions"] += 1
            stats["entries"] += len(notes)

    asyncio.run(run_all())
    print(f"\nfault suite: {stats}")
    assert stats["sessions"] == SESSIONS and stats["faults"] > SESSIONS and stats["kills"] > SESSIONS
