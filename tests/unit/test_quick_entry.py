"""The one quick-entry parser: the parts of a line with their offsets, and what a complete line means."""

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.quick_entry import QuickEntryError, parse, parts
from tests.helpers.strategies import CHARACTERS


@pytest.mark.parametrize("line, project, service, note, minutes, ending_now", [
    ("API Docs / Writing: fix typos", "API Docs", "Writing", "fix typos", 0, False),
    ("1h30 API Docs / Writing: fix typos", "API Docs", "Writing", "fix typos", 90, False),
    ("-15 API Docs: standup", "API Docs", "", "standup", 15, True),
    ("45 intranet", "intranet", "", "", 45, False),
    ("1.5h / Meetings", "", "Meetings", "", 90, False),
    (": thinking", "", "", "thinking", 0, False),
    ("api", "api", "", "", 0, False),
    ("Web: note: with colon", "Web", "", "note: with colon", 0, False),
])
def test_examples(line, project, service, note, minutes, ending_now):
    entry = parse(line)
    assert (entry.project, entry.service, entry.note, entry.minutes, entry.ending_now) == (
        project, service, note, minutes, ending_now)


@pytest.mark.parametrize("line, says", [
    ("", "Type a project"), ("   ", "Type a project"), ("1:75 API Docs", "not a duration"),
    ("0 API Docs", "at least one minute"), ("25h API", "at most 24 hours"), ("90m", "Say what the time is for"),
    ("-0:00 x", "at least one minute"),
])
def test_refused_with_a_message(line, says):
    with pytest.raises(QuickEntryError, match=says):
        parse(line)


def test_parts_follow_the_one_line_syntax_with_their_offsets():
    line = "1h30 API Docs / Writing: fix: typos"
    found = parts(line)
    assert [(p.kind, p.text) for p in found] == [
        ("duration", "1h30"), ("project", "API Docs"), ("service", "Writing"), ("note", "fix: typos")]
    assert [(p.start, p.end) for p in found] == [(0, 4), (5, 14), (15, 23), (24, 35)]
    assert [p.kind for p in parts("api")] == ["project"]
    assert list(parse(line).parts) == parts(line, complete=True) == found


def test_a_first_word_being_typed_is_a_duration_once_a_space_follows_or_the_line_is_complete():
    assert [(p.kind, p.text) for p in parts("45")] == [("project", "45")]  # may still become a project's name
    assert [(p.kind, p.text) for p in parts("45 ")] == [("duration", "45"), ("project", "")]
    assert [(p.kind, p.text, p.start, p.end) for p in parts("45", complete=True)] == [
        ("duration", "45", 0, 2), ("project", "", 2, 2)]


# Hostile lines, heavy in what the syntax reacts to: digits, duration letters, separators, spaces.
LINES = st.lists(st.sampled_from(list("0123456789:.,hmin-/ aé\t")) | CHARACTERS, max_size=24).map("".join)


@settings(max_examples=200, deadline=None)
@given(line=LINES)
def test_parts_cover_the_line_in_order_and_parse_reads_the_same_parts(line):
    for complete in (False, True):
        found = parts(line, complete=complete)
        kinds = [p.kind for p in found]
        assert kinds in (["project"], ["project", "service"], ["project", "note"], ["project", "service", "note"]) \
            or (kinds[0] == "duration" and kinds[1] == "project")
        for before, after in pairwise(found):
            assert 0 <= before.start <= before.end <= after.start <= len(line)
        for part in found:
            assert part.text == line[part.start:part.end].strip()
    try:
        entry = parse(line)
    except QuickEntryError as exc:
        assert exc.message and str(exc) == exc.message
        return
    text = {p.kind: p.text for p in entry.parts}
    assert (entry.project, entry.service, entry.note) == (text["project"], text.get("service", ""),
                                                          text.get("note", ""))
    assert entry.minutes > 0 or "duration" not in text


@pytest.mark.parametrize("line", ["1x2 intranet", "1h3x API Docs", "2:7: API", "1,5std API", "2std API", "1hr API",
                                  "-1x2 API", "1x2"])
def test_a_broken_duration_first_is_refused_with_the_duration_rules(line):
    """Digits mixed with letters or separators read as a mistyped duration, not as a new project."""
    with pytest.raises(QuickEntryError, match=r"is not a duration\. Try 1:30, 1h30"):
        parse(line)
    assert parts(line, complete=True)[0].kind == "duration"


@pytest.mark.parametrize("line, project", [("3D Druck", "3D Druck"), ("2nd Level: x", "2nd Level"),
                                           ("360grad Kamera", "360grad Kamera"), ("1&1 Hosting", "1&1 Hosting")])
def test_names_that_merely_start_with_a_digit_stay_names(line, project):
    assert parse(line).project == project and parse(line).minutes == 0


def test_a_known_name_that_looks_like_a_broken_duration_stays_a_name():
    known = {"1und1"}.__contains__  # first words of the catalog's project names
    assert parse("1und1 Hosting: mail", starts_name=known).project == "1und1 Hosting"
    with pytest.raises(QuickEntryError, match="not a duration"):
        parse("1und1 Hosting: mail")
    assert parse("45 x", starts_name={"45"}.__contains__).minutes == 45  # a real duration stays one
