"""The first sign-in is not silent (issue 14, defect 12): the session it starts shows its window."""

import argparse
import asyncio

import pytest

from app import tray_app
from app.core import account
from app.core.settings import Settings
from app.ui import login_dialog


def args(**given):
    return argparse.Namespace(**{"demo": False, "url": "", "show": False, "palette": False, **given})


async def sessions_shown(app, monkeypatch, *, stored_key):
    """Which `show_window` each session got, with a sign-in dialog that signs in at once."""
    shown = []

    async def ask_login(settings, *_args, **_kw):
        settings.account_url = "https://acme.mite.de"
        return account.Credentials("https://acme.mite.de", "k" * 16)

    async def load_key(url, **_kw):
        return "k" * 16 if stored_key else None

    async def session(credentials, settings, save, show_window):
        shown.append(show_window)

    monkeypatch.setattr(login_dialog, "ask_login", ask_login)
    monkeypatch.setattr(account, "load_key", load_key)
    monkeypatch.setattr(app, "_session", session)
    await app.main()
    return shown


@pytest.mark.usefixtures("isolated")
def test_the_session_after_the_sign_in_dialog_shows_its_window(monkeypatch):
    shown = asyncio.run(sessions_shown(tray_app.TrayApp(args()), monkeypatch, stored_key=False))
    assert shown == [True]


@pytest.mark.usefixtures("isolated")
def test_a_start_with_a_stored_key_stays_in_the_tray(monkeypatch):
    Settings(account_url="https://acme.mite.de").save()
    shown = asyncio.run(sessions_shown(tray_app.TrayApp(args()), monkeypatch, stored_key=True))
    assert shown == [False]
