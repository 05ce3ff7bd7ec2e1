"""The palette's meaning: suggestions per part, choices with the arrow keys, the plan for Enter."""

import pytest

from app.api.models import Project, Service, TimeEntry
from app.core.fuzzy import FuzzyIndex
from app.core.palette import Palette, first_pick

TODAY = "2026-11-22"
PROJECTS = [Project(1, "API Docs", customer_name="King Inc."), Project(2, "Website Relaunch", customer_name="Acme"),
            Project(3, "Internal", customer_name=""), Project(4, "API Gateway", customer_name="Acme")]
SERVICES = [Service(10, "Writing"), Service(11, "Development"), Service(12, "Meeting")]
ENTRIES = [
    TimeEntry(100, 30, TODAY, "fix typos", project_id=1, project_name="API Docs", service_id=10,
              service_name="Writing", updated_at="2026-11-22T10:00:00+01:00"),
    TimeEntry(101, 45, TODAY, "standup", project_id=3, project_name="Internal", service_id=12,
              service_name="Meeting", updated_at="2026-11-22T11:00:00+01:00"),
    TimeEntry(102, 15, TODAY, "fix typos", project_id=1, project_name="API Docs", service_id=10,
              service_name="Writing", updated_at="2026-11-22T09:00:00+01:00"),  # same as 100: shown once
    TimeEntry(103, 60, "2026-11-20", "old review", project_id=2, project_name="Website Relaunch",
              updated_at="2026-11-20T09:00:00+01:00"),
]


def palette(can_create=True) -> Palette:
    p = Palette(PROJECTS, SERVICES, can_create=can_create)
    p.use_entries(ENTRIES, TODAY)
    return p


def test_empty_line_offers_todays_recent_entries_numbered():
    found = palette().suggestions("")
    assert [(s.number, s.value.id) for s in found] == [(1, 101), (2, 100)]  # newest first, duplicates once


@pytest.mark.parametrize("line, previews", [
    ("API Docs / Writing: fix typos", "Start a timer · API Docs (King Inc.) / Writing — fix typos"),
    ("1h30 apd / wri: fix typos", "Book 1:30 today · API Docs (King Inc.) / Writing — fix typos"),
    ("-15 intern: standup", "Book 0:15 ending now · Internal — standup"),
    ("web", "Start a timer · Website Relaunch (Acme)"),
    (": thinking", "Start a timer · no project — thinking"),
    ("2", "Continue · API Docs · Writing"),
])
def test_plan_previews_what_enter_does(line, previews):
    plan = palette().plan(line)
    assert plan.error == ""
    assert plan.preview == previews


@pytest.mark.parametrize("line, says", [
    ("", "Type a project"), ("7", "no recent entry 7"), ("1:75 API Docs", "not a duration"),
    ("90m", "Say what the time is for"), ("25h API", "at most 24 hours"),
])
def test_bad_lines_are_refused_with_a_message(line, says):
    plan = palette().plan(line)
    assert plan.action == "" and says in plan.error


def test_arrow_choice_wins_over_the_best_match():
    p = palette()
    line = "api / writing"
    projects = p.suggestions(line, cursor=3)
    assert [s.value.name for s in projects[:2]] == ["API Docs", "API Gateway"]  # recently used first
    p.choose(line, 3, projects[1])
    assert p.plan(line).project.name == "API Gateway"
    assert p.plan("api").project.name == "API Gateway"  # same typed text: same choice
    assert p.plan("api d").project.name == "API Docs"   # typed on: best match again


def test_a_duration_gets_no_suggestions_of_its_own():
    in_duration = palette().suggestions("1h30 apd", cursor=2)
    assert in_duration == palette().suggestions("1h30 apd") and in_duration[0].title == "API Docs"
    assert palette().plan("1h30 apd").project.name == "API Docs"


def test_services_and_notes_are_suggested_for_their_part():
    p = palette()
    assert [s.value.name for s in p.suggestions("API Docs / dev") if s.kind == "service"] == ["Development"]
    assert [s.value for s in p.suggestions("API Docs / Writing: ")] == ["fix typos"]
    assert [s.value for s in p.suggestions("Website: ")] == ["old review"]


def test_unknown_project_is_created_by_admins_and_refused_for_others():
    p, line = palette(), "Moonshot / Research: first sketch"
    p.choose(line, 1, p.suggestions(line, cursor=1)[-1])
    assert "No service matches “Research”" in p.plan(line).error  # each create is chosen on its own
    p.choose(line, 12, p.suggestions(line, cursor=12)[-1])
    plan = p.plan(line)
    assert (plan.create_project, plan.create_service, plan.project) == ("Moonshot", "Research", None)
    assert plan.preview == ("Start a timer · new project Moonshot / new service Research — first sketch\n"
                            "Creates the project “Moonshot” in mite, for everyone in the account.\n"
                            "Creates the service “Research” in mite, for everyone in the account.")
    refused = palette(can_create=False).plan("Moonshot: first sketch")
    assert refused.action == "" and "only admins and owners" in refused.error
    offered = palette(can_create=False).suggestions("Moonshot")
    assert offered[-1].kind == "create-project" and "only admins" in offered[-1].detail


def test_exact_name_is_never_shadowed_by_a_create_offer():
    assert palette().suggestions("internal")[-1].kind == "project"
    assert palette().plan("Internal").project.id == 3


def test_fuzzy_index_ranks_word_starts_and_narrows_as_you_type():
    names = ["Mapping", "API Docs", "Rapid prototyping", "Apiary", "xapi"] + [f"Filler {i}" for i in range(100)]
    index = FuzzyIndex(names, str)
    assert index.search("api")[:2] == ["API Docs", "Apiary"]
    assert set(index.search("api")) == {"API Docs", "Apiary", "xapi", "Rapid prototyping", "Mapping"}  # letters in order
    assert index.search("api d") == ["API Docs", "Rapid prototyping"]
    assert index.search("apdc") == ["API Docs"]
    assert index.search("zzz") == []
    assert index.search("fil 7")[0] == "Filler 7"


def test_enter_does_not_create_a_typo_the_create_row_must_be_chosen():
    """Creating a record in a shared account is a deliberate second step: the create row, chosen."""
    p = palette()
    line = "zzzz nonexist: foo"
    plan = p.plan(line)
    assert plan.action == "" and not plan.create_project
    assert plan.error == "No project matches “zzzz nonexist”. To create it in mite, choose “Create project” with the arrow keys."
    offer = p.suggestions(line, cursor=2)
    assert [s.kind for s in offer] == ["create-project"] and first_pick(offer) == -1  # not chosen by default
    offer = p.suggestions(line)  # typing the note: the offer stays first, to choose without going back
    assert offer[0].kind == "create-project" and first_pick(offer) == -1
    p.choose(line, len(line), offer[0])
    plan = p.plan(line)
    assert plan.action == "start" and plan.create_project == "zzzz nonexist" and plan.project is None
    assert plan.preview == ("Start a timer · new project zzzz nonexist — foo\n"
                            "Creates the project “zzzz nonexist” in mite, for everyone in the account.")


def test_a_known_project_is_still_picked_first_and_by_default():
    found = palette().suggestions("web")
    assert found[0].kind == "project" and first_pick(found) == 0


def test_a_project_whose_name_looks_like_a_broken_duration_is_found():
    p = Palette([*PROJECTS, Project(5, "1und1 Hosting")], SERVICES, can_create=True)
    assert p.plan("1und1 hosting: mail").project.id == 5
    assert "not a duration" in p.plan("1x2 intranet").error
