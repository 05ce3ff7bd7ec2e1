"""A store that heals: damaged, truncated, lost, read-only or full, on real files, never a booked minute lost.

Each case ends with the waiting actions that were saved actually sent to the demo mite.
The read-only and full-disk cases run for real in a private mount namespace (`unshare -m`
with a tmpfs: root in this container); where that is not possible they are skipped, and
the cases beside them (a data dir that is a file, `max_page_count`) still run.
"""

import asyncio
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from itertools import count
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from app.api.client import MiteClient
from app.core.journal import Journal, now_local
from app.core.messages import ActionFailed
from app.core.settings import Settings
from app.core.store import Store, StoreWriteError, path_for
from app.core.store_open import open_store
from app.core.sync import sync_catalog
from app.demo.data import ADMIN_KEY, demo_account
from app.demo.server import DemoServer
from tests.integration.test_cli import process_answers

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


# -- read-only and full, for real: a tmpfs in a private mount namespace --------------------------

def can_mount():
    if sys.platform != "linux" or not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
                           capture_output=True)
    return probe.returncode == 0


needs_mount = pytest.mark.skipif(not can_mount(), reason="needs root and unshare -m to mount a tmpfs")


def in_namespace(tmp_path, case, url, size="512k"):
    """Run child(case) in its own mount namespace with a tmpfs at tmp_path/mnt; its JSON answer."""
    folder = tmp_path / "mnt"
    folder.mkdir()
    script = "import sys; from tests.integration.test_store_recovery import child; child(*sys.argv[1:])"
    result = subprocess.run(["unshare", "-m", "sh", "-c", 'mount -t tmpfs -o size="$1" tmpfs "$2" && shift 2 && exec "$@"',
                             "sh", size, str(folder), sys.executable, "-c", script, case, str(folder), url],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def fill(folder):
    """Take every free byte of the tmpfs."""
    with open(folder / "filler", "wb", buffering=0) as file:
        try:
            while True:
                file.write(b"\0" * 4096)
        except OSError:
            pass


def add(journal, run, number):
    journal.add(minutes=5, project_id=None, service_id=None, note=note(run, number))
    return note(run, number)


def child(case, folder, url):
    """Inside the namespace: one case; prints what it saw as JSON."""
    folder = Path(folder)
    path = folder / "data" / "account.sqlite3"
    client = MiteClient(url, ADMIN_KEY)
    answer = {}
    if case == "full-at-start":
        fill(folder)
        opened = open_store(path)
        answer.update(kept=opened.kept, message=opened.message)
        journal = Journal(opened.store, client, Clock(), grace=0)
        add(journal, "full-start", 0)
        send_all(opened.store, url)
    elif case == "full-during-actions":
        store = open_store(path).store
        journal = Journal(store, client, Clock(), grace=0)
        acknowledged = [add(journal, "tmpfs-full", number) for number in range(3)]
        fill(folder)
        refused = None
        for number in range(3, 500):
            try:
                acknowledged.append(add(journal, "tmpfs-full", number))
            except StoreWriteError as exc:
                refused = exc.message
                break
        (folder / "filler").unlink()
        store.close()
        reopened = open_store(path)
        answer.update(refused=refused, acknowledged=acknowledged, saved=sorted(waiting_notes(reopened.store)),
                      message=reopened.message)
        send_all(reopened.store, url)
    elif case == "read-only":
        notes = make_store(path, url, "readonly", actions=3, offline=True)
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        opened = open_store(path)
        answer.update(kept=opened.kept, message=opened.message)
        journal = Journal(opened.store, client, Clock(), grace=0)
        add(journal, "readonly-memory", 0)
        send_all(opened.store, url)
        subprocess.run(["mount", "-o", "remount,rw", str(folder)], check=True)
        again = open_store(path)  # writable again: the actions saved before are all there
        answer.update(later=sorted(waiting_notes(again.store)), notes=notes, later_message=again.message)
        send_all(again.store, url)
    print(json.dumps(answer))


@needs_mount
def test_a_full_disk_at_first_start_runs_on_memory(demo, tmp_path):
    answer = in_namespace(tmp_path, "full-at-start", demo.url)
    assert answer["kept"] is False
    assert "the disk is full" in answer["message"] and "not kept across a restart" in answer["message"]
    assert any(e["note"] == note("full-start", 0) for e in demo.mite.records["time_entries"].values())


@needs_mount
def test_a_disk_filling_up_refuses_actions_and_keeps_every_acknowledged_one(demo, tmp_path):
    answer = in_namespace(tmp_path, "full-during-actions", demo.url)
    assert answer["refused"] == "The disk is full, so this was not saved. Free some space and try again."
    assert answer["saved"] == sorted(answer["acknowledged"]) and answer["message"] == ""
    sent = {e["note"] for e in demo.mite.records["time_entries"].values() if e["note"].startswith("salvage tmpfs-full")}
    assert sent == set(answer["acknowledged"])


@needs_mount
def test_a_read_only_data_dir_runs_on_memory_and_keeps_the_old_file(demo, tmp_path):
    answer = in_namespace(tmp_path, "read-only", demo.url)
    assert answer["kept"] is False
    assert "cannot save to" in answer["message"] and "Actions saved earlier stay in" in answer["message"]
    assert answer["later"] == sorted(answer["notes"]) and answer["later_message"] == ""
    sent = {e["note"] for e in demo.mite.records["time_entries"].values() if e["note"].startswith("salvage readonly")}
    assert sent == set(answer["notes"]) | {note("readonly-memory", 0)}


# -- the command line and the app -------------------------------------------------------------

def run_cli(*args, env):
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, env=env, timeout=60)


