"""The Wayland idle source against a stand-in compositor speaking ext-idle-notify-v1 on a real socket.

sway 1.7 and cage 0.1.4 predate ext-idle-notify-v1; KWin 5.27 has it and is tested for real in
tests/desktop/test_kde_idle.py. Here, without a desktop, a stand-in plays the compositor: it announces globals, answers sync, takes the binds and the notification
request, and sends idled/resumed when told. Its wire code is written here on its own, not
borrowed from the app's.
"""

import socket
import struct
import threading

import pytest

from app.platform.idle.base import Unavailable
from app.platform.idle.wayland import WaylandIdle


def event(object_id, opcode, *args):
    body = b""
    for arg in args:
        if isinstance(arg, str):
            data = arg.encode() + b"\0"
            body += struct.pack("<I", len(data)) + data.ljust((len(data) + 3) // 4 * 4, b"\0")
        else:
            body += struct.pack("<I", arg)
    return struct.pack("<IHH", object_id, opcode, 8 + len(body)) + body  # little-endian: size in the high half


class StandInCompositor(threading.Thread):
    def __init__(self, path, offers=(("wl_seat", 7), ("ext_idle_notifier_v1", 2)), answer=True, idle_now=False):
        super().__init__(daemon=True)
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.listener.bind(str(path))
        self.listener.listen(1)
        self.offers, self.answer, self.idle_now = offers, answer, idle_now
        self.client = None
        self.registry = None
        self.bound = {}  # interface: (version, object id)
        self.notification = None  # (opcode, object id, timeout ms, seat id)
        self.start()

    def run(self):
        self.client, _ = self.listener.accept()
        buffer = b""
        while True:
            try:
                data = self.client.recv(4096)
            except OSError:
                return
            if not data:
                return
            buffer += data
            while len(buffer) >= 8:
                object_id, opcode, size = struct.unpack_from("<IHH", buffer)
                if len(buffer) < size:
                    break
                self.handle(object_id, opcode, buffer[8:size])
                buffer = buffer[size:]

    def handle(self, object_id, opcode, args):
        words = lambda at: struct.unpack_from("<I", args, at)[0]  # noqa: E731
        if (object_id, opcode) == (1, 1):  # wl_display.get_registry
            self.registry = words(0)
            for number, (interface, version) in enumerate(self.offers, start=1):
                self.client.sendall(event(self.registry, 0, number, interface, version))
        elif (object_id, opcode) == (1, 0) and self.answer:  # wl_display.sync
            callback = words(0)
            idled = event(self.notification[1], 0) if self.idle_now and self.notification else b""
            self.client.sendall(event(callback, 0, 1) + event(1, 1, callback) + idled)  # done, delete_id
        elif object_id == self.registry and opcode == 0:  # wl_registry.bind(name, interface, version, id)
            length = words(4)
            interface = args[8:8 + length - 1].decode()
            at = 8 + (length + 3) // 4 * 4
            self.bound[interface] = (words(at), words(at + 4))
        elif object_id == self.bound.get("ext_idle_notifier_v1", (0, -1))[1] and opcode in (1, 2):
            self.notification = (opcode, words(0), words(4), words(8))

    def idled(self):
        self.client.sendall(event(self.notification[1], 0))

    def resumed(self):
        self.client.sendall(event(self.notification[1], 1))

    def stop(self):
        if self.client is not None:
            self.client.shutdown(socket.SHUT_RDWR)  # ends the thread's recv
            self.client.close()
        self.listener.close()
        self.join(timeout=5)


def test_idle_time_comes_from_the_compositors_notification(qtbot, tmp_path):
    compositor = StandInCompositor(tmp_path / "wayland-0")
    idle = WaylandIdle(str(tmp_path / "wayland-0"), notice_after=60)
    seat = compositor.bound["wl_seat"][1]
    assert compositor.bound["ext_idle_notifier_v1"][0] == 2
    assert compositor.notification == (2, compositor.notification[1], 60_000, seat)  # input idle: no inhibitors
    assert idle.idle_seconds() == 0.0  # under a minute reads as 0
    compositor.idled()
    qtbot.waitUntil(lambda: idle.idle_seconds() >= 60, timeout=5000)  # the minute before the event counts
    compositor.resumed()
    qtbot.waitUntil(lambda: idle.idle_seconds() == 0.0, timeout=5000)
    idle.close()
    assert idle.idle_seconds() is None
    compositor.stop()


def test_an_idled_event_right_behind_the_handshake_is_not_left_waiting(qtbot, tmp_path):
    """It comes in the same read as the sync's answer: nothing more arrives to wake the socket notifier."""
    compositor = StandInCompositor(tmp_path / "wayland-0", idle_now=True)
    idle = WaylandIdle(str(tmp_path / "wayland-0"), notice_after=60)
    assert idle.idle_seconds() >= 60
    idle.close()
    compositor.stop()


def test_a_version_1_notifier_gets_the_version_1_request(qtbot, tmp_path):
    compositor = StandInCompositor(tmp_path / "wayland-0", offers=(("wl_seat", 9), ("ext_idle_notifier_v1", 1)))
    idle = WaylandIdle(str(tmp_path / "wayland-0"), notice_after=30)
    assert compositor.bound["ext_idle_notifier_v1"][0] == 1
    assert compositor.notification[0] == 1 and compositor.notification[2] == 30_000
    idle.close()
    compositor.stop()


def test_a_compositor_without_the_protocol_is_unavailable(qtbot, tmp_path):
    """GNOME's Mutter offers a seat but no ext_idle_notifier_v1."""
    compositor = StandInCompositor(tmp_path / "wayland-0", offers=(("wl_seat", 8), ("wl_compositor", 6)))
    with pytest.raises(Unavailable, match="no ext-idle-notify-v1"):
        WaylandIdle(str(tmp_path / "wayland-0"))
    compositor.stop()


def test_a_compositor_that_does_not_answer_is_unavailable(qtbot, tmp_path):
    compositor = StandInCompositor(tmp_path / "wayland-0", answer=False)
    with pytest.raises(Unavailable):
        WaylandIdle(str(tmp_path / "wayland-0"))  # the handshake has a time limit (1 s)
    compositor.stop()


def test_a_compositor_that_went_away_gives_none(qtbot, tmp_path):
    compositor = StandInCompositor(tmp_path / "wayland-0")
    idle = WaylandIdle(str(tmp_path / "wayland-0"))
    compositor.stop()
    qtbot.waitUntil(lambda: idle.idle_seconds() is None, timeout=5000)


def test_not_a_wayland_session_is_unavailable(qtbot, monkeypatch, tmp_path):
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    with pytest.raises(Unavailable, match="no WAYLAND_DISPLAY"):
        WaylandIdle()
    with pytest.raises(Unavailable):
        WaylandIdle(str(tmp_path / "no-such-socket"))
