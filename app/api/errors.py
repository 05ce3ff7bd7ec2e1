"""One error tree for everything the mite API client can raise.

ApiError
 +- StatusError          the server answered with an error status
 |   +- AuthError            401: wrong or revoked API key
 |   +- ForbiddenError       403: role may not do this, or API access disabled
 |   +- NotFoundError        404: no such record (or account)
 |   +- ValidationError      422: the server refused the data
 |   +- LockedError          423: the time entry is locked
 |   +- RateLimitedError     429: too many requests (retry_after seconds)
 |   +- ServerError          5xx: mite has a problem
 +- NetworkError         no answer: DNS, refused, reset
 |   +- NotSent              no connection was made: mite surely did nothing
 |   |   +- TlsError             mite's certificate could not be verified (nothing was sent)
 |   +- TimeoutError         no answer in time (the server may have acted)
 +- InvalidResponse      an answer that is not the JSON mite sends
 +- InvalidKey           the API key cannot be one (empty, spaces, control characters, ...)

No message here ever holds the API key or a request header.
"""

from __future__ import annotations

from app.errors import AppError


class ApiError(AppError):
    """Base of every error the client raises; `message` is for people."""


class StatusError(ApiError):
    def __init__(self, status: int, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after

    def __str__(self) -> str:
        return f"{self.status}: {self.message}"


class AuthError(StatusError):
    pass


class ForbiddenError(StatusError):
    pass


class NotFoundError(StatusError):
    pass


class ValidationError(StatusError):
    pass


class LockedError(StatusError):
    pass


class RateLimitedError(StatusError):
    pass


class ServerError(StatusError):
    pass


class NetworkError(ApiError):
    pass


class NotSent(NetworkError):
    pass


class TlsError(NotSent):
    """The TLS handshake failed, mostly on the certificate: nothing reached mite."""

    def __init__(self, host: str, detail: str, *, certificate: bool = True):
        what = "The certificate of {host} could not be verified" if certificate else "No secure connection to {host}"
        super().__init__(f"{what.format(host=host)}: {detail}")
        self.host, self.detail, self.certificate = host, detail, certificate


class TimeoutError(NetworkError):  # noqa: A001 - deliberately mirrors the builtin's meaning
    pass


class InvalidResponse(ApiError):
    pass


class InvalidKey(ApiError):
    """A key that must not be sent; `flaw` says why. The message names the flaw, never the key."""

    FLAWS = {
        "empty": "The API key is empty.",
        "space": "The API key contains a space or line break.",
        "control": "The API key contains a control character.",
        "non-ascii": "The API key contains letters outside A-Z, digits and punctuation.",
        "length": "The API key is far too long.",
    }

    def __init__(self, flaw: str):
        super().__init__(self.FLAWS[flaw])
        self.flaw = flaw


_BY_STATUS: dict[int, type[StatusError]] = {
    401: AuthError,
    403: ForbiddenError,
    404: NotFoundError,
    422: ValidationError,
    423: LockedError,
    429: RateLimitedError,
}


def error_for_status(status: int, message: str, retry_after: float | None = None) -> StatusError:
    if status >= 500:
        cls: type[StatusError] = ServerError
    else:
        cls = _BY_STATUS.get(status, StatusError)
    return cls(status, message, retry_after)
