"""What the tray shows, as a table: State and time in, icon, menu lines and tooltip out."""

from datetime import datetime, timedelta, UTC

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.api.models import TimeEntry, Tracking
from app.core.prompt import Prompt, PromptKind
from app.core.state import Health, Refused, State
from app.core.tracking import Snapshot
from app.core.tray_look import OPEN_PALETTE, Choice, TrayLook, TrayState, look

NOW = datetime(2026, 12, 3, 10, 30, tzinfo=UTC)
TODAY = NOW.date().isoformat()
DOCS = TimeEntry(id=1, minutes=40, date_at=TODAY, project_name="API Docs", service_name="Writing",
                 updated_at="2026-12-03T09:00:00+00:00")
CALL = TimeEntry(id=2, minutes=15, date_at=TODAY, note="call with Anna", updated_at="2026-12-03T09:40:00+00:00")
# Runs since 10:05 on top of 20 booked minutes: 45 minutes at NOW (the look shows times in NOW's zone).
RUNNING = TimeEntry(id=3, minutes=20, date_at=TODAY, project_name="Website",
                    tracking=Tracking(since=NOW - timedelta(minutes=25), minutes=20))
# Started 59.5 minutes before NOW: the tray shows whole minutes, never rounded up.
ALMOST_AN_HOUR = TimeEntry(id=4, date_at=TODAY, note="standup",
                           tracking=Tracking(since=NOW - timedelta(seconds=3570), minutes=0))

IDLE = Snapshot(today=[DOCS, CALL], week_before_today=300)
TICKING = Snapshot(running=RUNNING, today=[RUNNING, DOCS])

# Issue 15: the waiting question (times are the prompt's own, as the journal's clock wrote them).
AWAY = Prompt(PromptKind.AWAY, "Website", since=datetime(2026, 12, 3, 10, 3, tzinfo=UTC), until=datetime(2026, 12, 3, 10, 45, tzinfo=UTC),
              minutes=42, entry_id=3)
AWAY_TEXT = "You were away 0:42 (10:03–10:45) while “Website” was running."
LONG = "Website relaunch / Conception and wireframes for the checkout"
FORGOTTEN = Prompt(PromptKind.FORGOTTEN, LONG, since=datetime(2026, 12, 3, 8, 30, tzinfo=UTC),
                   until=datetime(2026, 12, 3, 17, 41, tzinfo=UTC), minutes=612, entry_id=3)
NOT_TRACKING = Prompt(PromptKind.NOT_TRACKING, "", since=datetime(2026, 12, 3, 10, 15, tzinfo=UTC),
                      until=datetime(2026, 12, 3, 10, 30, tzinfo=UTC), minutes=15)
KEEP, DISCARD, BOOK = Choice("keep", "Keep"), Choice("discard", "Discard"), Choice("book", "Book as…")

CASES = {
    "nothing booked yet": (
        State(health=Health.ONLINE),
        TrayLook(TrayState.IDLE, None, "Not tracking", "Start last entry",
                 ("mite-tray", "Not tracking", "Today 0:00"))),
    "idle: continue the entry changed last": (
        State(snapshot=IDLE, health=Health.ONLINE),
        TrayLook(TrayState.IDLE, None, "Not tracking", "Continue: call with Anna",
                 ("mite-tray", "Not tracking", "Today 0:55"))),
    "before the first sync: idle, no problem shown": (
        State(snapshot=IDLE),
        TrayLook(TrayState.IDLE, None, "Not tracking", "Continue: call with Anna",
                 ("mite-tray", "Not tracking", "Today 0:55"))),
    "running": (
        State(snapshot=TICKING, health=Health.ONLINE),
        TrayLook(TrayState.RUNNING, 45, "▶ 0:45  Website · since 10:05 (+0:20 before)", "Stop timer",
                 ("mite-tray", "▶ 0:45  Website · since 10:05 (+0:20 before)", "Today 1:25"))),
    "running: whole minutes only": (
        State(snapshot=Snapshot(running=ALMOST_AN_HOUR, today=[ALMOST_AN_HOUR]), health=Health.ONLINE),
        TrayLook(TrayState.RUNNING, 59, "▶ 0:59  standup · since 09:30", "Stop timer",
                 ("mite-tray", "▶ 0:59  standup · since 09:30", "Today 0:59"))),
    "offline with work waiting: the icon says offline, the timer still runs": (
        State(snapshot=TICKING, health=Health.OFFLINE, problem="mite cannot be reached.", waiting=2, checking=1),
        TrayLook(TrayState.OFFLINE, 45, "▶ 0:45  Website · since 10:05 (+0:20 before)", "Stop timer",
                 ("mite-tray", "▶ 0:45  Website · since 10:05 (+0:20 before)", "Today 1:25", "Waiting to be sent to mite: 2",
                  "Offline: mite cannot be reached."))),
    "error: the problem in words": (
        State(snapshot=IDLE, health=Health.ERROR, problem="mite did not accept the API key.", key_rejected=True),
        TrayLook(TrayState.ERROR, None, "Not tracking", "Continue: call with Anna",
                 ("mite-tray", "Not tracking", "Today 0:55", "Problem: mite did not accept the API key."))),
    "refused by mite: counted, online": (
        State(snapshot=IDLE, health=Health.ONLINE,
              refused=(Refused(7, "update", "locked"), Refused(9, "delete", "locked"))),
        TrayLook(TrayState.IDLE, None, "Not tracking", "Continue: call with Anna",
                 ("mite-tray", "Not tracking", "Today 0:55", "Not applied by mite: 2 (open the window)"))),
    "everything at once: error wins the icon": (
        State(snapshot=TICKING, health=Health.ERROR, problem="Disk full.", waiting=1,
              refused=(Refused(7, "create", "invalid"),)),
        TrayLook(TrayState.ERROR, 45, "▶ 0:45  Website · since 10:05 (+0:20 before)", "Stop timer",
                 ("mite-tray", "▶ 0:45  Website · since 10:05 (+0:20 before)", "Today 1:25", "Waiting to be sent to mite: 1",
                  "Not applied by mite: 1 (open the window)", "Problem: Disk full."))),
    "away while running: the question and four answers, the icon marked": (
        State(snapshot=TICKING, health=Health.ONLINE, prompt=AWAY),
        TrayLook(TrayState.RUNNING, 45, "▶ 0:45  Website · since 10:05 (+0:20 before)", "Stop timer",
                 ("mite-tray", "▶ 0:45  Website · since 10:05 (+0:20 before)", "Today 1:25", AWAY_TEXT),
                 AWAY_TEXT, (KEEP, DISCARD, Choice("stop", "Stop at 10:03"), BOOK))),
    "away, the timer stopped since: no stop-at": (
        State(snapshot=IDLE, health=Health.ONLINE, prompt=AWAY),
        TrayLook(TrayState.IDLE, None, "Not tracking", "Continue: call with Anna",
                 ("mite-tray", "Not tracking", "Today 0:55", AWAY_TEXT), AWAY_TEXT, (KEEP, DISCARD, BOOK))),
    "forgotten timer: a long title is shortened in the menu, whole in the tooltip": (
        State(snapshot=TICKING, health=Health.ONLINE, prompt=FORGOTTEN),
        TrayLook(TrayState.RUNNING, 45, "▶ 0:45  Website · since 10:05 (+0:20 before)", "Stop timer",
                 ("mite-tray", "▶ 0:45  Website · since 10:05 (+0:20 before)", "Today 1:25",
                  f"Still working on “{LONG}”? Running 10:12 since 08:30."),
                 "Still working on “Website relaunch / Conception…”? Running 10:12 since 08:30.",
                 (Choice("stop", "Stop at last activity (17:41)"), Choice("keep", "Keep running")))),
    "not tracking: continue the last entry, open the palette, not now": (
        State(snapshot=IDLE, health=Health.ONLINE, prompt=NOT_TRACKING),
        TrayLook(TrayState.IDLE, None, "Not tracking", "Continue: call with Anna",
                 ("mite-tray", "Not tracking", "Today 0:55", "You have been working for 0:15 with no timer running."),
                 "You have been working for 0:15 with no timer running.",
                 (Choice("continue", "Continue: call with Anna"), Choice(OPEN_PALETTE, "Open palette"),
                  Choice("keep", "Not now")))),
}


