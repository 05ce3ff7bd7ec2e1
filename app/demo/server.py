"""The demo mite served over HTTP on 127.0.0.1, with fault injection for tests.

Runs in a background thread (ThreadingHTTPServer), so the app's `--demo` mode,
`mite-tray demo-server` and the tests all talk to it over a real socket.
"""

from __future__ import annotations

import json
import re
import sys
import threading
import time
from dataclasses import dataclass
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

from app.demo.errors import DemoError
from app.demo.mite import DemoMite, Reply

_ID = r"(\d+)"
_RES = r"(projects|services|customers)"


@dataclass
class Fault:
    """Make matching requests misbehave, `times` times (None: every time).

    status: answer this status without acting (body: `body` or a JSON error).
    delay: wait this many seconds before acting (longer than the client timeout = timeout).
    drop: act, then close the connection without an answer (outcome unknown to the client).
    body: with status None, act and send this broken body with 200.
    """

    path: str = ".*"
    method: str | None = None
    status: int | None = None
    body: str | None = None
    delay: float = 0.0
    drop: bool = False
    retry_after: int | None = None
    times: int | None = 1
    hits: int = 0

    def matches(self, method: str, path: str) -> bool:
        return ((self.method is None or self.method == method) and re.search(self.path, path) is not None
                and (self.times is None or self.hits < self.times))


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], OSError):
            return  # the client went away (timeout, test teardown, a dropped fault): not news
        super().handle_error(request, client_address)


class DemoServer:
    def __init__(self, mite: DemoMite, port: int = 0, host: str = "127.0.0.1"):
        self.mite = mite
        self.faults: list[Fault] = []
        self.requests: list[tuple[str, str]] = []  # (method, path) seen, for tests
        self.bytes_sent = 0  # response bytes, headers included (for the benchmark)
        self.in_flight = 0  # requests being answered now (a delayed one may act after its client gave up)
        self._httpd = _QuietServer((host, port), _handler_for(self))
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._httpd.socket.getsockname()[:2]
        return f"http://{host}:{port}"

    def inject(self, **kwargs: Any) -> Fault:
        fault = Fault(**kwargs)
        self.faults.append(fault)
        return fault

    def take_fault(self, method: str, path: str) -> Fault | None:
        with self.mite.lock:
            for fault in self.faults:
                if fault.matches(method, path):
                    fault.hits += 1
                    return fault
        return None

    def start(self) -> DemoServer:
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), name="demo-mite", daemon=True)
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        self._httpd.serve_forever()

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _routes(m: DemoMite) -> list[tuple[str, str, Callable[..., Reply]]]:
    """(method, path regex without .json, handler(user, match, params, body))."""
    return [
        ("GET", r"/myself", lambda u, g, q, b: m.myself(u)),
        ("GET", r"/account", lambda u, g, q, b: m.account_info(u)),
        ("GET", r"/users", lambda u, g, q, b: m.list_users(u)),
        ("GET", r"/tracker", lambda u, g, q, b: m.tracker(u)),
        ("PATCH", rf"/tracker/{_ID}", lambda u, g, q, b: m.start_tracker(u, int(g[0]))),
        ("DELETE", rf"/tracker/{_ID}", lambda u, g, q, b: m.stop_tracker(u, int(g[0]))),
        ("GET", r"/daily", lambda u, g, q, b: m.daily(u, None)),
        ("GET", r"/daily/(\d{4})/(\d{1,2})/(\d{1,2})", lambda u, g, q, b: m.daily(u, _day(*g))),
        ("GET", r"/(time_entries|projects|services|customers)/changes/([0-9a-f]+)",
         lambda u, g, q, b: m.changes(u, g[0], g[1])),
        ("GET", r"/time_entries", lambda u, g, q, b: m.list_entries(u, q)),
        ("POST", r"/time_entries", lambda u, g, q, b: m.create_entry(u, b)),
        ("GET", rf"/time_entries/{_ID}", lambda u, g, q, b: m.get_entry(u, int(g[0]))),
        ("PATCH", rf"/time_entries/{_ID}", lambda u, g, q, b: m.update_entry(u, int(g[0]), b)),
        ("DELETE", rf"/time_entries/{_ID}", lambda u, g, q, b: m.delete_entry(u, int(g[0]), b)),
        ("GET", rf"/{_RES}", lambda u, g, q, b: m.list_records(u, g[0], False, q)),
        ("GET", rf"/{_RES}/archived", lambda u, g, q, b: m.list_records(u, g[0], True, q)),
        ("POST", rf"/{_RES}", lambda u, g, q, b: m.create_record(u, g[0], b)),
        ("GET", rf"/{_RES}/{_ID}", lambda u, g, q, b: m.get_record(u, g[0], int(g[1]))),
        ("PATCH", rf"/{_RES}/{_ID}", lambda u, g, q, b: m.update_record(u, g[0], int(g[1]), b)),
        ("DELETE", rf"/{_RES}/{_ID}", lambda u, g, q, b: m.delete_record(u, g[0], int(g[1]))),
    ]


