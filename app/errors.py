"""The one base for the app's own exceptions that carry a message a person can read.

`AppError.message` is a complete sentence for the user (already translated); `str(exc)` is the
same text. Every layer derives its errors from it (api, core, platform, demo), so a caller that
shows a problem needs one `except AppError as exc: show(exc.message)`, not seven.
Never put a secret (the API key) into a message: messages reach logs, the CLI and the window.
"""

from __future__ import annotations


class AppError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
