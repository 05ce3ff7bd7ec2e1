"""The control channel on its own: one JSON line in, one out, over a real Unix socket, versioned."""

import asyncio
import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.api.client import MiteClient
from app.core import commands
from app.core.store import Store
from app.demo.data import ADMIN_KEY
from app.platform import control
from tests.helpers.strategies import SHORT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="a named pipe there")


@pytest.fixture
def runtime(tmp_path, monkeypatch):
    monkeypatch.setenv("MITE_TRAY_RUNTIME_DIR", str(tmp_path / "run"))
    return tmp_path / "run" / "control.sock"


async def echo(request):
    return {"ok": True, "echo": request}


def raw(line: bytes) -> bytes:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(5)
        sock.connect(control.server_name())
        sock.sendall(line)
        return sock.makefile("rb").readline()


def test_requests_are_answered_and_bad_ones_refused(runtime):
    async def body():
        server = control.instance_server(echo)
        assert server.listen()
        assert oct(runtime.stat().st_mode & 0o777) == "0o600"
        ask = asyncio.to_thread
        assert await ask(control.send, {"cmd": "ping"}) == {"ok": True, "echo": {"cmd": "ping"}, "v": control.PROTOCOL}
        assert b"Malformed request" in await ask(raw, b"{not json\n")
        assert b"Malformed request" in await ask(raw, b"[1, 2]\n")
        assert b"The request is too long" in await ask(raw, b"x" * (control.MAX_MESSAGE + 10) + b"\n")
        assert await ask(control.send, {"cmd": "ping"}) == {"ok": True, "echo": {"cmd": "ping"}, "v": control.PROTOCOL}
        server.close()
        assert not runtime.exists()
        assert await ask(control.send, {"cmd": "ping"}) is None
    asyncio.run(body())


def test_a_second_instance_yields_and_a_stale_socket_is_taken_over(runtime):
    async def body():
        first = control.instance_server(echo)
        assert first.listen()
        await asyncio.sleep(0)  # the first one serves
        second = control.instance_server(echo)
        assert await asyncio.to_thread(second.listen) is False  # the first answers its ping
        first.close()
        runtime.parent.mkdir(exist_ok=True)
        stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        stale.bind(str(runtime))  # left behind by a crash: bound, nobody listening
        stale.close()
        third = control.instance_server(echo)
        assert third.listen()
        assert (await asyncio.to_thread(control.send, {"cmd": "ping"}))["ok"]
        third.close()
    asyncio.run(body())
    assert not os.path.exists(runtime)


def test_closing_before_the_loop_ran_leaves_nothing_behind(runtime):
    async def body():
        server = control.instance_server(echo)
        assert server.listen()
        server.close()  # a session that ends at once (sign-out during start-up)
        await asyncio.sleep(0.05)
        assert not runtime.exists()
        again = control.instance_server(echo)
        assert again.listen()
        assert (await asyncio.to_thread(control.send, {"cmd": "ping"}))["ok"]
        again.close()
    loop = asyncio.new_event_loop()
    errors = []
    loop.set_exception_handler(lambda _loop, context: errors.append(context))
    loop.run_until_complete(body())
    loop.close()
    assert errors == []


def test_hundreds_of_requests_at_once_are_all_answered(runtime):
    """400 `mite-tray` calls connect while the app's loop is busy (a sync writing, a window
    painting): all wait in the listen backlog and each gets its answer, none is refused."""
    clients = 400
    somaxconn = Path("/proc/sys/net/core/somaxconn")
    if somaxconn.exists() and int(somaxconn.read_text()) < clients:
        pytest.skip("the kernel caps every listen backlog below the number of clients")
    attempted = threading.Semaphore(0)
    answers: list = [None] * clients

    def client(n):
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                sock.settimeout(60)  # as `send` does: a full backlog refuses at once
                try:
                    sock.connect(control.server_name())
                finally:
                    attempted.release()
                sock.sendall(json.dumps({"cmd": "ping", "n": n}).encode() + b"\n")
                answers[n] = json.loads(sock.makefile("rb").readline())
        except OSError as exc:
            answers[n] = exc

    async def body():
        server = control.instance_server(echo)
        assert server.listen()
        assert await asyncio.to_thread(control.send, {"cmd": "ping"})  # serving
        threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
        for thread in threads:
            thread.start()
        for _ in range(clients):  # the loop is blocked on purpose until every client has connected
            assert attempted.acquire(timeout=60)
        await asyncio.to_thread(lambda: [thread.join(60) for thread in threads])
        server.close()
    asyncio.run(body())
    refused = [a for a in answers if not isinstance(a, dict)]
    assert refused == [] and [a["echo"]["n"] for a in answers] == list(range(clients))


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | SHORT,
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(SHORT, inner, max_size=3),
                    max_leaves=6)
FIELDS = ("note", "project", "service", "duration", "date", "last", "fresh")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cmd=st.sampled_from(["status", "start", "stop", "add"]) | JSON,
       fields=st.dictionaries(st.sampled_from(FIELDS) | SHORT, JSON, max_size=4))