def _day(year: str, month: str, day: str) -> date:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise DemoError(422, "That is not a date.") from None


def _handler_for(server: DemoServer) -> type[BaseHTTPRequestHandler]:
    routes = [(method, re.compile(pattern + r"\.json"), fn) for method, pattern, fn in _routes(server.mite)]

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # else each answer waits ~40 ms for a delayed ACK
        server_version = "demo-mite/1"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
            pass  # quiet: the app's own log says what matters

        def finish(self) -> None:
            try:
                super().finish()
            except OSError:
                pass  # the connection was dropped on purpose (Fault.drop)

        def do_GET(self) -> None:
            self._serve("GET")

        def do_POST(self) -> None:
            self._serve("POST")

        def do_PATCH(self) -> None:
            self._serve("PATCH")

        def do_DELETE(self) -> None:
            self._serve("DELETE")

        def do_PUT(self) -> None:
            self._serve("PATCH")  # Rails routes PUT to update, like PATCH; real clients send it

        def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
            """Every error is JSON, as mite documents them, also the ones http.server answers itself
            (an unknown method, a malformed request line): never its HTML page."""
            if code == 501:
                code, message = 405, f"Method not allowed: {self.command}."
            body = json.dumps({"error": message or self.responses.get(code, ("Error",))[0]}).encode()
            self.close_connection = True
            self._send(code, b"" if self.command == "HEAD" else body, {"Connection": "close"})

        def _serve(self, method: str) -> None:
            with server.mite.lock:
                server.in_flight += 1
            try:
                self._serve_counted(method)
            finally:
                with server.mite.lock:
                    server.in_flight -= 1

        def _serve_counted(self, method: str) -> None:
            parts = urlsplit(self.path)
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            server.requests.append((method, parts.path))
            fault = server.take_fault(method, parts.path)
            if fault and fault.delay:
                time.sleep(fault.delay)
            if fault and fault.status is not None:
                return self._fault_answer(fault)
            status, payload, headers = self._dispatch(method, parts.path, parts.query, raw)
            if fault and fault.drop:
                self.close_connection = True
                self.connection.shutdown(2)  # acted, but the client never hears of it
                return None
            body = fault.body.encode() if fault and fault.body is not None else _encode(payload)
            self._send(status, body, headers)
            return None

        def _dispatch(self, method: str, path: str, query: str, raw: bytes) -> Reply:
            try:
                if path.endswith(".xml"):
                    raise DemoError(406, "The demo mite speaks JSON only: use the .json paths.")
                params = parse_qs(query, keep_blank_values=True)
                with server.mite.lock:
                    key = self.headers.get("X-MiteApiKey") or (params["api_key"][-1] if params.get("api_key") else None)
                    user = server.mite.user_for_key(key)
                    body = _decode(raw)
                    for route_method, pattern, fn in routes:
                        match = pattern.fullmatch(path)
                        if match and route_method == method:
                            status, payload, headers = fn(user, match.groups(), params, body)
                            return status, payload, self._absolute(headers)
                    known = any(p.fullmatch(path) for _, p, _ in routes)
                    raise DemoError(405 if known else 404,
                                    "Method not allowed." if known else f"No such API path: {path}")
            except DemoError as exc:
                return exc.status, {"error": exc.message}, {}

        def _absolute(self, headers: dict[str, str]) -> dict[str, str]:
            return {k: v.replace("{base}", server.url) for k, v in headers.items()}

        def _fault_answer(self, fault: Fault) -> None:
            body = fault.body if fault.body is not None else json.dumps({"error": f"Injected {fault.status}"})
            headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
            content_type = "text/html" if body.lstrip().startswith("<") else "application/json"
            self._send(fault.status or 500, body.encode(), headers, content_type)

        def _send(self, status: int, body: bytes, headers: dict[str, str],
                  content_type: str = "application/json; charset=utf-8") -> None:
            self.send_response(status)
            server.bytes_sent += len(body) + 200  # ~200 bytes of status line and headers
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

    return Handler


def _decode(raw: bytes) -> dict[str, Any] | None:
    if not raw.strip():
        return None
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise DemoError(400, "The request body is not valid JSON.") from None
    if not isinstance(data, dict):
        raise DemoError(422, "The request body must be a JSON object.")
    return data


def _encode(payload: Any) -> bytes:
    if payload is None:
        return b""
    try:
        return json.dumps(payload, ensure_ascii=False).encode()
    except UnicodeEncodeError:  # a lone surrogate (tests plant them): escaped, as a JSON server sends it
        return json.dumps(payload).encode()
