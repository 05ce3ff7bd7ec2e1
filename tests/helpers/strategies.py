"""Hostile text for property-based tests: everything a terminal, a socket or mite could hand over."""

import json
import re

from hypothesis import strategies as st

NOTE_LIMIT = 10_000  # the documented limit (README), restated here as the spec the code must meet

CHARACTERS = st.one_of(
    st.characters(),                                          # any code point but surrogates
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),  # lone halves; 0xDC80-0xDCFF: argv bytes
    st.characters(max_codepoint=0x9F),                        # ASCII, C0 and C1 controls, DEL
    st.characters(min_codepoint=0x10000),                     # astral: surrogate pairs in JSON
    st.sampled_from("\t\n\r\x1b\x00\u2028\ufeff\"\\üé😀"),
)
SHORT = st.lists(CHARACTERS, max_size=30).map("".join)  # st.text() would drop the surrogates
# Very long: around the limit, so both sides of it are tried.
LONG = st.builds(lambda c, n: c * n, CHARACTERS, st.integers(NOTE_LIMIT - 3, NOTE_LIMIT + 3))
TEXT = st.one_of(SHORT, SHORT, SHORT, LONG)

_REFUSED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def as_booked(note: str) -> str | None:
    """What the app must book for a note the user typed, or None when it must refuse it:
    CR LF and CR become LF; other control characters, lone surrogates and notes over the
    limit are refused."""
    note = note.replace("\r\n", "\n").replace("\r", "\n")
    return None if len(note) > NOTE_LIMIT or _REFUSED.search(note) else note


def as_read(text: str) -> str:
    """What the app must keep of text mite sends: what a JSON reader makes of it (halves of a
    pair join), each lone surrogate left replaced by U+FFFD."""
    return re.sub("[\ud800-\udfff]", "\ufffd", json.loads(json.dumps(text)))
