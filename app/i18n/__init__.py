"""English and German: Qt translations (.ts sources, .qm compiled, both in this folder).

Every user-visible text goes through `translate("Context", "English text")`, which
`pyside6-lupdate` finds by name (scripts/translations updates the .ts and .qm files).
Placeholders use str.format after translation: translate("Tray", "Today {total}").format(...).
German follows the system locale unless the settings choose a language.

The tray app translates with Qt (`install`). The command line must not load Qt to talk to the running app
(issue 17): `install_light` reads the same compiled catalogue in plain Python (catalogue.py), and this
module imports Qt only when the app's `install` or a Qt-only function is called.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.i18n.catalogue import Catalogue, day_names

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator

log = logging.getLogger(__name__)
HERE = Path(__file__).parent
LANGUAGES = {"en": "English", "de": "Deutsch"}
_installed: list[QTranslator] = []
_standalone: list[QTranslator] = []  # a Qt translator with no Q(Core)Application to install on
_light: list[tuple[str, Catalogue | None]] = []  # (language, catalogue): install_light's, None for English
_QtCore: Any = None


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    for _language, catalogue in _light:
        return (catalogue.translate(context, text, disambiguation) if catalogue else None) or text
    for translator in _standalone:
        return translator.translate(context, text, disambiguation, n) or text
    return _qt_core().QCoreApplication.translate(context, text, disambiguation, n)


def _qt_core() -> Any:
    """PySide6.QtCore, imported on first use (an import statement per call costs the app ~12 µs: PySide6
    hooks imports)."""
    global _QtCore
    if _QtCore is None:
        from PySide6 import QtCore
        _QtCore = QtCore
    return _QtCore


def day_name(day: date, long: bool = False) -> str:
    """The weekday's name in the app's language: "Mon", "Mo." (`long`: "Monday", "Montag")."""
    for language, _catalogue in _light:
        return day_names(language, long)[day.weekday()]
    from PySide6.QtCore import QLocale
    kind = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    return QLocale().dayName(day.isoweekday(), kind)


def install_light(language: str) -> str:
    """Translate without Qt from now on (the command line): `language` is "en" or "de", already chosen
    (app.platform.language finds the system's). Returns the language used."""
    _light.clear()
    catalogue: Catalogue | None = None
    if language in LANGUAGES and language != "en":
        try:
            catalogue = Catalogue.load(HERE / f"mite-tray_{language}.qm")
        except (OSError, ValueError) as exc:
            log.warning("No translation for %s (%s); using English", language, exc)
            language = "en"
    _light.append((language if catalogue else "en", catalogue))
    return _light[0][0]


def system_language() -> str:
    from PySide6.QtCore import QLocale
    for name in QLocale.system().uiLanguages():
        code = name.split("-")[0].split("_")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


def install(language: str = "") -> str:
    """Load the translation for `language` ("" = the system's); returns the language used.

    English is the source language: nothing to load. Without a Q(Core)Application the translator
    is kept here and asked directly (the command line uses `install_light` instead, without Qt).
    """
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

    _light.clear()
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
