"""The installer sources agree with the app: trimming rules, hidden imports, names and paths."""

import ast
import configparser
import importlib.util
import re
import sys
from pathlib import Path

import pytest

from app.main import CLI_COMMANDS
from app.platform.autostart import windows

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
from trim import keep  # noqa: E402


@pytest.mark.parametrize("path, kept", [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
    ("PySide6/Qt/plugins/networkinformation/libqnetworkmanager.so", True),
    ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
    ("PySide6/Qt/translations/qtbase_de.qm", True),
    ("PySide6/Qt/translations/qtbase_fr.qm", False),
    ("PySide6/Qt/lib/libQt6Svg.so.6", True),  # GNOME's Wayland decorations need it
    ("PySide6/Qt/lib/libQt6Quick.so.6", False),
    ("libgtk-3.so.0", False), ("libpango-1.0.so.0", False), ("libglib-2.0.so.0", True),
    ("libssl.so.3", True),  # Python's ssl module: httpx speaks https with it
    ("PySide6/Qt/lib/libssl.so.3", False),
    (r"PySide6\Qt6Quick.dll", False), (r"PySide6\Qt6Widgets.dll", True),
])
def test_trim_keeps_what_the_app_loads(path, kept):
    assert keep(path, "linux" if path.endswith((".so", ".qm")) or ".so." in path else "win32") is kept


def test_hidden_imports_in_the_spec_exist():
    spec = (ROOT / "packaging" / "mite-tray.spec").read_text()
    names = set(re.findall(r'"((?:app|keyring)\.[\w.]+)"', spec))
    assert len(names) > 10
    assert [n for n in sorted(names) if importlib.util.find_spec(n) is None] == []


@pytest.mark.parametrize("platform, env", [
    ("linux", {"DISPLAY": ":0"}), ("linux", {"WAYLAND_DISPLAY": "wayland-0", "XDG_CURRENT_DESKTOP": "GNOME"}),
    ("win32", {}), ("darwin", {}),
])
def test_every_backend_chosen_by_name_is_in_the_bundle(platform, env):
    """Backends are imported by name at run time, which PyInstaller cannot see: the bundle of 0.1.0
    lacked app.platform.idle.logind and ended the demo session at its start."""
    from app.platform import hotkeys, idle
    spec = (ROOT / "packaging" / "mite-tray.spec").read_text()
    chosen = {f"{package.__name__}.{name.split(':')[0]}" for package, names in [
        (hotkeys, hotkeys.backends(platform, env)), (idle, idle.backends(platform, env)),
        (idle, idle.event_backends(platform, env))] for name in names}
    assert sorted(name for name in chosen if f'"{name}"' not in spec) == []


def test_windows_installer_writes_the_apps_own_run_value():
    iss = (ROOT / "packaging" / "windows" / "mite-tray.iss").read_text()
    assert f'ValueName: "{windows.NAME}"' in iss and windows.RUN in iss.replace("\\\\", "\\")
    assert "uninsdeletevalue" in iss and "mite-tray-cli.exe" in iss


def test_desktop_entry_runs_real_commands():
    entry = configparser.ConfigParser(interpolation=None, strict=False)
    entry.optionxform = str
    entry.read(ROOT / "resources" / "mite-tray.desktop")
    assert entry["Desktop Entry"]["Exec"] == "mite-tray" and entry["Desktop Entry"]["Icon"] == "mite-tray"
    for action in entry["Desktop Entry"]["Actions"].strip(";").split(";"):
        command = entry[f"Desktop Action {action}"]["Exec"].split()
        assert command[0] == "mite-tray" and command[1] in CLI_COMMANDS


def test_workflows_and_ci_call_files_that_exist():
    texts = [p.read_text() for p in (ROOT / ".github" / "workflows").glob("*.yml")] + [(ROOT / ".ci" / "run").read_text()]
    paths = {m for text in texts for m in re.findall(r"(?:packaging|scripts|\.ci)/[\w./-]+\.(?:py|sh|yml)|scripts/[\w-]+", text)}
    assert {"packaging/build.py", "packaging/linux/check-deb.sh", "scripts/build"} <= paths
    assert [p for p in sorted(paths) if not (ROOT / p).exists()] == []
    assert "workflow_call" in (ROOT / ".github" / "workflows" / "build.yml").read_text()


def test_build_script_is_valid_python_with_a_step_per_os():
    tree = ast.parse((ROOT / "packaging" / "build.py").read_text())
    functions = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    assert {"linux", "macos", "windows", "bundle"} <= functions


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Debian packages")
def test_deb_depends_on_the_packages_of_what_qt_plugins_link():
    """The .deb's Depends come from what the bundle links: Qt's platform plugins need
    libwayland-cursor0 and libxcb-cursor0, which a hand-written list missed (failed CI on a fresh machine)."""
    import subprocess

    import build
    import PySide6
    platforms = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms"
    targets, missing = set(), []
    for plugin in ("libqxcb.so", "libqwayland.so"):
        out = subprocess.run(["ldd", str(platforms / plugin)], capture_output=True, text=True, check=True).stdout
        for name, _, target in (line.strip().partition(" => ") for line in out.splitlines()):
            if "not found" in target:
                missing.append(name)
            elif target and "PySide6" not in target:
                targets.add(target.split()[0])
    assert missing == [], "scripts/system-packages installs the libraries Qt's plugins link"
    packages = build.packages_of(targets)
    assert {"libwayland-cursor0", "libwayland-client0", "libxcb-cursor0", "libxcb1"} <= packages
    assert "{libraries}" in (ROOT / "packaging" / "linux" / "control").read_text()
