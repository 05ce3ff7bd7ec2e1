"""A keyring backend for child processes in tests: reads a JSON file named by $TEST_KEYCHAIN_FILE.

Selected with PYTHON_KEYRING_BACKEND=tests.keychain_stub.FileKeyring. Tests only: a real
keychain never lives in a plain file.
"""

import json
import os

from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked


class FileKeyring(KeyringBackend):
    priority = 1

    def get_password(self, service, username):
        data = json.loads(open(os.environ["TEST_KEYCHAIN_FILE"]).read())
        if data.get("locked"):
            raise KeyringLocked("locked")
        return data.get(f"{service} {username}")

    def set_password(self, service, username, password):
        raise NotImplementedError

    def delete_password(self, service, username):
        raise NotImplementedError
