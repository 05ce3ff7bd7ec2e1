"""The keychain read by a short-lived child process, for the long-running app on Linux.

keyring with secretstorage, jeepney and cryptography holds ~13 MB, and the app only needs
the key once; a child (`mite-tray --read-keychain URL`) returns it on a pipe (never argv,
disk or logs) and takes that memory away with it. Elsewhere the keychain backends are light
and the key is read in-process.
"""

from __future__ import annotations

import asyncio
import json
import sys

from app import KEYCHAIN_CHILD_ARG
from app.i18n import translate
from app.logs import register_secret
from app.platform.autostart.base import launch_command  # this same app, bundled or from source
from app.platform.keychain.base import Keychain, KeychainUnavailable
from app.platform.keychain.keyring_backend import KeyringKeychain


class ChildKeychain(Keychain):
    name = "child"

    async def load(self, account_url: str) -> str | None:
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
            register_secret(key)  # masked in this process's logs from now on, usable or not
        return key if isinstance(key, str) else None


def child_main(account_url: str) -> int:
    """The child side: the text kept in the keychain, or why it cannot be read, as JSON on stdout."""
    try:
        key = KeyringKeychain().load_now(account_url)
        if key:
            register_secret(key)
        reply: dict[str, str | None] = {"key": key}
    except KeychainUnavailable as exc:
        reply = {"error": exc.message}
    sys.stdout.write(json.dumps(reply))
    sys.stdout.flush()
    return 0
