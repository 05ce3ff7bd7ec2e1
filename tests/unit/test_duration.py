import pytest

from app.core.duration import (
    DurationError,
    format_minutes,
    format_seconds,
    parse_duration,
)


@pytest.mark.parametrize("text, minutes", [
    ("1:30", 90), ("0:05", 5), ("1h30", 90), ("1h 30m", 90), ("2h", 120), ("90m", 90), ("90 min", 90),
    ("1.5h", 90), ("1,5h", 90), ("0.25h", 15), ("45", 45), (" 45 ", 45), ("24:00", 1440), ("1H30", 90),
])
def test_accepted(text, minutes):
    assert parse_duration(text) == minutes


@pytest.mark.parametrize("text, says", [
    ("", "Enter a duration"), ("abc", "not a duration"), ("1:75", "not a duration"), ("-15", "not a duration"),
    ("0", "at least one minute"), ("0:00", "at least one minute"), ("25h", "at most 24 hours"),
    ("1:30:00", "not a duration"), ("1.5", "not a duration"),
])
def test_refused_with_a_message(text, says):
    with pytest.raises(DurationError, match=says):
        parse_duration(text)


def test_formats():
    assert format_minutes(125) == "2:05"
    assert format_minutes(0) == "0:00"
    assert format_seconds(3725) == "1:02:05"
    assert format_seconds(-3) == "0:00:00"
