"""A damaged store met by real processes: the CLI heals it and does the command; the app starts on
it and sends what was saved. Both say so once, with no traceback."""

import os
import subprocess
import sys
import time

import pytest

from app.core.settings import Settings
from app.core.store import path_for
from app.demo.data import ADMIN_KEY
from tests.integration.test_cli import process_answers
from tests.integration.test_store_recovery import make_store

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
