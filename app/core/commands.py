"""The command-line verbs (status, start, stop, add, undo, away), for the running app and for mite directly.

`execute(request, backend)` takes a JSON-able request such as
{"cmd": "start", "note": "...", "project": "api", "service": "writ", "last": false}
and answers {"ok": true, ...} or {"ok": false, "error": "...", "code": N}.
The request checks and the exit codes are in app.core.command_checks (the command line imports them without
this module's weight, issue 17). A request becomes a Plan (names resolved here: `_find_fresh`), carried out by
app.core.actions.execute like the palette's and the window's. The backend is the
running app's Session, or `Direct` when no app runs.
"""

from __future__ import annotations

import logging
import time
import weakref
from datetime import date
from typing import Any, Protocol, cast
from collections.abc import Callable, Sequence

from app.api import errors
from app.api.client import MiteClient
from app.api.models import Project, Service, TimeEntry, User
from app.core import actions, reports
from app.core.answered import answered_text
from app.core.actions import Action, Plan, stored_entry
from app.core.duration import DurationError, parse_booking
from app.core.journal import AlreadyRunning, Deferred, Journal, Unreachable
from app.core.matching import MatchError, find
from app.core.messages import ActionFailed, describe, describe_unexpected
from app.core.prompt import PromptKind
from app.core.state import Health, State, read_state
from app.core.store import Store
from app.core.sync import stored_catalog, sync_catalog
from app.core.command_checks import (EXIT_FAILED as EXIT_FAILED, EXIT_NOT_FOUND as EXIT_NOT_FOUND,
                               EXIT_SIGNED_OUT as EXIT_SIGNED_OUT, EXIT_USAGE as EXIT_USAGE,
                               REQUEST_FIELDS as REQUEST_FIELDS, CommandError, UnknownCommand, checked_request)
from app.core.week import DEFAULT_TARGETS
from app.i18n import translate

log = logging.getLogger(__name__)

class Backend(actions.Backend, Protocol):
    """What the commands act on (app.core.actions) and read: the Session, or Direct."""

    @property
    def projects(self) -> Sequence[Project]: ...  # the app's are views of the store (core.catalog)
    @property
    def services(self) -> Sequence[Service]: ...
    store: Store         # archived projects and services are named as such

    @property
    def state(self) -> State: ...  # what `status` shows
    def waiting(self) -> list[Any]: ...
    async def refresh(self) -> None: ...
    async def load_catalog(self) -> None: ...


class Direct:
    """No app running: the same local-first journal and actions, synced once per command."""

    def __init__(self, client: MiteClient, store: Store, targets: Sequence[int] = DEFAULT_TARGETS):
        self.client, self.store = client, store
        self.journal = Journal(store, client)
        self.weeks = reports.DirectWeeks(store, client, self.journal, targets)
        self.budgets = reports.DirectBudgets(store, client, self.journal, self.load_catalog)
        self.projects, self.services = stored_catalog(store)
        self.user: User | None = None
        self.health = Health.UNKNOWN
        self.problem, self.key_rejected = "", False

    @property
    def state(self) -> State:
        return read_state(self.journal, health=self.health, problem=self.problem,
                          key_rejected=self.key_rejected, user=self.user)

    def waiting(self) -> list[Any]:
        return self.journal.pending()

    def entries_stale(self) -> None:
        """Each command's sync reads mite's entries anyway (core.reports asks the running app to)."""

    async def refresh(self) -> None:
        try:
            try:
                await self.journal.flush()
            except Deferred:
                pass  # kept; a later sync checks the uncertain entry
            await self.journal.pull()
            self.health = Health.ONLINE
        except Unreachable as exc:
            self.health, self.problem = Health.OFFLINE, describe(exc.cause)
        except errors.AuthError as exc:  # not "offline": the last known state, and how to sign in again
            self.health, self.problem, self.key_rejected = Health.ERROR, describe(exc), True
        except errors.TlsError:
            raise  # a certificate that cannot be trusted is said as such (exit 1), never "offline"
        except errors.NetworkError as exc:  # the pull found mite unreachable: an action is kept all the same
            self.health, self.problem = Health.OFFLINE, describe(exc)
        except errors.ApiError:
            raise  # mite's answer: the command says it (exit 1)
        except Exception as exc:  # noqa: BLE001 - the action is saved; a broken sync must not hide that
            log.exception("Syncing failed unexpectedly")
            self.health, self.problem = Health.ERROR, describe_unexpected(exc)

    async def load_catalog(self) -> None:
        await sync_catalog(self.client, self.store)
        self.catalog_grew()

    # -- the actions' backend (app.core.actions): the same journal as the app's, synced once

    async def before(self, plan: Plan) -> None:
        if plan.action in (Action.STOP, Action.ANSWER) or (plan.action == Action.RESUME and plan.entry is None):
            # learn what runs in mite: a timer started or stopped elsewhere, the entry touched last, a lock
            await self.refresh()

    async def after(self, plan: Plan) -> None:
        await self.refresh()

    def refused(self, message: str) -> None:
        """The command's answer says it."""

    def catalog_grew(self) -> None:
        self.projects, self.services = stored_catalog(self.store)


