#!/usr/bin/python3
"""What a screen reader sees: a small AT-SPI client, run with the system Python (Debian's python3-pyatspi).

The tests run in the project's venv, which cannot import pyatspi (a GObject binding from Debian), so they
run this script as a subprocess on the same session bus and read JSON from its stdout:

    atspi_client.py tree [WINDOW]          the app's tree (or one window's, by name) as JSON
    atspi_client.py focus                  the object that has the keyboard focus now, or null
    atspi_client.py press ROLE NAME        does the first showing ROLE named NAME's "Press" action
                                           (NAME may be its description where it has no name)
    atspi_client.py set-text ROLE NAME T   types T into a showing text field (EditableText interface)
    atspi_client.py tab COUNT              presses Tab COUNT times; what gained the focus after each, as JSON
    atspi_client.py listen SECONDS         prints the app's announcements and name changes, one JSON per line

It speaks plain AT-SPI (what Orca uses); nothing in it knows Qt. Not a test module: pytest does not collect it.
"""

from __future__ import annotations

import json
import sys
import time

import pyatspi

APP = "mite-tray"
WATCHED = ("object:announcement", "object:property-change:accessible-name", "object:state-changed:focused")


def find_app(timeout: float = 15.0):
    deadline = time.monotonic() + timeout
    while True:
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            if app is not None and app.name == APP:
                return app
        if time.monotonic() > deadline:
            return None
        time.sleep(0.2)


def states(node) -> list[str]:
    return sorted(pyatspi.stateToString(s) for s in node.getState().getStates())


def actions(node) -> list[str]:
    try:
        action = node.queryAction()
    except NotImplementedError:
        return []
    return [action.getName(i) for i in range(action.nActions)]


def extents(node) -> list[int] | None:
    try:
        box = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    except NotImplementedError:
        return None
    return [box.x, box.y, box.width, box.height]


def text_of(node) -> str | None:
    try:
        text = node.queryText()
    except NotImplementedError:
        return None
    return text.getText(0, -1)


def labelled_by(node) -> list[str]:
    """The names of the labels a control is labelled by (what Orca reads before a combo box's value)."""
    return [relation.getTarget(i).name or "" for relation in node.getRelationSet()
            if relation.getRelationType() == pyatspi.RELATION_LABELLED_BY for i in range(relation.getNTargets())]


def describe(node, *, children: bool = True) -> dict:
    out = {"role": node.getRoleName(), "name": node.name or "", "description": node.description or "",
           "states": states(node), "extents": extents(node), "actions": actions(node), "text": text_of(node),
           "labelled_by": labelled_by(node)}
    if children:
        out["children"] = [describe(child) for child in node if child is not None]
    return out


def walk(node):
    yield node
    for child in node:
        if child is not None:
            yield from walk(child)


def showing(node) -> bool:
    return node.getState().contains(pyatspi.STATE_SHOWING)


def find(role: str, name: str):
    """The first showing ROLE whose name (or else description: an unnamed field's placeholder) is NAME."""
    app = find_app()
    for node in walk(app) if app else ():
        if node.getRoleName() == role and name in (node.name, node.description) and showing(node):
            return node
    return None


def focused():
    """The deepest object with the focused state (Qt marks an editable combo box and its line edit both)."""
    app = find_app()
    best = None
    for node in walk(app) if app else ():
        if node.getState().contains(pyatspi.STATE_FOCUSED):
            best = node
    return best


def listen(seconds: float) -> None:
    from gi.repository import GLib

    def on_event(event) -> None:
        try:  # the source may be gone already (a list's row after a refresh): its event is left out
            if event.source is None or event.source.getApplication().name != APP:
                return
            role, name = event.source.getRoleName(), event.source.name or ""
        except Exception:
            return
        data = event.any_data
        print(json.dumps({"type": event.type, "detail1": event.detail1, "source_role": role, "source_name": name,
                          "data": data if isinstance(data, str) else None}), flush=True)

    pyatspi.Registry.registerEventListener(on_event, *WATCHED)
    GLib.timeout_add(int(seconds * 1000), lambda: pyatspi.Registry.stop())
    print(json.dumps({"type": "listening"}), flush=True)
    pyatspi.Registry.start()


def tab(count: int) -> None:
    """Press Tab `count` times (AT-SPI's own key synthesis) and print, for each, the object that gained the
    focus last (the focused state lingers on a list's cell after it lost the focus: events are the truth)."""
    from gi.repository import GLib

    gained: list[list[dict]] = [[] for _ in range(count + 1)]
    step = [0]

    def on_focus(event) -> None:
        if event.detail1 == 1 and event.source is not None and event.source.getApplication().name == APP:
            gained[step[0]].append(describe(event.source, children=False))

    def press() -> bool:
        if step[0] == count:
            pyatspi.Registry.stop()
            return False
        step[0] += 1
        pyatspi.Registry.generateKeyboardEvent(0xFF09, None, pyatspi.KEY_SYM)  # XK_Tab
        return True

    pyatspi.Registry.registerEventListener(on_focus, "object:state-changed:focused")
    GLib.timeout_add(200, press)
    pyatspi.Registry.start()
    print(json.dumps([found[-1] if found else None for found in gained[1:]]))


def main(argv: list[str]) -> int:
    command, args = argv[0], argv[1:]
    if command == "tree":
        app = find_app()
        if app is None:
            print("null")
            return 1
        windows = [w for w in app if w is not None and (not args or w.name == args[0])]
        print(json.dumps({"name": app.name, "role": app.getRoleName(), "windows": [describe(w) for w in windows]}))
    elif command == "focus":
        node = focused()
        print(json.dumps(None if node is None else describe(node, children=False)))
    elif command == "press":
        node = find(args[0], args[1])
        if node is None:
            print(json.dumps({"ok": False, "why": f"no showing {args[0]} named {args[1]!r}"}))
            return 1
        action = node.queryAction()
        index = [action.getName(i) for i in range(action.nActions)].index("Press")
        print(json.dumps({"ok": bool(action.doAction(index))}))
    elif command == "set-text":
        node = find(args[0], args[1])
        if node is None:
            print(json.dumps({"ok": False, "why": f"no showing {args[0]} named {args[1]!r}"}))
            return 1
        print(json.dumps({"ok": bool(node.queryEditableText().setTextContents(args[2]))}))
    elif command == "tab":
        tab(int(args[0]))
    elif command == "listen":
        listen(float(args[0]))
    else:
        print(f"unknown command {command}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
