"""Check an account and API key with /myself, then keep them (key in the keychain only)."""

from __future__ import annotations

from app.api import errors
from app.api.apikey import clean_key
from app.api.client import MiteClient
from app.api.models import User
from app.api.urls import InvalidAccount, account_label, base_url
from app.core import secrets
from app.core.messages import describe, describe_login
from app.core.settings import Settings
from app.logs import register_secret


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
    register_secret(api_key)  # masked in logs from now on, usable or not
    try:
        key = clean_key(api_key)
    except errors.InvalidKey as exc:
        raise LoginError(describe(exc)) from None
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
