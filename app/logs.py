"""Logging set-up, and a filter that keeps the API key out of every log line.

httpx/h11 quote a header value they refuse ("Illegal header value b'...'"), and any exception
text may do the same. The filter sits on the root handlers, so records of every logger pass it;
it masks each registered secret (the key registers itself when it is loaded, entered or given
to the client), in the forms it takes in text (as is, Python's str and bytes repr, JSON), and
the value after any X-MiteApiKey, in the message, its arguments, the traceback and stack text.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import threading
from typing import Any

MASK = "[redacted]"
MIN_SECRET = 6  # shorter strings would mask ordinary words; no usable key is that short
_HEADER = re.compile(r"(x-miteapikey['\"]?\s*[:=,]\s*(?:b?['\"])?)(?!\[redacted\])([^'\"\s,;)}\]]+)", re.IGNORECASE)
_secrets: set[str] = set()
_lock = threading.Lock()
_pattern: re.Pattern[str] | None = None


def register_secret(secret: str) -> None:
    """Mask `secret` (and its quoted forms and its parts around whitespace) in every log line from now on."""
    forms = {secret, secret.strip(), repr(secret)[1:-1], json.dumps(secret)[1:-1],
             repr(secret.encode("utf-8", "backslashreplace"))[2:-1], *re.split(r"[\s\x00-\x1f\x7f-\x9f]+", secret)}
    global _pattern
    with _lock:
        _secrets.update(form for form in forms if len(form) >= MIN_SECRET)
        if _secrets:  # longest first, so a form is masked whole before a part of it
            _pattern = re.compile("|".join(re.escape(s) for s in sorted(_secrets, key=len, reverse=True)))


def redact(text: str) -> str:
    text = _HEADER.sub(lambda m: m.group(1) + MASK, text)
    pattern = _pattern
    return pattern.sub(MASK, text) if pattern else text


class RedactingFilter(logging.Filter):
    """Rewrites a record before any handler formats it: message with its args, exception and stack text."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep what can be shown
            message = f"{record.msg} {record.args}"
        record.msg, record.args = redact(message), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.exc_info = None  # from here on only the redacted text is shown
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def install(verbose: bool) -> None:
    """Log to standard error (INFO with `verbose`, else WARNING), every record redacted.

    Uncaught exceptions in the main thread and in other threads go through logging too, so
    their tracebacks are redacted like the rest (unless a host such as pytest set its own hooks).
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())
    if sys.excepthook is sys.__excepthook__:
        sys.excepthook = _log_uncaught
    if threading.excepthook is threading.__excepthook__:
        threading.excepthook = _log_uncaught_in_thread


def _log_uncaught_in_thread(args: Any) -> None:
    _log_uncaught(args.exc_type, args.exc_value, args.exc_traceback)


def _log_uncaught(kind: type[BaseException], value: BaseException | None, tb: Any) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value or kind(), tb)  # Ctrl+C: no key in it, Python's usual words
        return
    # A thread's exception value may be None (typeshed wants one): logging then prints the type alone.
    logging.getLogger("app").critical("Unexpected error", exc_info=(kind, value, tb))  # type: ignore[arg-type]
