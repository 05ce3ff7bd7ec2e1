"""What the tray shows, worked out from the State and the time: icon, menu lines, tooltip.

A pure function, so the tray's every look is tested by a table (tests/unit/test_tray_look.py);
app.ui.tray only draws a TrayLook. The waiting question (State.prompt, issue 15) is part of it: the
question and its answers in words (`choices`, which the window and the palette show too), and a
mark on the icon.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING

from app.api.models import TimeEntry
from app.core.duration import format_minutes
from app.core.messages import entry_title
from app.core.prompt import Answer, Prompt, PromptKind, hhmm
from app.core.state import Health, State
from app.core.tray_glance import TrayState as TrayState  # its home is light: the first icon needs it early
from app.i18n import translate

if TYPE_CHECKING:
    from app.core.budgets import Usage  # budgets imports the mite client: not before the tray's first icon

OPEN_PALETTE = "palette"  # a choice that is not an Answer: the not-tracking reminder's "Open palette"
SHORT_TITLE = 32          # characters of an entry's title in the menu's question and answers


@dataclass(frozen=True)
class TrayLook:
    icon: TrayState
    minutes: int | None         # the running timer's minutes, None when none runs
    headline: str               # the menu's first line (opens the window), also in the tooltip
    toggle: str                 # the Stop / Continue item's label
    tooltip: tuple[str, ...]    # one line each
    question: str = ""          # the waiting question, its entry's title shortened for the menu; "" if none
    choices: tuple[Choice, ...] = ()  # its answers, as the menu offers them

    @property
    def running(self) -> bool:
        return self.minutes is not None

    @property
    def asks(self) -> bool:
        """A question waits: the icon carries a mark."""
        return bool(self.question)


@dataclass(frozen=True)
class Choice:
    """One answer to the waiting question as a button, menu item or palette row."""

    answer: str   # a core.prompt.Answer, or OPEN_PALETTE
    label: str    # "Keep", "Stop at 10:03", "Continue: API Docs · Writing"
    hint: str = field(default="", compare=False)  # what it does ("takes 0:42 off; the timer runs on")


def choices(state: State, *, short: bool = False, palette: bool = True) -> tuple[Choice, ...]:
    """The answers to `state.prompt` possible now, in words; `short`: long entry titles shortened
    (menus); `palette`: with "Open palette" for a reminder that no timer runs (not in the palette itself)."""
    prompt = state.prompt
    if prompt is None:
        return ()
    last = state.snapshot.last_entry()
    title = entry_title(last) if last else ""
    found = [Choice(answer, prompt.label(answer, last_entry=shorten(title) if short else title), hint(prompt, answer))
             for answer in state.answers]
    if prompt.kind == PromptKind.NOT_TRACKING and palette:
        found.insert(1, Choice(OPEN_PALETTE, translate("Tray", "Open palette")))
    return tuple(found)


def hint(prompt: Prompt, answer: str) -> str:
    """What `answer` does, in a few words: the palette's row detail, the window's button tooltip."""
    words = {"duration": format_minutes(prompt.minutes), "since": hhmm(prompt.since), "until": hhmm(prompt.until)}
    if prompt.kind == PromptKind.AWAY:
        hints = {Answer.KEEP: translate("Prompt", "it was work: the {duration} stay booked"),
                 Answer.DISCARD: translate("Prompt", "takes {duration} off; the timer runs on"),
                 Answer.STOP: translate("Prompt", "books up to {since} and stops the timer"),
                 Answer.BOOK: translate("Prompt", "moves {duration} to another project or service")}
    elif prompt.kind == PromptKind.FORGOTTEN:
        hints = {Answer.STOP: translate("Prompt", "books up to {until} and stops the timer"),
                 Answer.KEEP: translate("Prompt", "the timer runs on")}
    else:
        hints = {Answer.CONTINUE: translate("Prompt", "starts its timer again"),
                 Answer.KEEP: translate("Prompt", "no reminder until the next timer")}
    return hints.get(Answer(answer), "").format(**words) if answer in set(Answer) else ""


def question(state: State, *, short: bool = False) -> str:
    """The waiting question in words ("" when none); `short`: its entry's title shortened (menus)."""
    prompt = state.prompt
    if prompt is None:
        return ""
    return (replace(prompt, title=shorten(prompt.title)) if short else prompt).text()


def shorten(text: str, limit: int = SHORT_TITLE) -> str:
    """`text` cut to `limit` characters with "…", after a whole word where one ends in its second
    half: a menu item as wide as a long note is hard to read."""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" /·:-") + "…"


def latest(entries: list[TimeEntry]) -> TimeEntry | None:
    """The one Continue continues: of the newest day, the entry changed last (as core.journal.last_entry)."""
    return max(entries, key=lambda e: (e.date_at, e.updated_at, e.id), default=None)


def look(state: State, now: datetime, budget: Usage | None = None) -> TrayLook:
    """`budget`: the running project's budget use (Session.budgets, the timer counted in), if it has one.
    It is not part of the State: it is fetched lazily and grows with the timer, and `status` has no use for it."""
    snap = state.snapshot
    running = snap.running
    minutes = snap.running_minutes(now) if running else None
    if running:
        headline = f"▶ {format_minutes(minutes or 0)}  {entry_title(running)}"
        if running.tracking is not None:
            headline += " · " + since_text(running.tracking.since, now, before=running.minutes)
        toggle = translate("Tray", "Stop timer")
    else:
        headline = translate("Tray", "Not tracking")
        last = latest(snap.today)
        toggle = (translate("Tray", "Continue: {entry}").format(entry=entry_title(last)) if last
                  else translate("Tray", "Start last entry"))
    lines = ["mite-tray", headline]
    if running and budget is not None and budget.project_id == running.project_id:
        lines.append(translate("Tray", "Budget: {use}").format(use=budget.text()))
        lines += [budget.note()] if budget.note() else []
    lines.append(translate("Tray", "Today {total}").format(total=format_minutes(snap.today_minutes(now))))
    if state.prompt is not None:
        lines.append(question(state))
    if state.waiting:
        lines.append(translate("Tray", "Waiting to be sent to mite: {count}").format(count=state.waiting))
    if state.refused:
        lines.append(translate("Tray", "Not applied by mite: {count} (open the window)").format(
            count=len(state.refused)))
    if state.health is Health.OFFLINE:
        lines.append(translate("Tray", "Offline: {problem}").format(problem=state.problem))
    elif state.health is Health.ERROR:
        lines.append(translate("Tray", "Problem: {problem}").format(problem=state.problem))
    return TrayLook(icon=_icon(state), minutes=minutes, headline=headline, toggle=toggle, tooltip=tuple(lines),
                    question=question(state, short=True), choices=choices(state, short=True))


def since_text(since: datetime, now: datetime, before: int = 0) -> str:
    """"since 10:42": when the timer started, on the clock of `now` (the user's time zone).

    A continued entry counts on from the minutes it had (`before`); they are named, or "1:00
    since 10:42" would read as an hour since 10:42: "since 10:42 (+0:20 before)".
    """
    clock = since.astimezone(now.tzinfo) if now.tzinfo is not None else since.astimezone()
    time = clock.strftime("%H:%M")
    if before > 0:
        return translate("Tray", "since {time} (+{before} before)").format(time=time, before=format_minutes(before))
    return translate("Tray", "since {time}").format(time=time)


def _icon(state: State) -> TrayState:
    if state.health is Health.ERROR:
        return TrayState.ERROR
    if state.health is Health.OFFLINE:
        return TrayState.OFFLINE
    return TrayState.RUNNING if state.snapshot.running else TrayState.IDLE
