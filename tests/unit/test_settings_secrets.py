import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring

from app.core import account
from app.platform import keychain
from app.core.settings import Settings


def test_settings_round_trip_without_the_key():
    keychain.keeper(session_only=False).store("https://acme.mite.de", "0123456789abcdef")
    Settings(account_url="https://acme.mite.de", user_name="Anna", poll_seconds_open=45).save()
    loaded = Settings.load()
    assert loaded.account_url == "https://acme.mite.de" and loaded.poll_seconds_open == 45
    text = Settings.path().read_text()
    assert "0123456789abcdef" not in text and "api_key" not in text


def load_key(url):
    return asyncio.run(account.load_key(url))


def test_broken_settings_file_gives_defaults():
    Settings.path().parent.mkdir(parents=True)
    Settings.path().write_text("{not json")
    assert Settings.load() == Settings()


def test_poll_intervals_have_a_floor():
    Settings.path().parent.mkdir(parents=True)
    Settings.path().write_text(json.dumps({"poll_seconds_open": 1, "poll_seconds_hidden": 2}))
    loaded = Settings.load()
    assert (loaded.poll_seconds_open, loaded.poll_seconds_hidden) == (10, 15)


def test_key_goes_to_the_keychain(isolated):
    keychain.keeper(session_only=False).store("https://acme.mite.de", "0123456789abcdef")
    assert isolated.passwords[("mite-tray", "https://acme.mite.de")] == "0123456789abcdef"
    assert load_key("https://acme.mite.de") == "0123456789abcdef"
    assert account.sign_out("https://acme.mite.de") is True
    assert load_key("https://acme.mite.de") is None


def test_no_keychain_is_reported_not_hidden():
    keyring.set_keyring(FailKeyring())
    with pytest.raises(account.KeychainUnavailable, match="No keychain"):
        keychain.keeper(session_only=False).store("https://acme.mite.de", "0123456789abcdef")
    keychain.keeper(session_only=True).store("https://acme.mite.de", "0123456789abcdef")
    assert load_key("https://acme.mite.de") == "0123456789abcdef"
    keychain.MEMORY.keys.clear()


def in_child_app(tmp_path, keychain: dict) -> dict:
    """What the app's load_key gives a fresh process, and whether keyring stayed out of it."""
    (tmp_path / "keychain.json").write_text(json.dumps(keychain))
    root = Path(__file__).resolve().parents[2]
    code = ("import asyncio, json, sys; from app.core import account\n"
            "try: result = {'key': asyncio.run(account.load_key('https://acme.mite.de', long_running=True))}\n"
            "except account.KeychainUnavailable as exc: result = {'error': exc.message}\n"
            "result['keyring_loaded'] = 'keyring' in sys.modules\n"
            "print(json.dumps(result))")
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "tests.keychain_stub.FileKeyring",
           "TEST_KEYCHAIN_FILE": str(tmp_path / "keychain.json"), "PYTHONPATH": str(root)}
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=root, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="read in-process elsewhere")
def test_the_app_reads_the_keychain_in_a_child_and_stays_light(tmp_path):
    got = in_child_app(tmp_path, {"mite-tray https://acme.mite.de": "0123456789abcdef"})
    assert got == {"key": "0123456789abcdef", "keyring_loaded": False}
    assert in_child_app(tmp_path, {}) == {"key": None, "keyring_loaded": False}  # signed out: ask to sign in
    locked = in_child_app(tmp_path, {"locked": True})
    assert locked == {"error": "The keychain is locked. Unlock it and try again.", "keyring_loaded": False}
