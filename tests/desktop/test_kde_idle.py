"""Away time on a real KDE Plasma 5.27 Wayland desktop, headless (tests/desktop/kde_desktop.py).

KWin 5.27.5 offers both ext_idle_notifier_v1 (version 1) and the older org_kde_kwin_idle; the app's
Wayland idle source speaks the first. Here the app's idle source runs in its own process on KWin's
socket, with the shortest notice (1 s instead of a minute), and this test is the user: it keeps still
until KWin reports idle, then moves the pointer through KWin's fake input (org_kde_kwin_fake_input,
which KWin offers only to trusted clients: KWIN_WAYLAND_NO_PERMISSION_CHECKS=1 trusts all, in this
private KWin only) and sees the idle time end. `pytest -s` shows what it saw.
"""

from __future__ import annotations

import queue
import socket
import struct
import subprocess
import sys
import threading
import time

import pytest

from tests.desktop.kde_desktop import ROOT, SOCKET, kde_wayland_desktop
from tests.e2e.conftest import wait_for

NOTICE_AFTER = 1.0
# The app's own choice of idle source on this desktop, then its Wayland source with a 1 s notice:
# one line "source <name>", then "<seconds since asking KWin> <idle_seconds()>" every 0.1 s.
WATCHER = f"""
import time
from PySide6.QtCore import QCoreApplication, QTimer
from app.platform.idle import choose_idle
from app.platform.idle.wayland import WaylandIdle
app = QCoreApplication([])
chosen = choose_idle()
print("source", chosen.name if chosen else None, flush=True)
if chosen:
    chosen.close()
start = time.monotonic()  # before the request: KWin's timer cannot start earlier
idle = WaylandIdle(notice_after={NOTICE_AFTER})
timer = QTimer()
timer.timeout.connect(lambda: print(f"{{time.monotonic() - start:.2f}} {{idle.idle_seconds()}}", flush=True))
timer.start(100)
QTimer.singleShot(30000, app.quit)
app.exec()
"""


def message(object_id: int, opcode: int, *args: int | str) -> bytes:
    """A Wayland request (written here, not borrowed from the app's wire code)."""
    body = b""
    for arg in args:
        if isinstance(arg, str):
            data = arg.encode() + b"\0"
            body += struct.pack("=I", len(data)) + data + b"\0" * (-len(data) % 4)
        else:
            body += struct.pack("=I", arg)
    return struct.pack("=II", object_id, (8 + len(body)) << 16 | opcode) + body


class FakeInput:
    """A client of KWin's org_kde_kwin_fake_input: the test's hand on the mouse."""

    def __init__(self, path: str):
        self.socket = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.socket.settimeout(5)
        self.socket.connect(path)
        self.buffer, self.last_id = b"", 2  # new ids go up by one: 1 is the display
        self.socket.sendall(message(1, 1, 2))  # wl_display.get_registry as object 2
        self.globals: dict[str, tuple[int, int]] = {}
        for object_id, opcode, body in self.sync():
            if object_id == 2 and opcode == 0:  # wl_registry.global(name, interface, version)
                length = struct.unpack_from("=I", body, 4)[0]
                self.globals[body[8:8 + length - 1].decode()] = (
                    struct.unpack_from("=I", body)[0], struct.unpack_from("=I", body, 8 + length + (-length % 4))[0])
        if "org_kde_kwin_fake_input" not in self.globals:
            raise AssertionError(f"KWin offers no fake input; it offers {sorted(self.globals)}")
        name, version = self.globals["org_kde_kwin_fake_input"]
        self.last_id += 1
        self.device = self.last_id
        self.socket.sendall(message(2, 0, name, "org_kde_kwin_fake_input", version, self.device)  # wl_registry.bind
                            + message(self.device, 0, "mite-tray tests", "to be the user"))  # authenticate
        self.sync()

    def sync(self) -> list[tuple[int, int, bytes]]:
        """wl_display.sync on a fresh id; the events up to its done (KWin has handled what came before)."""
        self.last_id += 1
        self.socket.sendall(message(1, 0, self.last_id))
        events = []
        while True:
            while len(self.buffer) >= 8 and len(self.buffer) >= struct.unpack_from("=II", self.buffer)[1] >> 16:
                object_id, word = struct.unpack_from("=II", self.buffer)
                body, self.buffer = self.buffer[8:word >> 16], self.buffer[word >> 16:]
                if object_id == self.last_id:
                    return events
                if object_id == 1 and word & 0xFFFF == 0:
                    raise AssertionError(f"KWin refused a request: {body!r}")
                events.append((object_id, word & 0xFFFF, body))
            self.buffer += self.socket.recv(4096)

    def move(self, dx: float, dy: float) -> None:
        self.socket.sendall(message(self.device, 1, int(dx * 256), int(dy * 256)))  # pointer_motion, in wl_fixed
        self.sync()

    def close(self) -> None:
        self.socket.close()


