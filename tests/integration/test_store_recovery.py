"""A store that heals: damaged, truncated, lost, read-only or full, on real files, never a booked minute lost.

Each case ends with the waiting actions that were saved actually sent to the demo mite.
The read-only and full-disk cases that need a real tmpfs are in test_store_disk.py.
"""

import asyncio
import os
import random
import shutil
import sqlite3
import tempfile
from itertools import count
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from app.api.client import MiteClient
from app.core.journal import Journal, now_local
from app.core.messages import ActionFailed
from app.core.store import Store, StoreWriteError
from app.core.store_open import open_store
from app.core.sync import sync_catalog
from app.demo.data import ADMIN_KEY, demo_account
from app.demo.server import DemoServer

ACTIONS = 48
ROOT = Path(__file__).resolve().parents[2]
runs = count()
HEAVY = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


class Clock:
    def __init__(self):
        self.now = now_local().replace(hour=9, minute=0)

    def __call__(self):
        return self.now


def note(run, number):
    return f"salvage {run}-{number:03d} " + "x" * 200  # long enough to fill several pages


def make_store(path, url, run, actions=ACTIONS, offline=False):
    """A store with a synced catalog (and its changes links) and `actions` waiting adds; closed."""
    async def body():
        async with MiteClient(url, ADMIN_KEY, timeout=2.0) as client:
            store = Store(path)
            if not offline:
                await sync_catalog(client, store)
            journal = Journal(store, client, Clock(), grace=0)
            for number in range(actions):
                journal.add(minutes=number + 1, project_id=None, service_id=None, note=note(run, number))
            store.close()
    asyncio.run(body())
    return [note(run, number) for number in range(actions)]


def waiting_notes(store):
    return {item.payload["attrs"]["note"] for item in store.outbox("pending", "uncertain") if item.kind == "create"}


def send_all(store, url, demo=None, run=None):
    """Journal.flush() the store to mite; the notes of this run that mite got from it."""
    before = set(demo.mite.records["time_entries"]) if demo else set()

    async def body():
        async with MiteClient(url, ADMIN_KEY, timeout=2.0) as client:
            journal = Journal(store, client, Clock(), grace=0)
            assert await journal.flush() == []
            assert not journal.pending()
    asyncio.run(body())
    if demo is not None:
        return {e["note"] for entry_id, e in demo.mite.records["time_entries"].items()
                if entry_id not in before and e["note"].startswith(f"salvage {run}-")}


def outbox_leaves(path):
    """(page numbers of the outbox's inner pages, [(leaf page, seqs on it)]) from SQLite's dbstat."""
    db = sqlite3.connect(path)
    pages = db.execute("SELECT pageno, pagetype, ncell FROM dbstat WHERE name = 'outbox' ORDER BY path").fetchall()
    seqs = [row[0] for row in db.execute("SELECT seq FROM outbox ORDER BY seq")]
    db.close()
    inner = {page for page, kind, _ in pages if kind == "internal"}
    leaves, start = [], 0
    for page, kind, cells in pages:
        if kind == "leaf":
            leaves.append((page, seqs[start:start + cells]))
            start += cells
    return inner, leaves


def damaged_files(path):
    return sorted(p.name for p in path.parent.iterdir() if ".damaged-" in p.name)


def assert_healed(opened, path, demo, run, expected_at_least, all_notes, original=None):
    """Opened with a message naming the kept file; the saved waiting actions reach mite, nothing else."""
    assert opened.kept and opened.message
    [aside] = [p for p in damaged_files(path) if not p.endswith(("-wal", "-shm"))]
    assert aside in opened.message and "was damaged" in opened.message
    if original is not None:
        assert (path.parent / aside).read_bytes() == original  # the damaged file is kept as it was
    store = opened.store
    assert store.db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert not [k for (k,) in store.db.execute("SELECT key FROM meta") if k.startswith("changes:")]
    saved = waiting_notes(store)
    assert f"waiting to be sent to mite: {len(store.outbox('pending', 'uncertain'))}." in opened.message
    assert expected_at_least <= saved <= set(all_notes)
    assert send_all(store, demo.url, demo, run) == saved
    store.close()


