"""`mite-tray status` tells the truth: refused actions, a rejected key, and notes that cannot drive the terminal."""

import json
import subprocess
import sys

import pytest

from app.demo.data import ADMIN_KEY
from tests.integration.test_cli import app, cli, env, run_login  # noqa: F401 - app, env: fixtures

LOCKED = {"path": r"/time_entries\.json", "method": "POST", "status": 423, "body": '{"error": "Entry is locked"}'}


def status_json(env):
    result = cli("status", "--json", env=env)
    return result, json.loads(result.stdout)


def until_refused(env, tries=50):
    for _ in range(tries):
        result, status = status_json(env)
        if status.get("refused"):
            return status
    raise AssertionError(f"no refused item in status: {status}")


def check_refused_shown(env):
    status = until_refused(env)
    assert [(r["kind"], "locked" in r["reason"]) for r in status["refused"]] == [("create", True)]
    assert isinstance(status["refused"][0]["seq"], int)
    shown = cli("status", env=env)
    assert shown.returncode == 0, shown.stderr
    assert "Refused by mite: Could not book the entry: the entry is locked" in shown.stdout


def test_refused_actions_are_listed_by_the_running_app(app, env, demo):  # noqa: F811
    demo.inject(**LOCKED)
    assert cli("add", "30", "locked one", env=env).returncode == 0  # acknowledged: saved here first
    check_refused_shown(env)


def test_refused_actions_are_listed_without_the_app(env, demo):  # noqa: F811
    demo.inject(**LOCKED)
    cli("add", "30", "locked one", env=env)
    check_refused_shown(env)


def check_key_rejected(env):
    shown = cli("status", env=env)
    assert shown.returncode == 3
    assert "Offline" not in shown.stdout and "mite-tray login" in shown.stdout
    result, status = status_json(env)
    assert result.returncode == 3 and "mite-tray login" in result.stderr
    assert status["key_rejected"] is True and "API key" in status["problem"]


def test_a_revoked_key_is_not_offline_in_the_running_app(app, env, demo):  # noqa: F811
    demo.inject(path=".*", status=401, times=None)
    check_key_rejected(env)


def test_a_revoked_key_is_not_offline_without_the_app(env, demo):  # noqa: F811
    demo.inject(path=".*", status=401, times=None)
    check_key_rejected(env)


def test_all_is_well_says_so_in_json(env, demo):  # noqa: F811
    result, status = status_json(env)
    assert result.returncode == 0
    assert (status["refused"], status["problem"], status["key_rejected"]) == ([], None, False)


@pytest.mark.parametrize("note, escaped", [
    ("\x1b]0;owned\x07\x1b[2J\x1b[31mred", r"\x1b]0;owned\x07\x1b[2J\x1b[31mred"),
    ("invoice \u202eexe.txt", r"invoice \u202eexe.txt"),
    ("bell\x07\x9b", r"bell\x07\x9b"),
])
def test_a_note_cannot_drive_the_terminal(env, demo, note, escaped):  # noqa: F811
    assert cli("start", "plain", env=env).returncode == 0
    with demo.mite.lock:  # typed in mite's web app: the command line refuses control characters
        admin = next(u for u in demo.mite.users.values() if u["role"] == "admin")
        demo.mite.update_entry(admin, demo.mite.trackers[admin["id"]]["entry_id"], {"time_entry": {"note": note}})
    shown = cli("status", env=env).stdout
    assert not any(c in shown for c in "\x1b\x07\x9b\u202e")
    assert f"  {escaped}\n" in shown
    result, status = status_json(env)
    assert status["note"] == note  # JSON stays JSON: the note as it is


def test_login_says_when_the_environment_key_wins(monkeypatch, capsys, demo):
    monkeypatch.setenv("MITE_API_KEY", ADMIN_KEY)
    code, out = run_login(monkeypatch, capsys, "--url", demo.url, stdin=ADMIN_KEY + "\n")
    assert code == 0 and "MITE_API_KEY is set in this shell" in out.err


@pytest.mark.parametrize("errors, says", [("strict", b"not plain text"), ("surrogateescape", b"letters outside")])
def test_login_with_bytes_that_are_not_text_says_so(env, demo, errors, says):  # noqa: F811
    result = subprocess.run([sys.executable, "-m", "app", "login", "--url", demo.url],
                            env={**env, "PYTHONIOENCODING": f"utf-8:{errors}"},
                            input=b"5e8f2c9\xe91b7d3046\n", capture_output=True, timeout=60)
    assert result.returncode == 1 and b"Traceback" not in result.stderr and says in result.stderr