@pytest.fixture
def desk(tmp_path, monkeypatch):
    started = time.monotonic()
    monkeypatch.setenv("KWIN_WAYLAND_NO_PERMISSION_CHECKS", "1")  # kde_wayland_desktop passes it to KWin
    with kde_wayland_desktop(tmp_path, tray=False) as desktop:
        yield desktop
    print(f"\n[kde-idle] desktop up and down in {time.monotonic() - started:.1f} s")


def test_kwin_reports_idle_after_the_notice_and_input_ends_it(desk):
    started = time.monotonic()
    hand = FakeInput(str(desk.base / "run" / SOCKET))
    offered = {name: version for name, (_, version) in hand.globals.items() if "idle" in name}
    print(f"\n[kde-idle] KWin offers {offered}")
    assert "ext_idle_notifier_v1" in offered

    watcher = subprocess.Popen([sys.executable, "-c", WATCHER], env=dict(desk.env, PYTHONPATH=str(ROOT),
                               QT_QPA_PLATFORM="offscreen"), cwd=ROOT, stdout=subprocess.PIPE, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in watcher.stdout], daemon=True).start()
    seen: list[tuple[float, float | None]] = []

    def until(condition, what):
        def check():
            while not lines.empty():
                line = lines.get()
                if not line.startswith("source"):
                    at, value = line.split()
                    seen.append((float(at), None if value == "None" else float(value)))
            return [sample for sample in seen if condition(sample)]
        return wait_for(check, what, timeout=15)

    try:
        source = lines.get(timeout=20)  # the watcher's first line: which idle source the app chooses
        print(f"[kde-idle] the app chooses: {source.strip()}")
        assert source.strip() == "source Wayland"

        idled = until(lambda s: s[1], "KWin to report idle")[0]
        print(f"[kde-idle] idle reported at {idled[0]:.2f} s after asking KWin (notice {NOTICE_AFTER} s):"
              f" idle_seconds() = {idled[1]:.2f}")
        assert idled[0] >= NOTICE_AFTER - 0.2 and idled[1] >= NOTICE_AFTER  # Qt's coarse timers may be 5% early
        assert all(value == 0.0 for at, value in seen if at < NOTICE_AFTER - 0.2)

        moved = idled[0] + 0.5
        until(lambda s: s[0] >= moved, "the watcher to run on")
        hand.move(10, 5)
        resumed = until(lambda s: s[0] > moved and s[1] == 0.0, "KWin to report the input")[0]
        print(f"[kde-idle] pointer moved by fake input at ~{moved:.2f} s: idle_seconds() = 0.0 at {resumed[0]:.2f} s")

        again = until(lambda s: s[0] > resumed[0] and s[1], "KWin to report idle again")[0]
        print(f"[kde-idle] idle again at {again[0]:.2f} s (idle_seconds() = {again[1]:.2f});"
              f" test ran {time.monotonic() - started:.1f} s")
        assert again[1] >= NOTICE_AFTER
    finally:
        watcher.terminate()
        watcher.wait(timeout=10)
        hand.close()
