"""A private D-Bus daemon and stand-in services on it, for the backends that talk D-Bus.

    with private_bus() as address:               # a fresh dbus-daemon; skipped without one
        service = StandIn(address, "org.gnome.Mutter.IdleMonitor", {"GetIdletime": ("t", (5000,))})
        ...
        service.emit("/org/freedesktop/login1", "org.freedesktop.login1.Manager", "PrepareForSleep", "b", (True,))
        service.stop()
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from jeepney import DBusAddress, HeaderFields, Message, MessageType, new_error, new_method_return, new_signal
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection


# A session bus that starts no service by itself: the standard configuration would start the
# installed ones on demand (xdg-desktop-portal, kglobalaccel: the KDE desktop tier installs them),
# and a test of "no portal here" would meet the real one.
CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


@contextmanager
def private_bus() -> Iterator[str]:
    """Start a dbus-daemon of our own (session policy, no service activation); yields its address."""
    if shutil.which("dbus-daemon") is None:
        if os.environ.get("MITE_TRAY_REQUIRE_E2E") == "1":
            pytest.fail("dbus-daemon missing (run scripts/system-packages)")
        pytest.skip("dbus-daemon missing")
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "session.conf"
        config.write_text(CONFIG)
        daemon = subprocess.Popen(["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
                                  stdout=subprocess.PIPE, text=True)
        assert daemon.stdout is not None
        try:
            yield daemon.stdout.readline().strip()
        finally:
            daemon.terminate()
            daemon.wait(timeout=5)


class StandIn(threading.Thread):
    """Owns `name` on the bus and answers method calls: `answers` maps a method to (signature, body),
    or to an error name (str). Methods in `silent` get no answer at all (a hung service). Starts at once."""

    def __init__(self, address: str, name: str, answers: dict[str, Any]) -> None:
        super().__init__(daemon=True)
        self.connection = open_dbus_connection(address)
        self.connection.send_and_get_reply(message_bus.RequestName(name))
        self.answers = answers
        self.silent: set[str] = set()
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        self.stopping = False
        self.start()

    def run(self) -> None:
        while not self.stopping:
            try:
                message = self.connection.receive(timeout=0.1)
            except TimeoutError:
                continue
            except OSError:
                return
            if message.header.message_type is MessageType.method_call:
                self.answer(message)

    def answer(self, message: Message) -> None:
        """Answer one method call from `answers` (subclasses may answer otherwise)."""
        member = message.header.fields[HeaderFields.member]
        self.calls.append((member, tuple(message.body)))
        if member in self.silent:
            return
        answer = self.answers.get(member, "org.freedesktop.DBus.Error.UnknownMethod")
        if isinstance(answer, str):
            self.connection.send(new_error(message, answer, "s", (f"stand-in: {member}",)))
        else:
            self.connection.send(new_method_return(message, *answer))

    def emit(self, path: str, interface: str, member: str, signature: str = "", body: tuple[Any, ...] = ()) -> None:
        self.connection.send(new_signal(DBusAddress(path, interface=interface), member, signature, body))

    def stop(self) -> None:
        self.stopping = True
        self.join(timeout=5)
        self.connection.close()
