"""The command line's German without Qt (issue 17): app.i18n.catalogue reads the compiled .qm in plain Python
and must give, for every message, exactly what Qt's QTranslator gives."""

import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QLocale, QTranslator

from app.i18n.catalogue import Catalogue, day_names

ROOT = Path(__file__).resolve().parents[2]
QM = ROOT / "app" / "i18n" / "mite-tray_de.qm"
BIN = Path(sys.executable).parent


def ts_messages(path):
    return [(ctx.findtext("name"), m.findtext("source")) for ctx in ET.parse(path).getroot().iter("context")
            for m in ctx.iter("message")]


def qt(path):
    translator = QTranslator()
    assert translator.load(str(path))
    return translator


def test_every_message_of_the_catalogue_reads_as_qt_reads_it():
    light, translator = Catalogue.load(QM), qt(QM)
    found = ts_messages(QM.with_suffix(".ts"))
    assert len(found) > 200
    for context, source in found:
        assert light.translate(context, source) == translator.translate(context, source), (context, source)
    assert light.translate("Cli", "not in the catalogue") is None
    assert light.translate("NoSuchContext", found[0][1]) is None


# Text as people type it: umlauts, typographic quotes, emoji (astral: a surrogate pair in the .qm's UTF-16),
# XML's special characters, placeholders; no control characters (XML 1.0 cannot hold them).
_TEXT = st.lists(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
                 | st.sampled_from(["{count}", "{name}", "ä", "ß", "“", "”", "😀", "&", "<", ">", "\n", "'", '"']),
                 min_size=1, max_size=20).map("".join).filter(lambda s: s.strip() == s and s.strip())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.tuples(st.sampled_from(["Cli", "Commands", "Tray", "Ä"]), _TEXT), _TEXT, min_size=1,
                       max_size=8))
def test_any_compiled_text_reads_as_qt_reads_it(messages):
    with tempfile.TemporaryDirectory() as folder:
        ts, qm = Path(folder) / "x.ts", Path(folder) / "x.qm"
        root = ET.Element("TS", version="2.1", language="de_DE")
        for (context, source), german in messages.items():
            ctx = ET.SubElement(root, "context")
            ET.SubElement(ctx, "name").text = context
            message = ET.SubElement(ctx, "message")
            ET.SubElement(message, "source").text = source
            ET.SubElement(message, "translation").text = german
        ET.ElementTree(root).write(ts, encoding="utf-8", xml_declaration=True)
        subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        light, translator = Catalogue.load(qm), qt(qm)
        for (context, source), german in messages.items():
            assert light.translate(context, source) == translator.translate(context, source) == german
            fields = {"count": 3, "name": "Ärger 😀"}
            if "{count}" in german and "{name}" in german and german.count("{") == 2 and german.count("}") == 2:
                assert light.translate(context, source).format(**fields) == german.format(**fields)


def test_a_damaged_catalogue_is_said_not_crashed(tmp_path):
    broken = tmp_path / "broken.qm"
    broken.write_bytes(QM.read_bytes()[:200])
    with pytest.raises(ValueError):
        Catalogue.load(broken)
    (tmp_path / "empty.qm").write_bytes(b"")
    with pytest.raises(ValueError):
        Catalogue.load(tmp_path / "empty.qm")


@pytest.mark.parametrize("language, locale", [("de", "de"), ("en", "en_US")])
def test_day_names_are_qts(language, locale):
    monday = date(2026, 3, 2)
    for long in (False, True):
        kind = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
        expected = [QLocale(locale).dayName((monday + timedelta(days=i)).isoweekday(), kind) for i in range(7)]
        assert day_names(language, long) == expected


ENVIRONMENTS = [
    {"LANG": "de_DE.UTF-8"}, {"LANG": "en_US.UTF-8"}, {"LANG": "fr_FR.UTF-8"}, {"LANG": "C.UTF-8"}, {},
    {"LANG": "en_US.UTF-8", "LC_MESSAGES": "de_DE.UTF-8"}, {"LANG": "de_DE.UTF-8", "LC_ALL": "en_GB.UTF-8"},
    {"LANG": "en_US.UTF-8", "LANGUAGE": "de:en"}, {"LANG": "de_DE.UTF-8", "LANGUAGE": "fr:en"},
    {"LANGUAGE": "fr_FR:de_AT", "LANG": "en_US.UTF-8"}, {"LC_ALL": "de_AT.ISO-8859-1@euro"},
    {"LANG": "de_CH", "LANGUAGE": ""}, {"LC_ALL": "C", "LANGUAGE": "de"}, {"LANGUAGE": "en_US:de"},
    {"LC_MESSAGES": "de_DE.UTF-8"}, {"LANGUAGE": ":de"},
]


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="Linux reads the language from the environment")
@pytest.mark.parametrize("environment", ENVIRONMENTS, ids=json.dumps)
def test_the_system_language_is_the_one_qt_finds(environment):
    """The command line picks English or German from the environment as Qt's QLocale.system() does."""
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    probe = ("from app import i18n; from app.platform.language import system_language; "
             "print(i18n.system_language(), system_language(i18n.LANGUAGES))")
    out = subprocess.run([sys.executable, "-c", probe], env={**env, **environment}, capture_output=True, text=True,
                         check=True).stdout.split()
    assert out[0] == out[1]
