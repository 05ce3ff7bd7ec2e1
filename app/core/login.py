"""Check an account and API key with /myself, then keep them (key in the keychain only)."""

from __future__ import annotations

from app.api import errors
from app.api.client import MiteClient
from app.api.models import User
from app.api.urls import InvalidAccount, account_label, base_url
from app.core import secrets
from app.core.messages import describe_login
from app.core.settings import Settings
from app.i18n import translate


class LoginError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


async def check(account: str, api_key: str) -> tuple[str, User]:
    """(base URL, user) when mite accepts the key; LoginError with a clear message otherwise."""
    try:
        url = base_url(account)
    except InvalidAccount as exc:
        raise LoginError(str(exc)) from exc
    key = api_key.strip()
    if not key:
        raise LoginError(translate("Login", "Enter your API key. In mite: Account › My user, tick “Allow API access”, then copy the key."))
    if any(c.isspace() for c in key) or len(key) > 64:
        raise LoginError(translate("Login", "That does not look like a mite API key (16 letters and digits, no spaces)."))
    try:
        async with MiteClient(url, key) as client:
            return url, await client.myself()
    except errors.ApiError as exc:
        raise LoginError(describe_login(exc, account_label(url))) from exc


def remember(url: str, api_key: str, user: User, *, session_only: bool = False) -> Settings:
    """Store the key (keychain, or memory when `session_only`) and the account in settings.

    Raises secrets.KeychainUnavailable before anything is saved when no keychain works.
    """
    if session_only:
        secrets.keep_for_session(url, api_key.strip())
    else:
        secrets.store_key(url, api_key.strip())
    settings = Settings.load()
    settings.account_url, settings.user_name = url, user.name
    settings.save()
    return settings
