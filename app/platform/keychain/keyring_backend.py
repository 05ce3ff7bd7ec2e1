"""The OS keychain through keyring: Secret Service, macOS Keychain, Windows Credential Manager."""

from __future__ import annotations

from types import ModuleType

from app.i18n import translate
from app.platform.keychain.base import SERVICE, Keychain, KeychainUnavailable


def _keyring() -> tuple[ModuleType, ModuleType]:
    """keyring and its errors, imported when the keychain is first used: with its backends
    (entry-point metadata, D-Bus, cryptography) it holds several MB, which an app run with
    $MITE_API_KEY or the demo account never needs."""
    import keyring
    from keyring import errors
    return keyring, errors


def _explain(exc: Exception) -> str:
    _, errors = _keyring()
    if isinstance(exc, errors.NoKeyringError):
        return translate("Secrets", "No keychain is available on this system (no Secret Service running), "
                 "so the API key cannot be stored safely.")
    if type(exc).__name__ == "KeyringLocked":
        return translate("Secrets", "The keychain is locked. Unlock it and try again.")
    return translate("Secrets", "The keychain refused to store the key: {error}").format(error=exc)


class KeyringKeychain(Keychain):
    name = "keyring"

    async def load(self, account_url: str) -> str | None:
        return self.load_now(account_url)

    def load_now(self, account_url: str) -> str | None:
        keyring, errors = _keyring()
        try:
            stored: str | None = keyring.get_password(SERVICE, account_url)
        except errors.KeyringError as exc:
            raise KeychainUnavailable(_explain(exc)) from exc
        return stored

    def store(self, account_url: str, key: str) -> None:
        keyring, errors = _keyring()
        try:
            keyring.set_password(SERVICE, account_url, key)
        except errors.KeyringError as exc:
            raise KeychainUnavailable(_explain(exc)) from exc

    def delete(self, account_url: str) -> bool:
        keyring, errors = _keyring()
        try:
            keyring.delete_password(SERVICE, account_url)
            return True
        except errors.PasswordDeleteError:
            return False
        except errors.KeyringError as exc:
            raise KeychainUnavailable(_explain(exc)) from exc
