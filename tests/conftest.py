import os

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from app.demo.data import demo_account
from app.demo.server import DemoServer

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class MemoryKeyring(KeyringBackend):
    """A real keyring backend that keeps passwords in memory (tests only)."""

    priority = 1

    def __init__(self):
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.passwords.get((service, username))

    def set_password(self, service, username, password):
        self.passwords[(service, username)] = password

    def delete_password(self, service, username):
        if self.passwords.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """Every test gets its own config dir, runtime dir and in-memory keychain."""
    monkeypatch.setenv("MITE_TRAY_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("MITE_TRAY_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MITE_TRAY_RUNTIME_DIR", str(tmp_path / "run"))
    monkeypatch.delenv("MITE_API_KEY", raising=False)
    for name in ("LANGUAGE", "LC_MESSAGES"):  # English unless a test asks for German
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def demo():
    with DemoServer(demo_account()) as server:
        yield server
