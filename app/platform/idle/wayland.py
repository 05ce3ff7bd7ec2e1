"""Wayland idle time: the compositor's ext-idle-notify-v1, on a connection of our own.

Where the compositor offers it (KWin, Sway 1.8+, Hyprland, niri, labwc), we ask to be told
when the seat has had no input for NOTICE_AFTER seconds ("idled") and when input comes
back ("resumed"); idle_seconds() counts from there. So idle time shorter than
NOTICE_AFTER reads as 0: away time is minutes, not seconds. Version 2's input idle
notification is asked for where offered: it ignores idle inhibitors (a video playing),
as X11's and Mutter's idle times do. GNOME offers no ext-idle-notify (see mutter.py).

The protocol needs four messages and two events, so this speaks the Wayland wire format
itself (32-bit words in the host's byte order; strings with a length, NUL and padding)
rather than bring in pywayland and a protocol build. No file descriptors are passed.
Events are read when Qt sees the socket readable; like the X server's and Mutter's idle
counters, time is monotonic (time asleep is not counted: sleep is told apart).
"""

from __future__ import annotations

import logging
import os
import socket
import struct
import time
from collections.abc import Iterator

from PySide6.QtCore import QSocketNotifier

from app.platform.idle.base import IdleSource, Unavailable

log = logging.getLogger(__name__)
NOTICE_AFTER = 60.0  # seconds without input before the compositor tells us
HANDSHAKE_TIMEOUT = 1.0
# Our object ids: wl_display is 1 by definition; the rest are ours to choose, in order.
DISPLAY, REGISTRY, FIRST_SYNC, SEAT, NOTIFIER, NOTIFICATION, SECOND_SYNC = range(1, 8)
_HEADER = struct.Struct("=II")
_WORD = struct.Struct("=I")


def request(object_id: int, opcode: int, *args: int | str) -> bytes:
    """One request in the wire format: uint/int/object/new_id as one word, strings padded to words."""
    body = bytearray()
    for arg in args:
        if isinstance(arg, str):
            data = arg.encode() + b"\0"
            body += _WORD.pack(len(data)) + data + b"\0" * (-len(data) % 4)
        else:
            body += _WORD.pack(arg)
    return _HEADER.pack(object_id, (_HEADER.size + len(body)) << 16 | opcode) + body


def take_events(buffer: bytearray) -> Iterator[tuple[int, int, bytes]]:
    """(object id, opcode, arguments) of each whole event at the buffer's start, removing it."""
    while len(buffer) >= _HEADER.size:
        object_id, word = _HEADER.unpack_from(buffer)
        size = word >> 16
        if size < _HEADER.size:
            raise ValueError(f"malformed Wayland message of {size} bytes")
        if len(buffer) < size:
            return
        arguments = bytes(buffer[_HEADER.size:size])
        del buffer[:size]
        yield object_id, word & 0xFFFF, arguments


def read_string(arguments: bytes, offset: int) -> tuple[str, int]:
    """The string at offset, and the offset after it."""
    (length,) = _WORD.unpack_from(arguments, offset)
    text = arguments[offset + 4:offset + 4 + max(length - 1, 0)].decode(errors="replace")
    return text, offset + 4 + length + (-length % 4)


def socket_path(display: str | None, runtime_dir: str | None) -> str:
    if not display:
        raise Unavailable("not a Wayland session (no WAYLAND_DISPLAY)")
    if os.path.isabs(display):
        return display
    if not runtime_dir:
        raise Unavailable("no XDG_RUNTIME_DIR to find the Wayland socket in")
    return os.path.join(runtime_dir, display)