async def execute(request: dict[str, Any], backend: Backend) -> dict[str, Any]:
    try:
        request = checked_request(request)
        if request["cmd"] == "status":
            return {"ok": True, **await _status(request, backend)}
        if request["cmd"] in reports.REPORTS:
            return {"ok": True, **await reports.REPORTS[request["cmd"]](request, cast(reports.Reader, backend))}
        asked = backend.journal.prompt() if request["cmd"] == "away" else None  # gone once it is answered
        if request["cmd"] == "away" and asked is None:
            raise CommandError(translate("Answers", "No question is waiting."), EXIT_NOT_FOUND)
        plan = await plan_for(request, backend)
        try:
            entry_id = await actions.execute(plan, backend)
        except AlreadyRunning as exc:  # nothing done, nothing wrong: said, exit 0
            return {"ok": True, "said": exc.message, "status": status_of(backend.state)}
        if asked is not None:
            return {"ok": True, "said": answered_text(asked, plan, entry_id, backend.store),
                    "status": status_of(backend.state)}
        return {"ok": True, **_ANSWERS[request["cmd"]](plan, entry_id, backend)}
    except CommandError as exc:
        unknown = {"unknown": True} if isinstance(exc, UnknownCommand) else {}
        return {"ok": False, "error": exc.message, "code": exc.code, **unknown}
    except MatchError as exc:
        return {"ok": False, "error": str(exc), "code": EXIT_NOT_FOUND}
    except errors.AuthError as exc:  # the key was changed or revoked: the command line says how to sign in
        return {"ok": False, "error": describe(exc), "code": EXIT_SIGNED_OUT}
    except errors.ApiError as exc:
        return {"ok": False, "error": describe(exc), "code": EXIT_FAILED}
    except (ActionFailed, reports.ReportFailed) as exc:
        return {"ok": False, "error": exc.message, "code": EXIT_FAILED}


def status_of(state: State) -> dict[str, Any]:
    """What `mite-tray status` prints (app.cli.format_status), as JSON."""
    snap, prompt = state.snapshot, state.prompt
    running = snap.running
    return {
        "tracking": running is not None,
        "entry_id": running.id if running else None,
        "minutes": snap.running_minutes() if running else None,
        "since": running.tracking.since.isoformat() if running and running.tracking else None,
        "project": (running.project_name or None) if running else None,
        "customer": (running.customer_name or None) if running else None,
        "service": (running.service_name or None) if running else None,
        "note": running.note if running else None,
        "today_minutes": snap.today_minutes(),
        "week_minutes": snap.week_minutes(),
        "online": state.online,
        "waiting": state.waiting,
        # Sent, but the answer was lost: looked up in mite after a grace period, never sent twice.
        "checking": state.checking,
        "refused": [{"seq": item.seq, "kind": item.kind, "reason": item.reason} for item in state.refused],
        "problem": state.problem or None,
        "key_rejected": state.key_rejected,
        "user": state.user.name if state.user else None,
        "undo": state.undo or None,  # what `mite-tray undo` would undo, in words
        # The question waiting (issue 15): `away` only for away time, `prompt` for any kind.
        "away": prompt.status() if prompt and prompt.kind == PromptKind.AWAY else None,
        "prompt": {"kind": str(prompt.kind), "text": prompt.text(), "answers": [str(a) for a in state.answers]}
                  if prompt else None,
    }


async def _status(request: dict[str, Any], backend: Backend) -> dict[str, Any]:
    if request.get("fresh", True):
        await backend.refresh()
    return {"status": status_of(backend.state)}


async def plan_for(request: dict[str, Any], backend: Backend) -> Plan:
    """The checked request as a Plan, its project and service found by name (never created here)."""
    if request["cmd"] == "stop":
        return Plan(Action.STOP)
    if request["cmd"] == "undo":
        return Plan(Action.UNDO)
    if request.get("last"):
        return Plan(Action.RESUME)  # the entry touched last
    minutes, day, ending_now = _duration_and_day(request) if request["cmd"] == "add" else (0, None, False)
    if (request.get("project") or request.get("service")) and not (backend.projects and backend.services):
        await backend.load_catalog()
    project = await _find_fresh(request["project"], "project", backend) if request.get("project") else None
    service = await _find_fresh(request["service"], "service", backend) if request.get("service") else None
    if request["cmd"] == "away":
        return Plan(Action.ANSWER, answer=request["answer"], project=project, service=service,
                    note=request.get("note") or "")
    return Plan(Action.BOOK if request["cmd"] == "add" else Action.START, project=project, service=service,
                note=request.get("note") or "", minutes=minutes, day=day, ending_now=ending_now)


