"""What the quick-entry palette means: suggestions for the part being typed, and the plan for Enter.

The line is `[DURATION] [PROJECT] [/ SERVICE] [: NOTE]` (core.quick_entry). The part
under the cursor gets suggestions: projects (with customer), services, or recent notes;
an empty line (or a single digit) offers today's recent entries, numbered 1-9.
Each typed part resolves to the suggestion chosen with the arrow keys, or to the best
match, and the preview says exactly what Enter will do: an app.core.actions.Plan.
Creating a project or service changes the shared mite account, so it is never a
fallback: when nothing matches, Enter refuses and says how to create it, and only
the create row chosen explicitly (arrow keys or a click) makes a plan that creates.
A waiting question (issue 15) puts its answers above the recent entries (`use_choices`); to book
away time as something else the palette runs in a mode where Enter answers the question with the
project and service typed (`book_away_plan`). No Qt widgets here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from collections.abc import Iterable, Mapping
from typing import Any

from app.api.models import Project, Service, TimeEntry
from app.core.actions import Action, Plan
from app.core.duration import format_minutes
from app.core.fuzzy import FuzzyIndex
from app.core.messages import entry_title
from app.core.prompt import Answer, Prompt
from app.core.quick_entry import Part, QuickEntryError, parse, parts
from app.core.tray_look import Choice
from app.i18n import translate

RECENT_SLOTS = 9
SHOWN = 25  # suggestions listed (nine are visible); more would only cost time per keystroke


@dataclass(frozen=True)
class Suggestion:
    kind: str            # "entry", "project", "service", "note", "create-project", "create-service", "answer"
    title: str
    detail: str = ""
    value: Any = None    # TimeEntry, Project, Service, note text, the name to create, or a Choice (answer)
    number: int = 0      # 1-9 for recent entries (Alt/Ctrl+number, or the digit alone)


class Palette:
    def __init__(self, projects: Iterable[Project], services: Iterable[Service], can_create: bool = False):
        self.can_create = can_create  # admins and owners may create projects and services
        self._projects = FuzzyIndex(list(projects), lambda p: f"{p.name} {p.customer_name or ''}")
        # "1und1 Hosting" is a project, though its first word looks like a mistyped duration.
        self._first_words = {p.name.split(" ", 1)[0].casefold() for p in self._projects.items}
        self._services = FuzzyIndex(list(services), lambda s: s.name)
        self._chosen: dict[tuple[str, str], Any] = {}  # (part kind, typed text) -> chosen suggestion
        self._answers: list[Suggestion] = []
        self.use_entries([], "")

    def update_catalog(self, projects: Mapping[int, Project | None], services: Mapping[int, Service | None]) -> None:
        """Only these projects and services changed (None: gone or archived): their rows alone are indexed again."""
        self._projects.update(projects, key=lambda p: p.id)
        self._services.update(services, key=lambda s: s.id)
        self._first_words |= {p.name.split(" ", 1)[0].casefold() for p in projects.values() if p is not None}
        self._cache.clear()

    def use_choices(self, choices: tuple[Choice, ...]) -> None:
        """The waiting question's answers (core.tray_look.choices), offered above the recent entries."""
        self._answers = [Suggestion("answer", choice.label, choice.hint, choice) for choice in choices]

    def use_entries(self, entries: list[TimeEntry], today: str) -> None:
        """The week's entries (any order): recent ones rank first and fill the numbered list."""
        recent = sorted(entries, key=lambda e: (e.updated_at, e.id), reverse=True)
        used_projects: dict[int, float] = {}
        used_services: dict[int, float] = {}
        for rank, entry in enumerate(recent[:200]):
            weight = 2.0 / (1 + rank / 10)  # recent use lifts a match a little, never above a better one
            if entry.project_id:
                used_projects.setdefault(entry.project_id, weight)
            if entry.service_id:
                used_services.setdefault(entry.service_id, weight)
        self._projects.set_boost(lambda p: used_projects.get(p.id, 0.0))
        self._services.set_boost(lambda s: used_services.get(s.id, 0.0))
        self._recent = recent
        self._cache: dict[tuple[str, str], list[Suggestion]] = {}  # rankings changed with the boosts
        self.recent_today = _distinct([e for e in recent if e.date_at == today])[:RECENT_SLOTS]

    # -- suggestions ------------------------------------------------------------

    def suggestions(self, line: str, cursor: int | None = None) -> list[Suggestion]:
        stripped = line.strip()
        if not stripped or (stripped.isdigit() and len(stripped) == 1):
            return self._answers + [Suggestion("entry", entry_title(e), _entry_detail(e), e, n)
                                    for n, e in enumerate(self.recent_today, 1)]
        part = self._part_at(line, len(line) if cursor is None else cursor)
        # A project or service typed earlier that nothing matches: its create row stays on offer
        # (first), so the line need not be walked back to choose it.
        pending = [] if not self.can_create else [
            target for kind in ("project", "service")[:("project", "service", "note").index(part.kind)]
            if isinstance(target := self._resolve(line, kind), Suggestion) and not self._was_chosen(line, kind, target)]
        if part.kind in ("project", "service"):
            return pending + self._catalog_suggestions(part.kind, part.text)
        project = self._resolve(line, "project")
        return pending + self._note_suggestions(part.text, project if isinstance(project, Project) else None)

    def _catalog_suggestions(self, kind: str, text: str) -> list[Suggestion]:
        """Projects or services matching `text`, then an offer to create it when no name is exact."""
        # One keystroke asks three times (list, plan, cursor move): search once per text.
        key = (kind, text)
        if key not in self._cache:
            self._cache = {key: self._search_catalog(kind, text), **dict(list(self._cache.items())[:7])}
        return self._cache[key]

    def _search_catalog(self, kind: str, text: str) -> list[Suggestion]:
        if kind == "project":
            found = [Suggestion(kind, p.name, p.customer_name or "", p) for p in self._projects.search(text, SHOWN)]
            offer = translate("Palette", "Create project “{name}”")
        else:
            found = [Suggestion(kind, s.name, "", s) for s in self._services.search(text, SHOWN)]
            offer = translate("Palette", "Create service “{name}”")
        if text and not any(f.value.name.casefold() == text.casefold() for f in found):
            refusal = "" if self.can_create else translate("Palette", "only admins and owners can create it")
            found.append(Suggestion(f"create-{kind}", offer.format(name=text), refusal, text))
        return found

    def _note_suggestions(self, text: str, project: Project | None) -> list[Suggestion]:
        notes = _distinct_notes(e for e in self._recent if project is None or e.project_id == project.id)
        wanted = text.casefold()
        return [Suggestion("note", note, "", note) for note in notes if wanted in note.casefold()][:20]

    def choose(self, line: str, cursor: int, suggestion: Suggestion) -> None:
        """The arrow keys picked `suggestion` for its part of the line (a project, service, or creating one)."""
        if suggestion.kind in ("entry", "note"):
            return
        part = self.part_for(line, cursor, suggestion)
        self._chosen[(part.kind, part.text.casefold())] = suggestion

    def part_for(self, line: str, cursor: int, suggestion: Suggestion) -> Part:
        """The part of `line` a suggestion fills: its kind's part, or for a note the part under the cursor."""
        kind = suggestion.kind.removeprefix("create-")
        found = next((p for p in self.line_parts(line) if p.kind == kind), None)
        return found if found is not None and kind in ("project", "service") else self._part_at(line, cursor)

    def _part_at(self, line: str, cursor: int) -> Part:
        found = [part for part in self.line_parts(line) if part.kind != "duration"]  # a duration gets no suggestions
        for part in reversed(found):
            if cursor >= part.start:
                return part
        return found[0]

    def line_parts(self, line: str) -> list[Part]:
        """The line's parts (core.quick_entry.parts), knowing the catalog's names."""
        return parts(line, starts_name=self._first_words.__contains__)

    def _resolve(self, line: str, kind: str) -> Project | Service | Suggestion | None:
        """The project or service a part names: chosen, exact, or best match; a create suggestion
        (chosen, or nothing matches: plan() tells these apart with `chosen`); None."""
        part = next((p for p in self.line_parts(line) if p.kind == kind), None)
        if part is None or not part.text:
            return None
        chosen = self._chosen.get((kind, part.text.casefold()))
        if chosen is None:
            options = self._catalog_suggestions(kind, part.text)
            exact = [o for o in options if o.kind == kind and o.value.name.casefold() == part.text.casefold()]
            chosen = (exact or options)[0]
        return chosen.value if chosen.kind == kind else chosen

    # -- the plan for Enter -------------------------------------------------------

    def plan(self, line: str) -> Plan:
        stripped = line.strip()
        if stripped.isdigit() and len(stripped) == 1 and stripped != "0":
            return self.resume_plan(int(stripped))
        if not stripped:
            return Plan(error=translate("Palette", "Type a project, or pick a recent entry (1–9)."))
        try:
            entry = parse(line, starts_name=self._first_words.__contains__)
        except QuickEntryError as exc:
            return Plan(error=str(exc))
        fields: dict[str, Any] = {"note": entry.note, "minutes": entry.minutes, "ending_now": entry.ending_now,
                                  "action": Action.BOOK if entry.books_time else Action.START}
        for kind in ("project", "service"):
            target = self._resolve(line, kind)
            if isinstance(target, Suggestion):  # nothing matches: create it, if allowed
                if not self.can_create:
                    refusal = (translate("Palette", "No project matches “{name}”, and only admins and owners "
                                                    "can create one.") if kind == "project" else
                               translate("Palette", "No service matches “{name}”, and only admins and owners "
                                                    "can create one."))
                    return Plan(error=refusal.format(name=target.value))
                if not self._was_chosen(line, kind, target):  # a typo must not create a record in mite
                    ask = (translate("Palette", "No project matches “{name}”. To create it in mite, choose "
                                                "“Create project” with the arrow keys.") if kind == "project" else
                           translate("Palette", "No service matches “{name}”. To create it in mite, choose "
                                                "“Create service” with the arrow keys."))
                    return Plan(error=ask.format(name=target.value))
                fields[f"create_{kind}"] = target.value
            else:
                fields[kind] = target
        plan = Plan(**fields)
        return replace(plan, preview=_preview(plan))

    def _was_chosen(self, line: str, kind: str, suggestion: Suggestion) -> bool:
        part = next(p for p in self.line_parts(line) if p.kind == kind)
        return self._chosen.get((kind, part.text.casefold())) == suggestion

    def row_plan(self, suggestion: Suggestion) -> Plan:
        """Enter on a row of the empty line's list: continue a recent entry, or answer the question."""
        if suggestion.kind == "answer":
            choice = suggestion.value
            preview = (translate("Palette", "Book the away time as another project or service: choose it next")
                       if choice.answer == Answer.BOOK else
                       translate("Palette", "Answer · {answer}").format(answer=choice.label))
            return Plan(Action.ANSWER, answer=choice.answer, preview=preview)
        return self.resume_plan(suggestion.number)

    def resume_plan(self, number: int) -> Plan:
        if not 1 <= number <= len(self.recent_today):
            return Plan(error=translate("Palette", "There is no recent entry {number} today.").format(number=number))
        entry = self.recent_today[number - 1]
        return Plan(Action.RESUME, entry=entry,
                    preview=translate("Palette", "Continue · {entry}").format(entry=entry_title(entry)))


