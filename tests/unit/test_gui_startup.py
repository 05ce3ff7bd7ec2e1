"""Start-up details that keep the tray app light."""

import linecache
import sys

from app import tray_app


def test_modules_imported_after_qt_leave_no_source_lines_behind(tmp_path, monkeypatch):
    # PySide6's import hook would read this module's source into linecache (PYSIDE-2029).
    tray_app._skip_pyside_source_scan()
    module = tmp_path / "freshly_imported_module.py"
    module.write_text("from PySide6.QtCore import QObject\nVALUE = 42\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    linecache.clearcache()
    try:
        assert __import__("freshly_imported_module").VALUE == 42  # the builtin import, which Qt hooks
        assert str(module) not in linecache.cache
    finally:
        sys.modules.pop("freshly_imported_module", None)