def _duration_and_day(request: dict[str, Any]) -> tuple[int, date | None, bool]:
    """(minutes, day, ending now): the duration by the palette's rules (app.core.duration.parse_booking)."""
    try:
        minutes, ending_now = parse_booking(str(request.get("duration", "")))
    except DurationError as exc:
        raise CommandError(str(exc)) from exc
    if not request.get("date"):
        return minutes, None, ending_now
    if ending_now:
        raise CommandError(translate("Commands", "“{duration}” books the minutes that just ended, today; leave out "
                                                 "--date, or give the duration without the minus.").format(
            duration=request["duration"]), EXIT_USAGE)
    try:
        return minutes, date.fromisoformat(request["date"]), False
    except ValueError:
        raise CommandError(translate("Commands", "“{date}” is not a date; use YYYY-MM-DD.").format(
            date=request["date"])) from None


async def _find_fresh(query: str, kind: str, backend: Backend) -> Any:
    """The project or service `query` names. On a miss the catalog is reloaded once (at most every
    MISS_REFRESH_EVERY seconds: it may have been created in mite since the last load) and searched
    again; still missing but archived in mite, the error says so and how to use it again."""
    def search() -> Any:
        items: Sequence[Project | Service] = backend.projects if kind == "project" else backend.services
        return find(query, items, name=lambda r: r.name, label=lambda r: getattr(r, "label", r.name), kind=kind)
    try:
        return search()
    except MatchError as exc:
        if not exc.missing:
            raise
        if _refresh_allowed(backend):
            await backend.load_catalog()
            try:
                return search()
            except MatchError as again:
                exc = again
        if exc.missing:
            _say_if_archived(query, kind, backend)
        raise exc from None


MISS_REFRESH_EVERY = 60.0
_miss_refreshed_at: weakref.WeakKeyDictionary[Any, float] = weakref.WeakKeyDictionary()


def _refresh_allowed(backend: Backend) -> bool:
    """Rate limit: typos must not reload the catalog on every command."""
    now, last = time.monotonic(), _miss_refreshed_at.get(backend)
    if last is not None and now - last < MISS_REFRESH_EVERY:
        return False
    _miss_refreshed_at[backend] = now
    return True


def _say_if_archived(query: str, kind: str, backend: Backend) -> None:
    archived = backend.store.records(f"{kind}s", archived=True)
    wanted = query.strip().casefold()
    hits = [r["name"] for r in archived if r.get("name", "").casefold() == wanted]
    hits = hits or [r["name"] for r in archived if r.get("name", "").casefold().startswith(wanted)]
    if len(hits) != 1:
        return
    text = (translate("Commands", "The project “{name}” is archived in mite. To book time on it, unarchive it "
                                  "there: under Projects, show the archived ones, edit it and untick “archived”.")
            if kind == "project" else
            translate("Commands", "The service “{name}” is archived in mite. To book time on it, unarchive it "
                                  "there: under Services, show the archived ones, edit it and untick “archived”."))
    raise CommandError(text.format(name=hits[0]), EXIT_NOT_FOUND)


def _started(plan: Plan, entry_id: int | None, backend: Backend) -> dict[str, Any]:
    if entry_id is None:  # `start --last` found no entry
        raise CommandError(translate("Commands", "There is no earlier entry to continue."), EXIT_NOT_FOUND)
    return {"status": status_of(backend.state)}


def _stopped(plan: Plan, entry_id: int | None, backend: Backend) -> dict[str, Any]:
    return {"stopped": entry_id is not None, "nothing_booked": backend.journal.stopped_brief,
            "status": status_of(backend.state)}  # status carries "waiting"


def _undone(plan: Plan, entry_id: int | None, backend: Backend) -> dict[str, Any]:
    return {"undone": backend.journal.undone, "status": status_of(backend.state)}


def _added(plan: Plan, entry_id: int | None, backend: Backend) -> dict[str, Any]:
    entry = stored_entry(backend.store, entry_id or 0) or TimeEntry(entry_id or 0, plan.minutes)
    return {"entry_id": entry.id, "minutes": plan.minutes, "date": entry.date_at, "waiting": len(backend.waiting()),
            "project": entry.project_name or None, "customer": entry.customer_name or None,
            "service": entry.service_name or None, "status": status_of(backend.state)}


# The answer to each command, from its plan as carried out.
_ANSWERS: dict[str, Callable[[Plan, int | None, Backend], dict[str, Any]]] = {
    "start": _started, "stop": _stopped, "add": _added, "undo": _undone}