def _target(plan: Plan) -> str:
    """"API Docs (King Inc.) / Writing", the new ones named so."""
    project = plan.project.label if plan.project else plan.create_project and translate("Palette", "new project {name}").format(
        name=plan.create_project)
    service = plan.service.name if plan.service else plan.create_service and translate("Palette", "new service {name}").format(
        name=plan.create_service)
    return " / ".join(p for p in (project, service) if p) or translate("Palette", "no project")


def _creates(plan: Plan) -> list[str]:
    """What the plan creates in mite, in words: one line each."""
    return ([translate("Palette", "Creates the project “{name}” in mite, for everyone in the account.").format(
                name=plan.create_project)] if plan.create_project else []) + \
           ([translate("Palette", "Creates the service “{name}” in mite, for everyone in the account.").format(
                name=plan.create_service)] if plan.create_service else [])


def _preview(plan: Plan) -> str:
    target = _target(plan)
    note = f" — {plan.note}" if plan.note else ""
    if plan.action == Action.START:
        what = translate("Palette", "Start a timer · {target}").format(target=target) + note
    else:
        text = translate("Palette", "Book {duration} ending now · {target}") if plan.ending_now else translate("Palette", "Book {duration} today · {target}")
        what = text.format(duration=format_minutes(plan.minutes), target=target) + note
    return "\n".join([what, *_creates(plan)])


