"""One running app per user, and a local channel for `mite-tray status/start/...`.

The app listens on a Unix socket in a private runtime dir (unix.py; served with asyncio by
unix_server.py), or a named pipe on Windows (windows.py, QLocalServer); this module chooses between
them and holds what both share: the framing, the size limit and the protocol version. The command
line talks to the app with plain Python sockets or pipe files, so short commands load neither Qt
nor asyncio (issue 17; tests/integration/test_cli_light.py).

Protocol: one JSON object on one line in, one out. Every request and every answer carries
`"v": PROTOCOL`. Requests and answers that act on data (status, start, stop, add, undo) are only
exchanged between the same version: an app refuses a request of another version (one without
"v" is from a version before this field), and `send` asks the app's version with a ping first,
so an older app never acts on a newer command line's request. A refusal says, in the user's
words, to quit the running app and start it again. `ping` and `quit` mean the same in every
version (TIMELESS), so any command line can still find and end any running app.

Versions: 1 the first; 2 added `away` and status's `away` and `prompt` (issue 15), and the mark
`"unknown": true` on the answer to a command the app does not know. From 2 on, a new command
needs no new version: an app that does not know it answers with that mark, and the command line
(which sends only commands it knows) turns it into the advice to restart the app (`unknown`).
"""

from __future__ import annotations

import json
import logging
import sys
from typing import TYPE_CHECKING, Any
from collections.abc import Awaitable, Callable

from app.i18n import translate

if TYPE_CHECKING:  # only the app serves (with asyncio); the command line just sends: no event loop to load
    import asyncio

log = logging.getLogger(__name__)
PROTOCOL = 2  # raise it when a request or an answer changes meaning (the versions: see above)
TIMELESS = frozenset({"ping", "quit"})
# The longest request a client may send: every text field at its limit, each character in json's
# worst escaping (an astral character is a surrogate pair, "\ud83d\ude00": 12 bytes), plus room
# for the field names (tests/integration/test_control_channel.py checks it against the limits in
# app.core.text, which this layer below core does not import). Longer requests get an answer that says so.
MAX_MESSAGE = 132_616
Handler = Callable[[dict[str, Any]], Awaitable[dict[str, Any]]]


def server_name() -> str:
    """Full socket path on Unix (inside a 0700 dir); pipe name on Windows."""
    if sys.platform == "win32":
        from app.platform.control import windows
        return windows.server_name()
    from app.platform.control import unix
    return unix.server_name()


def send(request: dict[str, Any], timeout: float = 60.0) -> dict[str, Any] | None:
    """Send one request to the running app; None when no app is running. A running app of another
    protocol version yields a refusal ({"ok": false, "code": 1, "error": ...}) and does nothing."""
    timeless = _timeless(request)
    if not timeless:
        hello = _exchange({"cmd": "ping", "v": PROTOCOL}, timeout)
        if hello is None:
            return None
        if hello.get("v") != PROTOCOL:
            return mismatch()
    reply = _exchange({**request, "v": PROTOCOL}, timeout)
    if reply is not None and not timeless and reply.get("v") != PROTOCOL:
        return mismatch()  # replaced by another version since the ping
    return reply


def _exchange(request: dict[str, Any], timeout: float) -> dict[str, Any] | None:
    """One request line out, one answer line in; None when nobody answers."""
    data = encode(request)
    try:
        if sys.platform == "win32":
            from app.platform.control import windows
            line = windows.exchange(data, timeout)
        else:
            from app.platform.control import unix
            line = unix.exchange(data, timeout)
    except (FileNotFoundError, ConnectionRefusedError):
        return None
    except OSError as exc:
        log.debug("control channel: %s", exc)
        return None
    if not line:
        return None
    answer = json.loads(line)  # our own app answers: no limit
    return answer if isinstance(answer, dict) else None


def _timeless(request: dict[str, Any]) -> bool:
    cmd = request.get("cmd")
    return isinstance(cmd, str) and cmd in TIMELESS  # any JSON may come: a list is no command


def encode(message: dict[str, Any]) -> bytes:
    return (json.dumps(message) + "\n").encode()


def mismatch() -> dict[str, Any]:
    """The answer to (and from) a peer of another protocol version."""
    return {"ok": False, "code": 1, "v": PROTOCOL, "error": translate(
        "Control", "The running mite-tray is a different version than this command. Quit it (mite-tray quit) "
                   "and start it again, then try again.")}


def unknown(cmd: object) -> dict[str, Any]:
    """The answer to a command the running app does not know, though the command line does."""
    return {"ok": False, "code": 1, "v": PROTOCOL, "error": translate(
        "Control", "The running mite-tray is older than this command and does not know “{cmd}”. Quit it "
                   "(mite-tray quit) and start it again, then try again.").format(cmd=str(cmd)[:40])}


def instance_server(handler: Handler) -> InstanceServer:
    """The control channel for this OS, answering with `handler` on the qasync loop."""
    if sys.platform == "win32":
        from app.platform.control.windows import PipeServer
        return PipeServer(handler)
    from app.platform.control.unix_server import UnixServer
    return UnixServer(handler)


class InstanceServer:
    """Answers requests from `send` with `handler`; the handler never sees the version field."""

    def __init__(self, handler: Handler):
        self._handler = handler
        self._tasks: set[asyncio.Task[Any]] = set()

    def listen(self) -> bool:
        """False when another instance already answers."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def _spawn(self, coroutine: Awaitable[Any]) -> None:
        import asyncio

        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _reply(self, line: bytes | None) -> bytes:
        """The answer to one request line; None: the line was longer than MAX_MESSAGE."""
        if line is None:
            return encode({"ok": False, "code": 2, "v": PROTOCOL, "error": translate(
                "Control", "The request is too long (more than {size} KiB).").format(size=MAX_MESSAGE // 1024)})
        try:
            request = json.loads(line)
            reply = await self._answer(request) if isinstance(request, dict) else None
        except ValueError:
            reply = None
        except Exception as exc:  # noqa: BLE001 - a bad request must not end the app
            log.exception("control request failed")
            # The exception's own text stays in the (redacted) log: it may quote anything.
            reply = {"ok": False, "code": 1, "error": translate(
                "Control", "mite-tray hit an internal error ({kind}); the details are in its log.").format(
                kind=type(exc).__name__)}
        return encode({**(reply or {"ok": False, "code": 2, "error": translate(
            "Control", "Malformed request: send one JSON object on one line.")}), "v": PROTOCOL})

    async def _answer(self, request: dict[str, Any]) -> dict[str, Any]:
        version = request.pop("v", None)
        if version != PROTOCOL and not _timeless(request):
            return mismatch()
        return await self._handler(request)
