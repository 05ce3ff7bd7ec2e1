"""Interaction latency in the real widgets on a real X server (run by startup.py under Xvfb).

- window open: present() until the window is exposed (first and later opens); the first open builds
  the window, as the first click after start-up does
- palette open: the same for the quick-entry palette; the first open builds it and its search index
- filtering: typing "api docs / writing: fix typos" into the palette, per keystroke (key event to list
  updated and repainted), and the search alone, over 10,000 projects

The first opens include the imports the real app does at that moment (app.ui.window at the first click,
app.ui.palette at the first hotkey press): this process imports neither before. Click to tray: see
load.py (a click on the real tray icon until its pixels change).

Prints one JSON object; figures only, no assertions.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_API", "pyside6")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

import qasync  # noqa: E402

from app.api.client import MiteClient  # noqa: E402
from app.core.session import Session  # noqa: E402
from app.core.settings import Settings  # noqa: E402
from app.core.store import Store  # noqa: E402
from app.core.tasks import TaskSet  # noqa: E402
from app.ui.shell import Lazy  # noqa: E402  (the app has it before the first click: shell builds the tray)

PROJECTS = 10_000
TYPED = "api docs / writing: fix typos"
WORDS = "api docs writing design review backend frontend website relaunch mobile app support hosting audit".split()


def catalog(store: Store) -> None:
    """10,000 projects over 300 customers and 60 services, as a large agency account might have."""
    projects = [{"id": i, "name": f"{WORDS[i % len(WORDS)].title()} {WORDS[(i * 7) % len(WORDS)]} {i}",
                 "customer_id": i % 300, "customer_name": f"Customer {i % 300}", "archived": False}
                for i in range(1, PROJECTS + 1)]
    projects[4999]["name"] = "API Docs"
    services = [{"id": 100_000 + i, "name": f"{WORDS[i % len(WORDS)].title()} {i}", "archived": False}
                for i in range(60)]
    with store.transaction():
        store.replace_catalog("projects", projects)
        store.replace_catalog("services", services)


def exposed_after(app: QApplication, show) -> float:
    start = time.perf_counter()
    widget = show()
    while widget.windowHandle() is None or not widget.windowHandle().isExposed():
        app.processEvents()
    app.processEvents()  # the first paint
    return (time.perf_counter() - start) * 1000


def open_latency(app: QApplication, build) -> tuple[Any, float, float]:
    """(the widget, first open ms, median of later opens ms). Built at the first open, as the app's
    Lazy windows are (the window at the first click, the palette at the first hotkey press)."""
    widget = Lazy(build)
    opens = []
    for _ in range(5):
        opens.append(exposed_after(app, lambda: (widget().present(), widget())[1]))
        widget().hide()
        app.processEvents()
    return widget(), opens[0], statistics.median(opens[1:])


def window_for(session: Session, tasks: TaskSet) -> Any:
    from app.ui.window import MainWindow  # imported at the first open, as app.ui.shell does
    return MainWindow(session, tasks, "bench")


def palette_for(session: Session, tasks: TaskSet) -> Any:
    from app.ui.palette import PaletteWindow  # imported at the first open, as app.ui.shell does
    return PaletteWindow(session, tasks)


async def measure(app: QApplication) -> dict[str, float]:
    store = Store(":memory:")
    catalog(store)
    client = MiteClient("http://127.0.0.1:9", "0" * 16)  # nothing listens: no request is needed here
    # One session each, as right after start-up (the session has read the catalog from the store).
    session, window_session = (Session(client, Settings(), store, save_settings=False) for _ in range(2))
    tasks = TaskSet()
    figures: dict[str, float] = {}
    window, figures["window open first ms"], figures["window open ms"] = open_latency(  # kept open to the end
        app, lambda: window_for(window_session, tasks))
    palette, figures["palette open first ms"], figures["palette open ms"] = open_latency(
        app, lambda: palette_for(session, tasks))
    palette.present()
    keystrokes = []
    for char in TYPED:
        start = time.perf_counter()
        QTest.keyClick(palette.field, char)
        palette.repaint()
        app.processEvents()
        keystrokes.append((time.perf_counter() - start) * 1000)
    figures["palette keystroke median ms"] = statistics.median(keystrokes)
    figures["palette keystroke max ms"] = max(keystrokes)
    figures["palette result right"] = float(palette.preview.text().startswith("Start a timer · API Docs (Customer"))
    if os.environ.get("BENCH_VERBOSE"):
        print(" ".join(f"{c!r}:{t:.1f}" for c, t in zip(TYPED, keystrokes, strict=True)), palette.preview.text(), file=sys.stderr)
    model = palette._model()
    searches = []
    for n in range(1, len(TYPED) + 1):
        start = time.perf_counter()
        model.suggestions(TYPED[:n])
        searches.append((time.perf_counter() - start) * 1000)
    figures["search per keystroke max ms"] = max(searches)
    QTest.keyClick(palette.field, Qt.Key.Key_Escape)
    await tasks.cancel_all()
    await client.aclose()
    return figures


def main() -> None:
    app = QApplication(["mite-tray-bench"])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        print(json.dumps(loop.run_until_complete(measure(app))))


if __name__ == "__main__":
    main()
