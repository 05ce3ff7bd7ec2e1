"""Turn API errors into sentences a person can act on."""

from __future__ import annotations

from app.api import errors
from app.api.models import TimeEntry
from app.i18n import translate


class ActionFailed(Exception):
    """An action the user asked for failed; `message` says why in plain words."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def describe(exc: Exception, *, doing: str = "") -> str:
    prefix = f"Could not {doing}: " if doing else ""
    if isinstance(exc, errors.AuthError):
        return prefix + "mite did not accept the API key. It may have been changed or revoked; sign in again."
    if isinstance(exc, errors.ForbiddenError):
        return prefix + f"mite says you are not allowed to do this ({exc.message})."
    if isinstance(exc, errors.NotFoundError):
        return prefix + "it no longer exists in mite (deleted elsewhere?). The list has been refreshed."
    if isinstance(exc, errors.LockedError):
        return prefix + "the entry is locked in mite; an admin must unlock it first."
    if isinstance(exc, errors.ValidationError):
        return prefix + f"mite refused the data: {exc.message}"
    if isinstance(exc, errors.RateLimitedError):
        return prefix + "mite asks to slow down (too many requests). Trying again shortly."
    if isinstance(exc, errors.ServerError):
        return prefix + f"mite has a problem right now (HTTP {exc.status}). Try again in a minute."
    if isinstance(exc, errors.TimeoutError):
        return prefix + "mite did not answer in time. Check your connection; nothing was lost."
    if isinstance(exc, errors.NetworkError):
        return prefix + "mite cannot be reached. Check your internet connection."
    if isinstance(exc, errors.ApiError):
        return prefix + exc.message
    return prefix + str(exc)


def describe_login(exc: Exception, account: str) -> str:
    """Login needs sharper words: the user can fix the account or key right there."""
    if isinstance(exc, errors.AuthError):
        return "That API key is not valid for this account. Copy it again from mite: Account › My user."
    if isinstance(exc, errors.NotFoundError) or (isinstance(exc, errors.StatusError) and 300 <= exc.status < 400):
        # an unknown account answers 404, or redirects to mite's home page
        return f"There is no mite account '{account}'. Check the name in your mite address (NAME.mite.de)."
    if isinstance(exc, errors.ForbiddenError):
        return ("API access is switched off for this account or user. An admin can switch it on in mite "
                "under Account > Settings; then enable it under My user.")
    if isinstance(exc, errors.NetworkError):
        return f"Cannot reach {account}. Check your internet connection and the account name."
    return describe(exc, doing="sign in")


def entry_title(entry: TimeEntry | None) -> str:
    """"API Docs · Writing", or the note when there is no project or service."""
    if entry is None:
        return ""
    parts = [p for p in (entry.project_name, entry.service_name) if p]
    return " · ".join(parts) or entry.note or translate("Messages", "(no project)")
