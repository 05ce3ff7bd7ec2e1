"""Away time for real on X11: the watch, on its own timer, reads Xvfb's idle time through libXss.

No input for the threshold makes the user away; xdotool's pointer move brings them back, and the
question names the moment of the last input before. The threshold is cut to two seconds (the
settings' smallest is a minute); everything else is what runs in the app.
"""

import asyncio
import subprocess
from datetime import datetime, timedelta

import pytest

import app.core.away_watch as away_watch
from app.core.away_watch import AwayWatch
from app.core.prompt import PromptKind, Reason
from app.platform.idle.x11 import X11Idle
from tests.helpers.polling import quick_session


def move_mouse(env, x, y):
    subprocess.run(["xdotool", "mousemove", str(x), str(y)], env=env, check=True)


@pytest.fixture
def watched(desktop, demo, tmp_path, monkeypatch, qapp):
    monkeypatch.setattr(away_watch, "LOOK_SOONEST", 0.2)
    monkeypatch.setattr(AwayWatch, "_threshold", lambda self: timedelta(seconds=2))
    session = quick_session(demo, tmp_path / "store.sqlite3", monkeypatch)
    idle = X11Idle(desktop["DISPLAY"])
    asyncio.run(session.start(project_id=None, service_id=None, note="Writing the docs"))
    watch = AwayWatch(session, idle)
    yield session, watch
    watch.close()
    idle.close()
    session.store.close()
    asyncio.run(session.client.aclose())


def test_no_input_for_the_threshold_then_a_mouse_move_asks_about_the_time_away(desktop, watched, qtbot):
    session, watch = watched
    move_mouse(desktop, 100, 100)
    left = datetime.now().astimezone()
    # Looked while away since that move (not since the X server started: a look before the move was
    # processed saw that, and the test moved on before the user had been away at all).
    qtbot.waitUntil(lambda: (watch.presence.away_since or left - timedelta(days=1)) > left - timedelta(seconds=1),
                    timeout=15000)
    assert session.state.prompt is None  # not asked while still away
    move_mouse(desktop, 300, 200)
    back = datetime.now().astimezone()
    qtbot.waitUntil(lambda: session.state.prompt is not None, timeout=15000)
    prompt = session.state.prompt
    assert prompt.kind == PromptKind.AWAY and prompt.reason == Reason.IDLE and "Writing the docs" in prompt.title
    assert abs((prompt.since - left).total_seconds()) < 1.5   # dated by the last input, not by a look
    assert abs((prompt.until - back).total_seconds()) < 1.5
    assert prompt.until - prompt.since >= timedelta(seconds=2)


def test_input_within_the_threshold_asks_nothing(desktop, watched, qtbot):
    session, watch = watched
    for step in range(8):  # someone working: input every half second
        move_mouse(desktop, 100 + step * 10, 100)
        qtbot.wait(500)
    assert watch.presence.away_since is None and session.state.prompt is None
    assert watch.presence.last_active is not None  # it did look, on its own timer
