"""The Windows backend's arithmetic and message table, as pure functions (they run on any OS)."""

import pytest

from app.platform.idle.windows import (
    PBT_APMRESUMEAUTOMATIC,
    PBT_APMRESUMESUSPEND,
    PBT_APMSUSPEND,
    WM_POWERBROADCAST,
    WM_WTSSESSION_CHANGE,
    WTS_SESSION_LOCK,
    WTS_SESSION_UNLOCK,
    idle_milliseconds,
    session_event,
)


@pytest.mark.parametrize(("now", "last", "idle"), [
    (10_000, 4_000, 6_000),
    (5_000, 5_000, 0),
    (0xFFFFFFFF, 0xFFFFFF00, 0xFF),
    (1_000, 0xFFFFF000, 1_000 + 0x1000),  # GetTickCount wrapped after 49.7 days; the last input was before
    (0, 0xFFFFFFFF, 1),
])
def test_idle_time_across_the_tick_counters_wrap(now, last, idle):
    assert idle_milliseconds(now, last) == idle


@pytest.mark.parametrize(("message", "wparam", "event"), [
    (WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK, "locked"),
    (WM_WTSSESSION_CHANGE, WTS_SESSION_UNLOCK, "unlocked"),
    (WM_WTSSESSION_CHANGE, 0x1, None),  # WTS_CONSOLE_CONNECT: not ours to tell
    (WM_POWERBROADCAST, PBT_APMSUSPEND, "sleeping"),
    (WM_POWERBROADCAST, PBT_APMRESUMEAUTOMATIC, "woke"),
    (WM_POWERBROADCAST, PBT_APMRESUMESUSPEND, "woke"),
    (WM_POWERBROADCAST, 0xA, None),  # PBT_APMPOWERSTATUSCHANGE: on battery
    (0x0010, 0, None),  # WM_CLOSE
])
def test_window_messages_mean_session_events(message, wparam, event):
    assert session_event(message, wparam) == event
