"""The colours the app sets itself, light and dark, and which of the two is wanted.

Every colour the app paints (the running card's green, the Stop button's red, error text, muted
greys, the selection, focus rings) comes from a Theme here, never from a literal in a widget, so
the dark theme has a readable variant of each. Text pairs meet WCAG AA (4.5:1); the unit test
tests/unit/test_theme.py computes the ratios.

Which theme: the settings' choice ("light", "dark"); else, when it follows the system,
MITE_TRAY_COLOR_SCHEME=dark|light stands in for the system (tests, screenshots, a desktop that
reports nothing, as Xvfb does); else the system's colour scheme (Qt 6.5+
QStyleHints.colorScheme, followed live by app.ui.style).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

ENV = "MITE_TRAY_COLOR_SCHEME"


@dataclass(frozen=True)
class Theme:
    dark: bool
    window: str          # the window's background
    base: str            # inputs and lists
    alternate: str       # alternate list rows, the idle timer card
    text: str
    muted: str           # secondary text: the account line, hints, a locked entry
    mid: str             # borders
    button: str
    button_hover: str
    disabled: str        # disabled text
    accent: str          # green: Start, the default button, the selection, the running card's border
    on_accent: str       # text on accent and on danger
    accent_disabled: str
    danger: str          # the Stop button
    danger_disabled: str
    error: str           # error text on window or base
    card: str            # the running timer card's background
    card_text: str
    running: str         # the running entry's time in the list, the palette's preview (text on base/window)
    focus: str           # the 2 px focus ring on inputs, buttons and list rows
    link: str
    ask: str             # the window's question bar (issue 15: away time), a warm tint
    ask_text: str
    ask_border: str
    chart_target: str    # the timesheet's daily target line (issue 16), on window and shown_day
    chart_gap: str       # a day with nothing booked: hatched and outlined
    chart_shown: str     # the background of the day the window shows


LIGHT = Theme(
    dark=False, window="#efefef", base="#ffffff", alternate="#f6f7f8", text="#1f2328", muted="#59606a",
    mid="#b8bcc2", button="#f8f9fa", button_hover="#e9ebee", disabled="#8a9099",
    accent="#1e7a3e", on_accent="#ffffff", accent_disabled="#9cc9aa",
    danger="#c2410c", danger_disabled="#e9a989", error="#b42318",
    card="#e8f5ec", card_text="#1d3b27", running="#1a6b37", focus="#1d5fd6", link="#0b57d0",
    ask="#fdf3d8", ask_text="#3b2a05", ask_border="#d9a33a",
    chart_target="#1f2328", chart_gap="#c4320a", chart_shown="#dde3ea",
)

DARK = Theme(
    dark=True, window="#232529", base="#1b1c1f", alternate="#2a2c31", text="#e6e8eb", muted="#a3a9b1",
    mid="#4b4f57", button="#30333a", button_hover="#3a3e46", disabled="#7d838c",
    accent="#1e7a3e", on_accent="#ffffff", accent_disabled="#2f4f3a",
    danger="#c2410c", danger_disabled="#6b3a26", error="#ff8f85",
    card="#173524", card_text="#d5f2df", running="#6fd08f", focus="#7cacf8", link="#8ab4f8",
    ask="#3a2f17", ask_text="#f5e6c4", ask_border="#8a6a2a",
    chart_target="#f2f4f7", chart_gap="#ff7a66", chart_shown="#353941",
)


def wants_dark(choice: str, system_dark: bool) -> bool:
    """The settings' choice, then MITE_TRAY_COLOR_SCHEME, then the system."""
    wanted = choice if choice in ("light", "dark") else os.environ.get(ENV, "").strip().lower()
    return wanted == "dark" if wanted in ("light", "dark") else system_dark


def luminance(colour: str) -> float:
    """WCAG relative luminance of "#rrggbb"."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_pairs(theme: Theme) -> dict[str, tuple[str, str]]:
    """Every text colour the app shows on the background it shows it on."""
    return {
        "text on window": (theme.text, theme.window),
        "text on base": (theme.text, theme.base),
        "text on alternate rows": (theme.text, theme.alternate),
        "text on buttons": (theme.text, theme.button),
        "muted on window": (theme.muted, theme.window),
        "muted on base": (theme.muted, theme.base),
        "error on window": (theme.error, theme.window),
        "error on base": (theme.error, theme.base),
        "Start / default button / selection": (theme.on_accent, theme.accent),
        "Stop button": (theme.on_accent, theme.danger),
        "running card": (theme.card_text, theme.card),
        "running time and palette preview on base": (theme.running, theme.base),
        "palette preview on window": (theme.running, theme.window),
        "links": (theme.link, theme.window),
        "question bar": (theme.ask_text, theme.ask),
        "an answer's failure in the question bar": (theme.error, theme.ask),
    }


def graphic_pairs(theme: Theme) -> dict[str, tuple[str, str]]:
    """The timesheet's marks on their backgrounds: graphics need 3:1 (WCAG 1.4.11)."""
    pairs = {}
    for background, name in ((theme.window, "window"), (theme.chart_shown, "the shown day")):
        pairs[f"target line on {name}"] = (theme.chart_target, background)
        pairs[f"gap on {name}"] = (theme.chart_gap, background)
        pairs[f"day labels on {name}"] = (theme.text, background)
    return pairs
