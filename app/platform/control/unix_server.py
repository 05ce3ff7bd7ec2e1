"""The control channel on Unix, the app's side: the socket file (unix.py) served by asyncio."""

from __future__ import annotations

import asyncio
import os
import socket

from app.platform.control import MAX_MESSAGE, InstanceServer
from app.platform.control.unix import answers, server_name


class UnixServer(InstanceServer):
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
                if answers():
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
