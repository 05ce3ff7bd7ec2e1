import json

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring

from app.core import secrets
from app.core.settings import Settings


def test_settings_round_trip_without_the_key():
    secrets.store_key("https://acme.mite.de", "0123456789abcdef")
    Settings(account_url="https://acme.mite.de", user_name="Anna", poll_seconds_open=45).save()
    loaded = Settings.load()
    assert loaded.account_url == "https://acme.mite.de" and loaded.poll_seconds_open == 45
    text = Settings.path().read_text()
    assert "0123456789abcdef" not in text and "api_key" not in text


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
    secrets.store_key("https://acme.mite.de", "0123456789abcdef")
    assert isolated.passwords[("mite-tray", "https://acme.mite.de")] == "0123456789abcdef"
    assert secrets.load_key("https://acme.mite.de") == "0123456789abcdef"
    assert secrets.delete_key("https://acme.mite.de") is True
    assert secrets.load_key("https://acme.mite.de") is None


def test_no_keychain_is_reported_not_hidden():
    keyring.set_keyring(FailKeyring())
    with pytest.raises(secrets.KeychainUnavailable, match="No keychain"):
        secrets.store_key("https://acme.mite.de", "0123456789abcdef")
    secrets.keep_for_session("https://acme.mite.de", "0123456789abcdef")
    assert secrets.load_key("https://acme.mite.de") == "0123456789abcdef"
    secrets._session_keys.clear()
