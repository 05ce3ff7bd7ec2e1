"""What may be an API key, decided in one place for login, environment, keychain and client.

mite's keys are 16 letters and digits. Any visible ASCII up to MAX_LENGTH is let through, so a
change of format at mite locks nobody out; whitespace inside, control characters and non-ASCII
are refused: they cannot travel in an HTTP header, and httpx/h11 would quote the key in the
error it raises. Whitespace around the key (a pasted line break) is stripped.
"""

from __future__ import annotations

from app.api.errors import InvalidKey

MAX_LENGTH = 64
_SPACES = frozenset(" \t\n\r\v\f")


def clean_key(text: str) -> str:
    """The key without surrounding whitespace; InvalidKey (which never holds the key) when it cannot be one."""
    key = text.strip()
    if not key:
        raise InvalidKey("empty")
    if len(key) > MAX_LENGTH:
        raise InvalidKey("length")
    for char in key:
        if char in _SPACES:
            raise InvalidKey("space")
        if char < " " or "\x7f" <= char <= "\x9f":  # C0, DEL, C1
            raise InvalidKey("control")
        if char > "~":
            raise InvalidKey("non-ascii")
    return key
