"""Answering the waiting prompt (core.prompt) as the journal's local actions: one transaction each.

mite runs the timer, not this app, so an answer becomes outbox rows like every other action, as
durable and exactly-once, offline included:
- Keep: nothing to send; the question is gone.
- Discard (away): the timer is stopped booking its minutes less the away minutes, then run on
  from there (a stop, which sets the minutes, then a continue). A timer stopped since: its entry's
  minutes are lowered instead (an update).
- Stop at (away: when they left; forgotten: the last activity): the timer is stopped at that moment.
- Book as (away): Discard, and the away minutes booked as a new entry on the chosen project or
  service, on the day the absence began.
- Continue (not tracking): the entry touched last runs again (an ordinary continue; core.actions).
An entry that got locked in mite meanwhile is refused with a message, and the question waits on.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from app.core import undo
from app.core.messages import ActionFailed
from app.core.prompt import PROMPT, Answer, Prompt, PromptKind, dump_queue, load_queue
from app.core.store import Store
from app.i18n import translate

if TYPE_CHECKING:
    from app.core.journal import Journal

SILENCED = "reminders_silenced"  # store meta: "Not now" on a not-tracking reminder, until the next timer


def ask(store: Store, prompt: Prompt) -> Prompt | None:
    """Let `prompt` wait for the user, after those waiting; the question now asked, or None when it
    adds nothing. No question is lost to another:
    - away on a timer already asked about as away: one question for both absences (minutes added);
    - away on a timer asked about as forgotten: the away question replaces it (it offers all that one does);
    - forgotten on a timer already asked about: nothing new;
    - not tracking: only when nothing else waits.
    Any not-tracking reminder waiting goes when anything else is asked."""
    with store.transaction():
        queue = load_queue(store.get_meta(PROMPT))
        same = [p for p in queue if _same_entry(store, p.entry_id, prompt.entry_id)]
        if prompt.kind == PromptKind.NOT_TRACKING and queue:
            return None
        if prompt.kind == PromptKind.FORGOTTEN and same:
            return None
        if prompt.kind == PromptKind.AWAY:
            earlier = next((p for p in same if p.kind == PromptKind.AWAY), None)
            if earlier is not None:
                prompt = replace(earlier, until=prompt.until, minutes=earlier.minutes + prompt.minutes, merged=True)
                queue = [prompt if p is earlier else p for p in queue]
            else:
                queue = [p for p in queue if p not in same] + [prompt]
        else:
            queue.append(prompt)
        queue = [p for p in queue if p.kind != PromptKind.NOT_TRACKING or p is prompt]
        store.set_meta(PROMPT, dump_queue(queue))
        return prompt


def _same_entry(store: Store, one: int | None, other: int | None) -> bool:
    """The same entry, under its local id until mite's arrived, or mite's."""
    return one is not None and other is not None and store.current_id(one) == store.current_id(other)


def timer_started(store: Store) -> None:
    """A timer starts (in the start's transaction): a reminder that none runs has done its job."""
    queue = load_queue(store.get_meta(PROMPT))
    left = [prompt for prompt in queue if prompt.kind != PromptKind.NOT_TRACKING]
    if left != queue:
        store.set_meta(PROMPT, dump_queue(left))
    store.set_meta(SILENCED, None)


def answer(journal: Journal, given: Answer, *, project_id: int | None = None, service_id: int | None = None,
           note: str = "", asked: str = "") -> Prompt:
    """Carry out `given` for the first waiting prompt (`asked`: its key as the user saw it; another is
    refused); the prompt answered. CONTINUE is core.actions' to do (it is a continue); here it only
    clears the question. Raises ActionFailed with a message."""
    store = journal.store
    prompt = journal.prompt()
    if prompt is None:
        raise ActionFailed(translate("Answers", "No question is waiting."))
    if asked and asked != prompt.key:
        raise ActionFailed(translate("Answers", "The question changed meanwhile: look at it again, then answer."))
    tracker = store.tracker()
    running = prompt.runs_on(tracker.entry_id if tracker else None, tracker.since if tracker else None)
    if given not in prompt.answers(running):
        raise ActionFailed(_not_an_answer(prompt, given, running))
    if given == Answer.BOOK and project_id is None and service_id is None:
        raise ActionFailed(translate("Answers", "Choose a project or service to book the away time on."))
    with store.transaction():
        undo.forget(store)
        store.set_meta(PROMPT, dump_queue(load_queue(store.get_meta(PROMPT))[1:]))
        if prompt.kind == PromptKind.NOT_TRACKING and given == Answer.KEEP:
            store.set_meta(SILENCED, "1")
        elif given == Answer.STOP:
            _entry(journal, prompt)  # it sets the entry's minutes: refused for a locked entry, as discard is
            journal.stop(at=prompt.since if prompt.kind == PromptKind.AWAY else prompt.until)
        elif given in (Answer.DISCARD, Answer.BOOK):
            _take_off(journal, prompt)
            if given == Answer.BOOK:
                journal.add(minutes=prompt.minutes, project_id=project_id, service_id=service_id, note=note,
                            day=prompt.since.date())
    return prompt


def _take_off(journal: Journal, prompt: Prompt) -> None:
    """The away minutes off the prompt's entry (in the caller's transaction): off its booked minutes, or,
    while its timer runs (the same run or a continue), off the timer's count, which runs on."""
    assert prompt.entry_id is not None  # an AWAY prompt always names its timer's entry
    entry = _entry(journal, prompt)
    tracker = journal.store.tracker()
    if tracker is None or not _same_entry(journal.store, tracker.entry_id, prompt.entry_id):
        journal.edit(prompt.entry_id, minutes=max(0, int(entry["minutes"]) - prompt.minutes))
        return
    now = journal.clock()
    left = max(0, tracker.minutes_at(now) - prompt.minutes)
    journal._stop_locally(now, minutes=left)  # noqa: SLF001 - the journal's steps, in this transaction
    journal._start_locally(prompt.entry_id, now, left)  # noqa: SLF001


def _entry(journal: Journal, prompt: Prompt) -> dict[str, Any]:
    """The prompt's entry as stored, or ActionFailed: gone, or locked in mite (its minutes cannot change)."""
    entry = journal.store.entry(prompt.entry_id) if prompt.entry_id is not None else None
    if entry is None:
        raise ActionFailed(translate("Answers", "That entry is no longer there (deleted in mite?); choose Keep to "
                                                "close the question."))
    if entry["locked"]:
        raise ActionFailed(translate("Answers", "“{entry}” is locked in mite, so its minutes cannot be changed; "
                                                "choose Keep to close the question.").format(entry=prompt.title))
    return entry


def _not_an_answer(prompt: Prompt, given: Answer, running: bool) -> str:
    if prompt.kind == PromptKind.AWAY and given == Answer.STOP and not running:
        return translate("Answers", "The timer no longer runs; keep or discard the away time.")
    return translate("Answers", "“{answer}” does not answer this question: {question}").format(
        answer=str(given), question=prompt.text())
