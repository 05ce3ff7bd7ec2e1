"""Edit and delete from the window; what waits and what mite refused, shown with Retry/Discard."""

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.ui.window import MainWindow


@pytest.fixture
def window(qtbot, session, tasks):
    window = MainWindow(session, tasks, "demo account")
    qtbot.addWidget(window)
    window.present()
    return window


def unlocked_today(session):
    return next(e for e in session.state.snapshot.today if not e.locked and e.id > 0)


def server_entry(demo, entry_id):
    return demo.mite.records["time_entries"].get(entry_id)


def test_edit_duration_note_and_project(qtbot, aio, window, session, demo):
    entry = unlocked_today(session)
    dialog = window.edit(entry)
    dialog.duration.setText("2h15")
    dialog.note.setText("edited in the window")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    aio.until(lambda: server_entry(demo, entry.id)["note"] == "edited in the window")
    assert server_entry(demo, entry.id)["minutes"] == 135
    aio.until(lambda: any(e.note == "edited in the window" and e.minutes == 135 for e in session.state.snapshot.today))


def test_an_entry_on_an_archived_project_keeps_it_in_the_editor(qtbot, window, session):
    entry = replace(unlocked_today(session), project_id=987654, project_name="Relaunch 2019")  # archived since
    assert all(p.id != 987654 for p in session.projects)
    dialog = window.edit(entry)
    assert dialog.project.currentText() == "Relaunch 2019" and dialog.project.selected_id() == 987654
    assert dialog.project.count() == len(session.projects) + 1
    dialog.reject()


def test_bad_duration_in_the_editor_is_refused(qtbot, aio, window, session, demo):
    entry = unlocked_today(session)
    dialog = window.edit(entry)
    dialog.duration.setText("abc")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible() and "not a duration" in dialog.error.text()
    assert server_entry(demo, entry.id)["minutes"] == entry.minutes


def test_locked_entry_cannot_be_edited_but_an_admin_can_unlock(qtbot, aio, window, session, demo):
    entry = unlocked_today(session)
    admin = next(u for u in demo.mite.users.values() if u["role"] == "admin")
    with demo.mite.lock:  # an admin locks it in mite
        demo.mite.update_entry(admin, entry.id, {"time_entry": {"locked": True}})
    session.set_window_visible(True)  # opening the window re-reads the entries
    aio.until(lambda: any(e.id == entry.id and e.locked for e in session.state.snapshot.today))
    locked = next(e for e in session.state.snapshot.today if e.id == entry.id)
    dialog = window.edit(locked)
    assert dialog.locked_note.isVisible() and not dialog.note.isEnabled()
    assert dialog.unlock.isVisible()  # the demo user is an admin
    dialog.unlock.click()
    dialog.note.setText("unlocked and fixed")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    aio.until(lambda: server_entry(demo, entry.id)["note"] == "unlocked and fixed")
    assert server_entry(demo, entry.id)["locked"] is False


def test_delete_is_at_once_with_undo_in_the_window(qtbot, aio, window, session, demo):
    """Issue 14: no modal for each delete; the window offers Undo instead."""
    entry = unlocked_today(session)
    assert window.delete(entry) is None  # no question asked
    aio.until(lambda: server_entry(demo, entry.id) is None)
    assert all(e.id != entry.id for e in session.state.snapshot.today)
    aio.until(lambda: window.undo_bar.isVisible())
    assert window.undo_bar.text.text().startswith("Deleted “")
    qtbot.mouseClick(window.undo_bar.button, Qt.MouseButton.LeftButton)
    aio.until(lambda: any(e.note == entry.note and e.minutes == entry.minutes
                          for e in session.state.snapshot.today))
    aio.until(lambda: not window.undo_bar.button.isVisible())
    assert window.undo_bar.text.text().startswith("Undone: Deleted “") and not window.status.isVisible()
    aio.until(lambda: any(e["note"] == entry.note for e in demo.mite.records["time_entries"].values()))


def test_a_timer_stopped_within_a_minute_says_nothing_was_booked(qtbot, aio, window, session):
    aio.run(session.start(project_id=None, service_id=None, note="a slip"))
    window.stop()
    aio.until(lambda: "nothing booked" in window.undo_bar.text.text())
    assert window.undo_bar.isVisible() and not window.undo_bar.button.isVisible()
    assert all(e.note != "a slip" for e in session.state.snapshot.today)


def test_offline_actions_wait_and_are_shown_then_sent(qtbot, aio, window, session, demo):
    demo.inject(path=".*", status=503, times=None)
    aio.run(session.add(minutes=30, project_id=None, service_id=None, note="booked offline"))
    assert any(e.note == "booked offline" for e in session.state.snapshot.today)  # shown at once
    aio.until(lambda: window.sync_panel.waiting.isVisible())
    assert "waiting to be sent to mite: 1" in window.sync_panel.waiting.text()
    demo.faults.clear()
    session.poke()
    aio.until(lambda: not window.sync_panel.isVisible(), timeout=30)
    assert [e["minutes"] for e in demo.mite.records["time_entries"].values() if e["note"] == "booked offline"] == [30]


def test_refused_action_is_kept_with_retry_and_discard(qtbot, aio, window, session, demo):
    entry = unlocked_today(session)
    demo.mite.records["time_entries"][entry.id]["locked"] = True  # locked in mite, not yet known here
    aio.run(session.edit(entry.id, note="too late"))
    aio.until(lambda: window.sync_panel.failed.count() == 1)
    assert "locked" in window.sync_panel.failed.item(0).text()
    window.sync_panel.retry.click()  # still locked: refused again, still kept
    aio.until(lambda: session.failed() and session.failed()[0].attempts >= 2)
    aio.until(lambda: window.sync_panel.failed.count() == 1 and window.sync_panel.discard.isVisible())
    window.sync_panel.discard.click()
    aio.until(lambda: not session.failed())
    aio.until(lambda: not window.sync_panel.isVisible())


def test_keyboard_edit_and_delete_keys(qtbot, aio, window, session):
    window.today.setFocus()
    window.today.setCurrentItem(window.today.topLevelItem(0))
    opened = []
    window.today.edit_requested.connect(opened.append)
    window.today.delete_requested.connect(opened.append)
    qtbot.keyClick(window.today, Qt.Key.Key_F2)
    qtbot.keyClick(window.today, Qt.Key.Key_Delete)
    assert len(opened) == 2


def test_revoked_key_keeps_actions_until_signed_in_again(qtbot, aio, window, session, demo, monkeypatch, tasks):
    from app.core.account import Credentials
    from app.tray_app import sign_in_again
    from app.ui import login_dialog
    window.sign_in_requested.connect(lambda: tasks.spawn(sign_in_again(session)))  # as the tray app answers
    revoked = demo.inject(path=".*", status=401, body='{"error": "Access denied"}', times=None)
    aio.run(session.add(minutes=20, project_id=None, service_id=None, note="after revoke"))
    aio.until(lambda: session.state.key_rejected and window.sign_in_again.isVisible())
    assert "sign in again" in window.status.text() and len(session.waiting()) == 1

    async def new_key(settings, account, same_as):
        assert settings is session.settings and same_as == session.client.base_url
        demo.faults.remove(revoked)  # the user pasted a working key
        return Credentials(session.client.base_url, "5e8f2c9a1b7d3046")
    monkeypatch.setattr(login_dialog, "ask_login", new_key)
    window.sign_in_again.click()
    aio.until(lambda: not session.waiting() and not window.sign_in_again.isVisible())
    assert [e["minutes"] for e in demo.mite.records["time_entries"].values() if e["note"] == "after revoke"] == [20]
