"""The command line: against a running app, directly against mite, and login/logout."""

import io
import json
import os
import subprocess
import sys
import time

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring

from app.core.settings import Settings
from app.demo.data import ADMIN_KEY
from app.main import main
from tests.helpers.demo import running_entry


def cli(*args, env=None, stdin=None, timeout=60):
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True,
                          env=env, input=stdin, timeout=timeout)


@pytest.fixture
def env(tmp_path, demo):
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", MITE_API_KEY=ADMIN_KEY,
                       MITE_TRAY_CONFIG_DIR=str(tmp_path / "config"), MITE_TRAY_DATA_DIR=str(tmp_path / "data"), MITE_TRAY_RUNTIME_DIR=str(tmp_path / "run"))
    Settings(account_url=demo.url, user_name="Anna Becker").save()  # same dir via the autouse fixture
    return environment


@pytest.fixture
def app(env, demo):
    """The real app (offscreen: no tray, the window is the app) against the demo server."""
    process = subprocess.Popen([sys.executable, "-m", "app", "--url", demo.url], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while cli("status", env=env).returncode != 0 or not process_answers(env):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the app did not come up"
        time.sleep(0.2)
    yield process
    if process.poll() is None:
        process.kill()
        process.wait()


def process_answers(env):
    from app.platform import control
    old = os.environ.get("MITE_TRAY_RUNTIME_DIR")
    os.environ["MITE_TRAY_RUNTIME_DIR"] = env["MITE_TRAY_RUNTIME_DIR"]
    try:
        return control.send({"cmd": "ping"}, timeout=2) is not None
    finally:
        os.environ["MITE_TRAY_RUNTIME_DIR"] = old


def eventually(read, what="mite got it"):
    """What `read` returns once it is truthy: the running app answers the command line from its store at
    once and sends to mite a moment later (a sync it pokes). Bounded, not a timing assertion."""
    deadline = time.monotonic() + 30
    while not (value := read()):
        assert time.monotonic() < deadline, f"never happened: {what}"
        time.sleep(0.02)
    return value


def test_commands_go_to_the_running_app(app, env, demo):
    started = cli("start", "write docs", "-p", "api d", "-s", "writ", env=env)
    assert started.returncode == 0, started.stderr
    assert "▶ 0:00  API Docs · Writing (King Inc.)" in started.stdout
    entry = eventually(lambda: running_entry(demo))  # failed under load when read at once
    assert entry["note"] == "write docs"
    status = eventually(lambda: (now := json.loads(cli("status", "--json", env=env).stdout))["entry_id"] == entry["id"]
                        and now, "the app learnt mite's id")
    assert status["tracking"] is True
    assert (status["project"], status["service"], status["note"]) == ("API Docs", "Writing", "write docs")
    assert status["online"] is True and status["minutes"] == 0 and status["today_minutes"] > 0
    requests_before = len(demo.requests)
    assert "Stopped" in cli("stop", env=env).stdout  # within its first minute: "nothing booked" (issue 14)
    eventually(lambda: running_entry(demo) is None)
    assert "No timer was running." in cli("stop", env=env).stdout
    assert len(demo.requests) > requests_before  # it went through mite, not a cache
    added = cli("add", "1h30", "meeting notes", "-p", "intranet", "--date", "2026-01-05", env=env)
    assert added.returncode == 0 and "Added 1:30 on 2026-01-05" in added.stdout
    eventually(lambda: any(e["note"] == "meeting notes" and e["minutes"] == 90
                           for e in list(demo.mite.records["time_entries"].values())))
    again = cli("start", "--last", env=env)
    assert again.returncode == 0 and eventually(lambda: running_entry(demo))
    second = cli(env=env)  # a second launch shows the first one's window and ends
    assert second.returncode == 0 and "already running" in second.stderr
    assert cli("toggle", env=env).returncode == 0
    assert cli("quit", env=env).returncode == 0
    assert app.wait(timeout=20) == 0


def test_ambiguous_and_unknown_names_change_nothing(app, env, demo):
    count = len(demo.mite.records["time_entries"])
    ambiguous = cli("start", "-p", "portal", env=env)
    assert ambiguous.returncode == 4
    assert "“portal” matches 3 projects" in ambiguous.stderr
    assert "Patient Portal (Brightside Clinic)" in ambiguous.stderr
    unknown = cli("add", "30", "-s", "zzz", env=env)
    assert unknown.returncode == 4 and "No service is called “zzz”" in unknown.stderr
    bad = cli("add", "1:75", env=env)
    assert bad.returncode == 1 and "not a duration" in bad.stderr
    bad_date = cli("add", "30", "--date", "05.01.2026", env=env)
    assert bad_date.returncode == 1 and "YYYY-MM-DD" in bad_date.stderr
    assert len(demo.mite.records["time_entries"]) == count and running_entry(demo) is None


def test_commands_talk_to_mite_directly_without_an_app(env, demo):
    started = cli("start", "-p", "intranet", env=env)
    assert started.returncode == 0, started.stderr
    assert running_entry(demo)["project_id"] is not None
    status = json.loads(cli("status", "--json", env=env).stdout)
    assert status["tracking"] and status["project"] == "Intranet"
    assert cli("stop", env=env).returncode == 0 and running_entry(demo) is None
    assert "not running" in cli("quit", env=env).stderr


def test_offline_and_errors_exit_non_zero_with_a_message(env, demo):
    demo.inject(path=".*", status=503, times=None)
    result = cli("status", env=env)
    assert result.returncode == 1 and "mite has a problem right now" in result.stderr


def test_not_signed_in(env):
    Settings().save()
    result = cli("status", env={k: v for k, v in env.items() if k != "MITE_API_KEY"})
    assert result.returncode == 3 and "mite-tray login" in result.stderr


def run_login(monkeypatch, capsys, *args, stdin):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(["login", *args])
    return code, capsys.readouterr()


def test_login_with_key_on_stdin_and_logout(monkeypatch, capsys, demo, isolated):
    code, out = run_login(monkeypatch, capsys, "--url", demo.url, stdin=ADMIN_KEY + "\n")
    assert code == 0 and "as Anna Becker (admin)" in out.out
    assert isolated.passwords[("mite-tray", demo.url)] == ADMIN_KEY
    settings_text = Settings.path().read_text()
    assert demo.url in settings_text and ADMIN_KEY not in settings_text
    assert main(["logout"]) == 0
    assert ("mite-tray", demo.url) not in isolated.passwords
    assert Settings.load().account_url == ""


@pytest.mark.parametrize("args, key, says", [
    (["--url", "URL"], "0000000000000000", "not valid for this account"),
    (["--url", "http://127.0.0.1:9"], ADMIN_KEY, "Cannot reach"),
    (["--url", "https://evil.example.com"], ADMIN_KEY, "not a mite address"),
    (["acme corp"], ADMIN_KEY, "not a mite account name"),
    (["--url", "URL"], "", "Enter your API key"),
])
def test_login_failures_save_nothing(monkeypatch, capsys, demo, isolated, args, key, says):
    args = [demo.url if a == "URL" else a for a in args]
    code, out = run_login(monkeypatch, capsys, *args, stdin=key + "\n")
    assert code == 1 and says in out.err
    assert not isolated.passwords and not Settings.path().exists()


def test_unknown_account_and_disabled_api_access(monkeypatch, capsys, demo, isolated):
    demo.inject(path="/myself", status=404, body='{"error": "Not found"}')
    code, out = run_login(monkeypatch, capsys, "--url", demo.url, stdin=ADMIN_KEY)
    assert code == 1 and "There is no mite account" in out.err
    demo.inject(path="/myself", status=302, body="")
    code, out = run_login(monkeypatch, capsys, "--url", demo.url, stdin=ADMIN_KEY)
    assert code == 1 and "There is no mite account" in out.err
    demo.inject(path="/myself", status=403, body='{"error": "API access disabled"}')
    code, out = run_login(monkeypatch, capsys, "--url", demo.url, stdin=ADMIN_KEY)
    assert code == 1 and "API access is switched off" in out.err
    assert not isolated.passwords and not Settings.path().exists()


def test_no_keychain_is_said_plainly_and_nothing_is_written(monkeypatch, capsys, demo, tmp_path):
    keyring.set_keyring(FailKeyring())
    code, out = run_login(monkeypatch, capsys, "--url", demo.url, stdin=ADMIN_KEY)
    assert code == 1 and "No keychain is available" in out.err and "not saved anywhere" in out.err
    assert not Settings.path().exists()
    assert not any(ADMIN_KEY in p.read_text(errors="ignore") for p in tmp_path.rglob("*") if p.is_file())
