"""The account lifecycle in one place (app.core.account) over the keychain backends chosen in one place."""

import ast
import asyncio
import os
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.api.apikey import clean_key
from app.api.errors import InvalidKey
from app.core import account
from app.core.settings import Settings
from app.demo.data import ADMIN_KEY
from app.platform import keychain
from app.platform.keychain.child import ChildKeychain
from app.platform.keychain.environment import EnvironmentKey
from app.platform.keychain.keyring_backend import KeyringKeychain

ROOT = Path(__file__).resolve().parents[2]
URL = "https://acme.mite.de"


@pytest.fixture(autouse=True)
def no_session_keys():
    yield
    keychain.MEMORY.keys.clear()


@pytest.mark.parametrize("held_in_memory, env, platform, long_running, backend", [
    (True, {"MITE_API_KEY": "k"}, "linux", True, "memory"),   # this session's key wins over everything
    (False, {"MITE_API_KEY": "k"}, "linux", True, "environment"),
    (False, {"MITE_API_KEY": ""}, "linux", False, "keyring"),  # set but empty: as if unset
    (False, {}, "linux", True, "child"),                      # the tray app on Linux: keyring stays out of it
    (False, {}, "linux", False, "keyring"),                   # the command line reads in-process
    (False, {}, "darwin", True, "keyring"),
    (False, {}, "win32", True, "keyring"),
])
def test_the_reading_backend_per_case(held_in_memory, env, platform, long_running, backend):
    assert keychain.reading_backend(held_in_memory=held_in_memory, env=env, platform=platform,
                                    long_running=long_running) == backend


def test_the_keeping_backend():
    assert keychain.keeping_backend(session_only=True) == "memory"
    assert keychain.keeping_backend(session_only=False) == "keyring"


def test_reader_builds_the_chosen_backend(monkeypatch):
    reader = keychain.reader(URL, long_running=True)
    assert isinstance(reader, ChildKeychain if sys.platform.startswith("linux") else KeyringKeychain)
    assert isinstance(keychain.reader(URL), KeyringKeychain)
    monkeypatch.setenv("MITE_API_KEY", ADMIN_KEY)
    assert isinstance(keychain.reader(URL, long_running=True), EnvironmentKey)
    keychain.keeper(session_only=True).store(URL, ADMIN_KEY)
    assert keychain.reader(URL, long_running=True) is keychain.MEMORY
    assert isinstance(keychain.reader("https://other.mite.de"), EnvironmentKey)


def signed_in(url=URL, name="Anna Becker"):
    from app.api.models import User
    return account.SignedIn(url, ADMIN_KEY, User(id=1, name=name, email="", role="admin"))


def test_keep_writes_the_callers_settings_once_and_sign_out_clears_them(isolated):
    mine = Settings(language="de", hotkey_window="")
    account.keep(mine, signed_in())
    assert (mine.account_url, mine.user_name) == (URL, "Anna Becker")  # the caller's object: no reload
    assert Settings.load() == mine  # saved with the caller's other settings, not over them
    assert isolated.passwords[("mite-tray", URL)] == ADMIN_KEY
    assert account.stored(mine) == account.Account(URL, "Anna Becker")
    assert account.sign_out(URL, mine) is True
    assert account.stored(mine) is None and Settings.load() == mine and not isolated.passwords
    assert account.sign_out(URL, mine) is False  # nothing was there any more


def test_the_app_signs_out_but_keeps_the_account_for_the_next_sign_in(isolated):
    mine = Settings()
    account.keep(mine, signed_in(), session_only=True)
    assert not isolated.passwords and keychain.MEMORY.keys == {URL: ADMIN_KEY}
    assert account.sign_out(URL) is True
    assert not keychain.MEMORY.keys and Settings.load().account_url == URL


def test_credentials_never_show_the_key():
    assert ADMIN_KEY not in repr(signed_in()) and ADMIN_KEY not in repr(account.Credentials(URL, ADMIN_KEY))


def test_signing_in_again_refuses_another_account_before_asking_or_keeping(demo, isolated):
    with pytest.raises(account.SignInError) as caught:
        asyncio.run(account.sign_in("acme", ADMIN_KEY, same_as=demo.url))
    assert "another account" in caught.value.message and ADMIN_KEY not in caught.value.message
    assert demo.requests == [] and not isolated.passwords and not Settings.path().exists()
    assert asyncio.run(account.sign_in(demo.url, f" {ADMIN_KEY}\n", same_as=demo.url)).key == ADMIN_KEY


def test_client_for_speaks_to_the_account(demo):
    async def ask():
        async with account.client_for(account.Credentials(demo.url, ADMIN_KEY)) as client:
            return await client.myself()
    assert asyncio.run(ask()).name == "Anna Becker"


# one text per flaw: a refusal's message must be the same for every text with that flaw
FLAWED = {"empty": " ", "space": "a b", "control": "a\x01b", "non-ascii": "a\u00e4b", "length": "a" * 65}


def refusal_for_environment(text):
    os.environ["MITE_API_KEY"] = text
    try:
        return asyncio.run(account.load_key(URL)), None
    except account.BadKey as exc:
        return None, exc.message
    finally:
        os.environ.pop("MITE_API_KEY", None)


@given(st.text(max_size=80).map(lambda text: text.replace("\x00", "")))  # the environment cannot hold NUL
@settings(max_examples=100, deadline=None)
def test_any_environment_text_is_a_clean_key_or_refused_without_echoing_it(text):
    got, refusal = refusal_for_environment(text)
    if not text:
        assert (got, refusal) == (None, None)  # set but empty: the keychain is asked (empty here)
        return
    try:
        key = clean_key(text)
    except InvalidKey as exc:
        assert got is None and "MITE_API_KEY" in refusal
        assert refusal == refusal_for_environment(FLAWED[exc.flaw])[1]  # names the flaw, never the text
        return
    assert (got, refusal) == (key, None)


def assignments(attributes: set[str]) -> list[str]:
    """Where app code assigns one of `attributes` on some object: "path:line"."""
    found = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
                node, (ast.AugAssign, ast.AnnAssign)) else []
            for target in targets:
                for part in ast.walk(target):
                    if isinstance(part, ast.Attribute) and part.attr in attributes:
                        found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_only_core_account_writes_the_account_into_the_settings():
    places = {place.split(":")[0] for place in assignments({"account_url", "user_name"})}
    assert places == {"app/core/account.py"}


def test_only_core_account_cleans_a_key():
    callers = set()
    for path in sorted((ROOT / "app").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "clean_key":
                callers.add(str(path.relative_to(ROOT)))
    # the client refuses a key that cannot be a header itself: the api layer's own guard
    assert callers == {"app/core/account.py", "app/api/client.py"}
