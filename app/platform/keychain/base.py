"""What every keychain backend offers, and the error it raises when it cannot.

A backend keeps raw text filed under an account URL. It neither checks nor cleans a key:
that happens once, in app.core.account, whichever backend the text came from.
"""

from __future__ import annotations

from app.errors import AppError

SERVICE = "mite-tray"      # the keychain entry's service name; the account URL is its user name
ENV_KEY = "MITE_API_KEY"   # a key in the environment wins over the keychain (scripts, CI, the bench)


class KeychainUnavailable(AppError):
    """The keychain cannot be used (none on this system, locked, refused): the message says which."""


class Keychain:
    """Where an API key is kept. Reading is async: on Linux the app reads in a child process."""

    name = ""

    async def load(self, account_url: str) -> str | None:
        """The text kept for `account_url` as it was stored, or None when none is."""
        raise NotImplementedError

    def store(self, account_url: str, key: str) -> None:
        raise NotImplementedError(f"the {self.name} backend keeps no keys")

    def delete(self, account_url: str) -> bool:
        """Remove the key; True when one was there."""
        return False
