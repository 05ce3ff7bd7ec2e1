"""The theme's colours: every text on its background meets WCAG AA (4.5:1) in light and dark,
focus rings stand out (3:1), and which theme is wanted (settings > environment > system)."""

import pytest

from app.ui.theme import DARK, ENV, LIGHT, contrast, text_pairs, wants_dark


def test_contrast_of_known_pairs():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1.0)


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_every_text_pair_meets_aa(theme):
    ratios = {name: round(contrast(fg, bg), 2) for name, (fg, bg) in text_pairs(theme).items()}
    assert {name: r for name, r in ratios.items() if r < 4.5} == {}


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_focus_ring_and_accent_stand_out(theme):
    for background in (theme.window, theme.base, theme.button, theme.accent, theme.danger):
        assert contrast(theme.focus, background) >= 3.0 or background in (theme.accent, theme.danger)
    assert contrast(theme.focus, theme.window) >= 3.0 and contrast(theme.focus, theme.base) >= 3.0
    # on a selected row the ring has an inner line in the base colour, which stands out from the selection
    assert contrast(theme.base, theme.accent) >= 3.0 and contrast(theme.focus, theme.base) >= 3.0


def test_dark_is_dark_and_light_is_light():
    assert contrast(DARK.window, "#000000") < 2 and contrast(LIGHT.window, "#ffffff") < 1.2


def test_settings_then_environment_then_system(monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    assert wants_dark("", system_dark=True) and not wants_dark("", system_dark=False)
    assert wants_dark("dark", system_dark=False) and not wants_dark("light", system_dark=True)
    assert not wants_dark("purple", system_dark=False)
    monkeypatch.setenv(ENV, "dark")  # stands in for the system (Xvfb reports none)
    assert wants_dark("", system_dark=False) and not wants_dark("light", system_dark=False)
    monkeypatch.setenv(ENV, "Light")
    assert not wants_dark("", system_dark=True) and wants_dark("dark", system_dark=False)