@pytest.mark.parametrize("state, expected", CASES.values(), ids=CASES.keys())
def test_look(state, expected):
    shown = look(state, NOW)
    assert shown == expected
    assert shown.running is (state.snapshot.running is not None)
    assert shown.asks is (state.prompt is not None)


def test_each_answer_says_what_it_does():
    away = look(State(snapshot=TICKING, health=Health.ONLINE, prompt=AWAY), NOW).choices
    assert [c.hint for c in away] == ["it was work: the 0:42 stay booked", "takes 0:42 off; the timer runs on",
                                      "books up to 10:03 and stops the timer",
                                      "moves 0:42 to another project or service"]
    forgotten = look(State(snapshot=TICKING, health=Health.ONLINE, prompt=FORGOTTEN), NOW).choices
    assert [c.hint for c in forgotten] == ["books up to 17:41 and stops the timer", "the timer runs on"]
    reminder = look(State(snapshot=IDLE, health=Health.ONLINE, prompt=NOT_TRACKING), NOW).choices
    assert [c.hint for c in reminder] == ["starts its timer again", "", "no reminder until the next timer"]


def test_time_alone_moves_the_minutes():
    """The tray's tick: the same State a minute later shows a minute more, nothing else changes."""
    state = State(snapshot=TICKING, health=Health.ONLINE)
    before, after = look(state, NOW), look(state, NOW + timedelta(seconds=60))
    assert (before.minutes, after.minutes) == (45, 46)
    assert after.headline == "▶ 0:46  Website · since 10:05 (+0:20 before)" and after.tooltip[2] == "Today 1:26"
    assert (after.icon, after.toggle) == (before.icon, before.toggle)


@given(note=st.text(max_size=80), problem=st.text(max_size=80), waiting=st.integers(0, 5),
       health=st.sampled_from(Health))
@settings(max_examples=100, deadline=None)
def test_any_text_lands_whole_in_its_line(note, problem, waiting, health):
    entry = TimeEntry(id=5, date_at=TODAY, note=note, tracking=Tracking(since=NOW, minutes=0))
    state = State(snapshot=Snapshot(running=entry, today=[entry]), health=health, problem=problem, waiting=waiting)
    shown = look(state, NOW)
    assert shown.headline.startswith("▶ 0:00  ") and shown.tooltip[1] == shown.headline
    assert shown.headline.endswith(f"{note or '(no project)'} · since 10:30")
    troubled = health in (Health.OFFLINE, Health.ERROR)
    assert len(shown.tooltip) == 3 + bool(waiting) + troubled
    if troubled:
        assert shown.tooltip[-1].endswith(problem)


def test_since_is_the_clock_time_in_nows_zone():
    """"since 10:05" is read on the user's clock: NOW's time zone, not the zone mite sent."""
    from datetime import timezone
    berlin = timezone(timedelta(hours=1))
    shown = look(State(snapshot=TICKING, health=Health.ONLINE), NOW.astimezone(berlin))
    assert shown.headline == "▶ 0:45  Website · since 11:05 (+0:20 before)"
