"""The demo mite's error answer: what the server sends back as an HTTP status and mite's `error` text."""

from app.errors import AppError


class DemoError(AppError):
    """An error answer of the demo mite: HTTP status and the `error` text."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
