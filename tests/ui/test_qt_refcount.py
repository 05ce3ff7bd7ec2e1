"""Guard against the PySide6 6.12.0 bug that drops a reference to True on each signal emit.

On Python 3.11 that ends the app after about a thousand emits with
"Fatal Python error: bool_dealloc" (pyproject.toml excludes 6.12.0 there).
"""

import sys

from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    plain = Signal()
    number = Signal(int)


def test_emitting_python_signals_keeps_bool_refcounts():
    emitter = Emitter()
    received = []
    emitter.plain.connect(lambda: received.append(None))
    emitter.number.connect(received.append)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(200):
        emitter.plain.emit()
        emitter.number.emit(1)
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert len(received) == 400
    assert after[0] >= before[0] - 5 and after[1] >= before[1] - 5, (before, after)
