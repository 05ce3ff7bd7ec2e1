"""The app on a real KDE Plasma 5.27 Wayland desktop, headless (tests/desktop/kde_desktop.py).

What a KDE user on Debian 12 gets: the tray item registered with a real watcher, the window and the
palette as KWin lists them, and Ctrl+Alt+M bound in KWin's kglobalaccel (the 5.27 portal binds
nothing) and opening the palette when KWin invokes it; where it cannot be bound, one notification.
Each test prints what it saw (`pytest -s` shows it).
"""

from __future__ import annotations

import time

import pytest
from PySide6.QtGui import QKeySequence

from tests.desktop.kde_desktop import kde_wayland_desktop
from tests.e2e.conftest import wait_for
from tests.helpers.dbus import StandIn

PALETTE = "mite-tray quick entry"
OURS = ["mite-tray", "window", "mite-tray", "Open the mite-tray quick entry"]


def key(text: str) -> int:
    return QKeySequence(text)[0].toCombined()


def ours(desk) -> list[str]:
    """Captions of the app's windows (Qt adds " — mite-tray" to a title other than the app's name)."""
    return [caption for caption, resource in desk.windows() if resource == "mite-tray"]


@pytest.fixture
def desk(tmp_path):
    started = time.monotonic()
    with kde_wayland_desktop(tmp_path) as desktop:
        yield desktop
    print(f"\n[kde-wayland] desktop up and down in {time.monotonic() - started:.1f} s")


def test_tray_windows_and_the_shortcut_on_kde_wayland(desk):
    desk.start_app()
    items = wait_for(lambda: [i for i in desk.tray_items() if i], "the tray item to register", timeout=20)
    title, tooltip = desk.tray_item(items[0], "Title"), desk.tray_item(items[0], "ToolTip")
    print(f"[kde-wayland] tray items registered with waybar's watcher: {items}; title {title!r}, tooltip {tooltip[2]!r}")
    assert len(items) == 1 and title == "mite-tray"

    # The shortcut: bound in kglobalaccel (the portal answered with no shortcuts), with our keys.
    wait_for(lambda: desk.accel("shortcut", "as", (OURS,))[0], "mite-tray's shortcut in kglobalaccel", timeout=30)
    bound = {action: list(desk.accel("shortcut", "as", (["mite-tray", action, "", ""],))[0])
             for action in ("window", "timer")}
    print(f"[kde-wayland] kglobalaccel holds mite-tray's shortcuts: {bound}")
    assert bound == {"window": [key("Ctrl+Alt+M")], "timer": [key("Ctrl+Alt+S")]}
    log = desk.app_log()
    assert "The portal bound no shortcut" in log, log  # the KDE 5.27 portal's answer, read by the app
    assert "do not work on this desktop" not in log  # bound after all: no notice

    # Windows, as KWin lists them.
    assert desk.cli("toggle").returncode == 0
    wait_for(lambda: "mite-tray" in ours(desk), "the window in KWin's list")
    assert not any(caption.startswith(PALETTE) for caption in ours(desk))
    # The shortcut pressed, as KWin does when the keys are pressed: the palette opens.
    (component,) = desk.accel("getComponent", "s", ("mite-tray",))
    desk.call("org.kde.kglobalaccel", component, "org.kde.kglobalaccel.Component", "invokeShortcut", "s", ("window",))
    wait_for(lambda: any(caption.startswith(PALETTE) for caption in ours(desk)),
             "the palette, opened by the shortcut, in KWin's list")
    print(f"[kde-wayland] KWin lists (caption, resource class): {desk.windows()}")
    status = desk.cli("status", "--json")
    assert status.returncode == 0 and '"tracking": false' in status.stdout, status


def test_shortcuts_held_by_another_program_are_told_once(desk):
    """On a desktop that cannot bind them (here: another program holds both keys), one notification."""
    address = desk.env["DBUS_SESSION_BUS_ADDRESS"]
    notifications = StandIn(address, "org.freedesktop.Notifications", {
        "Notify": ("u", (1,)), "GetCapabilities": ("as", (["body"],)),
        "GetServerInformation": ("ssss", ("stand-in", "test", "1", "1.2"))})
    for action, keys in (("palette", "Ctrl+Alt+M"), ("timer", "Ctrl+Alt+S")):
        other = ["other-app", action, "Other app", action]
        desk.accel("doRegister", "as", (other,))
        assert list(desk.accel("setShortcut", "asaiu", (other, [key(keys)], 2 | 4))[0]) == [key(keys)]
    try:
        desk.start_app()
        told = wait_for(lambda: [body for member, body in notifications.calls if member == "Notify"],
                        "the notification", timeout=30)
        print(f"[kde-wayland] notification sent: {told[0][3]!r}: {told[0][4]!r}")
        assert len(told) == 1 and "Ctrl+Alt+M" in told[0][4] and "held by another program" in told[0][4]
        assert not any(desk.accel("shortcut", "as", (OURS,))[0])  # nothing taken from the other program
    finally:
        notifications.stop()