class WaylandIdle(IdleSource):
    name = "Wayland"

    def __init__(self, display: str | None = None, notice_after: float = NOTICE_AFTER) -> None:
        path = socket_path(display or os.environ.get("WAYLAND_DISPLAY"), os.environ.get("XDG_RUNTIME_DIR"))
        self._notice_after = notice_after
        self._buffer = bytearray()
        self._idle_since: float | None = None
        self._notifier: QSocketNotifier | None = None
        self._socket: socket.socket | None = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._socket.settimeout(HANDSHAKE_TIMEOUT)
        try:
            self._socket.connect(path)
            self._subscribe()
        except (OSError, ValueError) as exc:
            self.close()
            raise Unavailable(f"Wayland idle notification: {exc}") from exc
        except Unavailable:
            self.close()
            raise
        self._socket.setblocking(False)
        self._notifier = QSocketNotifier(self._socket.fileno(), QSocketNotifier.Type.Read)
        self._notifier.activated.connect(self._read)
        for event in take_events(self._buffer):  # what came after the handshake in the same read
            self._handle(*event)

    def _subscribe(self) -> None:
        self._send(request(DISPLAY, 1, REGISTRY))  # wl_display.get_registry
        offered: dict[str, tuple[int, int]] = {}
        for object_id, opcode, arguments in self._round_trip(FIRST_SYNC):
            if object_id == REGISTRY and opcode == 0:  # wl_registry.global(name, interface, version)
                (number,) = _WORD.unpack_from(arguments)
                interface, offset = read_string(arguments, 4)
                offered.setdefault(interface, (number, _WORD.unpack_from(arguments, offset)[0]))
        if "ext_idle_notifier_v1" not in offered or "wl_seat" not in offered:
            raise Unavailable("the compositor offers no ext-idle-notify-v1")
        notifier, version = offered["ext_idle_notifier_v1"]
        version = min(version, 2)
        self._send(request(REGISTRY, 0, offered["wl_seat"][0], "wl_seat", 1, SEAT)  # wl_registry.bind
                   + request(REGISTRY, 0, notifier, "ext_idle_notifier_v1", version, NOTIFIER)
                   # get_input_idle_notification (v2), else get_idle_notification: (id, timeout ms, seat)
                   + request(NOTIFIER, 2 if version >= 2 else 1, NOTIFICATION, int(self._notice_after * 1000), SEAT))
        for event in self._round_trip(SECOND_SYNC):  # a protocol error would come before the sync's answer
            self._handle(*event)

    def _round_trip(self, callback: int) -> Iterator[tuple[int, int, bytes]]:
        """wl_display.sync, then the events up to its wl_callback.done (a display error raises)."""
        assert self._socket is not None
        self._send(request(DISPLAY, 0, callback))
        while True:
            data = self._socket.recv(4096)
            if not data:
                raise Unavailable("the compositor closed the connection")
            self._buffer += data
            for event in take_events(self._buffer):
                if event[0] == callback:
                    return
                if event[0] == DISPLAY and event[1] == 0:
                    raise Unavailable(f"the compositor refused: {read_string(event[2], 8)[0]}")
                yield event

    def _send(self, data: bytes) -> None:
        assert self._socket is not None
        self._socket.sendall(data)

    def _read(self) -> None:
        while self._socket is not None:
            try:
                data = self._socket.recv(4096)
            except BlockingIOError:
                return
            except OSError as exc:
                data = b""
                log.info("Wayland idle notification: %s", exc)
            if not data:
                log.info("Wayland idle notification: the compositor closed the connection")
                self.close()
                return
            self._buffer += data
            for event in take_events(self._buffer):
                self._handle(*event)

    def _handle(self, object_id: int, opcode: int, arguments: bytes) -> None:
        if object_id == NOTIFICATION:  # ext_idle_notification_v1.idled (0) / resumed (1)
            self._idle_since = time.monotonic() - self._notice_after if opcode == 0 else None
        elif object_id == DISPLAY and opcode == 0:
            log.warning("Wayland idle notification refused: %s", read_string(arguments, 8)[0])

    def idle_seconds(self) -> float | None:
        if self._socket is None:
            return None
        return 0.0 if self._idle_since is None else time.monotonic() - self._idle_since

    def close(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._socket is not None:
            self._socket.close()
            self._socket = None
