"""A screen reader's view of the app, read through AT-SPI (what Orca reads), under Xvfb.

One demo app serves the module (start-up costs seconds); each test leaves the timer stopped.
The AT-SPI side is tests/desktop/atspi_client.py under the system Python; see a11y_desktop.
"""

from __future__ import annotations

import re

import pytest

from tests.desktop.a11y_desktop import events, screen_reader_desktop, wait_for

POLITE, ASSERTIVE = 1, 2  # AtspiLive: an announcement's politeness (its detail1)
# What a person operates: each must say what it is for.
CONTROLS = {"push button", "toggle button", "check box", "radio button", "combo box", "text", "password text",
            "spin button", "slider", "menu item"}


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    with screen_reader_desktop(tmp_path_factory.mktemp("a11y")) as desk:
        yield desk


@pytest.fixture
def idle(desk):
    """The timer stopped before and after the test."""
    if desk.status()["tracking"]:
        desk.cli("stop")
    yield desk
    if desk.status()["tracking"]:
        desk.cli("stop")


def nodes(node, parents=()):
    yield node, parents
    for child in node.get("children", []):
        yield from nodes(child, (*parents, node))


def shown(node) -> bool:
    return "showing" in node["states"] and bool(node["extents"]) and node["extents"][2] > 0


def unnamed(window) -> list[str]:
    """Each showing control without a spoken name (a name with no letter, like "▶" or "⚙", says nothing), or with
    the name of another one. On Linux Qt names a combo box by its value: its label comes from its labelled-by
    relation, which it must have."""
    found, seen = [], set()
    for node, parents in nodes(window):
        if not shown(node) or node["role"] not in CONTROLS:
            continue
        where = " > ".join(p["name"] or p["role"] for p in parents[1:])
        name = " ".join(node["labelled_by"]) if node["role"] == "combo box" else node["name"]
        inner = parents[-1]["role"] == "combo box"  # a combo box's field: its name is the combo box's
        if not re.search(r"\w", name):
            found.append(f"{node['role']} {node['name']!r} ({node['description']!r}) in {where}")
        elif name in seen and not inner:
            found.append(f"two controls are called {name!r} (in {where})")
        if not inner:
            seen.add(name)
    return found


def tree_lines(node, depth=0):
    """The tree as a person reads it in the report: role, name, description; showing nodes only."""
    if not shown(node) and depth:
        return []
    line = "  " * depth + f"[{node['role']}] {node['name']!r}" + (f" — {node['description']!r}" if node["description"] else "")
    return [line] + [li for child in node.get("children", []) for li in tree_lines(child, depth + 1)]


def test_the_window_is_found_and_every_control_has_a_name(idle):
    window = idle.tree("mite-tray")
    assert window is not None and shown(window)
    print("\n".join(tree_lines(window)))
    assert unnamed(window) == []


def label_names(window) -> list[str]:
    return [node["name"] for node, _ in nodes(window) if node["role"] == "label" and shown(node)]


def test_a_picker_with_text_typed_in_it_still_names_its_parts(idle):
    """Typing shows a picker's clear button; the field and its button are read by name too."""
    assert idle.client("set-text", "text", "Project: type to filter", "api")["ok"]
    window = idle.tree("mite-tray")
    print("\n".join(tree_lines(window)))
    assert unnamed(window) == []
    assert idle.client("set-text", "text", "Project: type to filter", "")["ok"]


def test_the_timer_card_reads_what_it_shows(idle):
    """Qt gives a label's text to AT-SPI only as its name: a fixed name hid "Not tracking" and the time."""
    assert "Not tracking" in label_names(idle.tree("mite-tray"))
    assert idle.client("press", "push button", "Start the timer")["ok"]
    wait_for(lambda: idle.status()["tracking"], "Start pressed through AT-SPI did not start the timer")
    wait_for(lambda: any(re.fullmatch(r"\d+:\d\d:\d\d", name) for name in label_names(idle.tree("mite-tray"))),
             "the running time is not read")


def announcements(listener) -> list[dict]:
    return [e for e in events(listener) if e["type"] == "object:announcement"]


def test_start_and_stop_pressed_through_atspi_run_the_timer_and_are_announced(idle):
    listener = idle.listen(6)
    assert idle.client("set-text", "text", "Note", "read aloud")["ok"]
    assert idle.client("press", "push button", "Start the timer")["ok"]
    running = wait_for(lambda: (s := idle.status())["tracking"] and s, "Start pressed through AT-SPI did not start it")
    assert running["note"] == "read aloud"
    assert idle.client("press", "push button", "Stop the timer")["ok"]
    wait_for(lambda: not idle.status()["tracking"], "Stop pressed through AT-SPI did not stop the timer")
    heard = announcements(listener)
    print(heard)
    assert [e["data"] for e in heard] == ["Timer started: (no project) — read aloud", "Timer stopped"]
    assert {e["detail1"] for e in heard} == {POLITE}  # they wait for the speech before them


