"""Windows: HKCU\\...\\Run, and Task Manager's own switch in Explorer\\StartupApproved\\Run.

Task Manager does not delete the Run value when the user disables a startup app; it
writes a 12-byte record whose first byte is odd (03/07 = disabled, 02/06 = enabled).
We show that as "disabled by the user"; turning autostart on in mite-tray is an
explicit wish, so it marks the record enabled again.
"""

from __future__ import annotations

import subprocess

from app.platform.autostart.base import Autostart, launch_command

RUN = r"Software\Microsoft\Windows\CurrentVersion\Run"
APPROVED = r"Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run"
NAME = "mite-tray"
ENABLED_RECORD = bytes([2]) + bytes(11)


def approved(record: bytes | None) -> bool:
    """Task Manager's record: absent or even first byte = allowed to start."""
    return not record or record[0] % 2 == 0


class WindowsRunKey(Autostart):
    def _read(self, path: str) -> object | None:
        import winreg
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, path) as key:
                return winreg.QueryValueEx(key, NAME)[0]
        except FileNotFoundError:
            return None

    def state(self) -> str:
        if self._read(RUN) is None:
            return "off"
        return "on" if approved(self._read(APPROVED)) else "disabled by the user"  # type: ignore[arg-type]

    def enable(self, command: list[str] | None = None) -> None:
        import winreg
        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN) as key:
            winreg.SetValueEx(key, NAME, 0, winreg.REG_SZ, subprocess.list2cmdline(command or launch_command()))
        if not approved(self._read(APPROVED)):  # type: ignore[arg-type]
            with winreg.CreateKey(winreg.HKEY_CURRENT_USER, APPROVED) as key:
                winreg.SetValueEx(key, NAME, 0, winreg.REG_BINARY, ENABLED_RECORD)

    def disable(self) -> None:
        import winreg
        for path in (RUN, APPROVED):
            try:
                with winreg.OpenKey(winreg.HKEY_CURRENT_USER, path, 0, winreg.KEY_SET_VALUE) as key:
                    winreg.DeleteValue(key, NAME)
            except FileNotFoundError:
                pass
