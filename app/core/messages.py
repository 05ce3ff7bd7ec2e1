"""Turn API errors into sentences a person can act on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.api import errors
from app.errors import AppError
from app.i18n import translate

if TYPE_CHECKING:  # the command line's request checks (core.requests) import this module: no records needed
    from app.api.models import TimeEntry


class ActionFailed(AppError):
    """An action the user asked for failed; `message` says why in plain words."""


def describe(exc: Exception, *, doing: str = "") -> str:
    """A sentence for an API error; `doing` (already translated: "create the entry") names the action."""
    reason = _reason(exc)
    return translate("Messages", "Could not {doing}: {reason}").format(doing=doing, reason=reason) if doing else reason


def _reason(exc: Exception) -> str:
    if isinstance(exc, errors.AuthError):
        return translate("Messages", "mite did not accept the API key. It may have been changed or revoked; "
                                     "sign in again.")
    if isinstance(exc, errors.ForbiddenError):
        return translate("Messages", "mite says you are not allowed to do this ({detail}).").format(
            detail=exc.message)
    if isinstance(exc, errors.NotFoundError):
        return translate("Messages", "it no longer exists in mite (deleted elsewhere?). The list has been "
                                     "refreshed.")
    if isinstance(exc, errors.LockedError):
        return translate("Messages", "the entry is locked in mite; an admin must unlock it first.")
    if isinstance(exc, errors.ValidationError):
        return translate("Messages", "mite refused the data: {detail}").format(detail=exc.message)
    if isinstance(exc, errors.RateLimitedError):
        return translate("Messages", "mite asks to slow down (too many requests). Trying again shortly.")
    if isinstance(exc, errors.ServerError):
        return translate("Messages", "mite has a problem right now (HTTP {status}). Try again in a minute.").format(
            status=exc.status)
    if isinstance(exc, errors.TlsError):
        return tls_problem(exc)
    if isinstance(exc, errors.InvalidKey):
        if exc.flaw == "empty":
            return translate("Messages", "Enter your API key. In mite: Account › My user, tick “Allow API access”, "
                                         "then copy the key.")
        return translate("Messages", "That is not a usable API key: {flaw}. Copy it again from mite: "
                                     "Account › My user.").format(flaw=key_flaw(exc))
    if isinstance(exc, errors.TimeoutError):
        return translate("Messages", "mite did not answer in time. Check your connection; nothing was lost.")
    if isinstance(exc, errors.NetworkError):
        return translate("Messages", "mite cannot be reached. Check your internet connection.")
    if isinstance(exc, errors.ApiError):
        return exc.message
    return str(exc)


def tls_problem(exc: errors.TlsError) -> str:
    if exc.certificate:
        return translate("Messages", "The certificate of {host} could not be verified: {detail}. Your network may "
                                     "intercept secure connections; nothing was sent.").format(
            host=exc.host, detail=exc.detail)
    return translate("Messages", "No secure connection to {host} could be made: {detail}. Nothing was sent.").format(
        host=exc.host, detail=exc.detail)


def key_flaw(exc: errors.InvalidKey) -> str:
    """What is wrong with a key, in words that never quote it: "it contains a control character"."""
    return {
        "empty": translate("Messages", "it is empty"),
        "space": translate("Messages", "it contains a space or line break"),
        "control": translate("Messages", "it contains a control character"),
        "non-ascii": translate("Messages", "it contains letters outside A–Z, digits and punctuation"),
        "length": translate("Messages", "it is far too long"),
    }[exc.flaw]


def describe_unexpected(exc: Exception) -> str:
    """Not an API error (a full disk, an unreadable store, a bug) while syncing: the error's own
    message where it has one (the store's say what to do: "The disk is full…"), else its kind."""
    message = getattr(exc, "message", None)
    if isinstance(message, str) and message:
        return message
    return translate("Session", "Syncing failed unexpectedly ({error}); retrying in a moment.").format(
        error=type(exc).__name__)


def describe_login(exc: Exception, account: str) -> str:
    """Login needs sharper words: the user can fix the account or key right there."""
    if isinstance(exc, errors.AuthError):
        return translate("Messages", "That API key is not valid for this account. Copy it again from mite: "
                                     "Account › My user.")
    if isinstance(exc, errors.NotFoundError) or (isinstance(exc, errors.StatusError) and 300 <= exc.status < 400):
        # an unknown account answers 404, or redirects to mite's home page
        return translate("Messages", "There is no mite account “{account}”. Check the name in your mite address "
                                     "(NAME.mite.de).").format(account=account)
    if isinstance(exc, errors.ForbiddenError):
        return translate("Messages", "API access is switched off for this account or user. An admin can switch it "
                                     "on in mite under Account › Settings; then enable it under My user.")
    if isinstance(exc, (errors.TlsError, errors.InvalidKey)):
        return describe(exc)
    if isinstance(exc, errors.NetworkError):
        return translate("Messages", "Cannot reach {account}. Check your internet connection and the account "
                                     "name.").format(account=account)
    return describe(exc, doing=translate("Messages", "sign in"))


def project_title(entry: TimeEntry) -> str:
    """"API Docs · Writing" for the project column and the timer card; "(no project)" without one
    (the note has its own place there, so it is never shown as the project)."""
    if not entry.project_name:
        return " · ".join((translate("Messages", "(no project)"), entry.service_name)) if entry.service_name \
            else translate("Messages", "(no project)")
    return " · ".join(p for p in (entry.project_name, entry.service_name) if p)


def entry_title(entry: TimeEntry | None) -> str:
    """One line for an entry where nothing else shows its note (tray, messages, palette): "API Docs ·
    Writing", or the note when there is no project or service."""
    if entry is None:
        return ""
    parts = [p for p in (entry.project_name, entry.service_name) if p]
    return " · ".join(parts) or entry.note or translate("Messages", "(no project)")
