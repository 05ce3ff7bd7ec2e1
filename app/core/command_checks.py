"""What a command-line request may hold, checked before anything acts on it; the exit codes (issue 17).

The command line checks its request with `checked_request` before it sends it to the running app or
goes to mite itself, and the running app checks every request it is sent again (core.commands). This
module is kept light on purpose: the command line imports it to talk to the running app, so it loads
neither Qt nor the mite client (tests/integration/test_cli_light.py counts what is loaded).
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from typing import Any

from app.core.text import InvalidText, checked
from app.core.week import monday_of
from app.errors import AppError
from app.i18n import translate

# Exit codes the CLI returns, shared with the running app's answers.
EXIT_FAILED, EXIT_USAGE, EXIT_NOT_FOUND, EXIT_SIGNED_OUT = 1, 2, 4, 3

# What each command takes: field -> bool, or text checked by app.core.text (type, limit, characters).
# null means "not given". Other fields are ignored; a command line and an app of different versions
# never get this far (app.platform.control refuses a message of another protocol version, in words).
REQUEST_FIELDS: dict[str, dict[str, type]] = {
    "status": {"fresh": bool},
    "start": {"note": str, "project": str, "service": str, "last": bool},
    "stop": {},
    "add": {"duration": str, "note": str, "project": str, "service": str, "date": str},
    "undo": {},
    # Answer the waiting question (core.prompt); `book` names the project and service like `add`.
    "away": {"answer": str, "note": str, "project": str, "service": str},
    # Reports (app.core.reports): they read, they act on nothing.
    "week": {"date": str},
    "budgets": {},
}
# The answers of `away`: the values of core.prompt.Answer (which loads QtCore; a unit test keeps them equal).
ANSWERS = ("keep", "discard", "stop", "book", "continue")
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)  # date.fromisoformat takes "20261201" and weeks too


class CommandError(AppError):
    def __init__(self, message: str, code: int = EXIT_FAILED):
        super().__init__(message)
        self.code = code


class UnknownCommand(CommandError):
    """A command this version does not know: the answer carries `"unknown": true` (app.platform.control)."""


class BadRequest(AppError):
    """A report's request the user must fix (exit 2)."""


def checked_request(request: dict[str, Any]) -> dict[str, Any]:
    """The request's known fields, each checked by type and limit; CommandError (EXIT_USAGE) names
    the first that is wrong. The command line checks its arguments with this before sending."""
    cmd = request.get("cmd")
    if not isinstance(cmd, str) or cmd not in REQUEST_FIELDS:
        raise UnknownCommand(translate("Commands", "Unknown command: {cmd}").format(cmd=json.dumps(cmd)[:40]),
                             EXIT_USAGE)
    clean: dict[str, Any] = {"cmd": cmd}
    for field, kind in REQUEST_FIELDS[cmd].items():
        value = request.get(field)
        if value is None:
            continue
        if field == "answer":
            clean[field] = _checked_answer(value)
            continue
        if kind is bool and not isinstance(value, bool):
            raise CommandError(translate("Commands", "“{field}” must be true or false.").format(field=field),
                               EXIT_USAGE)
        try:
            clean[field] = value if kind is bool else checked(field, value)
        except InvalidText as exc:
            raise CommandError(exc.message, EXIT_USAGE) from None
    if cmd == "away":
        _check_away(clean)
    if cmd == "week":
        try:
            checked_day(clean.get("date"))
        except BadRequest as exc:
            raise CommandError(exc.message, EXIT_USAGE) from None
    return clean


def _checked_answer(value: Any) -> str:
    """`away`'s answer as a core.prompt.Answer value, or CommandError (EXIT_USAGE) listing the answers."""
    word = value.strip().casefold() if isinstance(value, str) else value
    if word in ANSWERS:
        return str(word)
    shown = value if isinstance(value, str) else json.dumps(value)
    raise CommandError(translate("Commands", "“{answer}” is not an answer. Answer with: mite-tray away "
                                             "keep|discard|stop|book|continue (book takes -p PROJECT and/or "
                                             "-s SERVICE, and a note).").format(answer=shown[:40]), EXIT_USAGE)


def _check_away(request: dict[str, Any]) -> None:
    if "answer" not in request:
        raise CommandError(translate("Commands", "Say what the away time was: mite-tray away "
                                                 "keep|discard|stop|book|continue."), EXIT_USAGE)
    if request["answer"] != "book" and any(request.get(f) for f in ("note", "project", "service")):
        raise CommandError(translate("Commands", "Only “book” takes a project, a service or a note."), EXIT_USAGE)
    if request["answer"] == "book" and not (request.get("project") or request.get("service")):
        raise CommandError(translate("Commands", "Say where to book the away time: mite-tray away book -p PROJECT "
                                                 "and/or -s SERVICE."), EXIT_USAGE)


def checked_day(text: Any) -> date | None:
    """The day `--date` names (YYYY-MM-DD), None when none is given; BadRequest says what is wrong."""
    if text is None:
        return None
    shown = (text if isinstance(text, str) else repr(text))[:40]
    try:
        day = date.fromisoformat(text) if isinstance(text, str) and _ISO_DAY.fullmatch(text) else None
    except ValueError:
        day = None
    if day is None:
        raise BadRequest(translate("Reports", "“{date}” is not a date; use YYYY-MM-DD, for example {example}.").format(
            date=shown, example="2026-03-02"))
    if monday_of(day) > date.max - timedelta(days=6):  # its week would end past the last date there is
        raise BadRequest(translate("Reports", "“{date}” is too far in the future.").format(date=shown))
    return day
