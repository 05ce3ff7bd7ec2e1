import pytest

from app.core.quick_entry import QuickEntryError, parse


@pytest.mark.parametrize("line, project, service, note, minutes, ending_now, preview", [
    ("API Docs / Writing: fix typos", "API Docs", "Writing", "fix typos", 0, False,
     "Start a timer · API Docs / Writing — fix typos"),
    ("1h30 API Docs / Writing: fix typos", "API Docs", "Writing", "fix typos", 90, False,
     "Book 1:30 today · API Docs / Writing — fix typos"),
    ("-15 API Docs: standup", "API Docs", "", "standup", 15, True, "Book 0:15 ending now · API Docs — standup"),
    ("45 intranet", "intranet", "", "", 45, False, "Book 0:45 today · intranet"),
    ("1.5h / Meetings", "", "Meetings", "", 90, False, "Book 1:30 today · Meetings"),
    (": thinking", "", "", "thinking", 0, False, "Start a timer · no project — thinking"),
    ("api", "api", "", "", 0, False, "Start a timer · api"),
    ("Web: note: with colon", "Web", "", "note: with colon", 0, False, "Start a timer · Web — note: with colon"),
])
def test_examples(line, project, service, note, minutes, ending_now, preview):
    entry = parse(line)
    assert (entry.project, entry.service, entry.note, entry.minutes, entry.ending_now) == (
        project, service, note, minutes, ending_now)
    assert entry.preview() == preview


@pytest.mark.parametrize("line, says", [
    ("", "Type a project"), ("   ", "Type a project"), ("1:75 API Docs", "not a duration"),
    ("0 API Docs", "at least one minute"), ("25h API", "at most 24 hours"), ("90m", "Say what the time is for"),
    ("-0:00 x", "at least one minute"),
])
def test_refused_with_a_message(line, says):
    with pytest.raises(QuickEntryError, match=says):
        parse(line)
