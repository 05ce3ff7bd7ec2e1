"""The running app's budgets (issue 16): `Session.budgets`, what the picker, the palette, the timer card,
the tray's tooltip and `mite-tray budgets` read, and the warnings at 75% and 100%.

Lazy: mite is asked only when something shows budgets and says so with `want()` (the palette
opened, the project picker, a timer running on a budget project), for `refresh()` (the command
line), or when the user tracked or booked on a budget project (for its warning). The figures are
cached in the store (core.budgets) and asked for again only when stale. `usage()` adds the running
timer's minutes as they tick, with no request.

A warning is due when the user's own entries on a budget project changed (an action here, or a
sync round that brought one made elsewhere: their fingerprint in the store differs), or while a
timer runs on it; once per threshold and project (and month), remembered in the store.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.api import errors
from app.api.models import Project
from app.core import budgets, store_index
from app.core.budgets import Figures, Usage
from app.core.catalog import Change, with_budget
from app.core.messages import describe, describe_unexpected
from app.core.week import monday_of

if TYPE_CHECKING:
    from app.core.session import Session

log = logging.getLogger(__name__)
RETRY_AFTER = 60.0  # seconds: after a failed fetch, `want()` does not ask mite again sooner


class Budgets(QObject):
    changed = Signal()  # new figures (or the catalog's budgets changed): what shows them reads again

    def __init__(self, session: Session):
        super().__init__()
        self.session = session
        self.fetches = 0       # refreshes that asked mite (the tests count them)
        self.problem = ""      # why the last fetch failed, in words ("" when it worked)
        self._figures: Figures | None = None
        self._loaded = False   # the store's figures are read at the first need, not at start-up
        self._base: dict[int, Usage] = {}  # per project, without the running timer
        # This week's entries on budget projects at the last look (core.budgets.index_rows), and the store's
        # revision then: a look reads only what changed since (issue 17), not each of the week's entries.
        self._seen: dict[int, budgets.Row] | None = None
        self._seen_at = 0
        self._seen_ids: list[int] = []
        self._touched: set[int] = set()  # budget projects the user tracked or booked on, not yet checked
        self._failed_at: float | None = None
        self._lock = asyncio.Lock()
        self._tasks: set[asyncio.Task[None]] = set()
        self._minute = QTimer(self)  # while a timer runs on a budget project: its warning may come due
        self._minute.setInterval(60_000)
        self._minute.timeout.connect(self._running_check)
        self._seen_week = ""   # the Monday the entries seen are of: a new week is a new baseline, no booking
        self._stored: tuple[int, int] | None = None
        self._catalog: int | None = None  # the catalog's version _budgeted was worked out from
        self._budgeted: dict[int, Project] = {}  # the running entry's id and its minutes as mite last had them
        session.weeks.changed.connect(self._entries_changed)
        session.acted.connect(self._acted)
        session.catalog_changed.connect(self._catalog_changed)
        session.changed.connect(lambda _state: self._follow_timer())

    # -- reading ------------------------------------------------------------------------------

    def usage(self, project_id: int | None, now: datetime | None = None) -> Usage | None:
        """The project's budget use now (the running timer included), None when it has no budget or
        nothing is known yet."""
        self._load()
        base = self._base.get(project_id) if project_id is not None else None
        if base is None:
            return None
        running = self.session.state.snapshot.running
        if running is None or running.project_id != project_id:
            return base
        return self._with_running(now)[0] or base

    def text(self, project_id: int | None, short: bool = False) -> str:
        """The project's budget use in words ("72% of 40 h"), "" when it has none or none is known;
        `short`: Usage.text's short form, for narrow lists."""
        usage = self.usage(project_id)
        return usage.text(short) if usage else ""

    def words(self, project_id: int | None) -> tuple[str, str]:
        """The project's budget use in words and, for a time tracker's share, the note why it is one."""
        usage = self.usage(project_id)
        return (usage.text(), usage.note()) if usage else ("", "")

    def all(self, now: datetime | None = None) -> list[Usage]:
        """Every budget project's use known, by name."""
        self._load()
        running = self._with_running(now)[0]
        return [running if running and running.project_id == pid else usage for pid, usage in self._base.items()]

    def _with_running(self, now: datetime | None) -> tuple[Usage | None, int]:
        snapshot = self.session.state.snapshot
        running = snapshot.running
        if running is None or running.project_id not in self._base:
            return None, 0
        now = now or self.session.journal.clock()
        # On top of what mite summed: its stored minutes of the entry, not the timer's base. A start that
        # reached mite late gave the entry the minutes it had run (core.replay), and they were counted twice.
        extra = max(0, snapshot.running_minutes(now) - self._mite_minutes(running.id, running.minutes))
        project = self._budget_projects().get(running.project_id)
        found = budgets.usages([project] if project else [], self._figures, now, running=running, running_extra=extra)
        return (found[0] if found else None), extra

    def _budget_projects(self) -> dict[int, Project]:
        """The catalog's projects with a budget, by id, worked out once per catalog (a change updates only the
        projects it names: `_catalog_changed`): every tick of the card and the tray scanned all projects for
        the running one. SQLite finds them: the other projects are never built (issue 17)."""
        projects = self.session.projects
        if self._catalog != projects.version:
            self._catalog = projects.version
            self._budgeted = {p.id: p for p in budgets.budgeted(with_budget(projects))}
        return self._budgeted

    def _projects(self) -> list[Project]:
        return list(self._budget_projects().values())

    def _mite_minutes(self, entry_id: int, base: int) -> int:
        """The running entry's minutes as the store last had them from mite; read once per entry and store
        change, not on every paint (the window's and the tray's ticks read no SQL)."""
        if self._stored is None or self._stored[0] != entry_id:
            try:
                stored = self.session.store.entry(entry_id)
            except sqlite3.Error:
                stored = None
            self._stored = (entry_id, int(stored["minutes"]) if stored else base)
        return self._stored[1]

    def _load(self) -> None:
        if not self._loaded:
            self._loaded = True
            try:
                self._figures = budgets.cached(self.session.store)
            except sqlite3.Error as exc:  # a damaged store: no figures shown, never a crash in a paint
                log.warning("Could not read the cached budgets: %s", exc)
            self._rebuild()

    def _rebuild(self) -> None:
        now = self.session.journal.clock()
        self._base = {u.project_id: u for u in budgets.usages(self._projects(), self._figures, now)}

    # -- fetching -----------------------------------------------------------------------------

    def want(self) -> None:
        """Something shows budgets now: fetch them soon if the cached figures are stale (not again
        within RETRY_AFTER of a failure, so an offline app does not ask every time the palette opens)."""
        if not self._budget_projects():
            return
        if self._failed_at is not None and time.monotonic() - self._failed_at < RETRY_AFTER:
            return
        if not self._lock.locked():
            self._spawn(self._refresh_quietly)

    async def refresh(self) -> str:
        """Fetch the figures if stale; "" when the figures shown are current, else the problem in
        words (the cached figures stay on show)."""
        self._load()
        async with self._lock:
            session = self.session
            try:
                figures, asked = await budgets.refreshed(session.store, session.client, self._projects(),
                                                          session.user, session.journal.clock())
            except errors.ApiError as exc:
                return self._failed(describe(exc))
            except Exception as exc:  # noqa: BLE001 - budgets must never break the app; logged and said
                log.exception("Loading the budgets failed")
                return self._failed(describe_unexpected(exc))
            self._failed_at, self.problem = None, ""
            if asked:
                self.fetches += 1
            if asked or figures != self._figures:
                self._figures = figures
                self._rebuild()
                self.changed.emit()
            return ""

    def _failed(self, problem: str) -> str:
        self._failed_at, self.problem = time.monotonic(), problem
        log.info("Budgets not refreshed: %s", problem)
        return problem

    async def _refresh_quietly(self) -> None:
        await self.refresh()

    def _spawn(self, job: Callable[[], Coroutine[Any, Any, None]]) -> None:
        """Run `job` on the running loop (kept referenced till done); without one (a Qt timer of a
        session whose loop has ended) there is nothing to do."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        task = loop.create_task(job())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # -- warnings -----------------------------------------------------------------------------

    def _catalog_changed(self, change: Change | None = None) -> None:
        ids = change.of("projects") if change is not None else None
        catalog = self.session.projects
        if ids is not None and self._catalog == catalog.version - 1:  # only these changed: the rest stay as found
            for project_id in ids:
                project = catalog.get(project_id)
                self._budgeted.pop(project_id, None)
                if project is not None and budgets.budgeted([project]):
                    self._budgeted[project_id] = project
            self._catalog = catalog.version
        self._seen = None  # other budget projects: a new baseline, no warning from the change itself
        if self._loaded:
            self._rebuild()
            self.changed.emit()
        self._follow_timer()

    def _acted(self, plan: Any) -> None:
        """An action here (a core.actions.Plan) booked on these projects: a start, a booking, a continue, an
        edit (on any day: a past one too), an away time booked."""
        entry = plan.entry
        stored = self.session.store.entry(entry.id) if entry is not None and entry.id else None
        self._touched |= {pid for pid in (plan.project_id, plan.changes.get("project_id"),
                                          (stored or {}).get("project_id")) if isinstance(pid, int)}

    def _entries_changed(self) -> None:
        """An action or a sync round: the projects whose entries of this week changed in the store were
        touched (one made elsewhere, in the web app). This week's only: a past week fetched, or pruned, is
        no booking (it warned of a project nobody touched); nor is a new week (a new baseline)."""
        self._stored = None
        ids = sorted(self._budget_projects())
        if not ids:
            return
        monday = monday_of(self.session.weeks.today()).isoformat()
        try:
            self._touched |= self._changed_projects(ids, monday)
        except sqlite3.Error as exc:  # the sync reports a damaged store; here it only means no warning now
            log.warning("Could not read the entries on budget projects: %s", exc)
            return
        if self._touched:
            self._spawn(self._check)

    def _changed_projects(self, ids: list[int], monday: str) -> set[int]:
        """The budget projects whose entries of this week differ from the last look (added, removed, moved,
        their minutes or service changed; not one written again as it was). Reads the entries written
        since the last look, from the index; the first look, another week or other budget projects: a
        new baseline, nothing changed."""
        store = self.session.store
        revision, pruned = store_index.revision(store.db)
        if self._seen is None or self._seen_week != monday or self._seen_ids != ids or self._seen_at < pruned:
            self._seen, self._seen_week, self._seen_ids = budgets.index_rows(store, ids, monday), monday, ids
            self._seen_at = revision
            return set()
        written = [int(row[0]) for row in store_index.changed_since(store.db, self._seen_at)]
        now = budgets.index_rows(store, ids, monday, written)
        self._seen_at = revision
        touched: set[int] = set()
        for entry_id in written:
            old, new = self._seen.get(entry_id), now.get(entry_id)
            if old != new:
                touched |= {row[1] for row in (old, new) if row is not None}
                if new is None:
                    del self._seen[entry_id]
                else:
                    self._seen[entry_id] = new
        return touched

    def _follow_timer(self) -> None:
        """A timer runs on a budget project: it shows its budget (fetched if need be), and its warning
        may come due as it ticks."""
        running = self.session.state.snapshot.running
        on_budget = running is not None and running.project_id in self._budget_projects()
        if on_budget and not self._minute.isActive():
            self._minute.start()
            self.want()
        elif not on_budget and self._minute.isActive():
            self._minute.stop()

    def _running_check(self) -> None:
        running = self.session.state.snapshot.running
        if running is not None and running.project_id is not None:
            self._touched.add(running.project_id)
            self._spawn(self._check)

    async def _check(self) -> None:
        """Warn of what the touched projects reached. Not while entries wait to be sent: mite's sums
        lack them, and the sync round that sends them looks again."""
        if self.session.state.waiting or self._lock.locked():
            return
        if await self.refresh():
            return  # mite could not be asked: no warning from old figures
        touched, self._touched = self._touched, set()
        store = self.session.store
        try:
            warned = budgets.warned(store)
            for project_id in sorted(touched):
                usage = self.usage(project_id)
                due = budgets.due_warning(usage, warned) if usage else None
                if due is None:
                    continue
                message, keys = due
                budgets.remember_warned(store, keys)  # first: a warning is never said twice
                warned |= set(keys)
                self.session.alert.emit(message)
        except (sqlite3.Error, ValueError) as exc:  # a damaged store: no warning now, and no crash
            log.warning("Could not check the budget warnings: %s", exc)
