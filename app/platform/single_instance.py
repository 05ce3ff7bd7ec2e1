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
from app.i18n import translate

log = logging.getLogger(__name__)
# The longest request a client may send: every text field at its limit, each character in json's
# worst escaping (an astral character is a surrogate pair, "\ud83d\ude00": 12 bytes), plus room
# for the field names (tests/integration/test_control_channel.py checks it against the limits in
# app.core.text, which this layer below core does not import). Longer requests get an answer that says so.
MAX_MESSAGE = 132_616


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
            return _decode(sock.makefile("rb").readline())  # our own app answers: no limit
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

    async def _reply(self, line: bytes | None) -> bytes:
        """The answer to one request line; None: the line was longer than MAX_MESSAGE."""
        if line is None:
            return _encode({"ok": False, "code": 2, "error": translate(
                "Control", "The request is too long (more than {size} KiB).").format(size=MAX_MESSAGE // 1024)})
        try:
            request = json.loads(line)
            reply = await self._handler(request) if isinstance(request, dict) else None
        except ValueError:
            reply = None
        except Exception as exc:  # noqa: BLE001 - a bad request must not end the app
            log.exception("control request failed")
            # The exception's own text stays in the (redacted) log: it may quote anything.
            reply = {"ok": False, "code": 1, "error": translate(
                "Control", "mite-tray hit an internal error ({kind}); the details are in its log.").format(
                kind=type(exc).__name__)}
        return _encode(reply or {"ok": False, "code": 2, "error": translate(
            "Control", "Malformed request: send one JSON object on one line.")})


def _encode(reply: dict[str, Any]) -> bytes:
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
            sock.listen(socket.SOMAXCONN)  # many `mite-tray` calls at once must wait, not be refused
        except OSError:
            sock.close()
            raise
        self._sock = sock
        self._spawn(self._serve(sock))
        return True

    async def _serve(self, sock: socket.socket) -> None:
        # asyncio listens again with its own backlog (100 by default): ask for the same here
        self._server = await asyncio.start_unix_server(self._connection, sock=sock, limit=MAX_MESSAGE,
                                                       backlog=socket.SOMAXCONN)

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            line = await _read_line(reader)
        except ConnectionError:  # the client left
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


async def _read_line(reader: asyncio.StreamReader) -> bytes | None:
    """One request line; None when it is longer than MAX_MESSAGE. The rest of a long line is read
    and dropped (up to 64 times MAX_MESSAGE), so a client still sending gets the answer, not a reset."""
    too_long = False
    for _ in range(64):
        try:
            line = await reader.readuntil(b"\n")
        except asyncio.LimitOverrunError as exc:
            too_long = True
            await reader.readexactly(exc.consumed)
            continue
        except asyncio.IncompleteReadError as exc:  # the client closed without a newline
            line = exc.partial
        return None if too_long else line
    return None


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
                    line = bytes(buffer).split(b"\n")[0]
                    self._spawn(self._answer(conn, line if len(line) <= MAX_MESSAGE else None))

            conn.readyRead.connect(read)
            conn.disconnected.connect(conn.deleteLater)

    async def _answer(self, conn: Any, line: bytes | None) -> None:
        conn.write(await self._reply(line))
        conn.flush()
        conn.disconnectFromServer()
