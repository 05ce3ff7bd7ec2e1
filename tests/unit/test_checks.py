"""The checks of scripts/check catch what ARCHITECTURE.md forbids (a loosened rule would pass silently)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import grimp
import pytest

from tests.import_contracts import ForbiddenSubmodulesContract, imported_names

ROOT = Path(__file__).resolve().parents[2]
RUFF = Path(sys.executable).with_name("ruff")


def ruff(path: str, source: str) -> str:
    """ruff's findings for `source` as if it were the file at `path` (the repo's configuration)."""
    done = subprocess.run([str(RUFF), "check", "--output-format", "concise", "--no-fix", "--stdin-filename", path, "-"],
                          input=source, capture_output=True, text=True, cwd=ROOT, timeout=60)
    return done.stdout


@pytest.mark.parametrize("source", ["import sys\nprint(sys.platform)\n", "from sys import platform\n",
                                    "import os\nprint(os.name)\n"])
def test_asking_for_the_os_outside_app_platform_is_reported_with_where_it_belongs(source):
    for path in ("app/core/x.py", "app/ui/x.py", "app/api/x.py", "app/cli.py"):
        assert "TID251" in ruff(path, source) and "belong in app/platform" in ruff(path, source)
    for path in ("app/platform/x.py", "app/platform/control/unix.py", "app/main.py"):
        assert "TID251" not in ruff(path, source)


def test_imported_names_sees_submodules_however_they_are_imported():
    source = textwrap.dedent("""\
        from PySide6.QtCore import Signal
        import PySide6.QtGui as gui

        def later():
            from PySide6 import QtWidgets
            from PySide6.QtWidgets import (
                QWidget,
            )
        from . import sibling
        """)
    names = set(imported_names(source))
    assert {(2, "PySide6.QtGui"), (5, "PySide6.QtWidgets"), (6, "PySide6.QtWidgets")} <= names
    assert (1, "PySide6.QtCore") in names and not any("sibling" in name for _, name in names)


def test_the_contract_reports_a_forbidden_submodule_and_keeps_an_allowed_one(tmp_path, monkeypatch):
    package = tmp_path / "probe_pkg"
    (package / "core").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "core" / "__init__.py").write_text("")
    (package / "core" / "signals.py").write_text("from PySide6.QtCore import Signal\n")
    (package / "core" / "lazy.py").write_text("def f():\n    from PySide6 import QtWidgets\n")
    (package / "ui.py").write_text("from PySide6.QtWidgets import QWidget\n")  # outside the sources
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = grimp.build_graph("probe_pkg", include_external_packages=True, cache_dir=None)

    def check(forbidden: list[str]):
        contract = ForbiddenSubmodulesContract("probe", {}, {"source_modules": ["probe_pkg.core"],
                                                             "forbidden_modules": forbidden})
        return contract.check(graph, verbose=False)

    broken = check(["PySide6.QtWidgets", "PySide6.QtGui"])
    assert not broken.kept
    assert broken.metadata["found"] == ["probe_pkg.core.lazy:2 imports PySide6.QtWidgets"]
    assert check(["PySide6.QtGui"]).kept
