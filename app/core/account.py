"""The account lifecycle in one place: sign in, keep the key, read it back, sign out, the client.

    credentials = await sign_in("acme", typed_key)   # mite's /myself checks it; SignInError says why not
    keep(settings, credentials)                      # key into the keychain, account into `settings` (saved)
    key = await load_key(url, long_running=True)     # None: not signed in; KeychainUnavailable: say why
    client = client_for(Credentials(url, key))       # the MiteClient for it
    sign_out(url, settings)                          # the key removed (and the account, given `settings`)

The only module that writes the account into the settings, and the only one that checks and
cleans a key, whether typed, from $MITE_API_KEY or from the keychain (where the key is kept is
app.platform.keychain's choice). One account is held today; `Account` is keyed by its URL, as
the keychain files the key, so that several can be held later.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.api import errors
from app.api.apikey import clean_key
from app.api.client import MiteClient
from app.api.models import User
from app.api.urls import InvalidAccount, account_label, base_url
from app.core.messages import describe, describe_login, key_flaw
from app.core.settings import Settings
from app.errors import AppError
from app.i18n import translate
from app.logs import register_secret
from app.platform import keychain
from app.platform.keychain import ENV_KEY, KeychainUnavailable

__all__ = ["ENV_KEY", "Account", "BadKey", "Credentials", "KeychainUnavailable", "SignInError", "SignedIn",
           "client_for", "keep", "load_key", "sign_in", "sign_out", "stored"]


class SignInError(AppError):
    """mite did not accept the account or the key, or could not be asked; the message says what to fix."""


class BadKey(KeychainUnavailable):
    """The environment or the keychain holds something that cannot be an API key.

    A KeychainUnavailable, so every caller already treats it as "not signed in" and shows
    its message; the message names the flaw, never the key.
    """


@dataclass(frozen=True)
class Account:
    """An account as the settings hold it: its URL (the key's name in the keychain) and who signed in."""

    url: str
    user_name: str = ""

    @property
    def label(self) -> str:
        return account_label(self.url)


@dataclass(frozen=True)
class Credentials:
    """An account's URL and its key (checked and cleaned; never in a repr)."""

    url: str
    key: str = field(repr=False)


@dataclass(frozen=True)
class SignedIn(Credentials):
    """Credentials mite accepted, with the user it says the key belongs to."""

    user: User


def stored(settings: Settings) -> Account | None:
    """The account the settings name, or None when nobody signed in."""
    return Account(settings.account_url, settings.user_name) if settings.account_url else None


async def sign_in(account: str, api_key: str, *, same_as: str = "") -> SignedIn:
    """The credentials when mite accepts the key (its /myself answers); SignInError with a clear message otherwise.

    `same_as`: the account signed in to before (signing in again after mite refused the key);
    another account is refused before anything is asked or kept.
    """
    try:
        url = base_url(account)
    except InvalidAccount as exc:
        raise SignInError(str(exc)) from exc
    try:
        key = _cleaned(api_key)
    except errors.InvalidKey as exc:
        raise SignInError(describe(exc)) from None
    if same_as and url != same_as:
        raise SignInError(translate("Account", "That is another account: use Settings › Switch account… to change "
                                               "accounts."))
    try:
        async with client_for(Credentials(url, key)) as client:
            return SignedIn(url, key, await client.myself())
    except errors.ApiError as exc:
        raise SignInError(describe_login(exc, account_label(url))) from exc


def keep(settings: Settings, credentials: SignedIn, *, session_only: bool = False) -> None:
    """Keep the key (the OS keychain, or memory for this session only) and the account in `settings`, saved.

    Raises KeychainUnavailable before anything is saved when no keychain works.
    """
    keychain.keeper(session_only=session_only).store(credentials.url, credentials.key)
    _write(settings, Account(credentials.url, credentials.user.name))


async def load_key(url: str, *, long_running: bool = False) -> str | None:
    """The key kept for `url` (this session's, $MITE_API_KEY, or the keychain's), or None: not signed in.

    KeychainUnavailable when the keychain cannot be read, BadKey when what is kept cannot be a
    key: both say why. `long_running`: the tray app, which keeps keyring's memory out (Linux).
    """
    source = keychain.reader(url, long_running=long_running)
    text = await source.load(url)
    if text is None:
        return None
    try:
        return _cleaned(text)
    except errors.InvalidKey as exc:
        refusal = (translate("Secrets", "MITE_API_KEY holds no usable API key: {flaw}. Set it to your key from mite "
                                        "(Account › My user), or unset it to use the keychain.")
                   if source.name == "environment" else
                   translate("Secrets", "The API key kept in the keychain cannot be used ({flaw}); sign in again."))
        raise BadKey(refusal.format(flaw=key_flaw(exc))) from None


def sign_out(url: str, settings: Settings | None = None) -> bool:
    """Remove the key for `url` wherever it was kept; True when one was there.

    With `settings`, the account is forgotten there too (the command line's logout); the app
    keeps it, so that its sign-in dialog offers the same account again.
    """
    removed = keychain.forget(url)
    if settings is not None:
        _write(settings, None)
    return removed


def client_for(credentials: Credentials) -> MiteClient:
    return MiteClient(credentials.url, credentials.key)


def _cleaned(text: str) -> str:
    """The key without surrounding whitespace; InvalidKey (never quoting it) when it cannot be one."""
    register_secret(text)  # masked in logs from now on, usable or not
    return clean_key(text)


def _write(settings: Settings, account: Account | None) -> None:
    """The one place the account goes into the settings: the caller's object, saved once."""
    settings.account_url = account.url if account else ""
    settings.user_name = account.user_name if account else ""
    settings.save()
