import pytest

from app.core.quick_entry import QuickEntryError, parse


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
