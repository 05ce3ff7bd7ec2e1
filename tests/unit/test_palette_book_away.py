"""The palette's meaning for issue 15: the waiting question's answers as rows, and a line as "book the
away time as this" (core.palette.book_away_plan)."""

from datetime import datetime

import pytest

from app.core.actions import Action
from app.core.palette import book_away_plan, first_pick
from app.core.prompt import Prompt, PromptKind
from app.core.tray_look import Choice
from tests.unit.test_palette import palette

AWAY = Prompt(PromptKind.AWAY, "Website Relaunch", since=datetime(2026, 12, 3, 10, 3),
              until=datetime(2026, 12, 3, 10, 45), minutes=42, entry_id=7)


@pytest.mark.parametrize("line, answer, preview", [
    ("0:42 api d", dict(project=1, service=None, create_project="", note=""),
     "Book the away time 0:42 · API Docs (King Inc.)\nTakes 0:42 off “Website Relaunch”."),
    ("0:42 api d / writ: review", dict(project=1, service=10, create_project="", note="review"),
     "Book the away time 0:42 · API Docs (King Inc.) / Writing — review\nTakes 0:42 off “Website Relaunch”."),
    ("api docs", dict(project=1, service=None, create_project="", note=""),  # the duration left out: the away minutes
     "Book the away time 0:42 · API Docs (King Inc.)\nTakes 0:42 off “Website Relaunch”."),
])
def test_a_line_books_the_away_time(line, answer, preview):
    plan = book_away_plan(palette().plan(line), AWAY)
    assert (plan.action, plan.answer, plan.error) == (Action.ANSWER, "book", "")
    assert (plan.project_id, plan.service_id, plan.create_project, plan.note) == tuple(answer.values())
    assert plan.preview == preview


@pytest.mark.parametrize("line, says", [
    ("0:42 ", "Say what the time is for: a project, / a service, or : a note."),
    ("0:42 : just a note", "Type the project or service the away time 0:42 was for."),
    ("0:30 api d", "This books the away time, 0:42: keep that duration at the start of the line."),
    ("0:42 zzzz", "No project matches “zzzz”. To create it in mite, choose “Create project” with the arrow keys."),
])
def test_lines_that_cannot_book_it_say_why(line, says):
    plan = book_away_plan(palette().plan(line), AWAY)
    assert (plan.action, plan.error) == (Action.NOTHING, says)


def test_answers_come_first_but_are_never_preselected():
    p = palette()
    p.use_choices((Choice("keep", "Keep", "it was work"), Choice("book", "Book as…")))
    found = p.suggestions("")
    assert [(s.kind, s.title, s.detail) for s in found[:2]] == [("answer", "Keep", "it was work"),
                                                                 ("answer", "Book as…", "")]
    assert found[first_pick(found)].kind == "entry"
    keep = p.row_plan(found[0])
    assert (keep.action, keep.answer, keep.preview) == (Action.ANSWER, "keep", "Answer · Keep")
    p.use_choices(())
    assert all(s.kind == "entry" for s in p.suggestions(""))
