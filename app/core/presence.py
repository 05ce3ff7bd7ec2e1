"""When the user was there, from what the OS reports; the absences long enough to ask about.

Pure: it is told moments and returns absences, no clock of its own, so a table test can drive it.
An absence is proven, never guessed from a pause between looks (the app may not have looked for a
while: no timer ran, the process was stopped):
- an idle reading of at least `threshold` proves the user away since their last input; the first
  reading with a newer input ends the absence there;
- a lock or a sleep is an absence from the last input before it to the unlock or wake (someone
  unlocked it, someone opened the lid), when it lasts at least `threshold`; a lock of a few
  seconds is none (solidtime-desktop #123).
While the screen is locked or the computer sleeps, idle readings are ignored: a screen locker's own
activity, or an idle counter that did not count the sleep, must not look like the user.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from app.core.prompt import Reason


@dataclass(frozen=True)
class Absence:
    since: datetime  # the last moment they were seen before
    until: datetime  # the first moment they were seen again
    reason: Reason   # what ended it: input after idling, an unlock, a wake


STALE = timedelta(minutes=2)  # a return seen this long after the last look still dates from its input


class Presence:
    def __init__(self, threshold: timedelta):
        self.threshold = threshold           # zero: away time is off
        self.last_active: datetime | None = None  # the last moment the user was known present
        self.away_since: datetime | None = None   # proven away from then (an idle reading past the threshold)
        self.away_seen: datetime | None = None    # ... and still away when last looked
        self.locked = False
        self.asleep = False

    def seen(self, moment: datetime) -> None:
        """The user was present at `moment` (the app was in use, nothing better known)."""
        if self.last_active is None or moment > self.last_active:
            self.last_active = moment

    def idle(self, now: datetime, idle_seconds: float) -> Absence | None:
        """The OS says the last input was `idle_seconds` ago; the absence that input ended, if any."""
        if self.locked or self.asleep:
            return None
        last_input = now - timedelta(seconds=max(0.0, idle_seconds))
        absence = None
        if self.away_since is not None and self.away_seen is not None and last_input > self.away_since:
            # Back. Looked at every few seconds while away, the input dates the return; after a long
            # pause between looks, only the last look that still saw them away is proven.
            until = last_input if last_input - self.away_seen <= STALE else self.away_seen
            absence = self._absence(self.away_since, until, Reason.IDLE)
            self.away_since = None
        self.seen(last_input)
        if self.threshold and timedelta(seconds=idle_seconds) >= self.threshold:
            self.away_since, self.away_seen = self.away_since or last_input, now
        return absence

    def lock(self) -> None:
        """The screen locked: not presence (a screen locker locks an idle screen by itself)."""
        self.locked = True

    def unlock(self, now: datetime) -> Absence | None:
        self.locked = False
        return self._back(now, Reason.LOCK)

    def sleep(self) -> None:
        self.asleep = True

    def wake(self, now: datetime) -> Absence | None:
        self.asleep = False
        return self._back(now, Reason.SLEEP)

    def rewind(self, moment: datetime) -> None:
        """Nobody was seen after `moment` (the computer slept from then): forget what said otherwise."""
        if self.last_active is not None and self.last_active > moment:
            self.last_active = moment
        if self.away_since is not None and self.away_since > moment:
            self.away_since = None

    def _back(self, now: datetime, reason: Reason) -> Absence | None:
        start = self.away_since or self.last_active
        self.away_since = None
        self.seen(now)
        return self._absence(start, now, reason) if start is not None else None

    def _absence(self, since: datetime, until: datetime, reason: Reason) -> Absence | None:
        if not self.threshold or until - since < self.threshold:
            return None
        return Absence(since, until, reason)
