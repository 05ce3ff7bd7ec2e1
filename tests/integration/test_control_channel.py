"""The control channel on its own: one JSON line in, one out, over a real Unix socket."""

import asyncio
import os
import socket
import sys

import pytest

from app.platform import single_instance

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
        sock.connect(single_instance.server_name())
        sock.sendall(line)
        return sock.makefile("rb").readline()


def test_requests_are_answered_and_bad_ones_refused(runtime):
    async def body():
        server = single_instance.instance_server(echo)
        assert server.listen()
        assert oct(runtime.stat().st_mode & 0o777) == "0o600"
        ask = asyncio.to_thread
        assert await ask(single_instance.send, {"cmd": "ping"}) == {"ok": True, "echo": {"cmd": "ping"}}
        assert b"Malformed request" in await ask(raw, b"{not json\n")
        assert b"Malformed request" in await ask(raw, b"[1, 2]\n")
        assert b"Malformed request" in await ask(raw, b"x" * (single_instance.MAX_MESSAGE + 10) + b"\n")
        server.close()
        assert not runtime.exists()
        assert await ask(single_instance.send, {"cmd": "ping"}) is None
    asyncio.run(body())


def test_a_second_instance_yields_and_a_stale_socket_is_taken_over(runtime):
    async def body():
        first = single_instance.instance_server(echo)
        assert first.listen()
        await asyncio.sleep(0)  # the first one serves
        second = single_instance.instance_server(echo)
        assert await asyncio.to_thread(second.listen) is False  # the first answers its ping
        first.close()
        runtime.parent.mkdir(exist_ok=True)
        stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        stale.bind(str(runtime))  # left behind by a crash: bound, nobody listening
        stale.close()
        third = single_instance.instance_server(echo)
        assert third.listen()
        assert (await asyncio.to_thread(single_instance.send, {"cmd": "ping"}))["ok"]
        third.close()
    asyncio.run(body())
    assert not os.path.exists(runtime)


def test_closing_before_the_loop_ran_leaves_nothing_behind(runtime):
    async def body():
        server = single_instance.instance_server(echo)
        assert server.listen()
        server.close()  # a session that ends at once (sign-out during start-up)
        await asyncio.sleep(0.05)
        assert not runtime.exists()
        again = single_instance.instance_server(echo)
        assert again.listen()
        assert (await asyncio.to_thread(single_instance.send, {"cmd": "ping"}))["ok"]
        again.close()
    loop = asyncio.new_event_loop()
    errors = []
    loop.set_exception_handler(lambda _loop, context: errors.append(context))
    loop.run_until_complete(body())
    loop.close()
    assert errors == []
