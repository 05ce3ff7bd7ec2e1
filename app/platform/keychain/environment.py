"""$MITE_API_KEY: a key given to this process (scripts, CI, a shell), read-only, for any account."""

from __future__ import annotations

from collections.abc import Mapping

from app.platform.keychain.base import ENV_KEY, Keychain


class EnvironmentKey(Keychain):
    name = "environment"

    def __init__(self, env: Mapping[str, str]):
        self.env = env

    async def load(self, account_url: str) -> str | None:
        return self.env.get(ENV_KEY) or None
