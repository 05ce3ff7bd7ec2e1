"""An unexpected sync error (a full disk) shows in the tray and the window, and clears when it passes."""

import sqlite3

import pytest

from app.core.state import Health
from app.core.tray_look import TrayState
from app.ui.tray import Tray


@pytest.fixture
def tray(session, qtbot):
    tray = Tray(session)
    yield tray
    tray.dispose()
    qtbot.wait(10)


def test_a_full_disk_during_a_poll_shows_in_the_tray_and_then_clears(aio, session, demo, tray, monkeypatch):
    real_pull = session.journal.pull
    full = {"on": True}

    async def pull(**kwargs):
        if full["on"]:
            raise sqlite3.OperationalError("database or disk is full")
        return await real_pull(**kwargs)
    monkeypatch.setattr(session.journal, "pull", pull)
    aio.run(session.refresh())
    assert session.state.health is Health.ERROR and tray.state() is TrayState.ERROR
    assert "Problem: Syncing failed unexpectedly (OperationalError); retrying in a moment." in tray.icon.toolTip()
    full["on"] = False
    aio.run(session.refresh())
    assert tray.state() is not TrayState.ERROR and "Problem:" not in tray.icon.toolTip()


def test_the_window_shows_the_problem_text(qtbot, aio, window, session, monkeypatch):
    class DiskFull(Exception):
        message = "The disk is full. Free some space; your actions are kept until then."

    async def pull(**kwargs):
        raise DiskFull()
    monkeypatch.setattr(session.journal, "pull", pull)
    aio.run(session.refresh())
    assert window.status.isVisible() and DiskFull.message in window.status.text()
