from __future__ import annotations

import sys


def launch_command() -> list[str]:
    """How to start this mite-tray: the bundled executable, or this Python with -m app."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "app"]


class Autostart:
    def state(self) -> str:
        raise NotImplementedError

    def enable(self, command: list[str] | None = None) -> None:
        raise NotImplementedError

    def disable(self) -> None:
        raise NotImplementedError
