"""Notices the minutes people forget, and asks about them (issue 15).

Driven by what the OS tells (app/platform/idle: the idle time, lock and unlock, sleep and wake) and
by the session's own clock check (Session.slept: the wall clock jumped past the monotonic one, so
the computer slept even where the OS said nothing). It asks through `Session.ask`, which keeps the
question in the store until answered (core.prompt, core.answers):
- away while a timer ran, at least `away_minutes` (core.presence finds the absences);
- a forgotten timer, and working with no timer in working hours (core.reminders).

Cheap at rest: with no timer and no working-hours reminders it does not look at all. With a timer
it looks once a minute, sooner only as the idle time nears the threshold, and every few seconds
only while the user is away (to ask as soon as they are back).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, SignalInstance

from app.api.models import TimeEntry
from app.core.answers import SILENCED
from app.core.messages import entry_title
from app.core.presence import Absence, Presence
from app.core.prompt import Prompt, PromptKind
from app.core.reminders import ACTIVE_WITHIN, NotTracking, WorkHours, forgotten
from app.core.session import Session
from app.core.tracking import elapsed_minutes

log = logging.getLogger(__name__)
ASKED = "forgotten_asked"  # store meta: the timer run (its start) already asked about as forgotten
LOOK_EVERY = 60.0          # seconds between looks while a timer runs or reminders are on
LOOK_SOONEST = 5.0         # seconds: near the threshold, and while the user is away


class IdleSource(Protocol):
    """app.platform.idle.IdleSource: the seconds since the last keyboard or mouse input (None: unknown)."""

    def idle_seconds(self) -> float | None: ...


class SessionEvents(Protocol):
    """app.platform.idle.SessionEvents: lock and unlock, sleep and wake, as the OS tells them."""

    @property
    def locked(self) -> SignalInstance: ...
    @property
    def unlocked(self) -> SignalInstance: ...
    @property
    def sleeping(self) -> SignalInstance: ...
    @property
    def woke(self) -> SignalInstance: ...


class AwayWatch(QObject):
    def __init__(self, session: Session, idle: IdleSource | None = None, events: SessionEvents | None = None,
                 clock: Callable[[], datetime] | None = None):
        super().__init__(session)
        self.session, self.idle = session, idle
        # Not the journal's clock: that one drops the fraction of a second, and a return dated a second
        # early could make a proven absence look shorter than the threshold (a flaky e2e test showed it).
        self.clock = clock or (lambda: datetime.now().astimezone())
        self.presence = Presence(self._threshold())
        self.not_tracking = NotTracking()
        self.closed = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.look)
        self._asked_sleep_until: datetime | None = None  # the end of the last sleep asked about
        self._asked_run = session.store.get_meta(ASKED)  # kept here: only this watch writes it, looks read it
        # The OS sources outlive a session (a language change starts a new one): close() disconnects.
        self._connections = [(session.slept, self.slept), (session.changed, self._state_changed)]
        if events is not None:
            self._connections += [(events.locked, self.locked), (events.unlocked, self.unlocked),
                                  (events.sleeping, self.sleeping), (events.woke, self.woke)]
        for signal, slot in self._connections:
            signal.connect(slot)
        self._schedule(LOOK_SOONEST if self._interval(None) else None)  # a first look soon, if any is due

    # -- what happens ---------------------------------------------------------

    def look(self) -> None:
        """One look: the idle time, then what is worth asking; then when to look again.

        Never raises (it runs from a timer): a store that cannot be read (a full disk, a store
        being rebuilt) is logged, and the next look tries again.
        """
        idle = self._idle_seconds()
        try:
            now, seen_before = self.clock(), self.presence.last_active
            self.presence.threshold = self._threshold()
            if idle is not None:
                self._ask_about(self.presence.idle(now, idle))
            self._reminders(now, idle, seen_before)
        except Exception:  # noqa: BLE001 - supervised: the watch goes on
            log.exception("Looking for away time failed; the next look tries again")
        self._schedule(self._interval(idle))

    def _state_changed(self, _state: object) -> None:
        self._schedule(self._interval(None))  # a timer started or stopped: look sooner, or not at all

    def locked(self) -> None:
        if not self.closed:
            self._read_now()  # the user locked it a moment ago: their last input is the freshest presence
            self.presence.lock()

    def unlocked(self) -> None:
        if not self.closed:
            self._ask_about(self.presence.unlock(self.clock()))

    def sleeping(self) -> None:
        # No idle reading here: without a delay lock, logind's "about to sleep" often arrives after the
        # resume, and a reading then would date the user's presence at the wake (the review's night lost).
        if not self.closed:
            self.presence.sleep()

    def woke(self) -> None:
        if not self.closed:
            self._ask_about(self.presence.wake(self.clock()), sleep=True)

    def slept(self, last_seen: datetime, now: datetime) -> None:
        """The session's clock check: asleep (or the clock jumped) from `last_seen` to `now`. The check
        that catches a sleep on every OS, also where the OS's own news came late or not at all."""
        if self.closed or (self._asked_sleep_until is not None and self._asked_sleep_until >= last_seen):
            return  # this sleep was asked about already, from the OS's wake
        if self.idle is None or self.presence.last_active is None:
            self.presence.seen(last_seen)  # nothing better known: they were there while the app still ran
        # Nobody was seen between `last_seen` and the wake: a look after the resume (an idle counter that
        # did not count the sleep) must not shorten the absence.
        self.presence.rewind(last_seen)
        self._ask_about(self.presence.wake(now), sleep=True)

    # -- asking ---------------------------------------------------------------

    def _ask_about(self, absence: Absence | None, sleep: bool = False) -> None:
        """Ask about `absence` if a timer ran across it: the part of it the timer ran, if still long enough.
        (core.answers.ask adds it to a question about the same timer that waits unanswered.)"""
        running = self.session.state.snapshot.running
        if absence is None or running is None or running.tracking is None:
            return
        since = max(absence.since, running.tracking.since)
        if absence.until - since < self.presence.threshold or not self.presence.threshold:
            return
        prompt = Prompt(PromptKind.AWAY, entry_title(running), since, absence.until,
                        elapsed_minutes(since, absence.until), running.id, absence.reason)
        if self._ask(prompt) and sleep:
            self._asked_sleep_until = absence.until

    def _reminders(self, now: datetime, idle: float | None, seen_before: datetime | None) -> None:
        settings, state = self.session.settings, self.session.state
        work = WorkHours.of(settings)
        # Without an idle source nobody is known to be there: only a known input counts as coming back
        # (the midnight rule would otherwise ask at 00:00 and offer to stop then).
        seen = idle is not None and timedelta(seconds=idle) < ACTIVE_WITHIN
        active = not (self.presence.locked or self.presence.asleep) and (idle is None or seen)
        running = state.snapshot.running
        if running is not None and running.tracking is not None:
            self._forgotten(running, now, seen and active, seen_before, work)
        began = self.not_tracking.due(now, active=active, running=running is not None, work=work,
                                      minutes=settings.not_tracking_minutes,
                                      silenced=work is None or bool(self.session.store.get_meta(SILENCED)))
        if began is not None:  # core.answers.ask asks it only when nothing else waits
            self._ask(Prompt(PromptKind.NOT_TRACKING, "", began, now, elapsed_minutes(began, now)))

    def _forgotten(self, running: TimeEntry, now: datetime, active: bool, seen_before: datetime | None,
                   work: WorkHours | None) -> None:
        assert running.tracking is not None
        started = running.tracking.since
        if self._asked_run == started.isoformat():
            return
        if not forgotten(started, now, hours=self.session.settings.forgotten_hours, work=work, active=active):
            return
        last = seen_before if seen_before is not None and seen_before > started else now
        # Not through _ask: a question that could not be kept (a full disk) raises to look(), which logs it,
        # and the run is not marked as asked, so the next look asks again.
        self.session.ask(Prompt(PromptKind.FORGOTTEN, entry_title(running), started, last,
                                elapsed_minutes(started, now), running.id))
        # Once per run, even across a restart; once kept (or joined to a question on this timer).
        self.session.store.set_meta(ASKED, started.isoformat())
        self._asked_run = started.isoformat()

    def _ask(self, prompt: Prompt) -> bool:
        try:
            return self.session.ask(prompt)
        except Exception:  # noqa: BLE001 - a full disk: the next look asks again
            log.exception("Could not keep the question")
            return False

    # -- when to look ----------------------------------------------------------

    def _threshold(self) -> timedelta:
        return timedelta(minutes=max(0, self.session.settings.away_minutes))

    def _idle_seconds(self) -> float | None:
        if self.idle is None:
            return None
        try:
            return self.idle.idle_seconds()
        except Exception:  # noqa: BLE001 - a backend's trouble never stops the app; the look tries again
            log.exception("Reading the idle time failed")
            return None

    def _read_now(self) -> None:
        idle = self._idle_seconds()
        if idle is not None:
            self._ask_about(self.presence.idle(self.clock(), idle))
        elif not self.presence.locked and not self.presence.asleep:
            self.presence.seen(self.clock())

    def _interval(self, idle: float | None) -> float | None:
        """Seconds to the next look, or None: nothing to look for."""
        running = self.session.state.snapshot.running is not None
        if not running:
            return LOOK_EVERY if self.session.settings.work_reminders else None
        threshold = self.presence.threshold.total_seconds()
        if idle is None or not threshold:
            return LOOK_EVERY
        if idle >= threshold:
            return LOOK_SOONEST  # away: ask as soon as they are back
        return min(LOOK_EVERY, max(LOOK_SOONEST, threshold - idle))

    def _schedule(self, seconds: float | None) -> None:
        if seconds is None or self.closed:
            self.timer.stop()
        elif not self.timer.isActive() or self.timer.remainingTime() > seconds * 1000:
            self.timer.start(int(seconds * 1000))

    def close(self) -> None:
        self.closed = True
        self.timer.stop()
        for signal, slot in self._connections:
            signal.disconnect(slot)
        self._connections = []
