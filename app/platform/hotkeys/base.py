"""The hotkey interface and the shortcut text format ("Ctrl+Alt+M")."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from app.i18n import translate

MODIFIERS = ("ctrl", "alt", "shift", "meta")
ALIASES = {"control": "ctrl", "option": "alt", "cmd": "meta", "super": "meta", "win": "meta"}


class Unavailable(Exception):
    """The backend cannot work here (no X display, no portal, ...)."""


class HotkeyTaken(Exception):
    """Another program already holds this shortcut."""

    def __init__(self, shortcut: object):
        super().__init__(translate("Hotkeys", "{shortcut} is already used by another program.").format(
            shortcut=shortcut))


def no_such_key(key: str) -> ValueError:
    return ValueError(translate("Hotkeys", "The key “{key}” cannot be used for a global shortcut here.").format(
        key=key))


def description(hotkey_id: str) -> str:
    """What a shortcut does, as the desktop's own shortcut settings list it."""
    return {"window": translate("Hotkeys", "Open the mite-tray quick entry"),
            "timer": translate("Hotkeys", "Continue the last entry or stop the timer")}.get(hotkey_id, hotkey_id)


@dataclass(frozen=True)
class Shortcut:
    modifiers: frozenset[str]
    key: str  # lower case: "m", "f5", "space"

    @classmethod
    def parse(cls, text: str) -> Shortcut:
        parts = [p.strip().lower() for p in text.replace("-", "+").split("+") if p.strip()]
        if not parts:
            raise ValueError(translate("Hotkeys", "Empty shortcut."))
        *mods, key = [ALIASES.get(p, p) for p in parts]
        unknown = [m for m in mods if m not in MODIFIERS]
        if unknown:
            raise ValueError(translate("Hotkeys", "Unknown modifier “{modifier}” in {shortcut}; use Ctrl, Alt, Shift or Meta.").format(
                modifier=unknown[0], shortcut=text))
        if key in MODIFIERS:
            raise ValueError(translate("Hotkeys", "{shortcut} has no key, only modifiers.").format(shortcut=text))
        if not mods:
            raise ValueError(translate("Hotkeys", "{shortcut} needs at least one modifier, or it would steal a plain key.").format(
                shortcut=text))
        return cls(frozenset(mods), key)

    def __str__(self) -> str:
        ordered = [m.capitalize() for m in MODIFIERS if m in self.modifiers]
        return "+".join([*ordered, self.key.upper() if len(self.key) == 1 else self.key.capitalize()])


class HotkeyBackend(QObject):
    """register() raises when the desktop refused; returning means bound, unless `answers_later`:
    then the desktop says which it bound in `answered` ({id: its key as the desktop shows it}),
    and an id missing there is not bound (the portal of KDE 5.27 answers success and binds none)."""

    activated = Signal(str)  # the id given to register()
    answered = Signal(dict)
    answers_later = False

    def register(self, hotkey_id: str, sequence: str) -> None:
        raise NotImplementedError

    def unregister_all(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Release everything (the app is quitting)."""
        self.unregister_all()
