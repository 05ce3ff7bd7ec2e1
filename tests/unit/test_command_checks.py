"""core.command_checks, the command line's light request checks (issue 17), agree with the modules they spare it."""

from app.core import command_checks, commands, reports
from app.core.prompt import Answer


def test_the_answers_are_core_prompts():
    """command_checks keeps the words of `away` itself (core.prompt loads QtCore): the same words."""
    assert list(command_checks.ANSWERS) == [str(answer) for answer in Answer]


def test_the_old_names_still_answer():
    """core.commands and core.reports name what moved, for the app and the tests that import it there."""
    assert commands.checked_request is command_checks.checked_request
    assert commands.EXIT_NOT_FOUND == command_checks.EXIT_NOT_FOUND == 4
    assert reports.BadRequest is command_checks.BadRequest and reports.checked_day is command_checks.checked_day
