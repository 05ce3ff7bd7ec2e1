"""Start at login: files written and removed, and the user's own switch respected."""

import plistlib
import shlex

import pytest

from app.main import main
from app.platform.autostart import windows
from app.platform.autostart.macos import LaunchAgent
from app.platform.autostart.xdg import XdgAutostart


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path


def test_xdg_file_written_and_removed(home, capsys):
    autostart = XdgAutostart()
    assert autostart.state() == "off"
    assert main(["autostart", "on"]) == 0 and "Start at login: on." in capsys.readouterr().out
    text = autostart.path.read_text()
    assert autostart.path == home / "config" / "autostart" / "mite-tray.desktop"
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    assert shlex.split(exec_line[5:])[-2:] == ["-m", "app"]
    assert main(["autostart", "off"]) == 0 and not autostart.path.exists()
    assert "Start at login: off." in capsys.readouterr().out


def test_xdg_switched_off_in_the_desktop_settings_is_respected(home):
    autostart = XdgAutostart()
    autostart.enable(["/opt/mite-tray/mite-tray"])
    autostart.path.write_text(autostart.path.read_text().replace("enabled=true", "enabled=false"))
    assert autostart.state() == "disabled by the user"


def test_macos_launch_agent(home):
    agent = LaunchAgent()
    agent.enable(["/Applications/mite-tray.app/Contents/MacOS/mite-tray"])
    with agent.path.open("rb") as handle:
        plist = plistlib.load(handle)
    assert plist["RunAtLoad"] is True and plist["ProgramArguments"][0].endswith("mite-tray")
    assert agent.state() == "on"
    agent.disable()
    assert agent.state() == "off"


@pytest.mark.parametrize("record, allowed", [
    (None, True), (bytes([2]) + bytes(11), True), (bytes([6]) + bytes(11), True),
    (bytes([3]) + bytes(11), False), (bytes([7]) + bytes(11), False),
])
def test_task_manager_switch(record, allowed):
    assert windows.approved(record) is allowed


def test_bundled_command_line_twin_starts_the_windowed_app(monkeypatch, tmp_path):
    from app.platform.autostart import launch_command
    monkeypatch.setattr("sys.frozen", True, raising=False)
    monkeypatch.setattr("sys.executable", str(tmp_path / "mite-tray-cli.exe"))
    assert launch_command() == [str(tmp_path / "mite-tray.exe")]  # never the console twin at login
    monkeypatch.setattr("sys.executable", "/opt/mite-tray/mite-tray")
    assert launch_command() == ["/opt/mite-tray/mite-tray"]
