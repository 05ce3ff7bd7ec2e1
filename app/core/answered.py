"""What an answer to the waiting prompt (core.prompt, core.answers) did, in words: "Took the away time
(0:42) off “API Docs · Writing”." The command line says it after `mite-tray away`."""

from __future__ import annotations

from app.core.actions import Plan, stored_entry
from app.core.duration import format_minutes
from app.core.messages import entry_title
from app.core.prompt import Answer, Prompt, PromptKind, hhmm
from app.core.store import Store
from app.i18n import translate


def answered_text(asked: Prompt, plan: Plan, entry_id: int | None, store: Store) -> str:
    """What `away` did, in words. `plan` names its project and service (the command line's does: core.commands)."""
    words = {"entry": asked.title, "duration": format_minutes(asked.minutes), "time": hhmm(asked.since)}
    given = Answer(plan.answer)
    if given == Answer.CONTINUE:
        return translate("Answers", "Continued “{entry}”.").format(entry=entry_title(stored_entry(store, entry_id or 0)))
    if given == Answer.BOOK:
        target = " · ".join(r.name for r in (plan.project, plan.service) if r)
        return translate("Answers", "Moved the away time ({duration}) from “{entry}” to {target}.").format(
            target=target, **words)
    if given == Answer.DISCARD:
        return translate("Answers", "Took the away time ({duration}) off “{entry}”.").format(**words)
    if given == Answer.STOP:
        if asked.kind == PromptKind.FORGOTTEN:
            words["time"] = hhmm(asked.until)
        return translate("Answers", "Stopped “{entry}” at {time}.").format(**words)
    if asked.kind == PromptKind.AWAY:
        return translate("Answers", "Kept the away time ({duration}) on “{entry}”.").format(**words)
    if asked.kind == PromptKind.FORGOTTEN:
        return translate("Answers", "“{entry}” keeps running.").format(**words)
    return translate("Answers", "No more reminders until the next timer.")
