"""Which idle source and which lock/sleep events each desktop gets, and what the settings say."""

import pytest

from app.platform import idle
from app.platform.idle.base import IdleSource

X11 = {"DISPLAY": ":0"}
GNOME_WAYLAND = {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0", "XDG_CURRENT_DESKTOP": "ubuntu:GNOME"}
KDE_WAYLAND = {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":1", "XDG_CURRENT_DESKTOP": "KDE"}
SWAY = {"WAYLAND_DISPLAY": "wayland-1", "XDG_CURRENT_DESKTOP": "sway"}


@pytest.mark.parametrize(("platform", "env", "expected"), [
    ("linux", X11, ["x11:X11Idle", "mutter:MutterIdle", "screensaver:ScreenSaverIdle"]),
    # XWayland's DISPLAY is there too, but X11's idle time sees only input to X windows
    ("linux", GNOME_WAYLAND, ["mutter:MutterIdle", "wayland:WaylandIdle", "screensaver:ScreenSaverIdle"]),
    ("linux", KDE_WAYLAND, ["wayland:WaylandIdle", "mutter:MutterIdle", "screensaver:ScreenSaverIdle"]),
    ("linux", SWAY, ["wayland:WaylandIdle", "mutter:MutterIdle", "screensaver:ScreenSaverIdle"]),
    ("linux", {}, []),  # no display: nobody to be idle
    ("win32", {}, ["windows:WindowsIdle"]),
    ("darwin", {}, ["macos:MacIdle"]),
])
def test_idle_sources_best_first(platform, env, expected):
    assert idle.backends(platform, env) == expected


@pytest.mark.parametrize(("platform", "expected"), [
    ("linux", ["logind:LogindEvents"]),
    ("win32", ["windows:WindowsEvents"]),
    ("darwin", []),
])
def test_session_event_sources(platform, expected):
    assert idle.event_backends(platform, X11) == expected


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_every_named_backend_exists(platform):
    """A name in the table that no module defines would fail only on that desktop, at start-up."""
    import importlib
    for name in idle.backends(platform, GNOME_WAYLAND) + idle.backends(platform, X11) + idle.event_backends(
            platform, {}):
        module_name, class_name = name.split(":")
        assert hasattr(importlib.import_module(f"app.platform.idle.{module_name}"), class_name), name


def test_nothing_to_choose_gives_none(monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(idle.sys, "platform", "linux")
    assert idle.choose_idle() is None


def test_the_settings_sentence_names_the_source_or_says_there_is_none():
    class Source(IdleSource):
        name = "X11 screensaver extension"
    assert idle.describe(Source()) == "Away time is noticed from keyboard and mouse activity (X11 screensaver extension)."
    assert "only when the computer sleeps" in idle.describe(None)


def test_a_backend_missing_from_the_build_is_skipped_not_fatal(monkeypatch, caplog):
    """A bundle without a backend's module (the 0.1.0 .deb lacked logind) must run on without it."""
    monkeypatch.setattr(idle, "event_backends", lambda platform, env: ["no_such_module:Nothing"])
    caplog.set_level("INFO", logger="app.platform.idle")
    assert idle.choose_events() is None
    assert "no_such_module" in caplog.text
