"""The control channel on Unix: a socket file in a private (0700) runtime dir. This module is the command
line's side (plain sockets, no asyncio: issue 17); the app serves it with asyncio in unix_server.py."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import platformdirs

from app import APP_NAME
from app.platform.control import encode


def server_name() -> str:
    return str(_runtime_dir() / "control.sock")


def _runtime_dir() -> Path:
    import tempfile  # here: the command line finds the socket in the first candidate

    override = os.environ.get("MITE_TRAY_RUNTIME_DIR")
    candidates = [Path(override)] if override else [
        Path(platformdirs.user_runtime_dir(APP_NAME, appauthor=False)),
        Path(tempfile.gettempdir()) / f"{APP_NAME}-{os.getuid()}"]
    for path in candidates:
        try:
            path.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.chmod(path, 0o700)
            return path
        except OSError:
            continue
    raise OSError("No private runtime directory for the control socket")


def exchange(data: bytes, timeout: float) -> bytes:
    """Send one request line, return the answer line (b"" when the app closed without one)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        sock.connect(server_name())
        sock.sendall(data)
        return sock.makefile("rb").readline()


def answers() -> bool:
    """Whether an app (of any version) answers at `path`: a ping every version understands."""
    try:
        return bool(exchange(encode({"cmd": "ping"}), 2.0))
    except OSError:
        return False