def test_any_request_is_answered_plainly_and_nothing_invalid_is_stored(runtime, demo, tmp_path, cmd, fields):
    """Whatever a local program sends, the app answers: done, or a message (code 2 for a field of
    the wrong type or too long); never an internal error, and the store holds only valid text."""
    request = {**fields, "cmd": cmd}

    async def body():
        async with MiteClient(demo.url, ADMIN_KEY, timeout=5) as client:
            store = Store(tmp_path / "direct.sqlite3")
            server = control.instance_server(
                lambda request: commands.execute(request, commands.Direct(client, store)))
            try:
                assert server.listen()
                return await asyncio.to_thread(control.send, request), store.outbox(), \
                    store.entries_between("0000-00-00", "9999-99-99")
            finally:
                server.close()
                store.close()
    reply, outbox, entries = asyncio.run(body())
    assert reply["ok"] is True or (isinstance(reply["error"], str) and reply["code"] in (1, 2, 4)), reply
    assert "internal error" not in reply.get("error", "")
    texts = {"start": ("note", "project", "service"), "add": ("note", "project", "service", "duration", "date")}
    flags = {"start": ("last",), "status": ("fresh",)}
    if isinstance(cmd, str) and (
            any(not isinstance(fields.get(f), (str, type(None))) for f in texts.get(cmd, ()))
            or any(not isinstance(fields.get(f), (bool, type(None))) for f in flags.get(cmd, ()))):
        assert reply["code"] == 2, reply
    for row in [*entries, *(item.payload for item in outbox)]:
        json.dumps(row, ensure_ascii=False).encode()  # every stored string is valid text


def test_the_socket_line_fits_every_field_at_its_limit_in_the_worst_escaping():
    """The platform layer keeps its own number (it imports nothing from core): it must fit core's limits,
    each character escaped as an astral surrogate pair (12 bytes), plus room for field names."""
    from app.core.text import LIMITS
    assert control.MAX_MESSAGE >= 12 * sum(LIMITS.values()) + 4096


MISMATCH = "The running mite-tray is a different version than this command"


def test_an_older_or_newer_command_line_is_refused_plainly_and_nothing_is_done(runtime):
    """A request without "v" (a command line from before the field) or with a higher "v" gets a
    plain refusal that carries this version, and never reaches the handler; ping and quit pass."""
    handled = []

    async def handler(request):
        handled.append(request)
        return {"ok": True}

    async def body():
        server = control.instance_server(handler)
        assert server.listen()
        answers = [json.loads(await asyncio.to_thread(raw, json.dumps(request).encode() + b"\n"))
                   for request in ({"cmd": "add", "duration": "1h"}, {"cmd": "status", "v": control.PROTOCOL + 1},
                                   {"cmd": "start", "v": "1"}, {"cmd": "ping"}, {"cmd": "quit"},
                                   {"cmd": "stop", "v": control.PROTOCOL})]
        server.close()
        return answers
    older, newer, text_version, ping, quit_, same = asyncio.run(body())
    for refused in (older, newer, text_version):
        assert refused["ok"] is False and refused["code"] == 1 and MISMATCH in refused["error"]
        assert "mite-tray quit" in refused["error"] and refused["v"] == control.PROTOCOL
    assert ping == quit_ == same == {"ok": True, "v": control.PROTOCOL}
    assert handled == [{"cmd": "ping"}, {"cmd": "quit"}, {"cmd": "stop"}]  # the handler never sees "v"


class OtherApp:
    """A running app of another version on the real socket: answers every line with `answer`
    (no "v": an app from before the field) and records what it was sent."""

    def __init__(self, answer):
        self.answer, self.received = answer, []
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.bind(control.server_name())
        self.sock.listen(8)
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                self.received.append(json.loads(conn.makefile("rb").readline()))
                conn.sendall(json.dumps(self.answer).encode() + b"\n")

    def close(self):
        self.sock.shutdown(socket.SHUT_RDWR)
        self.sock.close()
        self.thread.join(5)


@pytest.mark.parametrize("answer", [{"ok": True}, {"ok": True, "v": control.PROTOCOL + 1}],
                         ids=["older app", "newer app"])
def test_a_command_line_never_acts_through_an_app_of_another_version(runtime, answer):
    """`send` asks the version first: an older app (which ignores fields it does not know and would
    book the entry) is only pinged, and the command line gets the plain message; quit still works."""
    other = OtherApp(answer)
    try:
        reply = control.send({"cmd": "add", "duration": "1h", "note": "twice?"}, timeout=5)
        assert reply["ok"] is False and reply["code"] == 1 and MISMATCH in reply["error"]
        assert [request["cmd"] for request in other.received] == ["ping"]
        assert control.send({"cmd": "quit"}, timeout=5) == answer  # any version can end any app
        assert [request["cmd"] for request in other.received] == ["ping", "quit"]
    finally:
        other.close()


def test_the_command_line_process_says_so_in_words(runtime, tmp_path):
    """The real `mite-tray status` against an older app: the message on stderr, exit 1, no traceback."""
    other = OtherApp({"ok": True, "status": {}})
    try:
        env = dict(os.environ, MITE_TRAY_RUNTIME_DIR=str(runtime.parent),
                   MITE_TRAY_CONFIG_DIR=str(tmp_path / "config"), MITE_TRAY_DATA_DIR=str(tmp_path / "data"))
        done = subprocess.run([sys.executable, "-m", "app", "status"], capture_output=True, text=True, env=env,
                              timeout=60)
    finally:
        other.close()
    assert done.returncode == 1 and MISMATCH in done.stderr and "Traceback" not in done.stderr
    assert [request["cmd"] for request in other.received] == ["ping"]
