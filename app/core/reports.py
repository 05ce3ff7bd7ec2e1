"""The command line's reports (issue 16): `week` and `budgets`, for the running app and for mite directly.

A report reads; it acts on nothing. Both backends offer the same two doors: `weeks` (`open`, `week`:
core.weeks.Weeks on the running app, `DirectWeeks` here) and `budgets` (`refresh`, `all`:
core.budget_watch on the running app, `DirectBudgets` here). Each report first refreshes the backend,
so an entry made elsewhere a moment before counts, as `status` does.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Protocol
from collections.abc import Awaitable, Callable, Sequence

from app.api import errors
from app.core import history
from app.core.budgets import Usage, load_usages
from app.core.messages import describe
from app.core.pull import busy_ids
from app.core.command_checks import BadRequest as BadRequest, checked_day  # moved to core.command_checks (issue 17)
from app.core.week import Week, monday_of
from app.errors import AppError
from app.i18n import translate

if TYPE_CHECKING:
    from app.api.client import MiteClient
    from app.core.journal import Journal
    from app.core.state import State
    from app.core.store import Store


class ReportFailed(AppError):
    """What the report could not read, in words (exit 1)."""


class Weeks(Protocol):
    async def open(self, any_day: date) -> str: ...
    def week(self, any_day: date) -> Week: ...
    def today(self) -> date: ...


class Budgets(Protocol):
    async def refresh(self) -> str: ...
    def all(self) -> Sequence[Usage]: ...


class Reader(Protocol):
    """What the reports read: the running app's Session, or commands.Direct."""

    @property
    def weeks(self) -> Weeks: ...
    @property
    def budgets(self) -> Budgets: ...
    @property
    def state(self) -> State: ...
    def entries_stale(self) -> None: ...
    async def refresh(self) -> None: ...


async def week_report(request: dict[str, Any], backend: Reader) -> dict[str, Any]:
    """{"week": Week.to_json()} for the week holding request["date"] (default: this week)."""
    day = checked_day(request.get("date")) or backend.weeks.today()
    # An entry made elsewhere a moment before counts: the round reads mite's entries, not only the timer
    # (a hidden app's round does not).
    backend.entries_stale()
    await backend.refresh()
    unread = backend.state.problem  # mite could not be asked: what the store holds, said to be old
    problem = await backend.weeks.open(day)
    if problem:
        raise ReportFailed(translate("Reports", "The week of {date} could not be read from mite: {problem}").format(
            date=monday_of(day).isoformat(), problem=problem))
    week = backend.weeks.week(day)
    # `week --json` prints "week" as it is; the plain form also says which days are gaps and which are to come,
    # and the difference as the timesheet has it (so far, for a week under way).
    return {"week": week.to_json(), "gaps": [d.isoformat() for d in week.gaps],
            "today": backend.weeks.today().isoformat(), "difference": week.difference,
            "under_way": week.under_way, "problem": unread or None}


async def budgets_report(request: dict[str, Any], backend: Reader) -> dict[str, Any]:
    """{"budgets": [Usage.to_json(), ...]}: the projects with a budget and how much of it is used; for the
    plain form also each one's figures in words ("30:00", "40 h", "€12,000") and a time tracker's note."""
    await backend.refresh()
    problem = await backend.budgets.refresh()
    found = list(backend.budgets.all())
    if problem and not found:
        raise ReportFailed(translate("Reports", "The budgets could not be read from mite: {problem}").format(
            problem=problem))
    return {"budgets": [usage.to_json() for usage in found],
            "shown": [{"used": usage.amount(usage.used), "budget": usage.limit()} for usage in found],
            "note": next((usage.note() for usage in found if usage.share_only), ""),
            "problem": problem or None}  # the figures shown are the last known ones


REPORTS: dict[str, Callable[[dict[str, Any], Reader], Awaitable[dict[str, Any]]]] = {
    "week": week_report, "budgets": budgets_report}


class DirectWeeks:
    """core.weeks.Weeks without the app: the store and mite, read once per command."""

    def __init__(self, store: Store, client: MiteClient, journal: Journal, targets: Sequence[int]):
        self.store, self.client, self.journal, self.targets = store, client, journal, tuple(targets)

    def today(self) -> date:
        return self.journal.clock().date()

    async def open(self, any_day: date) -> str:
        if history.held(self.store, any_day, self.today()):
            return ""
        try:
            await history.fetch_week(self.store, self.client, any_day, self.today(), lambda: busy_ids(self.store))
        except errors.ApiError as exc:
            return describe(exc)
        return ""

    def week(self, any_day: date) -> Week:
        snapshot = self.journal.snapshot()
        return history.week(self.store, any_day, self.targets, today=self.today(), running=snapshot.running,
                            running_minutes=snapshot.running_minutes(self.journal.clock()))


class DirectBudgets:
    """core.budget_watch.Budgets without the app: the catalog (where mite keeps the budgets) and the
    figures read once per command; cached figures when mite cannot be asked (core.budgets)."""

    def __init__(self, store: Store, client: MiteClient, journal: Journal, load_catalog: Callable[[], Awaitable[None]]):
        self.store, self.client, self.journal, self.load_catalog = store, client, journal, load_catalog
        self.found: list[Usage] = []

    async def refresh(self) -> str:
        try:
            await self.load_catalog()  # a budget set in mite since the last command counts
        except errors.AuthError:
            raise  # the command says how to sign in again (exit 3)
        except errors.ApiError:
            pass  # the stored catalog's budgets, with the cached figures if mite cannot be asked either
        now = self.journal.clock()
        try:
            self.found = await load_usages(self.store, self.client, None, now.date(), now)
        except errors.AuthError:
            raise
        except errors.ApiError as exc:
            return describe(exc)
        return ""

    def all(self) -> list[Usage]:
        return self.found
