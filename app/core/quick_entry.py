"""The palette's one-line syntax: [DURATION] [PROJECT] [/ SERVICE] [: NOTE].

    API Docs / Writing: fix typos         start a timer
    1h30 API Docs / Writing: fix typos    book 90 minutes today
    -15 API Docs: standup                 book the 15 minutes that just ended
    : thinking                            start a timer with a note only

A first word that looks like a duration (digits with : . , h m, or a leading -)
is one; if it does not parse, the line is refused with the duration's message
rather than taken as a project name. So is a first word that looks like a mistyped
one: digits mixed with letters or separators (`1x2`, `1h3x`, `2:7:`, `1,5std`, `2hrs`),
unless it starts a known project's name (`starts_name`, from the palette's catalog:
"1und1 Hosting"). Names that merely start with a digit (`3D Druck`, `2nd Level`)
stay names. The one parser is `parts` (where each part
is, by character offsets, for a line still being typed); `parse` judges a
complete line on top of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from app.core.duration import DurationError, parse_booking
from app.errors import AppError
from app.i18n import translate

_DURATION_LIKE = re.compile(r"^-?\d[\d:.,hmin]*$", re.IGNORECASE)
# A mistyped duration: a digit after a letter or separator, a separator at the end, or an hour,
# minute or "Std" unit gone wrong right after the digits (`2hrs`, `2std`; `3D` and `2nd` are names).
_BROKEN_DURATION = re.compile(r"^-?\d[\w:.,]*$")
_BROKEN_SIGNS = re.compile(r"\D\d|[:.,]$|^-?\d+(?:h|m|st)", re.IGNORECASE)


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


def _is_duration(word: str, starts_name: Callable[[str], bool] | None) -> bool:
    """Whether a first word is a duration, or a mistyped one (see the module docstring)."""
    if _DURATION_LIKE.match(word):
        return True
    broken = bool(_BROKEN_DURATION.match(word) and _BROKEN_SIGNS.search(word))
    return broken and not (starts_name and starts_name(word.casefold()))


def parts(line: str, *, complete: bool = False, starts_name: Callable[[str], bool] | None = None) -> list[Part]:
    """Where the duration, project, service and note are in `line`: always a project part, the
    others when present. While typing, a first word becomes a duration once a space follows it
    (until then it may still grow into a project's name); a `complete` line (Enter) needs no space.
    `starts_name(word)`: whether a project's name starts with that (casefolded) word."""
    found: list[Part] = []
    lead = len(line) - len(line.lstrip())
    words = (line.strip() if complete else line.lstrip()).split(" ", 1)  # a complete line ends its last word
    first = words[0]
    offset = 0
    if first and _is_duration(first, starts_name) and (complete or len(words) > 1):
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


def parse(line: str, *, starts_name: Callable[[str], bool] | None = None) -> QuickEntry:
    """The complete line's meaning; QuickEntryError says what is wrong with it."""
    if not line.strip():
        raise QuickEntryError(translate("QuickEntry", "Type a project (and / service, : note), or a duration first to book time."))
    found = parts(line, complete=True, starts_name=starts_name)
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
