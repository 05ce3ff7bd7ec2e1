"""The X11 global hotkey for real: Xvfb, XGrabKey, and xdotool pressing the keys."""

import subprocess

import pytest
from app.platform.hotkeys import HotkeyTaken
from app.platform.hotkeys.x11 import X11Hotkeys


def press(env, *keys):
    subprocess.run(["xdotool", "key", "--delay", "50", *keys], env=env, check=True)


@pytest.fixture
def hotkeys(desktop, qapp):
    backend = X11Hotkeys(desktop["DISPLAY"])
    yield backend
    backend.close()


def test_registered_keys_fire_even_with_numlock_on(qtbot, desktop, hotkeys):
    hotkeys.register("palette", "Ctrl+Alt+M")
    hotkeys.register("timer", "Ctrl+Alt+S")
    with qtbot.waitSignal(hotkeys.activated, timeout=5000) as fired:
        press(desktop, "ctrl+alt+m")
    assert fired.args == ["palette"]
    press(desktop, "Num_Lock")  # the grab covers the NumLock and CapsLock variants
    with qtbot.waitSignal(hotkeys.activated, timeout=5000) as fired:
        press(desktop, "ctrl+alt+s")
    assert fired.args == ["timer"]
    press(desktop, "Num_Lock")
    with qtbot.assertNotEmitted(hotkeys.activated, wait=500):
        press(desktop, "ctrl+m")  # not ours
    hotkeys.unregister_all()
    with qtbot.assertNotEmitted(hotkeys.activated, wait=500):
        press(desktop, "ctrl+alt+m")


def test_a_key_held_by_another_program_is_reported(qtbot, desktop, hotkeys):
    other = X11Hotkeys(desktop["DISPLAY"])  # its own X connection: to the server, another program
    other.register("theirs", "Ctrl+Alt+T")
    with pytest.raises(HotkeyTaken, match="Ctrl\\+Alt\\+T is already used"):
        hotkeys.register("palette", "Ctrl+Alt+T")
    hotkeys.register("timer", "Ctrl+Alt+S")  # others still work
    with qtbot.waitSignal(hotkeys.activated, timeout=5000) as fired:
        press(desktop, "ctrl+alt+s")
    assert fired.args == ["timer"]
    other.close()
    hotkeys.register("palette", "Ctrl+Alt+T")  # free again once the other program let go


def test_a_held_shortcut_fires_once(qtbot, desktop, hotkeys):
    """The X server repeats a held key (after 660 ms, 25 times a second): each repeat fired the shortcut, so
    holding Ctrl+Alt+S a moment started and stopped the timer over and over, and a Ctrl+Alt+M whose key-up
    came late (CI under load) opened the palette and closed it again."""
    hotkeys.register("timer", "Ctrl+Alt+S")
    fired: list[str] = []
    hotkeys.activated.connect(fired.append)
    subprocess.run(["xdotool", "keydown", "ctrl+alt+s", "sleep", "1.2", "keyup", "ctrl+alt+s"], env=desktop, check=True)
    qtbot.wait(300)
    assert fired == ["timer"]
    subprocess.run(["xdotool", "key", "ctrl+alt+s"], env=desktop, check=True)  # pressed again: fires again
    qtbot.waitUntil(lambda: fired == ["timer", "timer"], timeout=5000)
