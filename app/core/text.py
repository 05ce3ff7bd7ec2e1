"""The one place text from the user is checked, before it is stored, queued or sent.

Text from the user (command-line arguments, the control socket, widgets) must be valid
Unicode that mite can take: it is refused with a message that names the field and the
problem, because the user can fix it and then knows exactly what was booked. Nothing is
silently changed, with one exception: Windows line endings (CR LF, CR) become LF.

Control characters other than newline and tab are refused, not stripped: in a note they
are almost always a pasted escape sequence, and stripping them would book something else
than what was typed. Text from mite is never refused (the user cannot fix mite's data):
`app.api.client` repairs it where the JSON is decoded.
"""

from __future__ import annotations

import re
from typing import Any

from app.core.messages import ActionFailed
from app.i18n import translate

# mite documents no limit for notes; this one is generous and keeps requests bounded.
NOTE_LIMIT = 10_000       # characters (code points)
NAME_LIMIT = 255          # a project or service name (or part of one) typed to find it
SHORT_LIMIT = 100         # a duration or a date
LIMITS = {"note": NOTE_LIMIT, "project": NAME_LIMIT, "service": NAME_LIMIT,
          "duration": SHORT_LIMIT, "date": SHORT_LIMIT}

# C0 controls except tab and newline, DEL, C1 controls, and surrogates (never valid alone:
# json.loads pairs escaped pairs, so any surrogate left in a str is a lone one).
_REFUSED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_ESCAPED_BYTES = range(0xDC80, 0xDD00)  # how Python's surrogateescape keeps a non-UTF-8 byte of argv


class InvalidText(ActionFailed):
    """Text the user gave cannot be booked; `message` names the field and the fix."""


def _label(field: str) -> str:
    return {"note": translate("Text", "The note"), "project": translate("Text", "The project name"),
            "service": translate("Text", "The service name"), "duration": translate("Text", "The duration"),
            "date": translate("Text", "The date")}[field]


def checked(field: str, value: Any) -> str:
    """`value` as it may be stored and sent, or InvalidText. `field` is a key of LIMITS."""
    label = _label(field)
    if not isinstance(value, str):
        raise InvalidText(translate("Text", "{field} must be text.").format(field=label))
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > LIMITS[field]:
        raise InvalidText(translate("Text", "{field} is too long: {length} characters, at most {limit}.").format(
            field=label, length=len(text), limit=LIMITS[field]))
    bad = _REFUSED.search(text)
    if bad:
        raise InvalidText(_problem(label, text, bad.start()))
    return text


def checked_note(value: Any) -> str:
    return checked("note", value)


def repaired_note(value: Any) -> str:
    """A note copied from a stored entry (mite's or an old store's): repaired, never refused."""
    from app.api.client import repaired  # here: the command line checks text without loading the client
    return repaired(value) if isinstance(value, str) else ""


def _problem(label: str, value: str, position: int) -> str:
    before = value[max(0, position - 20):position].replace("\n", " ").replace("\t", " ")
    where = (translate("Text", "after “{before}”").format(before=("…" if position > 20 else "") + before)
             if before else translate("Text", "at the start"))
    code = ord(value[position])
    if code in _ESCAPED_BYTES:
        return translate("Text", "{field} is not valid UTF-8 text (byte 0x{byte} {where}). "
                                 "Set your terminal to UTF-8 and try again.").format(
            field=label, byte=f"{code - 0xDC00:02X}", where=where)
    if 0xD800 <= code <= 0xDFFF:
        return translate("Text", "{field} holds a broken character (U+{code} {where}, half of a pair). "
                                 "Remove it and try again.").format(field=label, code=f"{code:04X}", where=where)
    return translate("Text", "{field} holds a control character (U+{code} {where}). "
                             "Remove it and try again.").format(field=label, code=f"{code:04X}", where=where)
