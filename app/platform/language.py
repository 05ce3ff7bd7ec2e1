"""The system's language for the command line, without Qt (issue 17).

The tray app asks Qt (`app.i18n.system_language`, QLocale.system().uiLanguages()). The command line
must not load Qt to talk to the running app, so on Linux and the BSDs it reads the environment the way
Qt's Unix locale does: LANGUAGE (a colon-separated list) when set, else LC_ALL, LC_MESSAGES, LANG.
tests/unit/test_light_translations.py checks that both choose the same. Windows and macOS keep the
language outside the environment: there the command line asks Qt as the app does.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Container


def system_language(known: Container[str]) -> str:
    """The first of the system's languages that is `known` ("de" for de_AT.UTF-8), else "en"."""
    if sys.platform in ("win32", "darwin"):
        from app.i18n import system_language as qt_system_language
        return qt_system_language()
    listed = os.environ.get("LANGUAGE", "")
    names = listed.split(":") if listed else [
        os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or "C"]
    for name in names:
        code = re.split(r"[_.@-]", name, maxsplit=1)[0].lower()
        if code in known:
            return code
    return "en"
