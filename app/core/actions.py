"""One path for every action: a `Plan`, carried out by `execute(plan, backend)`.

The palette (core.palette), the command line (core.commands) and the window all say what
to do as a Plan: continue an entry, start a timer, book minutes, stop, edit or delete, with
a project and service that exist or are to be created. `execute` is the only code that
carries one out, with the Journal's local actions (the store and its outbox, in one
transaction each). A `Backend` is only what differs around it: the running app's Session
shows the change and pokes its sync task; the command line without an app (commands.Direct)
syncs once per command.

Creating a missing project or service needs mite, online: mite assigns the id an entry
refers to, so a create cannot wait in the outbox the way an entry does (an entry waiting
for a project that mite might refuse could be neither sent nor shown correctly). So it
comes first: offline, or refused, the plan fails with mite's reason before anything else
of it is done; nothing is queued, and the caller keeps what was typed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any, Protocol, TypeVar

from app.api import errors
from app.api.client import MiteClient
from app.api.models import Project, Service, TimeEntry
from app.core import answers
from app.core.journal import Journal, last_entry
from app.core.prompt import Answer
from app.core.messages import ActionFailed, describe
from app.core.store import Store
from app.i18n import translate


class Action(StrEnum):
    NOTHING = ""       # the plan cannot be done: `error` says why
    RESUME = "resume"  # continue `entry` (today; an older one is continued as a new entry)
    START = "start"
    BOOK = "book"      # book `minutes` on `day`
    STOP = "stop"
    EDIT = "edit"      # change `entry` by `changes`
    DELETE = "delete"
    UNDO = "undo"      # undo the last delete, stop or continue (core.undo); the journal's `undone` says what
    ANSWER = "answer"  # answer the waiting prompt (core.prompt, core.answers) with `answer`


@dataclass(frozen=True)
class Plan:
    """What to do. Made by the palette, the command line and the window; done by `execute`."""

    action: Action = Action.NOTHING
    entry: TimeEntry | None = None    # RESUME, EDIT, DELETE; RESUME without one: the entry touched last
    project: Project | None = None
    service: Service | None = None
    create_project: str = ""          # START, BOOK: create this project first, in mite (admins and owners)
    create_service: str = ""
    note: str = ""
    minutes: int = 0                  # BOOK
    day: date | None = None           # BOOK: None is today
    ending_now: bool = False          # BOOK: the minutes that just ended; mite books them today, like any
    changes: dict[str, Any] = field(default_factory=dict)  # EDIT: entry fields (note, minutes, project_id, …)
    force: bool = False               # EDIT, DELETE: an admin's change to a locked entry
    answer: str = ""                  # ANSWER: a core.prompt.Answer (BOOK: on `project`/`service`, with `note`)
    asked: str = ""                   # ANSWER: the prompt's key as the user saw it ("": whatever waits first)
    error: str = ""                   # NOTHING: why, in words
    preview: str = ""                 # what it will do, in words (the palette shows it)

    @classmethod
    def by_ids(cls, action: Action, *, entry_id: int | None = None, project_id: int | None = None,
               service_id: int | None = None, **fields: Any) -> Plan:
        """A plan naming its entry, project and service by id (the window's form knows only ids):
        acting uses only the ids; the journal reads names from the store."""
        return cls(action, entry=TimeEntry(entry_id) if entry_id is not None else None,
                   project=Project(project_id, "") if project_id is not None else None,
                   service=Service(service_id, "") if service_id is not None else None, **fields)

    @property
    def project_id(self) -> int | None:
        return self.project.id if self.project else None

    @property
    def service_id(self) -> int | None:
        return self.service.id if self.service else None


class Backend(Protocol):
    """Where a plan is carried out: the running app (core.session.Session) or the command line
    without it (core.commands.Direct). The actions themselves are the journal's, the same for both."""

    journal: Journal
    client: MiteClient

    async def before(self, plan: Plan) -> None:
        """About to carry out `plan` (Direct syncs first when it depends on what runs in mite)."""

    async def after(self, plan: Plan) -> None:
        """`plan` is done locally, as carried out: created projects and services in place of names."""

    def refused(self, message: str) -> None:
        """`plan` failed with `message`, nothing of it kept locally (a project created in mite before its
        service was refused stays there). ActionFailed carries the message to the caller too."""

    def catalog_grew(self) -> None:
        """A project or service was created in mite and stored: read the lists again."""


async def execute(plan: Plan, backend: Backend) -> int | None:
    """Carry out `plan`: the entry it started, continued, booked, stopped, changed or deleted (its
    local id until mite has it), or None when no timer ran or there was no entry to continue.
    Raises ActionFailed with a message for the user."""
    try:
        if plan.action == Action.NOTHING:
            raise ActionFailed(plan.error or translate("Actions", "There is nothing to do."))
        await backend.before(plan)
        plan = await _with_records(plan, backend)
        if plan.action == Action.RESUME and plan.entry is None:
            plan = replace(plan, entry=last_entry(backend.journal.store, backend.journal.clock().date()))
            if plan.entry is None:
                return None  # nothing to continue: nothing was done
        entry_id = _local(plan, backend.journal)
    except ActionFailed as exc:
        backend.refused(exc.message)
        raise
    await backend.after(plan)
    return entry_id


def stored_entry(store: Store, entry_id: int) -> TimeEntry | None:
    """The entry as the store holds it now: under mite's id once it was sent."""
    found = store.entry(store.current_id(entry_id))
    return TimeEntry.from_json(found) if found else None


def _local(plan: Plan, journal: Journal) -> int | None:
    """The plan as the journal's local action (store and outbox in one transaction)."""
    entry_id = plan.entry.id if plan.entry else 0
    match plan.action:
        case Action.START:
            return journal.start_new(project_id=plan.project_id, service_id=plan.service_id, note=plan.note)
        case Action.BOOK:
            return journal.add(minutes=plan.minutes, project_id=plan.project_id, service_id=plan.service_id,
                               note=plan.note, day=plan.day)
        case Action.STOP:
            return journal.stop()
        case Action.RESUME:
            return journal.resume(entry_id)
        case Action.EDIT:
            journal.edit(entry_id, force=plan.force, **plan.changes)
        case Action.DELETE:
            journal.delete(entry_id, force=plan.force)
        case Action.UNDO:
            journal.undo()
            return None
        case Action.ANSWER:
            return _answer(plan, journal)
    return entry_id


def _answer(plan: Plan, journal: Journal) -> int | None:
    """The prompt's entry (Continue: the entry continued)."""
    given = Answer(plan.answer) if plan.answer in set(Answer) else None
    if given is None:
        raise ActionFailed(translate("Actions", "“{answer}” is not an answer: use keep, discard, stop or book.").format(
            answer=plan.answer))
    last = last_entry(journal.store, journal.clock().date()) if given == Answer.CONTINUE else None
    if given == Answer.CONTINUE and last is None:
        raise ActionFailed(translate("Actions", "There is no entry to continue yet: start a timer from the palette."))
    with journal.store.transaction():  # a continue refused (a locked entry) leaves the question waiting
        prompt = answers.answer(journal, given, project_id=plan.project_id, service_id=plan.service_id,
                                note=plan.note, asked=plan.asked)
        return journal.resume(last.id) if last is not None else prompt.entry_id


async def _with_records(plan: Plan, backend: Backend) -> Plan:
    """The plan with the projects and services it names created (see the module docstring)."""
    if plan.create_project:
        plan = replace(plan, project=await _create(backend, Project, plan.create_project), create_project="")
    if plan.create_service:
        plan = replace(plan, service=await _create(backend, Service, plan.create_service), create_service="")
    return plan


_Record = TypeVar("_Record", Project, Service)


async def _create(backend: Backend, kind: type[_Record], name: str) -> _Record:
    """Create a project or service in mite (it assigns the id), then keep it in the store."""
    resource = "projects" if kind is Project else "services"
    try:
        record: _Record = await backend.client.create(resource, name=name)
    except errors.ApiError as exc:
        raise ActionFailed(describe(exc, doing=translate("Actions", "create “{name}”").format(name=name))) from exc
    store = backend.journal.store
    with store.transaction():  # a write error is a StoreWriteError (an ActionFailed) with a message
        store.put_record(resource, asdict(record))
    backend.catalog_grew()
    return record


def outcome(plan: Plan, journal: Journal) -> str:
    """What the status line says after `plan` was done: usually nothing (the change shows), but an undo
    says what it undid, and a stop that booked nothing says so."""
    if plan.action == Action.UNDO:
        return journal.undone
    if plan.action == Action.STOP and journal.stopped_brief:
        return translate("Session", "Stopped within a minute: nothing booked.")
    return ""
