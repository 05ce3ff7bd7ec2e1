"""The control channel on Windows: a per-user named pipe, served by QLocalServer."""

from __future__ import annotations

import getpass
from typing import Any

from app import APP_NAME
from app.platform.control import MAX_MESSAGE, Handler, InstanceServer, encode


def server_name() -> str:
    return f"{APP_NAME}-{getpass.getuser()}"


def exchange(data: bytes, timeout: float) -> bytes:
    """Send one request line, return the answer line (b"" when the app closed without one)."""
    with open(rf"\\.\pipe\{server_name()}", "r+b", buffering=0) as pipe:
        pipe.write(data)
        return pipe.readline()


class PipeServer(InstanceServer):
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
        if _answers():
            return False
        QLocalServer.removeServer(name)
        return self._server.listen(name)

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            conn = self._server.nextPendingConnection()
            buffer = bytearray()

            def read(conn: Any = conn, buffer: bytearray = buffer) -> None:
                buffer.extend(bytes(conn.readAll().data()))
                if b"\n" in buffer or len(buffer) > MAX_MESSAGE:
                    conn.readyRead.disconnect()
                    line = bytes(buffer).split(b"\n")[0]
                    self._spawn(self._respond(conn, line if len(line) <= MAX_MESSAGE else None))

            conn.readyRead.connect(read)
            conn.disconnected.connect(conn.deleteLater)

    async def _respond(self, conn: Any, line: bytes | None) -> None:
        conn.write(await self._reply(line))
        conn.flush()
        conn.disconnectFromServer()


def _answers() -> bool:
    """Whether an app (of any version) answers on the pipe: a ping every version understands."""
    try:
        return bool(exchange(encode({"cmd": "ping"}), 2.0))
    except OSError:
        return False
