"""An unusable key in $MITE_API_KEY: the app asks to sign in and says why, without the key."""

import argparse
import asyncio

from PySide6.QtWidgets import QApplication

from app.tray_app import TrayApp
from app.core.settings import Settings
from app.ui.login_dialog import LoginDialog


def test_a_bad_environment_key_is_said_in_the_sign_in_dialog(aio, qtbot, demo, monkeypatch):
    monkeypatch.setenv("MITE_API_KEY", "5e8f2c9a\n1b7d3046")
    Settings(account_url=demo.url, user_name="Anna Becker").save()
    args = argparse.Namespace(demo=False, url=None, show=False, palette=False)
    asking = asyncio.ensure_future(TrayApp(args)._account())

    def dialog():
        return next((w for w in QApplication.topLevelWidgets() if isinstance(w, LoginDialog) and w.isVisible()), None)
    aio.until(dialog)
    shown = dialog()
    assert shown.error.isVisible() and "MITE_API_KEY" in shown.error.text() and "line break" in shown.error.text()
    assert "5e8f2c9a" not in shown.error.text() and "1b7d3046" not in shown.error.text()
    shown.reject()
    aio.until(asking.done)
    assert asking.result() is None and demo.requests == []