# -- damaged at start --------------------------------------------------------------

def fresh_mite():
    """A demo mite of its own for each example: a lost create is looked up by its attributes
    before it is sent again (see salvage), and must not find an earlier example's entry."""
    return DemoServer(demo_account())


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """One store with a catalog and ACTIONS waiting adds (made against its own demo mite)."""
    path = tmp_path_factory.mktemp("template") / "store.sqlite3"
    with fresh_mite() as server:
        notes = make_store(path, server.url, "t")
    return path, notes


def copy_template(template, folder):
    source, notes = template
    path = Path(folder) / "account.sqlite3"
    shutil.copyfile(source, path)
    return path, notes


@HEAVY
@given(garbage=st.binary(min_size=100, max_size=100))
def test_garbage_header_is_set_aside_and_every_waiting_action_is_saved(template, garbage):
    with tempfile.TemporaryDirectory() as folder, fresh_mite() as demo:
        path, notes = copy_template(template, folder)
        with open(path, "r+b") as file:
            file.write(garbage)
        original = path.read_bytes()
        with pytest.raises(sqlite3.DatabaseError):  # what crashed the app and the CLI before
            Store(path).db.execute("SELECT * FROM outbox").fetchall()
        opened = open_store(path)
        assert "file is not a database" in opened.message
        assert_healed(opened, path, demo, "t", set(notes), notes, original)  # all of them


@HEAVY
@given(pages=st.sets(st.integers(min_value=1, max_value=400), min_size=1, max_size=3),
       seed=st.integers(min_value=0, max_value=2 ** 32))
