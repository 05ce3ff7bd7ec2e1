"""The idle interface: how long since the user's last input, and the session's lock and sleep events.

    source = choose_idle()            # None: this desktop does not say (see describe())
    source.idle_seconds()             # 12.5, or None when it cannot tell right now
    events = choose_events()          # None: no lock/sleep events here
    events.sleeping.connect(...)      # also locked, unlocked, woke

idle_seconds() is called from a timer on the GUI thread: every backend answers at once or
within half a second, and says None rather than raise.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Unavailable(Exception):
    """The backend cannot work here (no X display, no such D-Bus service, another OS, ...)."""


class IdleSource:
    """How long since the last keyboard or mouse input."""

    name = "none"  # for logs and the settings window: "X11", "GNOME Mutter", "Wayland", ...

    def idle_seconds(self) -> float | None:
        """Seconds since the last input; None when it cannot tell right now."""
        raise NotImplementedError

    def close(self) -> None:
        """Release the connection (the app is quitting)."""


class SessionEvents(QObject):
    """Lock and unlock, sleep and wake, where the OS tells them (on the GUI thread)."""

    locked = Signal()
    unlocked = Signal()
    sleeping = Signal()  # about to suspend
    woke = Signal()
    name = "none"

    def __init__(self) -> None:
        super().__init__()
        self._locked_now = False

    def close(self) -> None:
        """Stop listening (the app is quitting)."""

    def _set_locked(self, locked: bool) -> None:
        """Several sources may tell of one lock (logind, the screensaver): emit once per change."""
        if locked != self._locked_now:
            self._locked_now = locked
            (self.locked if locked else self.unlocked).emit()
