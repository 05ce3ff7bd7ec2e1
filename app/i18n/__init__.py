"""English and German: Qt translations (.ts sources, .qm compiled, both in this folder).

Every user-visible text goes through `translate("Context", "English text")`, which
`pyside6-lupdate` finds by name (scripts/translations updates the .ts and .qm files).
Placeholders use str.format after translation: translate("Tray", "Today {total}").format(...).
German follows the system locale unless the settings choose a language.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)
HERE = Path(__file__).parent
LANGUAGES = {"en": "English", "de": "Deutsch"}
_installed: list[QTranslator] = []
_standalone: list[QTranslator] = []  # the command line has no Q(Core)Application to install on


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    for translator in _standalone:
        return translator.translate(context, text, disambiguation, n) or text
    return QCoreApplication.translate(context, text, disambiguation, n)


def day_name(day: date, long: bool = False) -> str:
    """The weekday's name in the app's language: "Mon", "Mo." (`long`: "Monday", "Montag")."""
    kind = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    return QLocale().dayName(day.isoweekday(), kind)


def system_language() -> str:
    for name in QLocale.system().uiLanguages():
        code = name.split("-")[0].split("_")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


def install(language: str = "") -> str:
    """Load the translation for `language` ("" = the system's); returns the language used.

    English is the source language: nothing to load. Without a Q(Core)Application
    (the command line) the translator is kept here and asked directly.
    """
    for old in _installed:
        QCoreApplication.removeTranslator(old)
    _installed.clear()
    _standalone.clear()
    chosen = language if language in LANGUAGES else system_language()
    QLocale.setDefault(QLocale(chosen if chosen != "en" else QLocale.system().name()))  # dates as people write them
    if chosen == "en":
        return chosen
    translator = QTranslator()
    if not translator.load(str(HERE / f"mite-tray_{chosen}.qm")):
        log.warning("No translation for %s; using English", chosen)
        return "en"
    if QCoreApplication.instance() is None:
        _standalone.append(translator)
        return chosen
    qt_base = QTranslator()  # Qt's own texts: OK/Cancel buttons, context menus of line edits
    qt_base.load(QLocale(chosen), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    for loaded in (translator, qt_base):
        if not loaded.isEmpty():
            QCoreApplication.installTranslator(loaded)
            _installed.append(loaded)
    return chosen
