"""One running app per user, and a local channel for `mite-tray status/start/...`.

The app listens on a Unix socket in a private runtime dir (asyncio), or a named
pipe on Windows (QLocalServer). The command line talks to it with plain Python
sockets or pipe files, so short commands never load Qt. Protocol: one JSON line
in, one JSON line out.
"""

from __future__ import annotations

import asyncio
import getpass
import json
import logging
import os
import socket
import sys
import tempfile
from pathlib import Path
from typing import Any, Awaitable, Callable

import platformdirs

from app import APP_NAME

log = logging.getLogger(__name__)
MAX_MESSAGE = 64 * 1024


def server_name() -> str:
    """Full socket path on Unix (inside a 0700 dir); pipe name on Windows."""
    if sys.platform == "win32":
        return f"{APP_NAME}-{getpass.getuser()}"
    return str(_runtime_dir() / "control.sock")


def _runtime_dir() -> Path:
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


def send(request: dict[str, Any], timeout: float = 60.0) -> dict[str, Any] | None:
    """Send one request to the running app; None when no app is running."""
    data = (json.dumps(request) + "\n").encode()
    try:
        if sys.platform == "win32":
            with open(rf"\\.\pipe\{server_name()}", "r+b", buffering=0) as pipe:
                pipe.write(data)
                return _decode(pipe.readline())
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout)
            sock.connect(server_name())
            sock.sendall(data)
            return _decode(sock.makefile("rb").readline(MAX_MESSAGE))
    except (FileNotFoundError, ConnectionRefusedError):
        return None
    except OSError as exc:
        log.debug("control channel: %s", exc)
        return None


def _decode(line: bytes) -> dict[str, Any] | None:
    if not line:
        return None
    return json.loads(line)


Handler = Callable[[dict[str, Any]], Awaitable[dict[str, Any]]]


def instance_server(handler: Handler) -> InstanceServer:
    """The control channel for this OS, answering with `handler` on the qasync loop."""
    return _PipeServer(handler) if sys.platform == "win32" else _UnixServer(handler)


class InstanceServer:
    """Answers requests from `send` with `handler`."""

    def __init__(self, handler: Handler):
        self._handler = handler
        self._tasks: set[asyncio.Task[Any]] = set()

    def listen(self) -> bool:
        """False when another instance already answers."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def _spawn(self, coroutine: Awaitable[Any]) -> None:
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _reply(self, line: bytes) -> bytes:
        try:
            request = json.loads(line)
            reply = await self._handler(request) if isinstance(request, dict) else None
        except ValueError:
            reply = None
        except Exception as exc:  # noqa: BLE001 - a bad request must not end the app
            log.exception("control request failed")
            reply = {"ok": False, "error": f"Internal error: {exc}", "code": 1}
        reply = reply or {"ok": False, "error": "Malformed request", "code": 2}
        return (json.dumps(reply) + "\n").encode()


class _UnixServer(InstanceServer):
    """A Unix socket served by asyncio, which the app runs anyway: QtNetwork's QLocalServer
    cost ~2.6 MB at rest for the same job."""

    _sock: socket.socket | None = None
    _server: asyncio.AbstractServer | None = None

    def listen(self) -> bool:
        path = server_name()
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            try:
                sock.bind(path)
            except OSError:
                if send({"cmd": "ping"}, timeout=2.0) is not None:
                    sock.close()
                    return False
                os.unlink(path)  # a stale socket left by a crash
                sock.bind(path)
            os.chmod(path, 0o600)
            sock.listen(8)
        except OSError:
            sock.close()
            raise
        self._sock = sock
        self._spawn(self._serve(sock))
        return True

    async def _serve(self, sock: socket.socket) -> None:
        self._server = await asyncio.start_unix_server(self._connection, sock=sock, limit=MAX_MESSAGE)

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            line = await reader.readline()
        except (ValueError, ConnectionError):  # longer than MAX_MESSAGE, or the client left
            line = b""
        try:
            writer.write(await self._reply(line))
            await writer.drain()
        except ConnectionError:
            pass
        finally:
            writer.close()

    def close(self) -> None:
        for task in self._tasks:
            task.cancel()  # a server not yet started must not start on a closed socket
        if self._server is not None:
            self._server.close()
        if self._sock is not None:
            self._sock.close()
            try:
                os.unlink(server_name())
            except OSError:
                pass
            self._sock = None


class _PipeServer(InstanceServer):
    """A named pipe on Windows, through QLocalServer."""

    def __init__(self, handler: Handler):
        from PySide6.QtNetwork import QLocalServer
        super().__init__(handler)
        self._server = QLocalServer()
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        from PySide6.QtNetwork import QLocalServer
        name = server_name()
        if self._server.listen(name):
            return True
        if send({"cmd": "ping"}, timeout=2.0) is not None:
            return False
        QLocalServer.removeServer(name)
        return self._server.listen(name)

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            conn = self._server.nextPendingConnection()
            buffer = bytearray()

            def read(conn=conn, buffer=buffer) -> None:
                buffer.extend(bytes(conn.readAll().data()))
                if b"\n" in buffer or len(buffer) > MAX_MESSAGE:
                    conn.readyRead.disconnect()
                    self._spawn(self._answer(conn, bytes(buffer).split(b"\n")[0]))

            conn.readyRead.connect(read)
            conn.disconnected.connect(conn.deleteLater)

    async def _answer(self, conn: Any, line: bytes) -> None:
        conn.write(await self._reply(line))
        conn.flush()
        conn.disconnectFromServer()
