from __future__ import annotations

import sys
from pathlib import Path


def launch_command() -> list[str]:
    """How to start the tray app: the bundled executable, or this Python with -m app.

    The Windows bundle has a console twin for the command line (mite-tray-cli.exe); the
    tray app itself is always the windowed mite-tray.exe beside it.
    """
    if getattr(sys, "frozen", False):
        executable = Path(sys.executable)
        if executable.stem.endswith("-cli"):
            executable = executable.with_name(executable.name.replace("-cli", ""))
        return [str(executable)]
    return [sys.executable, "-m", "app"]


class Autostart:
    def state(self) -> str:
        raise NotImplementedError

    def enable(self, command: list[str] | None = None) -> None:
        raise NotImplementedError

    def disable(self) -> None:
        raise NotImplementedError
