"""German for every user-visible text: the catalogue is complete, compiled, consistent, and used."""

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "app" / "i18n" / "mite-tray_de.ts"
BIN = Path(sys.executable).parent


def messages(path=TS):
    return [(ctx.findtext("name"), m.findtext("source"), m.find("translation"))
            for ctx in ET.parse(path).getroot().iter("context") for m in ctx.iter("message")]


def test_every_text_in_the_code_has_a_german_translation(tmp_path):
    """lupdate over the code finds nothing new, and nothing is left unfinished."""
    copy = tmp_path / "de.ts"
    shutil.copy(TS, copy)
    files = [str(p) for p in sorted((ROOT / "app").rglob("*.py"))]
    subprocess.run([str(BIN / "pyside6-lupdate"), "-no-obsolete", "-locations", "none", *files, "-ts", str(copy)],
                   check=True, capture_output=True)
    found = messages(copy)
    assert len(found) > 200
    unfinished = [source for _ctx, source, tr in found if tr.get("type") or not (tr.text or "").strip()]
    assert unfinished == [], "run scripts/translations and translate these"
    assert {(c, s) for c, s, _ in found} == {(c, s) for c, s, _ in messages()}, "run scripts/translations"


def test_compiled_catalogue_is_up_to_date(tmp_path):
    compiled = tmp_path / "de.qm"
    subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", str(TS), "-qm", str(compiled)], check=True)
    assert compiled.read_bytes() == (TS.parent / "mite-tray_de.qm").read_bytes(), "run scripts/translations"


@pytest.mark.parametrize("context, source, translation", messages())
def test_placeholders_and_accelerators_survive(context, source, translation):
    german = translation.text or ""
    assert sorted(re.findall(r"\{\w+\}", german)) == sorted(re.findall(r"\{\w+\}", source))
    assert ("&" in german) == ("&" in source.replace("&amp;", "&"))
    assert german.strip() and (german != source or len(source) < 25 or "{" in source or source.isupper())


SETTERS = {"setText", "setPlaceholderText", "setToolTip", "setAccessibleName", "setWindowTitle", "addAction",
           "addRow", "QLabel", "QPushButton", "QMessageBox", "QCheckBox", "QGroupBox", "addItem", "setSuffix"}


def test_ui_code_passes_no_bare_english_to_widgets():
    """A string literal with words, handed straight to a widget, would never be translated."""
    offenders = []
    for path in (ROOT / "app" / "ui").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name not in SETTERS:
                continue
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and re.search(r"[A-Za-z]{3}", arg.value):
                    if arg.value not in ("mite-tray",):
                        offenders.append(f"{path.name}:{node.lineno} {arg.value!r}")
                if isinstance(arg, ast.JoinedStr) and any(
                        isinstance(part, ast.Constant) and re.search(r"[A-Za-z]{3}", part.value) for part in arg.values):
                    offenders.append(f"{path.name}:{node.lineno} f-string with words")
    assert offenders == []
