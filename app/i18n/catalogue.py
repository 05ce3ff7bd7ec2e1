"""The compiled catalogue (.qm) read in plain Python, for the command line (issue 17).

The tray app translates with Qt's QTranslator. The command line talks to the running app over a socket
and must not load Qt for that (QtCore alone costs more than the whole command), yet it must say exactly
the same German. So it reads the same .qm file the app ships, the way QTranslator looks a message up
(qtranslator.cpp: the contexts table, the ELF hash of source and comment, the message records);
tests/unit/test_light_translations.py checks every message, and random ones, against QTranslator.
"""

from __future__ import annotations

import struct
from collections import defaultdict
from pathlib import Path

MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")
_CONTEXTS, _HASHES, _MESSAGES = 0x2F, 0x42, 0x69
# The tags of a message record.
_END, _TRANSLATION, _OBSOLETE1, _SOURCE, _CONTEXT, _COMMENT = 1, 3, 5, 6, 7, 8

# Day names as Qt's QLocale gives them for the app's languages (ShortFormat, LongFormat), Monday first.
_DAYS = {
    "en": (("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
           ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")),
    "de": (("Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."),
           ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")),
}


def day_names(language: str, long: bool = False) -> list[str]:
    """Monday to Sunday in `language` ("en" or "de"), short ("Mo.") or long ("Montag")."""
    return list(_DAYS.get(language, _DAYS["en"])[1 if long else 0])


def _elf_hash(data: bytes) -> int:
    """Qt's elfHash (it stops at a NUL byte, and never answers 0)."""
    h = 0
    for byte in data.split(b"\0", 1)[0]:
        h = ((h << 4) + byte) & 0xFFFFFFFF
        g = h & 0xF0000000
        if g:
            h ^= g >> 24
        h &= ~g & 0xFFFFFFFF
    return h or 1


def _same(found: bytes, wanted: bytes) -> bool:
    return (found[:-1] if found.endswith(b"\0") else found) == wanted


class Catalogue:
    """One .qm file; `translate` answers what QTranslator.translate answers, None where Qt has nothing."""

    def __init__(self, contexts: bytes, hashes: bytes, messages: bytes):
        self._contexts, self._messages = contexts, messages
        self._offsets: dict[int, list[int]] = defaultdict(list)
        for h, offset in struct.iter_unpack(">II", hashes[:len(hashes) // 8 * 8]):
            self._offsets[h].append(offset)

    @classmethod
    def load(cls, path: Path) -> Catalogue:
        """ValueError when the file is not a whole .qm catalogue."""
        data = path.read_bytes()
        if not data.startswith(MAGIC):
            raise ValueError(f"{path.name} is not a Qt translation file")
        blocks, at = {}, len(MAGIC)
        while at < len(data):
            if at + 5 > len(data):
                raise ValueError(f"{path.name} is cut short")
            tag, length = struct.unpack_from(">BI", data, at)
            at += 5
            if at + length > len(data):
                raise ValueError(f"{path.name} is cut short")
            blocks[tag] = data[at:at + length]
            at += length
        if _MESSAGES not in blocks or _HASHES not in blocks:
            raise ValueError(f"{path.name} holds no messages")
        return cls(blocks.get(_CONTEXTS, b""), blocks[_HASHES], blocks[_MESSAGES])

    def translate(self, context: str, source: str, disambiguation: str | None = None) -> str | None:
        try:
            ctx, text, comment = (s.encode() for s in (context, source, disambiguation or ""))
        except UnicodeEncodeError:  # a lone surrogate: Qt would not find it either
            return None
        if not self._knows(ctx):
            return None
        for wanted in (comment, b"") if comment else (comment,):  # as Qt: then without the disambiguation
            for offset in self._offsets.get(_elf_hash(text + wanted), ()):
                found = self._message(offset, ctx, text, wanted)
                if found is not None:
                    return found
        return None

    def _knows(self, context: bytes) -> bool:
        """The contexts table, when the file has one: is `context` in it?"""
        table = self._contexts
        if not table:
            return True
        size = struct.unpack_from(">H", table, 0)[0]
        first = struct.unpack_from(">H", table, 2 + 2 * (_elf_hash(context) % size))[0]
        if first == 0:
            return False
        at = 2 + 2 * size + 2 * first
        while at < len(table) and (length := table[at]) != 0:
            if _same(table[at + 1:at + 1 + length], context):
                return True
            at += 1 + length
        return False

    def _message(self, at: int, context: bytes, source: bytes, comment: bytes) -> str | None:
        """The translation in the record at `at` if that record is this message (qtranslator.cpp getMessage)."""
        data, translation = self._messages, None
        while at < len(data):
            tag = data[at]
            at += 1
            if tag == _END:
                break
            if tag == _OBSOLETE1:
                at += 4
                continue
            if tag not in (_TRANSLATION, _SOURCE, _CONTEXT, _COMMENT):
                return None
            length = struct.unpack_from(">I", data, at)[0]
            value = data[at + 4:at + 4 + length]
            at += 4 + length
            if tag == _TRANSLATION:
                if length & 1:
                    return None
                if translation is None:  # the first form (plural forms follow it; the CLI uses none)
                    translation = value.decode("utf-16-be", "surrogatepass")
            elif not _same(value, {_SOURCE: source, _CONTEXT: context, _COMMENT: comment}[tag]):
                return None
        return translation
