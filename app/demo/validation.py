"""Checks of what clients send to the demo mite, read as mite reads it."""

from __future__ import annotations

import re
from typing import Any

from app.demo.errors import DemoError

_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?")


def request_object(body: dict[str, Any] | None, key: str) -> dict[str, Any]:
    """The `{"time_entry": {...}}` part of a request body, copied."""
    attrs = (body or {}).get(key)
    if not isinstance(attrs, dict):
        raise DemoError(422, f"The request body needs a '{key}' object.")
    return dict(attrs)


def whole_minutes(value: Any) -> int:
    """`minutes` as clients send it: a number, or a numeric string (the XML form has no types).
    A fraction is cut to whole minutes, as a Rails integer attribute casts it (1.5 -> 1)."""
    if isinstance(value, str) and _NUMBER.fullmatch(value.strip()):
        value = float(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100000:
        raise DemoError(422, "minutes must be a number of 0 or more.")
    return int(value)

