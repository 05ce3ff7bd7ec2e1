"""The API key in the OS keychain (keyring), or in memory for this session only.

Never written anywhere else: when no keychain works the caller must ask the
user whether to keep the key for this session only.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
from types import ModuleType

from app import KEYCHAIN_CHILD_ARG
from app.api.apikey import clean_key
from app.api.errors import InvalidKey
from app.core.messages import key_flaw
from app.i18n import translate
from app.logs import register_secret

log = logging.getLogger(__name__)
SERVICE = "mite-tray"
ENV_KEY = "MITE_API_KEY"
_session_keys: dict[str, str] = {}


class KeychainUnavailable(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class BadKey(KeychainUnavailable):
    """The environment or the keychain holds something that cannot be an API key.

    A KeychainUnavailable, so every caller already treats it as "not signed in" and shows
    its message; the message names the flaw, never the key.
    """


def _keyring() -> tuple[ModuleType, ModuleType]:
    """keyring and its errors, imported when the keychain is first used: with its backends
    (entry-point metadata, D-Bus, cryptography) it holds several MB, which an app run with
    $MITE_API_KEY or the demo account never needs."""
    import keyring
    from keyring import errors
    return keyring, errors


def _explain(exc: Exception) -> str:
    _, errors = _keyring()
    if isinstance(exc, errors.NoKeyringError):
        return translate("Secrets", "No keychain is available on this system (no Secret Service running), "
                 "so the API key cannot be stored safely.")
    if type(exc).__name__ == "KeyringLocked":
        return translate("Secrets", "The keychain is locked. Unlock it and try again.")
    return translate("Secrets", "The keychain refused to store the key: {error}").format(error=exc)


def store_key(account_url: str, api_key: str) -> None:
    keyring, errors = _keyring()
    try:
        keyring.set_password(SERVICE, account_url, api_key)
    except errors.KeyringError as exc:
        raise KeychainUnavailable(_explain(exc)) from exc


def keep_for_session(account_url: str, api_key: str) -> None:
    _session_keys[account_url] = api_key


def load_key(account_url: str) -> str | None:
    """Key for `account_url`: this session's, $MITE_API_KEY, then the keychain."""
    known = _key_outside_keychain(account_url)
    if known is not None:
        return known
    keyring, errors = _keyring()
    try:
        stored = keyring.get_password(SERVICE, account_url)
    except errors.KeyringError as exc:
        raise KeychainUnavailable(_explain(exc)) from exc
    return None if stored is None else _usable(stored, translate(
        "Secrets", "The API key kept in the keychain cannot be used ({flaw}); sign in again."))


def _key_outside_keychain(account_url: str) -> str | None:
    """This session's key or $MITE_API_KEY; None when only the keychain can tell."""
    if account_url in _session_keys:
        return _session_keys[account_url]
    if os.environ.get(ENV_KEY):
        return _usable(os.environ[ENV_KEY], translate(
            "Secrets", "MITE_API_KEY holds no usable API key: {flaw}. Set it to your key from mite (Account › My "
                       "user), or unset it to use the keychain."))
    return None


def _usable(key: str, refusal: str) -> str:
    """`key` without surrounding whitespace, or BadKey with `refusal` (its {flaw} filled in)."""
    register_secret(key)  # masked in logs from now on, usable or not
    try:
        return clean_key(key)
    except InvalidKey as exc:
        raise BadKey(refusal.format(flaw=key_flaw(exc))) from None


def delete_key(account_url: str) -> bool:
    """Remove the key; True when one was there."""
    found = _session_keys.pop(account_url, None) is not None
    keyring, errors = _keyring()
    try:
        keyring.delete_password(SERVICE, account_url)
        return True
    except errors.PasswordDeleteError:
        return found
    except errors.KeyringError as exc:
        raise KeychainUnavailable(_explain(exc)) from exc


async def load_key_in_child(account_url: str) -> str | None:
    """load_key for the long-running app: on Linux a short-lived child process reads the keychain.

    keyring with secretstorage, jeepney and cryptography holds ~13 MB, and the app only needs
    the key once; a child returns it on a pipe (never argv, disk or logs) and takes that memory
    away with it. Elsewhere the keychain backends are light and the key is read here.
    """
    if not sys.platform.startswith("linux") or _key_outside_keychain(account_url) is not None:
        return load_key(account_url)
    from app.platform.autostart.base import launch_command  # this same app, bundled or from source
    child = await asyncio.create_subprocess_exec(*launch_command(), KEYCHAIN_CHILD_ARG, account_url,
                                                 stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE)
    output, _ = await child.communicate()
    try:
        reply = json.loads(output)
    except ValueError:
        reply = {"error": translate("Secrets", "The keychain could not be read (its helper process failed).")}
    if "error" in reply:
        raise KeychainUnavailable(reply["error"])
    key = reply.get("key")
    if key:
        register_secret(key)  # the child checked it; this process must mask it too
    return key


def child_main(account_url: str) -> int:
    """The child side of load_key_in_child."""
    try:
        reply = {"key": load_key(account_url)}
    except KeychainUnavailable as exc:
        reply = {"error": exc.message}
    sys.stdout.write(json.dumps(reply))
    sys.stdout.flush()
    return 0
