"""`mite-tray status` as a person reads it: every problem said, and no text can drive the terminal."""

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cli import format_status, terminal_safe

BIDI = {chr(c) for c in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def drives_the_terminal(char):
    return unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp") or char in BIDI


def status(**changes):
    base = {"tracking": False, "entry_id": None, "minutes": None, "since": None, "project": None, "customer": None,
            "service": None, "note": None, "today_minutes": 0, "week_minutes": 0, "online": True, "waiting": 0,
            "user": "Anna", "refused": [], "problem": None, "key_rejected": False}
    return {**base, **changes}


@given(st.text(max_size=60))
@settings(max_examples=200, deadline=None)
def test_escaped_text_has_no_controls_and_printable_text_is_unchanged(text):
    safe = terminal_safe(text)
    assert not any(drives_the_terminal(c) for c in safe)
    safe.encode("utf-8")  # no lone surrogate left to crash print()
    if not any(drives_the_terminal(c) for c in text):
        assert safe == text


def test_escapes_read_like_python():
    assert terminal_safe("a\x1b[31mb\x07\u202e\x9b\x7f\ud800") == "a\\x1b[31mb\\x07\\u202e\\x9b\\x7f\\ud800"


@given(st.text(max_size=30), st.text(max_size=30), st.text(max_size=30), st.text(max_size=30))
@settings(max_examples=100, deadline=None)
def test_nothing_in_a_status_reaches_the_terminal_raw(note, project, customer, reason):
    shown = format_status(status(tracking=True, minutes=5, note=note, project=project, customer=customer,
                                 service="Writing", refused=[{"seq": 1, "kind": "create", "reason": reason}]))
    lines = shown.split("\n")
    assert all(not any(drives_the_terminal(c) for c in line) for line in lines)


def test_refused_items_are_listed_with_their_reason():
    shown = format_status(status(refused=[
        {"seq": 3, "kind": "create", "reason": "Could not book the entry: the entry is locked in mite."},
        {"seq": 4, "kind": "update", "reason": "Could not change the entry: it no longer exists in mite."}]))
    assert "Refused by mite: Could not book the entry: the entry is locked in mite." in shown
    assert "Refused by mite: Could not change the entry: it no longer exists in mite." in shown
    assert "retry or discard" in shown


def test_a_rejected_key_says_how_to_sign_in_not_offline():
    shown = format_status(status(online=False, key_rejected=True, problem="mite did not accept the API key."))
    assert "Offline" not in shown and "mite-tray login" in shown


def test_a_problem_is_named():
    shown = format_status(status(online=False, problem="The certificate of acme.mite.de could not be verified."))
    assert "The certificate of acme.mite.de could not be verified." in shown



@given(reason=st.text(max_size=40))
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_an_error_message_reaches_the_terminal_escaped_line_by_line(reason, capsys):
    """Errors quote mite's words (a validation text) and what the user typed: escaped like status."""
    from app.cli import _fail
    assert _fail(f"mite refused the data: {reason}\nsecond line", 1) == 1
    printed = capsys.readouterr().err
    assert printed.endswith("\nsecond line\n")
    assert all(not any(drives_the_terminal(c) for c in line) for line in printed.split("\n"))
