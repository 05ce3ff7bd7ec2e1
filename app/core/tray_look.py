"""What the tray shows, worked out from the State and the time: icon, menu lines, tooltip.

A pure function, so the tray's every look is tested by a table (tests/unit/test_tray_look.py);
app.ui.tray only draws a TrayLook.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from app.core.duration import format_minutes
from app.core.messages import entry_title
from app.core.state import Health, State
from app.i18n import translate


class TrayState(Enum):
    """Which icon the tray shows."""

    IDLE = "idle"
    RUNNING = "running"
    OFFLINE = "offline"
    ERROR = "error"


@dataclass(frozen=True)
class TrayLook:
    icon: TrayState
    minutes: int | None         # the running timer's minutes, None when none runs
    headline: str               # the menu's first line (opens the window), also in the tooltip
    toggle: str                 # the Stop / Continue item's label
    tooltip: tuple[str, ...]    # one line each

    @property
    def running(self) -> bool:
        return self.minutes is not None


def look(state: State, now: datetime) -> TrayLook:
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
        last = max(snap.today, key=lambda e: (e.updated_at, e.id), default=None)
        toggle = (translate("Tray", "Continue: {entry}").format(entry=entry_title(last)) if last
                  else translate("Tray", "Start last entry"))
    lines = ["mite-tray", headline,
             translate("Tray", "Today {total}").format(total=format_minutes(snap.today_minutes(now)))]
    if state.waiting:
        lines.append(translate("Tray", "Waiting to be sent to mite: {count}").format(count=state.waiting))
    if state.refused:
        lines.append(translate("Tray", "Not applied by mite: {count} (open the window)").format(
            count=len(state.refused)))
    if state.health is Health.OFFLINE:
        lines.append(translate("Tray", "Offline: {problem}").format(problem=state.problem))
    elif state.health is Health.ERROR:
        lines.append(translate("Tray", "Problem: {problem}").format(problem=state.problem))
    return TrayLook(icon=_icon(state), minutes=minutes, headline=headline, toggle=toggle, tooltip=tuple(lines))


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
