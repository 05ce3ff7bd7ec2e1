"""Where the API key is kept: a family of backends, chosen here.

    keychain.reader(url, long_running=True).load(url)   # where the key for url is read (async)
    keychain.keeper(session_only=False).store(url, key)  # where a new key is kept
    keychain.forget(url)                                  # removed from every place that keeps keys

Backends, one module each: memory (this session only, when no keychain works), environment
($MITE_API_KEY, read-only), keyring_backend (the OS keychain) and child (the OS keychain read by
a child process, for the long-running app on Linux). None of them checks what it holds: the key
is checked and cleaned once, in app.core.account. The API key is never written anywhere else.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from app.platform.keychain.base import ENV_KEY, SERVICE, Keychain, KeychainUnavailable
from app.platform.keychain.environment import EnvironmentKey
from app.platform.keychain.keyring_backend import KeyringKeychain
from app.platform.keychain.memory import MemoryKeychain

__all__ = ["ENV_KEY", "MEMORY", "SERVICE", "Keychain", "KeychainUnavailable", "forget", "keeper", "keeping_backend",
           "reader", "reading_backend"]

MEMORY = MemoryKeychain()  # this process's session-only keys


def reading_backend(*, held_in_memory: bool, env: Mapping[str, str], platform: str, long_running: bool) -> str:
    """Which backend to read the key from: this session's key first, then $MITE_API_KEY, then
    the OS keychain, which the long-running app on Linux reads in a child process (memory at rest)."""
    if held_in_memory:
        return "memory"
    if env.get(ENV_KEY):
        return "environment"
    if long_running and platform.startswith("linux"):
        return "child"
    return "keyring"


def keeping_backend(*, session_only: bool) -> str:
    """Which backend keeps a new key: the OS keychain, or memory when the user chose this session only."""
    return "memory" if session_only else "keyring"


def reader(account_url: str, *, long_running: bool = False) -> Keychain:
    return _backend(reading_backend(held_in_memory=MEMORY.holds(account_url), env=os.environ,
                                    platform=sys.platform, long_running=long_running))


def keeper(*, session_only: bool) -> Keychain:
    return _backend(keeping_backend(session_only=session_only))


def forget(account_url: str) -> bool:
    """Remove the key for `account_url` from memory and the OS keychain; True when one was there."""
    in_memory = MEMORY.delete(account_url)
    return KeyringKeychain().delete(account_url) or in_memory


def _backend(name: str) -> Keychain:
    if name == "memory":
        return MEMORY
    if name == "environment":
        return EnvironmentKey(os.environ)
    if name == "child":
        from app.platform.keychain.child import ChildKeychain
        return ChildKeychain()
    return KeyringKeychain()
