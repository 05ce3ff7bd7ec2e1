"""Parse and format durations the way people type them."""

from __future__ import annotations

import re
from collections.abc import Callable

from app.i18n import translate

MAX_MINUTES = 24 * 60

_PATTERNS: list[tuple[re.Pattern[str], Callable[..., int]]] = [  # pattern, its groups -> minutes
    (re.compile(r"^(\d+):([0-5]\d)$"), lambda h, m: int(h) * 60 + int(m)),               # 1:30
    (re.compile(r"^(\d+)\s*h\s*(\d+)\s*(?:m|min)?$"), lambda h, m: int(h) * 60 + int(m)),  # 1h30, 1h 30m
    (re.compile(r"^(\d+(?:[.,]\d+)?)\s*h$"), lambda h: round(float(h.replace(",", ".")) * 60)),  # 1.5h, 1,5h
    (re.compile(r"^(\d+)\s*(?:m|min)?$"), int),                                          # 90m, 45
]


class DurationError(ValueError):
    pass


def parse_duration(text: str) -> int:
    """`1:30`, `1h30`, `90m`, `1.5h`, `45` -> minutes. Raises DurationError with a message."""
    value = text.strip().lower()
    if not value:
        raise DurationError(translate("Duration", "Enter a duration, like 1:30, 1h30, 90m, 1.5h or 45 (minutes)."))
    for pattern, convert in _PATTERNS:
        match = pattern.match(value)
        if match:
            minutes = convert(*match.groups())
            break
    else:
        raise DurationError(translate("Duration", "“{text}” is not a duration. Try 1:30, 1h30, 90m, 1.5h or 45.").format(text=text.strip()))
    if minutes <= 0:
        raise DurationError(translate("Duration", "The duration must be at least one minute."))
    if minutes > MAX_MINUTES:
        raise DurationError(translate("Duration", "One entry can hold at most 24 hours."))
    return minutes


def parse_booking(text: str) -> tuple[int, bool]:
    """A duration to book, as the palette and the command line take it: `1:30` (today), or `-15`, the
    15 minutes that just ended (ending now). -> (minutes, ending_now); DurationError says what is wrong."""
    value = text.strip()
    ending_now = value.startswith("-")
    return parse_duration(value[1:] if ending_now else value), ending_now


def format_minutes(minutes: int) -> str:
    """125 -> '2:05' (hours:minutes, as mite shows time)."""
    sign = "-" if minutes < 0 else ""
    hours, rest = divmod(abs(int(minutes)), 60)
    return f"{sign}{hours}:{rest:02d}"


def format_seconds(seconds: float) -> str:
    """A ticking timer: 3725 -> '1:02:05'."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"
