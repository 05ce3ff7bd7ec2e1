"""Read-only and full data dirs, for real: a tmpfs in a private mount namespace (`unshare -m`, root).

Where mounting is not possible these are skipped; tests/integration/test_store_recovery.py
covers the cases beside them (a data dir that is a file, `max_page_count`).
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.api.client import MiteClient
from app.core.journal import Journal
from app.core.store import StoreWriteError
from app.core.store_open import open_store
from app.demo.data import ADMIN_KEY
from tests.integration.test_store_recovery import ROOT, Clock, make_store, note, send_all, waiting_notes

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
    script = "import sys; from tests.integration.test_store_disk import child; child(*sys.argv[1:])"
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

