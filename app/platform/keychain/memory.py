"""Session-only keys: kept in this process's memory when no keychain works and the user agreed.

Never written anywhere; gone when the app ends, so it asks again at the next start.
"""

from __future__ import annotations

from app.platform.keychain.base import Keychain


class MemoryKeychain(Keychain):
    name = "memory"

    def __init__(self) -> None:
        self.keys: dict[str, str] = {}

    def holds(self, account_url: str) -> bool:
        return account_url in self.keys

    async def load(self, account_url: str) -> str | None:
        return self.keys.get(account_url)

    def store(self, account_url: str, key: str) -> None:
        self.keys[account_url] = key

    def delete(self, account_url: str) -> bool:
        return self.keys.pop(account_url, None) is not None
