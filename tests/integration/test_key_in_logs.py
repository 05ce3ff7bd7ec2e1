"""The real app process and CLI with good and bad keys against a failing demo mite: the key is in no output."""

import os
import re
import subprocess
import sys
import threading
import time

import pytest

from app.core.settings import Settings
from app.demo.data import ADMIN_KEY
from tests.integration.test_cli import cli, run_login


def pieces(key):
    """What to grep for: the key and each run of 6+ letters/digits in it (a key split by a newline or escaped)."""
    return {key, *re.findall(r"[0-9A-Za-z]{6,}", key)}


def leaks(key, text):
    return [line for line in text.splitlines() if any(p in line for p in pieces(key))]


def app_stderr_until_warning(env, url, count=1, limit=40.0):
    """Run the real app (`-v`: INFO logs too) until it logged `count` warnings; all its stderr lines."""
    process = subprocess.Popen([sys.executable, "-m", "app.main", "-v", "--url", url], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(process.stderr), daemon=True)
    reader.start()
    deadline = time.monotonic() + limit
    try:
        while sum(" WARNING " in line for line in list(lines)) < count and process.poll() is None:
            assert time.monotonic() < deadline, "the app logged no warning:\n" + "".join(lines)
            time.sleep(0.1)
    finally:
        process.kill()
        process.wait()
        reader.join(timeout=10)
    return "".join(lines)


@pytest.fixture
def env(tmp_path, demo):
    Settings(account_url=demo.url, user_name="Anna Becker").save()
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", MITE_TRAY_CONFIG_DIR=str(tmp_path / "config"),
                MITE_TRAY_DATA_DIR=str(tmp_path / "data"), MITE_TRAY_RUNTIME_DIR=str(tmp_path / "run"),
                MITE_TRAY_TIMEOUT="2")


@pytest.mark.parametrize("key", ["5e8f2c9a\n1b7d3046", "5e8f2c9a\r\n1b7d3046", "5e8f2c9ä1b7d3046",
                                 "5e8f2c9a\x1b1b7d3046"])
def test_a_bad_key_in_the_environment_never_reaches_the_log(env, demo, key):
    err = app_stderr_until_warning({**env, "MITE_API_KEY": key}, demo.url)
    assert leaks(key, err) == []
    assert "MITE_API_KEY" in err and "Traceback" not in err
    assert demo.requests == []  # refused before anything was sent


@pytest.mark.parametrize("fault", [{"status": 401}, {"status": 500}, {"drop": True}])
def test_a_good_key_against_a_failing_mite_never_reaches_the_log(env, demo, fault):
    demo.inject(path=".*", times=None, **fault)
    err = app_stderr_until_warning({**env, "MITE_API_KEY": ADMIN_KEY}, demo.url)
    assert leaks(ADMIN_KEY, err) == [] and "mite request failed" in err


@pytest.mark.parametrize("key", ["5e8f2c9a\n1b7d3046", "5e8f2c9ä1b7d3046", "5e8f2c9a\x7f1b7d3046"])
def test_cli_with_a_bad_environment_key_says_so_and_exits_3(env, demo, key):
    result = cli("status", env={**env, "MITE_API_KEY": key})
    assert result.returncode == 3, result.stderr
    assert "MITE_API_KEY" in result.stderr and "Traceback" not in result.stderr
    assert leaks(key, result.stdout + result.stderr) == []
    assert demo.requests == []


@pytest.mark.parametrize("key, says", [
    ("5e8f2c9ä1b7d3046", "letters outside"), ("5e8f2c9a\x1b1b7d3046", "control character"),
    ("5e8f2c9a\x851b7d3046", "control character"), ("5e8f2c9a 1b7d3046", "space"),
])
def test_login_refuses_a_malformed_key_with_a_message(monkeypatch, capsys, demo, isolated, key, says):
    code, out = run_login(monkeypatch, capsys, "--url", demo.url, stdin=key + "\n")
    assert code == 1 and "Not signed in" in out.err and says in out.err
    assert leaks(key, out.out + out.err) == []
    assert not isolated.passwords and not Settings.path().exists() and demo.requests == []


def test_login_of_a_non_ascii_key_in_a_real_process_has_no_traceback(env, demo):
    result = cli("login", "--url", demo.url, env=env, stdin="5e8f2c9ä1b7d3046\n")
    assert result.returncode == 1 and "Traceback" not in result.stderr and "letters outside" in result.stderr
