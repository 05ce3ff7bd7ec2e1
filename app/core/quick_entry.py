"""The palette's one-line syntax: [DURATION] [PROJECT] [/ SERVICE] [: NOTE].

    API Docs / Writing: fix typos         start a timer
    1h30 API Docs / Writing: fix typos    book 90 minutes today
    -15 API Docs: standup                 book the 15 minutes that just ended
    : thinking                            start a timer with a note only

A first word that looks like a duration (digits with : . , h m, or a leading -)
is one; if it does not parse, the line is refused with the duration's message
rather than taken as a project name. The one parser is `parts` (where each part
is, by character offsets, for a line still being typed); `parse` judges a
complete line on top of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.core.duration import DurationError, parse_booking
from app.errors import AppError
from app.i18n import translate

_DURATION_LIKE = re.compile(r"^-?\d[\d:.,hmin]*$", re.IGNORECASE)


class QuickEntryError(AppError, ValueError):
    pass


@dataclass(frozen=True)
class Part:
    kind: str   # "duration", "project", "service" or "note"
    start: int  # line[start:end] is the part as typed, around the separators
    end: int
    text: str   # the same, stripped


@dataclass(frozen=True)
class QuickEntry:
    project: str  # what was typed; matched against the catalog by the caller
    service: str
    note: str
    minutes: int = 0  # 0: start a timer; otherwise book this many minutes today
    ending_now: bool = False
    parts: tuple[Part, ...] = field(default=(), compare=False)

    @property
    def books_time(self) -> bool:
        return self.minutes > 0


def parts(line: str, *, complete: bool = False) -> list[Part]:
    """Where the duration, project, service and note are in `line`: always a project part, the
    others when present. While typing, a first word becomes a duration once a space follows it
    (until then it may still grow into a project's name); a `complete` line (Enter) needs no space."""
    found: list[Part] = []
    lead = len(line) - len(line.lstrip())
    words = (line.strip() if complete else line.lstrip()).split(" ", 1)  # a complete line ends its last word
    first = words[0]
    offset = 0
    if first and _DURATION_LIKE.match(first) and (complete or len(words) > 1):
        end = lead + len(first)
        found.append(Part("duration", lead, end, first))
        offset = min(end + 1, len(line))
    colon = line.find(":", offset)
    target_end = colon if colon >= 0 else len(line)
    slash = line.find("/", offset, target_end)
    spans = [("project", offset, slash if slash >= 0 else target_end)]
    if slash >= 0:
        spans.append(("service", slash + 1, target_end))
    if colon >= 0:
        spans.append(("note", colon + 1, len(line)))
    found += [Part(kind, start, end, line[start:end].strip()) for kind, start, end in spans]
    return found


def parse(line: str) -> QuickEntry:
    """The complete line's meaning; QuickEntryError says what is wrong with it."""
    if not line.strip():
        raise QuickEntryError(translate("QuickEntry", "Type a project (and / service, : note), or a duration first to book time."))
    found = parts(line, complete=True)
    text = {part.kind: part.text for part in found}
    minutes, ending_now = 0, False
    if "duration" in text:
        try:
            minutes, ending_now = parse_booking(text["duration"])  # the command line's rules too
        except DurationError as exc:
            raise QuickEntryError(str(exc)) from exc
    entry = QuickEntry(text["project"], text.get("service", ""), text.get("note", ""), minutes, ending_now,
                       tuple(found))
    if not (entry.project or entry.service or entry.note or "note" in text):
        raise QuickEntryError(translate("QuickEntry", "Say what the time is for: a project, / a service, or : a note."))
    return entry
