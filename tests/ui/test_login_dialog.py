"""The sign-in dialog: checked with mite before anything is saved."""

import keyring
from keyring.backends.fail import Keyring as FailKeyring
from PySide6.QtWidgets import QMessageBox

from app.core import account
from app.core.settings import Settings
from app.demo.data import ADMIN_KEY
from app.platform import keychain
from app.ui.login_dialog import LoginDialog


def submit(aio, qtbot, dialog, account, key):
    dialog.account.setText(account)
    dialog.key.setText(key)
    dialog.sign_in.click()
    aio.until(lambda: dialog.check_task is not None and dialog.check_task.done())


def test_wrong_key_then_right_key(aio, qtbot, demo, isolated):
    settings = Settings(language="de", poll_seconds_open=45)  # the caller's, as the tray app loaded them
    dialog = LoginDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    submit(aio, qtbot, dialog, demo.url, "0000000000000000")
    assert dialog.error.isVisible() and "not valid" in dialog.error.text()
    assert not isolated.passwords and not Settings.path().exists()
    assert dialog.key.echoMode() == dialog.key.EchoMode.Password
    submit(aio, qtbot, dialog, demo.url, ADMIN_KEY)
    aio.until(lambda: dialog.result_login is not None)
    signed_in = dialog.result_login
    assert (signed_in.url, signed_in.key, signed_in.user.name) == (demo.url, ADMIN_KEY, "Anna Becker")
    assert isolated.passwords[("mite-tray", demo.url)] == ADMIN_KEY
    assert (settings.account_url, settings.user_name) == (demo.url, "Anna Becker")  # no reload needed
    assert Settings.load() == settings  # written once, the caller's other settings with them


def test_bad_account_name(aio, qtbot, demo):
    dialog = LoginDialog(Settings())
    qtbot.addWidget(dialog)
    submit(aio, qtbot, dialog, "not an account!", ADMIN_KEY)
    assert "not a mite account name" in dialog.error.text()


def test_no_keychain_offers_this_session_only(aio, qtbot, demo, monkeypatch, tmp_path):
    keyring.set_keyring(FailKeyring())
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text, buttons: asked.append(text) or QMessageBox.StandardButton.Yes)
    dialog = LoginDialog(Settings())
    qtbot.addWidget(dialog)
    submit(aio, qtbot, dialog, demo.url, ADMIN_KEY)
    aio.until(lambda: dialog.result_login is not None)
    assert "No keychain" in asked[0] and "this session only" in asked[0]
    assert keychain.MEMORY.keys == {demo.url: ADMIN_KEY}  # kept in memory only
    assert aio.run(account.load_key(demo.url, long_running=True)) == ADMIN_KEY  # and read back from there
    assert not any(ADMIN_KEY in p.read_text(errors="ignore") for p in tmp_path.rglob("*") if p.is_file())
    keychain.MEMORY.keys.clear()


def test_no_keychain_declined_keeps_nothing(aio, qtbot, demo, monkeypatch):
    keyring.set_keyring(FailKeyring())
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    dialog = LoginDialog(Settings())
    qtbot.addWidget(dialog)
    submit(aio, qtbot, dialog, demo.url, ADMIN_KEY)
    assert dialog.result_login is None and "not kept" in dialog.error.text()
    assert not keychain.MEMORY.keys and not Settings.path().exists()


def test_signing_in_again_takes_only_the_same_account(aio, qtbot, demo, isolated):
    settings = Settings(account_url=demo.url, user_name="Anna Becker")
    dialog = LoginDialog(settings, "acme", same_as=demo.url)  # what the window's "Sign in again…" asks
    qtbot.addWidget(dialog)
    submit(aio, qtbot, dialog, "acme", ADMIN_KEY)
    assert dialog.result_login is None and "another account" in dialog.error.text()
    assert settings.account_url == demo.url and not isolated.passwords and demo.requests == []
    submit(aio, qtbot, dialog, demo.url, ADMIN_KEY)
    aio.until(lambda: dialog.result_login is not None)
    assert isolated.passwords[("mite-tray", demo.url)] == ADMIN_KEY and Settings.load().account_url == demo.url
