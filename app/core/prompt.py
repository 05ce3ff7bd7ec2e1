"""The one question the app may have for the user about minutes they did not see go by (issue 15).

- AWAY: they were away (idle, locked, asleep) while a timer ran: keep, discard, stop when they
  left, or book the minutes as something else.
- FORGOTTEN: a timer runs past the working day, longer than the set hours, or across midnight.
- NOT_TRACKING: they are working in working hours with no timer running.

They wait in a queue, oldest first, in the store's meta (`PROMPT`), so they survive a restart and
the command line sees them; the first is the `State.prompt` the tray, the window, the palette and
`status` show. How a new one joins the queue is core.answers.ask: an absence on a timer already
asked about adds to that question. None blocks anything: other actions work while it waits.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QLocale

from app.core.duration import format_minutes
from app.i18n import translate

PROMPT = "prompt"  # store meta: the waiting Prompts as a JSON list, oldest first


class PromptKind(StrEnum):
    AWAY = "away"
    FORGOTTEN = "forgotten"
    NOT_TRACKING = "not_tracking"


class Answer(StrEnum):
    KEEP = "keep"          # AWAY: it was work; FORGOTTEN: keep running; NOT_TRACKING: not now
    DISCARD = "discard"    # AWAY: take the away minutes off the entry, the timer runs on
    STOP = "stop"          # AWAY: stop at `since`; FORGOTTEN: stop at the last activity (`until`)
    BOOK = "book"          # AWAY: discard, and book the minutes on another project or service
    CONTINUE = "continue"  # NOT_TRACKING: continue the last entry


class Reason(StrEnum):
    IDLE = "idle"    # no keyboard or mouse input
    LOCK = "lock"    # the screen was locked
    SLEEP = "sleep"  # the computer slept (or its clock jumped ahead)


@dataclass(frozen=True)
class Prompt:
    kind: PromptKind
    title: str                   # the timer's entry in words ("API Docs / Writing"); "" for NOT_TRACKING
    since: datetime              # AWAY: when they left; FORGOTTEN: the timer's start; NOT_TRACKING: active since
    until: datetime              # AWAY: when they came back; FORGOTTEN: the last activity; NOT_TRACKING: asked at
    minutes: int = 0             # AWAY: the away minutes; FORGOTTEN: the timer's minutes when asked
    entry_id: int | None = None  # AWAY, FORGOTTEN: the timer's entry (local id until mite has it)
    reason: Reason = Reason.IDLE
    merged: bool = False         # AWAY: several absences added up (the minutes are less than until - since)

    @property
    def key(self) -> str:
        """Which question this is, as it stands (an answer names it: a merged or replaced one is another).
        Not by its entry's id: that changes from the local one to mite's when the entry is sent, and an answer
        chosen in the menu just before was refused as "changed meanwhile" (tests/ui/test_prompt_palette, now
        and then). Two questions about different timers never share their moments."""
        return f"{self.kind}:{self.since.isoformat()}:{self.until.isoformat()}:{self.minutes}"

    def runs_on(self, entry_id: int | None, since: datetime | None) -> bool:
        """The timer running `entry_id` since `since` is the run this question is about: one that already ran
        when they came back, not a continue after it (then "Stop at" would book the away minutes: the
        continue's base holds them)."""
        return entry_id is not None and entry_id == self.entry_id and since is not None and since <= self.until

    def answers(self, running: bool = True) -> tuple[Answer, ...]:
        """What the user can answer; `running`: the prompt's timer still runs (`runs_on`)."""
        if self.kind == PromptKind.AWAY:
            if running:
                return (Answer.KEEP, Answer.DISCARD, Answer.STOP, Answer.BOOK)
            return (Answer.KEEP, Answer.DISCARD, Answer.BOOK)  # stopped since: "stop at" has no meaning left
        if self.kind == PromptKind.FORGOTTEN:
            return (Answer.STOP, Answer.KEEP) if running else (Answer.KEEP,)
        return (Answer.CONTINUE, Answer.KEEP)

    def text(self, now: datetime | None = None) -> str:
        """The question, in words."""
        if self.kind == PromptKind.AWAY:
            if self.merged:
                return translate("Prompt", "You were away {duration} in all between {since} and {until} while "
                                           "“{entry}” was running.").format(**self._words())
            return translate("Prompt", "You were away {duration} ({since}–{until}) while “{entry}” was "
                                       "running.").format(**self._words())
        if self.kind == PromptKind.FORGOTTEN:
            return translate("Prompt", "Still working on “{entry}”? Running {duration} since {since}.").format(
                **self._words())
        return translate("Prompt", "You have been working for {duration} with no timer running.").format(
            duration=format_minutes(self.minutes))

    def label(self, answer: Answer, last_entry: str = "") -> str:
        """The button or menu text for `answer` ("Stop at 10:03")."""
        since, until = hhmm(self.since), hhmm(self.until)
        if self.kind == PromptKind.FORGOTTEN:
            if answer == Answer.STOP:
                return translate("Prompt", "Stop at last activity ({time})").format(time=until)
            return translate("Prompt", "Keep running")
        if self.kind == PromptKind.NOT_TRACKING:
            if answer == Answer.CONTINUE:
                return translate("Prompt", "Continue: {entry}").format(entry=last_entry) if last_entry \
                    else translate("Prompt", "Start a timer")
            return translate("Prompt", "Not now")
        return {Answer.KEEP: translate("Prompt", "Keep"),
                Answer.DISCARD: translate("Prompt", "Discard"),
                Answer.STOP: translate("Prompt", "Stop at {time}").format(time=since),
                Answer.BOOK: translate("Prompt", "Book as…")}.get(answer, str(answer))

    def _words(self) -> dict[str, str]:
        since, until = hhmm(self.since), hhmm(self.until)
        if self.since.date() != self.until.date():  # "Mon 18:03–Tue 08:45", not "18:03–08:45"
            since, until = f"{weekday(self.since)} {since}", f"{weekday(self.until)} {until}"
        return {"duration": format_minutes(self.minutes), "since": since, "until": until, "entry": self.title}

    def status(self) -> dict[str, Any]:
        """`status --json`'s `away` (only for an AWAY prompt)."""
        return {"since": self.since.isoformat(), "until": self.until.isoformat(), "minutes": self.minutes}

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["since"], data["until"] = self.since.isoformat(), self.until.isoformat()
        return data

    @classmethod
    def from_dict(cls, data: Any) -> Prompt | None:
        """The stored prompt, or None for one this version cannot read (not worth an error)."""
        try:
            return cls(kind=PromptKind(data["kind"]), title=str(data["title"]),
                       since=datetime.fromisoformat(data["since"]), until=datetime.fromisoformat(data["until"]),
                       minutes=int(data["minutes"]), entry_id=data.get("entry_id"),
                       reason=Reason(data.get("reason", Reason.IDLE)), merged=bool(data.get("merged")))
        except (ValueError, KeyError, TypeError, AttributeError):
            return None


def load_queue(text: str | None) -> list[Prompt]:
    """The waiting prompts, oldest first (a store written before the queue holds one object)."""
    try:
        data = json.loads(text) if text else []
    except ValueError:
        return []
    prompts = (Prompt.from_dict(item) for item in (data if isinstance(data, list) else [data]))
    return [prompt for prompt in prompts if prompt is not None]


def dump_queue(prompts: list[Prompt]) -> str | None:
    return json.dumps([prompt.as_dict() for prompt in prompts]) if prompts else None


def hhmm(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def weekday(moment: datetime) -> str:
    """The day's short name in the app's language ("Mon", "Mo.")."""
    return QLocale().dayName(moment.isoweekday(), QLocale.FormatType.ShortFormat)