@pytest.fixture
def env(tmp_path, demo):
    Settings(account_url=demo.url, user_name="Anna Becker").save()  # same config dir as the autouse fixture
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", MITE_API_KEY=ADMIN_KEY)


def damaged_account_store(demo, run):
    """The signed-in account's store, with 4 waiting adds and a garbage header; their notes."""
    path = path_for(demo.url)
    path.parent.mkdir(parents=True)
    notes = make_store(path, demo.url, run, actions=4)
    with open(path, "r+b") as file:
        file.write(b"\x13" * 100)
    return notes


def test_the_cli_heals_a_damaged_store_and_the_command_works(demo, env):
    notes = damaged_account_store(demo, "cli")
    result = run_cli("status", env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "was damaged" in result.stderr and ".damaged-" in result.stderr
    assert "Not tracking." in result.stdout
    sent = {e["note"] for e in demo.mite.records["time_entries"].values() if e["note"].startswith("salvage cli-")}
    assert sent == set(notes)
    again = run_cli("status", env=env)  # said once
    assert again.returncode == 0 and again.stderr == ""


def test_the_cli_says_so_when_it_cannot_save(demo, env, tmp_path):
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the data dir should be")
    result = run_cli("add", "30", "nowhere to save", env={**env, "MITE_TRAY_DATA_DIR": str(blocker)})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "cannot save to" in result.stderr
    assert not any(e["note"] == "nowhere to save" for e in demo.mite.records["time_entries"].values())


def test_the_app_starts_on_a_damaged_store_and_sends_what_was_saved(demo, env):
    notes = damaged_account_store(demo, "app")
    process = subprocess.Popen([sys.executable, "-m", "app", "--url", demo.url], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while {e["note"] for e in demo.mite.records["time_entries"].values()} < set(notes) or not process_answers(env):
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the app did not send the saved actions"
            time.sleep(0.2)
        quit = run_cli("quit", env=env)
        assert quit.returncode == 0 and quit.stderr == "", quit.stderr
        _, stderr = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0
    assert "was damaged" in stderr and "Traceback" not in stderr
