class DemoError(Exception):
    """An error answer of the demo mite: HTTP status and the `error` text."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message
