"""The running app's view of one mite account: local-first state, syncing and actions.

A QObject (QtCore only, no widgets) so the tray and window can follow its
signals. Actions change the local store at once (the UI never waits for mite);
a sync task sends the outbox and reads mite back, backing off while it fails.
What they show is one `State` (app.core.state): `changed(State)` carries each new
one, `state` holds the latest for those who start late.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.api import errors
from app.api.client import MiteClient
from app.api.models import Project, Service, TimeEntry, User
from app.core import answers, catalog
from app.core.actions import Action, Plan, execute, outcome, stored_entry
from app.core.budget_watch import Budgets
from app.core.journal import Deferred, Journal, Unreachable
from app.core.messages import describe, describe_unexpected
from app.core.settings import Settings
from app.core.outbox import OutboxItem
from app.core.prompt import Prompt
from app.core.state import Health, State, read_state
from app.core.store import Store
from app.core.sync import sync_catalog, together
from app.core.weeks import Weeks

log = logging.getLogger(__name__)
MAX_BACKOFF = 300.0
CATALOG_EVERY = 1800.0        # customers, projects, services: changes every 30 min
ENTRIES_EVERY_HIDDEN = 300.0  # the week's entries while the window is hidden (the timer: every poll)
ENTRIES_EVERY_FULL = 120.0    # time trackers get no changes, only full loads: not on every poll
SLICE = 20.0                  # the poll wait is cut into slices to notice a sleep
SLEPT = 30.0                  # wall clock ahead of the monotonic one by this much: the machine slept
LOOP_RETRY = 5.0              # the sync loop's own pause after a round failed (doubling up to MAX_BACKOFF)


class Session(QObject):
    changed = Signal(object)    # State: snapshot, health, outbox or user changed (only then)
    catalog_changed = Signal(object)  # core.catalog.Change: which projects or services changed in the store
    notice = Signal(str)        # a message for the status line ("" clears it)
    alert = Signal(str)         # found while syncing and worth a notification: timer stopped elsewhere, refusals
    info = Signal(str)          # how an action went, not a problem: "Undone: …", "Stopped within a minute: …"
    slept = Signal(object, object)  # the computer slept (or the clock jumped): last seen, now (journal clock)
    acted = Signal(object)      # Plan: an action was saved (core.budget_watch: the projects it booked on)

    def __init__(self, client: MiteClient, settings: Settings, store: Store, user: User | None = None,
                 save_settings: bool = True):
        super().__init__()
        self.client = client
        self.settings = settings
        self.store = store
        self.journal = Journal(store, client)
        self.sync_lock = asyncio.Lock()
        self.journal.sending = self.sync_lock.locked  # an undo then cannot withdraw rows that may be in flight
        self.user = user
        self.save_settings = save_settings
        # How the last sync round went; published in the State when the round ends.
        self._health, self._problem, self._key_rejected = Health.UNKNOWN, "", False
        self.window_visible = False
        self._failures = 0
        self._retry_after: float | None = None
        self._deferred = 0.0
        self._wake = asyncio.Event()
        self._catalog_loaded_at: float | None = None
        self._entries_synced_at: float | None = None
        self.wall_clock = time.time  # tests move it to fake a sleep
        self._seen: tuple[float, float, datetime] | None = None  # wall, monotonic, journal clock (_watch_clock)
        # Views of the store's catalog, nothing held (issue 17): read when something shows them.
        self.projects: catalog.Catalog[Project] = catalog.projects(store)
        self.services: catalog.Catalog[Service] = catalog.services(store)
        self.state = self._read()
        self.weeks = Weeks(self)  # past days and weeks (issue 16)
        self.budgets = Budgets(self)  # project budgets, fetched when shown (issue 16)

    # -- reading: the State, never polled ---------------------------------------

    def waiting(self) -> list[OutboxItem]:
        """The outbox items not yet confirmed, read from the store now (the State has their count)."""
        return self.journal.pending()

    def failed(self) -> list[OutboxItem]:
        """The outbox items mite refused, read from the store now (the State has what is shown of them)."""
        return self.journal.failed()

    def _read(self) -> State:
        return read_state(self.journal, health=self._health, problem=self._problem,
                          key_rejected=self._key_rejected, user=self.user)

    def _publish(self, state: State) -> None:
        if state != self.state:
            self.state = state
            self.changed.emit(state)

    def poll_interval(self) -> float:
        base = self.settings.poll_seconds_open if self.window_visible else self.settings.poll_seconds_hidden
        if self.journal.pending() and not self._failures:
            deferred, self._deferred = self._deferred, 0.0
            return max(1.0, deferred)  # something waits to be sent: try again soon
        if not self._failures:
            return float(base)
        if self._retry_after:  # mite said when: wait that long (bounded), not the longer backoff
            return min(MAX_BACKOFF, self._retry_after)
        # Exponential backoff with jitter, so many clients do not retry in step.
        return min(MAX_BACKOFF, float(base) * 2.0 ** (self._failures - 1)) * random.uniform(0.8, 1.2)

    def _changed(self) -> None:
        """The store changed here (an action, Retry, Discard): show it."""
        self._publish(self._read())
        self.weeks.store_changed()

    # -- syncing -------------------------------------------------------------

    async def refresh(self) -> None:
        """Send what waits, then read mite back. Never raises: failures show as health.

        Not even for an error nobody foresaw (a full disk, a bug): it is logged, shown as
        a problem, and the next poll, after the usual backoff, tries again.
        """
        async with self.sync_lock:
            notices: list[str] = []
            try:
                await self._sync(notices)
            except Unreachable as exc:
                self._failed(exc.cause, exc.retry_after)
            except errors.ApiError as exc:
                self._failed(exc, getattr(exc, "retry_after", None))
            except Exception as exc:  # noqa: BLE001 - supervised: nothing ends syncing
                self._broke(exc)
            else:
                self._recovered()
            for message in notices:
                self.notice.emit(message)
                self.alert.emit(message)
            try:
                state = self._read()
            except Exception as exc:  # noqa: BLE001 - the store cannot be read: keep the last picture
                self._broke(exc)
                state = replace(self.state, health=self._health, problem=self._problem,
                                key_rejected=self._key_rejected, user=self.user)
            self._publish(state)
            self.weeks.store_changed()

    async def _sync(self, notices: list[str]) -> None:
        # The catalog's requests go beside the outbox's and the entries': they depend on neither (issue 17).
        catalog = self._catalog_loaded_at is None or self._clock() - self._catalog_loaded_at > CATALOG_EVERY
        await together(self._send_and_read(notices), *([self.load_catalog()] if catalog else []))

    async def _send_and_read(self, notices: list[str]) -> None:
        if self.user is None:
            self.user = await self.client.myself()
        try:
            notices += await self.journal.flush()
        except Deferred as exc:  # not a failure: an uncertain entry is checked a little later
            self._deferred = exc.seconds
        entries = self._entries_due()
        notices += await self.journal.pull(entries=entries, user_id=self.user.id)
        if entries:
            self._entries_synced_at = self._clock()

    @staticmethod
    def _clock() -> float:
        return asyncio.get_running_loop().time()

    def _entries_due(self) -> bool:
        if self._entries_synced_at is None:
            return True
        age = self._clock() - self._entries_synced_at
        if not self.store.get_meta("changes:time_entries"):
            return age > ENTRIES_EVERY_FULL
        return self.window_visible or age > ENTRIES_EVERY_HIDDEN

    async def load_catalog(self) -> None:
        found: dict[str, frozenset[int] | None] = {}
        changed = await sync_catalog(self.client, self.store, found)
        self._catalog_loaded_at = self._clock()
        if changed:
            self._catalog_changed(catalog.change_of(self.store, found))

    def _failed(self, exc: errors.ApiError, retry_after: float | None = None) -> None:
        self._failures += 1
        self._retry_after = retry_after
        self._health = Health.OFFLINE if isinstance(exc, errors.NetworkError) else Health.ERROR
        self._key_rejected = isinstance(exc, errors.AuthError)
        self._problem = describe(exc)
        log.warning("mite request failed (%s): %s", type(exc).__name__, exc)

    def _broke(self, exc: Exception) -> None:
        """Not an API error: a full disk, an unreadable store, a bug. Shown and retried like any failure."""
        log.exception("Syncing failed unexpectedly")
        self._failures += 1
        self._retry_after = None
        self._health, self._key_rejected = Health.ERROR, False
        self._problem = describe_unexpected(exc)

    def _recovered(self) -> None:
        was_bad = self._health in (Health.OFFLINE, Health.ERROR)
        self._failures, self._retry_after = 0, None
        self._health, self._problem, self._key_rejected = Health.ONLINE, "", False
        if was_bad:
            self.notice.emit("")

    async def poll_forever(self) -> None:
        """Sync now, then every poll interval, at once when poked or after the machine slept.

        Supervised: if a round fails in a way `refresh` did not catch, it is logged and the
        loop goes on after a backoff. Only cancelling the task ends it.
        """
        troubles = 0
        while True:
            try:
                await self._poll_once()
                troubles = 0
            except Exception:  # noqa: BLE001 - nothing but cancellation ends syncing
                troubles += 1
                log.exception("The sync loop failed; it goes on in a moment")
                await asyncio.sleep(min(MAX_BACKOFF, LOOP_RETRY * 2 ** min(troubles - 1, 10)))

    async def _poll_once(self) -> None:
        # Cleared before the sync, not after: a poke that lands during it (an action) must bring
        # the next sync at once, not wait out the poll interval (a flaky test showed it lost).
        self._wake.clear()
        await self.refresh()
        self._watch_clock()
        deadline = self._clock() + self.poll_interval()
        while not self._wake.is_set() and self._clock() < deadline:
            # Wait in slices to notice a sleep or a clock jump (see _watch_clock). Not wait_for:
            # on Python 3.11 it swallows a cancel that comes as the poke does, and the loop
            # outlived its cancel_all() at quit.
            woken = asyncio.ensure_future(self._wake.wait())
            try:
                await asyncio.wait({woken}, timeout=min(SLICE, deadline - self._clock()))
            finally:
                woken.cancel()
            self._watch_clock()

    def _watch_clock(self) -> None:
        """Compare the wall clock with the monotonic one since last seen.

        The monotonic clock stops while the machine sleeps and ignores clock changes; the
        wall clock does neither. A gap between them means we just woke up, or the clock
        was set ahead: sync now (mite is the source of truth after a sleep), and say `slept`
        (core.away_watch asks what the gap was, if a timer ran across it).
        """
        seen, last = (self.wall_clock(), self._clock(), self.journal.clock()), self._seen
        gap = (seen[0] - last[0]) - (seen[1] - last[1]) if last else 0.0
        self._seen = seen
        if last is not None and gap > SLEPT:
            log.info("Woke from sleep or the clock jumped %.0f s ahead: syncing now", gap)
            self.network_changed()
            self.slept.emit(last[2], seen[2])

    def poke(self) -> None:
        """Sync soon: the window opened, an action was taken."""
        self._wake.set()

    def network_changed(self) -> None:
        """The network came back or the machine woke: forget the backoff and sync now.

        mite is the source of truth after a sleep: the timer may have been stopped elsewhere.
        """
        self._failures, self._retry_after = 0, None
        self._entries_synced_at = None
        self.poke()

    def entries_stale(self) -> None:
        """Read the week's entries in the next round, not only the timer (`mite-tray week`: what mite has now)."""
        self._entries_synced_at = None

    def set_window_visible(self, visible: bool) -> None:
        self.window_visible = visible
        if visible:
            self._entries_synced_at = None  # opening the window shows fresh entries
            self.poke()

    # -- actions: one path (app.core.actions), local at once, sent by the sync task --

    async def before(self, plan: Plan) -> None:
        """Nothing to wait for: the action is local, the sync task sends it."""

    async def after(self, plan: Plan) -> None:
        if plan.action in (Action.START, Action.BOOK):
            self._remember(plan.project_id, plan.service_id)
        self.notice.emit("")
        self.acted.emit(plan)  # before _changed: its weeks.changed then checks the projects the plan booked on
        self._changed()
        said = outcome(plan, self.journal)
        if said:
            self.info.emit(said)
        self.poke()

    def refused(self, message: str) -> None:
        self.notice.emit(message)

    def catalog_grew(self) -> None:
        self._catalog_changed(catalog.Change(everything=True))  # a create: rare, and its id not said

    def _catalog_changed(self, change: catalog.Change) -> None:
        self.projects.changed(change.of("projects"))
        self.services.changed(change.of("services"))
        self.catalog_changed.emit(change)

    # Shortcuts for the window and the tray: each is one Plan on the one path.

    async def start(self, *, project_id: int | None, service_id: int | None, note: str) -> int | None:
        return await execute(Plan.by_ids(Action.START, project_id=project_id, service_id=service_id, note=note), self)

    async def resume(self, entry: TimeEntry) -> int | None:
        return await execute(Plan(Action.RESUME, entry=entry), self)

    async def start_last(self) -> int | None:
        """Continue the entry touched last; None when there is none."""
        return await execute(Plan(Action.RESUME), self)

    async def stop(self) -> int | None:
        return await execute(Plan(Action.STOP), self)

    async def add(self, *, minutes: int, project_id: int | None, service_id: int | None, note: str,
                  day: date | None = None) -> TimeEntry:
        plan = Plan.by_ids(Action.BOOK, project_id=project_id, service_id=service_id, note=note, minutes=minutes,
                           day=day)
        entry_id = await execute(plan, self) or 0
        return stored_entry(self.store, entry_id) or TimeEntry(entry_id, minutes)

    async def edit(self, entry_id: int, *, force: bool = False, **fields: Any) -> None:
        await execute(Plan.by_ids(Action.EDIT, entry_id=entry_id, changes=fields, force=force), self)

    async def delete(self, entry_id: int, *, force: bool = False) -> None:
        await execute(Plan.by_ids(Action.DELETE, entry_id=entry_id, force=force), self)

    async def answer(self, answer: str, *, project_id: int | None = None, service_id: int | None = None,
                     note: str = "", asked: str = "") -> int | None:
        """Answer the waiting prompt (State.prompt): keep, discard, stop, book (on a project or service), continue.
        `asked`: the prompt's key as shown (a question merged or replaced since is not answered blindly)."""
        return await execute(Plan.by_ids(Action.ANSWER, answer=answer, project_id=project_id,
                                         service_id=service_id, note=note, asked=asked), self)

    def ask(self, prompt: Prompt) -> bool:
        """Let `prompt` wait for an answer (core.away_watch; core.answers.ask says how it joins those
        waiting), and say so once as a notification. False when it added nothing."""
        asked = answers.ask(self.store, prompt)
        if asked is None:
            return False
        self._changed()
        self.alert.emit(asked.text())
        return True

    async def undo(self) -> str:
        """Undo the last delete, stop or continue (State.undo says which); what was undone, in words."""
        await execute(Plan(Action.UNDO), self)
        return self.journal.undone

    def retry(self, seq: int) -> None:
        self.journal.retry(seq)
        self._changed()
        self.poke()

    def discard(self, seq: int) -> None:
        self.journal.discard(seq)
        self._changed()
        self.poke()

    def use_client(self, client: MiteClient) -> MiteClient:
        """Continue with a new key (after signing in again); returns the old client to close."""
        old, self.client, self.journal.client = self.client, client, client
        self.user = None
        self.network_changed()
        return old

    def _remember(self, project_id: int | None, service_id: int | None) -> None:
        self.settings.last_project_id, self.settings.last_service_id = project_id, service_id
        self.save_settings_now()

    def save_settings_now(self) -> None:
        """Write the settings file (not for the demo account, which leaves no trace)."""
        if self.save_settings:
            try:
                self.settings.save()
            except OSError as exc:
                log.warning("Could not save settings: %s", exc)

