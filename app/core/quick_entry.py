"""The palette's one-line syntax: [DURATION] [PROJECT] [/ SERVICE] [: NOTE].

    API Docs / Writing: fix typos         start a timer
    1h30 API Docs / Writing: fix typos    book 90 minutes today
    -15 API Docs: standup                 book the 15 minutes that just ended
    : thinking                            start a timer with a note only

A first word that looks like a duration (digits with : . , h m, or a leading -)
is one; if it does not parse, the line is refused with the duration's message
rather than taken as a project name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.core.duration import DurationError, parse_duration
from app.i18n import translate

_DURATION_LIKE = re.compile(r"^-?\d[\d:.,hmin]*$", re.IGNORECASE)


class QuickEntryError(ValueError):
    pass


@dataclass(frozen=True)
class QuickEntry:
    project: str  # what was typed; matched against the catalog by the caller
    service: str
    note: str
    minutes: int = 0  # 0: start a timer; otherwise book this many minutes today
    ending_now: bool = False

    @property
    def books_time(self) -> bool:
        return self.minutes > 0


def parse(line: str) -> QuickEntry:
    text = line.strip()
    if not text:
        raise QuickEntryError(translate("QuickEntry", "Type a project (and / service, : note), or a duration first to book time."))
    minutes, ending_now = 0, False
    first, _, rest = text.partition(" ")
    if _DURATION_LIKE.match(first):
        ending_now = first.startswith("-")
        try:
            minutes = parse_duration(first.lstrip("-"))
        except DurationError as exc:
            raise QuickEntryError(str(exc)) from exc
        text = rest.strip()
    target, colon, note = text.partition(":")
    project, _, service = target.partition("/")
    entry = QuickEntry(project.strip(), service.strip(), note.strip(), minutes, ending_now)
    if not (entry.project or entry.service or entry.note or colon):
        raise QuickEntryError(translate("QuickEntry", "Say what the time is for: a project, / a service, or : a note."))
    return entry
