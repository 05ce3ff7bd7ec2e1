import pytest

from app.platform.hotkeys.base import Shortcut


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
