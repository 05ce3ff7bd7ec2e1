"""An import-linter contract the built-in ones cannot state: no *submodule* of a package.

import-linter sees an external package only whole (`PySide6`), but `app.core` may use
`PySide6.QtCore` (signals) and must not use `PySide6.QtWidgets` or `PySide6.QtGui`. This contract
reads the import statements of each source module, lazy ones inside functions too. Registered in
pyproject.toml (`[tool.importlinter] contract_types`); `lint-imports` finds it because it runs
from the repository root. tests/unit/test_import_contracts.py shows that it catches a violation.
"""

from __future__ import annotations

import ast
import importlib.util
from collections.abc import Iterator

from grimp import ImportGraph
from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck


def _within(name: str, packages: list[str]) -> bool:
    return any(name == package or name.startswith(package + ".") for package in packages)


def imported_names(source: str) -> Iterator[tuple[int, str]]:
    """(line, module) for every absolute import in `source`; `from a import b` yields a and a.b."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module
            for alias in node.names:  # `from PySide6 import QtWidgets` names the submodule here
                yield node.lineno, f"{node.module}.{alias.name}"


class ForbiddenSubmodulesContract(Contract):
    """source_modules (and their children) import none of forbidden_modules (nor their children)."""

    type_name = "forbidden_submodules"

    source_modules = fields.ListField(subfield=fields.StringField())
    forbidden_modules = fields.ListField(subfield=fields.StringField())

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        found: dict[tuple[str, int], str] = {}  # one finding per import statement
        for module in sorted(m for m in graph.modules if _within(m, self.source_modules)):
            spec = importlib.util.find_spec(module)
            if spec is None or not spec.origin or not spec.origin.endswith(".py"):
                continue
            with open(spec.origin, encoding="utf-8") as file:
                text = file.read()
            for line, name in imported_names(text):
                if _within(name, self.forbidden_modules):
                    found.setdefault((module, line), name)
        findings = [f"{module}:{line} imports {name}" for (module, line), name in sorted(found.items())]
        return ContractCheck(kept=not findings, metadata={"found": findings})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for finding in check.metadata["found"]:
            output.print_error(f"- {finding}", bold=False)
        output.new_line()