def book_away_plan(plan: Plan, prompt: Prompt) -> Plan:
    """The palette's `plan` for its line as the answer "book the away time as this" (Answer.BOOK):
    the project and service (created first if chosen so) and note typed; the minutes are the away
    minutes, which the line starts with and must keep."""
    if plan.error:
        return plan
    duration = format_minutes(prompt.minutes)
    if plan.action not in (Action.START, Action.BOOK) or not (
            plan.project or plan.service or plan.create_project or plan.create_service):
        return Plan(error=translate("Palette", "Type the project or service the away time {duration} was for.").format(
            duration=duration))
    if plan.action == Action.BOOK and plan.minutes != prompt.minutes:
        return Plan(error=translate("Palette", "This books the away time, {duration}: keep that duration at the "
                                               "start of the line.").format(duration=duration))
    answer = Plan(Action.ANSWER, answer=Answer.BOOK, project=plan.project, service=plan.service,
                  create_project=plan.create_project, create_service=plan.create_service, note=plan.note,
                  asked=prompt.key)  # the question shown: one merged since is not booked blindly
    what = translate("Palette", "Book the away time {duration} · {target}").format(
        duration=duration, target=_target(answer)) + (f" — {answer.note}" if answer.note else "")
    taken = translate("Palette", "Takes {duration} off “{entry}”.").format(duration=duration, entry=prompt.title)
    return replace(answer, preview="\n".join([what, taken, *_creates(answer)]))


def first_pick(suggestions: list[Suggestion]) -> int:
    """The row the list starts on: the first that neither offers to create nor answers a question
    (those are chosen on purpose), or none."""
    return next((row for row, s in enumerate(suggestions) if not s.kind.startswith("create") and s.kind != "answer"),
                -1)


def _entry_detail(entry: TimeEntry) -> str:
    minutes = translate("Palette", "running") if entry.tracking else format_minutes(entry.minutes)
    note = entry.note if entry.project_name or entry.service_name else ""
    return " — ".join(p for p in (note, minutes) if p)


def _distinct(entries: list[TimeEntry]) -> list[TimeEntry]:
    seen: set[tuple[Any, ...]] = set()
    out = []
    for entry in entries:
        key = (entry.project_id, entry.service_id, entry.note.strip())
        if key not in seen:
            seen.add(key)
            out.append(entry)
    return out


def _distinct_notes(entries: Any) -> list[str]:
    seen: dict[str, None] = {}
    for entry in entries:
        note = re.sub(r"\s+", " ", entry.note).strip()
        if note:
            seen.setdefault(note, None)
    return list(seen)