def test_an_error_is_announced_at_once(idle):
    listener = idle.listen(4)
    assert idle.client("set-text", "text", "Duration to add", "1x2")["ok"]
    assert idle.client("press", "push button", "Add the time as an entry")["ok"]
    heard = announcements(listener)
    print(heard)
    assert len(heard) == 1 and "1x2" in heard[0]["data"]
    assert heard[0]["detail1"] == ASSERTIVE  # it interrupts


def focus_cycle(desk, limit: int = 26) -> list[dict]:
    """Tab until the focus comes back to where it was after the first Tab: each control once (a date
    field's sections take a Tab each), as AT-SPI's focus events report them."""
    steps = desk.client("tab", str(limit), timeout=60)
    while steps and steps[0] is None:  # the focus was in a date field: its next sections first
        steps.pop(0)
    assert steps, "Tab moved the focus nowhere"
    for i, step in enumerate(steps):  # no event: the focus moved within a control (a date's day, month, year)
        steps[i] = step or steps[i - 1]
    steps = [s for i, s in enumerate(steps) if i == 0 or s["extents"] != steps[i - 1]["extents"]]
    key = [(s["role"], s["name"], s["extents"]) for s in steps]
    back = next((i for i in range(1, len(key)) if key[i] == key[0]), None)
    assert back is not None, f"Tab never came back to {steps[0]['name']!r}: {[s['name'] for s in steps]}"
    return steps[:back]


def against_reading_order(cycle: list[dict]) -> list[str]:
    """Where Tab goes against reading order, all the way round: down a column, left to right within a row
    (where controls overlap vertically), on to the top of the next column to the right. Going round, it
    returns to the top once."""
    breaks = []
    for a, b in zip(cycle, cycle[1:] + cycle[:1], strict=True):
        (ax, ay, aw, ah), (bx, by, _bw, bh) = a["extents"], b["extents"]
        same_row = by < ay + ah and ay < by + bh
        next_column = bx >= ax + aw
        if (same_row and bx <= ax) or (not same_row and by < ay and not next_column):
            breaks.append(f"{a['role']} {a['name'] or a['description']!r} {a['extents']} -> "
                          f"{b['role']} {b['name'] or b['description']!r} {b['extents']}")
    return breaks


def test_tab_order_follows_the_visual_order(idle):
    for running in (False, True):
        if running:
            assert idle.client("press", "push button", "Start the timer")["ok"]
            wait_for(lambda: idle.status()["tracking"], "Start did not start the timer")
        cycle = focus_cycle(idle)
        print([(c["role"], c["name"] or c["description"]) for c in cycle])
        names = {c["name"] for c in cycle}
        assert {"Start the timer", "Add the time as an entry", "Settings"} <= names
        assert ("Stop the timer" in names) == running
        assert len(against_reading_order(cycle)) == 1, against_reading_order(cycle)  # back to the top, once


def test_the_palette_is_read_and_used_through_atspi(idle):
    assert idle.cli("palette").returncode == 0
    palette = wait_for(lambda: idle.tree("Quick entry"), "AT-SPI does not list the palette")
    print("\n".join(tree_lines(palette)))
    assert unnamed(palette) == []
    idle.type("api docs / writing: by ear")  # typed: the palette follows what is typed, not a text set from outside
    preview = wait_for(lambda: next((n for n, _ in nodes(idle.tree("Quick entry"))
                                     if n["name"] and "API Docs" in n["name"] and n["role"] == "label"), None),
                       "the preview does not read what Enter will do")
    print(preview["name"])
    listener = idle.listen(4)
    idle.key("Return")
    running = wait_for(lambda: (s := idle.status())["tracking"] and s, "Enter in the palette did not start it")
    assert (running["project"], running["service"], running["note"]) == ("API Docs", "Writing", "by ear")
    heard = announcements(listener)
    print(heard)
    assert [e["data"] for e in heard] == ["Timer started: API Docs · Writing — by ear"]


def test_the_settings_are_read_and_walked_through_atspi(idle):
    assert idle.client("press", "push button", "Settings")["ok"]
    settings = wait_for(lambda: idle.tree("Settings — mite-tray"), "AT-SPI does not list the settings")
    print("\n".join(tree_lines(settings)))
    assert unnamed(settings) == []
    cycle = focus_cycle(idle, limit=40)
    print([(c["role"], c["name"] or c["description"]) for c in cycle])
    assert len(against_reading_order(cycle)) == 1, against_reading_order(cycle)
    idle.key("Escape")