@example(pages={358}, seed=0)  # hit a page of the schema while its triggers were kept in the file
def test_random_damaged_pages_cost_only_the_rows_on_them(template, pages, seed):
    with tempfile.TemporaryDirectory() as folder, fresh_mite() as demo:
        path, notes = copy_template(template, folder)
        inner, leaves = outbox_leaves(path)
        size = path.stat().st_size
        pages = {1 + (page - 1) % (size // 4096) for page in pages}
        noise = random.Random(seed)
        with open(path, "r+b") as file:
            for page in pages:
                file.seek((page - 1) * 4096)
                file.write(noise.randbytes(4096))
        original = path.read_bytes()
        opened = open_store(path)
        # the outbox's rows on pages left alone all survive, unless its tree or the schema was hit
        lost_tree = 1 in pages or inner & pages
        expected = set() if lost_tree else {notes[seq - 1] for page, seqs in leaves if page not in pages for seq in seqs}
        if opened.message:
            assert_healed(opened, path, demo, "t", expected, notes, original)
        else:  # the damage hit pages SQLite does not check (free or index pages the quick check passed)
            assert waiting_notes(opened.store) == set(notes)
            opened.store.close()


def test_truncated_to_half_keeps_what_is_in_the_first_half(demo, tmp_path):
    path = tmp_path / "account.sqlite3"
    notes = make_store(path, demo.url, "half", actions=150, offline=True)  # outbox and entries pages alternate
    inner, leaves = outbox_leaves(path)
    half = path.stat().st_size // 2 // 4096
    os.truncate(path, half * 4096)
    assert not inner or max(inner) <= half, "the outbox's root should sit in the first half"
    expected = {notes[seq - 1] for page, seqs in leaves if page <= half for seq in seqs}
    assert expected, "some of the outbox should sit in the first half"
    opened = open_store(path)
    assert "malformed" in opened.message
    assert_healed(opened, path, demo, "half", expected, notes)


def test_actions_committed_only_to_the_wal_are_saved_from_a_damaged_store(demo, tmp_path):
    path = tmp_path / "account.sqlite3"
    notes = make_store(path, demo.url, "wal", actions=10)
    store = Store(path)  # stays open: the next actions live in the -wal file only, as after a crash
    journal = Journal(store, MiteClient(demo.url, ADMIN_KEY), Clock(), grace=0)
    for number in range(10, 15):
        journal.add(minutes=5, project_id=None, service_id=None, note=note("wal", number))
        notes.append(note("wal", number))
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal", "-shm"):
        shutil.copyfile(f"{path}{suffix}", crashed / f"account.sqlite3{suffix}")
    store.close()
    path = crashed / "account.sqlite3"
    db = sqlite3.connect(path)
    [catalog_page] = db.execute("SELECT pageno FROM dbstat WHERE name = 'catalog' AND pagetype = 'leaf' LIMIT 1").fetchone()
    db.close()
    with open(path, "r+b") as file:  # damage the main file where the WAL does not cover it
        file.seek((catalog_page - 1) * 4096)
        file.write(random.Random(catalog_page).randbytes(4096))
    opened = open_store(path)
    assert_healed(opened, path, demo, "wal", set(notes), notes)


def test_a_full_sync_brings_back_what_was_lost(demo, tmp_path):
    path = tmp_path / "account.sqlite3"
    make_store(path, demo.url, "sync", actions=3)
    with open(path, "r+b") as file:
        file.write(b"\0" * 100)
    store = open_store(path).store
    assert store.get_meta("changes:projects") is None and store.get_meta("entries_window") is None  # no chain ...

    async def body():
        async with MiteClient(demo.url, ADMIN_KEY) as client:
            await sync_catalog(client, store)  # ... means a full load
    asyncio.run(body())
    assert {p["id"] for p in store.records("projects", archived=None)} == set(demo.mite.records["projects"])
    assert store.get_meta("changes:projects")
    store.close()


def test_a_healthy_store_opens_without_a_message(demo, tmp_path):
    path = tmp_path / "account.sqlite3"
    notes = make_store(path, demo.url, "ok", actions=3)
    opened = open_store(path)
    assert opened.kept and opened.message == "" and waiting_notes(opened.store) == set(notes)
    assert not damaged_files(path)
    opened.store.close()


# -- cannot write at start ---------------------------------------------------------------

def test_a_data_dir_that_is_a_file_runs_on_memory_with_a_message(demo, tmp_path):
    blocker = tmp_path / "data"
    blocker.write_text("not a folder")  # as root, chmod does not stop writes; this does
    opened = open_store(blocker / "account.sqlite3")
    assert not opened.kept
    assert "cannot save to" in opened.message and "not kept across a restart" in opened.message
    journal = Journal(opened.store, MiteClient(demo.url, ADMIN_KEY), Clock(), grace=0)
    journal.add(minutes=5, project_id=None, service_id=None, note=note("memory", 0))
    assert send_all(opened.store, demo.url, demo, "memory") == {note("memory", 0)}


# -- while running ---------------------------------------------------------------------

def vanish_main(path):
    os.unlink(path)


def vanish_all(path):
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def replace_with_garbage(path):
    os.unlink(path)
    path.write_bytes(b"garbage" * 1000)


def truncate_half(path):
    os.truncate(path, path.stat().st_size // 2)


def truncate_empty(path):
    os.truncate(path, 0)


@pytest.mark.parametrize("damage", [vanish_main, vanish_all, replace_with_garbage, truncate_half, truncate_empty])
def test_a_store_lost_under_a_running_journal_is_rescued_never_acknowledged_into_the_void(demo, tmp_path, damage):
    path = tmp_path / "data" / "account.sqlite3"
    opened = open_store(path)
    store, told = opened.store, []
    store.tell = told.append
    journal = Journal(store, MiteClient(demo.url, ADMIN_KEY), Clock(), grace=0)
    acknowledged = []
    for number in range(40):
        journal.add(minutes=5, project_id=None, service_id=None, note=note(damage.__name__, number))
        acknowledged.append(note(damage.__name__, number))
        if number == 30:
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # most rows in the main file, the rest in the WAL
    damage(path)
    try:
        journal.add(minutes=5, project_id=None, service_id=None, note=note(damage.__name__, 99))
    except ActionFailed as exc:
        assert "not saved" in exc.message  # refused: fine, as long as it was not acknowledged
    else:
        acknowledged.append(note(damage.__name__, 99))
        [message] = told
        assert "deleted or changed while mite-tray ran" in message
    store.close()
    reopened = open_store(path)  # the next start
    saved = waiting_notes(reopened.store)
    assert note(damage.__name__, 99) not in acknowledged or note(damage.__name__, 99) in saved
    if damage in (vanish_main, vanish_all, replace_with_garbage):  # the connection still held everything
        assert saved == set(acknowledged)
    assert send_all(reopened.store, demo.url, demo, damage.__name__) == saved
    reopened.store.close()


def test_an_action_is_refused_while_no_new_store_can_be_made_then_rescued(demo, tmp_path):
    folder = tmp_path / "data"
    path = folder / "account.sqlite3"
    store = open_store(path).store
    store.tell = lambda message: None
    journal = Journal(store, MiteClient(demo.url, ADMIN_KEY), Clock(), grace=0)
    journal.add(minutes=5, project_id=None, service_id=None, note=note("refused", 0))
    shutil.rmtree(folder)
    folder.write_text("the data dir is gone and a file sits in its place")
    for _ in range(2):
        with pytest.raises(StoreWriteError) as refused:
            journal.add(minutes=5, project_id=None, service_id=None, note=note("refused", 1))
        assert "not saved" in refused.value.message
    folder.unlink()
    folder.mkdir()
    journal.add(minutes=5, project_id=None, service_id=None, note=note("refused", 2))
    store.close()
    reopened = open_store(path).store
    assert waiting_notes(reopened) == {note("refused", 0), note("refused", 2)}
    assert send_all(reopened, demo.url, demo, "refused") == {note("refused", 0), note("refused", 2)}
    reopened.close()


def test_a_full_store_refuses_the_action_with_a_message_and_keeps_the_rest(demo, tmp_path):
    path = tmp_path / "account.sqlite3"
    store = open_store(path).store
    journal = Journal(store, MiteClient(demo.url, ADMIN_KEY), Clock(), grace=0)
    journal.add(minutes=5, project_id=None, service_id=None, note=note("full", 0))
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")  # SQLite now reports "database or disk is full"
    acknowledged = [note("full", 0)]
    with pytest.raises(StoreWriteError) as refused:
        for number in range(1, 200):
            journal.add(minutes=5, project_id=None, service_id=None, note=note("full", number))
            acknowledged.append(note("full", number))
    assert isinstance(refused.value, ActionFailed)
    assert refused.value.message == "The disk is full, so this was not saved. Free some space and try again."
    assert waiting_notes(store) == set(acknowledged)  # the refused one left nothing behind
    store.close()
    reopened = open_store(path).store
    assert send_all(reopened, demo.url, demo, "full") == set(acknowledged)
    reopened.close()


def test_the_schema_stays_on_the_first_page(tmp_path):
    """A damaged page of the schema makes the whole file unreadable, and a salvage then saves no waiting action:
    the schema must stay on page 1, whose header a salvage can rebuild (the index's triggers, 2.8 KB of SQL,
    pushed it onto three pages while they were kept in the file)."""
    store = Store(tmp_path / "account.sqlite3")
    store.close()
    db = sqlite3.connect(tmp_path / "account.sqlite3")
    pages = [page for (page,) in db.execute("SELECT pageno FROM dbstat WHERE name = 'sqlite_schema'")]
    db.close()
    assert pages == [1]
