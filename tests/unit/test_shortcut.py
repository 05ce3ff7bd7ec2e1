import importlib

import pytest

from app.platform.hotkeys import backends, for_this_desktop
from app.platform.hotkeys.base import HotkeyBackend, Shortcut, Unavailable
from app.platform.hotkeys.macos import MacHotkeys, carbon_key
from app.platform.hotkeys.portal import portal_trigger
from app.platform.hotkeys.windows import WindowsHotkeys, virtual_key


@pytest.mark.parametrize("text, modifiers, key, shown", [
    ("Ctrl+Alt+M", {"ctrl", "alt"}, "m", "Ctrl+Alt+M"),
    ("alt + ctrl + m", {"ctrl", "alt"}, "m", "Ctrl+Alt+M"),
    ("Control-Option-S", {"ctrl", "alt"}, "s", "Ctrl+Alt+S"),
    ("Super+F5", {"meta"}, "f5", "Meta+F5"),
    ("Ctrl+Shift+space", {"ctrl", "shift"}, "space", "Ctrl+Shift+Space"),
])
def test_parse_and_show(text, modifiers, key, shown):
    shortcut = Shortcut.parse(text)
    assert (shortcut.modifiers, shortcut.key, str(shortcut)) == (modifiers, key, shown)


@pytest.mark.parametrize("text, says", [
    ("", "Empty"), ("M", "at least one modifier"), ("Ctrl+Alt", "no key"), ("Hyper+M", "Unknown modifier"),
])
def test_refused(text, says):
    with pytest.raises(ValueError, match=says):
        Shortcut.parse(text)


@pytest.mark.parametrize("platform, env, chosen", [
    ("win32", {}, ["windows:WindowsHotkeys"]),
    ("darwin", {}, ["macos:MacHotkeys"]),
    ("linux", {"DISPLAY": ":0"}, ["x11:X11Hotkeys"]),
    ("linux", {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"},  # not XWayland
     ["portal:PortalHotkeys", "kglobalaccel:KGlobalAccelHotkeys"]),
    ("linux", {"WAYLAND_DISPLAY": "wayland-0"}, ["portal:PortalHotkeys", "kglobalaccel:KGlobalAccelHotkeys"]),
    ("linux", {}, []),  # a console or ssh session: no global shortcuts
])
def test_backend_choice_per_platform(platform, env, chosen):
    assert backends(platform, env) == chosen
    for name in chosen:  # every named backend exists and imports on any OS
        module, cls = name.split(":")
        assert issubclass(getattr(importlib.import_module(f"app.platform.hotkeys.{module}"), cls), HotkeyBackend)


def test_backends_that_cannot_work_here_say_unavailable_and_none_is_chosen(monkeypatch):
    for cls in (WindowsHotkeys, MacHotkeys):
        with pytest.raises(Unavailable):
            cls()
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert not for_this_desktop().available


@pytest.mark.parametrize("text, mods, vk", [
    ("Ctrl+Alt+M", 0x4000 | 0x2 | 0x1, ord("M")), ("Shift+Meta+F5", 0x4000 | 0x4 | 0x8, 0x74),
    ("Ctrl+Alt+5", 0x4000 | 0x3, ord("5")), ("Ctrl+Shift+Space", 0x4000 | 0x6, 0x20),
])
def test_windows_virtual_keys(text, mods, vk):
    assert virtual_key(Shortcut.parse(text)) == (mods, vk)


@pytest.mark.parametrize("text, mods, code", [
    ("Ctrl+Alt+M", 0x1000 | 0x0800, 0x2E),  # ⌃⌥M: "Ctrl" is the Control key, not Command
    ("Meta+Shift+S", 0x0100 | 0x0200, 0x01), ("Ctrl+Alt+F5", 0x1800, 0x60), ("Ctrl+Alt+5", 0x1800, 0x17),
])
def test_macos_carbon_keys(text, mods, code):
    assert carbon_key(Shortcut.parse(text)) == (mods, code)


@pytest.mark.parametrize("text, trigger", [("Ctrl+Alt+M", "CTRL+ALT+m"), ("Meta+Shift+f5", "SHIFT+LOGO+f5")])
def test_portal_trigger_format(text, trigger):
    assert portal_trigger(Shortcut.parse(text)) == trigger


@pytest.mark.parametrize("key", ["ü", "capslock"])
def test_keys_without_a_code_are_refused_with_a_message(key):
    with pytest.raises(ValueError, match="cannot be used for a global shortcut"):
        virtual_key(Shortcut.parse(f"Ctrl+{key}"))
    with pytest.raises(ValueError, match="cannot be used for a global shortcut"):
        carbon_key(Shortcut.parse(f"Ctrl+{key}"))
