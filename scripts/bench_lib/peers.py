"""The peer CLI, `miteclock` (PyPI), beside `mite-tray status`, against the same demo mite in the same run.

miteclock pins old dependencies, so it lives in a venv of its own, `.venv-miteclock/` (made here once,
the same pins as tests/integration/test_miteclock.py, which shares it; gitignored), never in the app's.
It only talks HTTPS to a host ending in mite.de: the same DemoMite is served a second time over TLS, with
a throwaway self-signed certificate for demo.mite.de (made by the openssl command), and a sitecustomize
in that venv resolves *.mite.de to the loopback port (only when MITECLOCK_DEMO_PORT is set).
`m status` reads today's entries from mite (GET /daily.json) and says whether the clock runs;
`mite-tray status` asks the running app over its control socket.
"""

from __future__ import annotations

import os
import ssl
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / ".venv-miteclock"
PINNED = ["miteclock==23.1", "requests==2.28.2", "urllib3==1.26.20", "attrs==21.4.0", "click==8.1.3",
          "click-aliases==1.0.1", "tomlkit==0.7.2", "backoff==2.2.1"]
REDIRECT = '''import os, socket
_real = socket.getaddrinfo
def _demo(host, port, *args, **kwargs):
    if isinstance(host, str) and host.endswith("mite.de") and os.environ.get("MITECLOCK_DEMO_PORT"):
        return _real("127.0.0.1", int(os.environ["MITECLOCK_DEMO_PORT"]), *args, **kwargs)
    return _real(host, port, *args, **kwargs)
socket.getaddrinfo = _demo
'''


def miteclock() -> tuple[Path | None, str]:
    """(the `m` command, "") or (None, why it cannot be had here)."""
    m = VENV / "bin" / "m"
    if not m.exists():
        made = subprocess.run([sys.executable, "-m", "venv", str(VENV)], capture_output=True, text=True)
        if made.returncode == 0:
            made = subprocess.run([str(VENV / "bin" / "python"), "-m", "pip", "install", "-q", *PINNED],
                                  capture_output=True, text=True, timeout=600)
        if made.returncode != 0 or not m.exists():
            return None, f"miteclock could not be installed: {(made.stderr or made.stdout).strip()[-300:]}"
    site = subprocess.run([str(VENV / "bin" / "python"), "-c", "import site; print(site.getsitepackages()[0])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "sitecustomize.py").write_text(REDIRECT)
    return m, ""


def tls_twin(mite: Any, folder: Path) -> tuple[Any, Path]:
    """The same DemoMite served over TLS as demo.mite.de: (the server, its certificate to trust)."""
    from app.demo.server import DemoServer
    cert, key = folder / "demo.pem", folder / "demo.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=demo.mite.de", "-addext", "subjectAltName=DNS:demo.mite.de", "-keyout", str(key),
                    "-out", str(cert)], check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = DemoServer(mite)
    server._httpd.socket = context.wrap_socket(server._httpd.socket, server_side=True)
    return server.start(), cert


def timed(command: list[str], env: dict[str, str], runs: int) -> tuple[float, str]:
    """(median wall ms of `runs` runs, the last run's output)."""
    times, out = [], ""
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
        times.append((time.perf_counter() - started) * 1000)
        out = done.stdout + done.stderr
        if done.returncode != 0:
            raise RuntimeError(f"{command[-2:]} failed: {out.strip()[-300:]}")
    return statistics.median(times), out


def status_beside_miteclock(mite: Any, app_env: dict[str, str], folder: Path, runs: int) -> dict[str, Any]:
    """`mite-tray status` (the app running, `app_env` finds it) and `m status`, `runs` times each, in turn."""
    cli = ROOT / ".venv" / "bin" / "mite-tray"
    mite_tray = [str(cli)] if cli.exists() else [sys.executable, "-m", "app"]
    figures: dict[str, Any] = {}
    figures["mite-tray status ms"], shown = timed([*mite_tray, "status"], app_env, runs)
    figures["mite-tray status says running"] = "▶" in shown
    m, why = miteclock()
    if m is None:
        figures["miteclock status ms"], figures["miteclock note"] = None, why
        return figures
    server, cert = tls_twin(mite, folder)
    try:
        home = folder / "home"
        config = home / ".config" / "miteclock"
        config.mkdir(parents=True, exist_ok=True)
        from app.demo.data import ADMIN_KEY
        (config / "apikey").write_text(ADMIN_KEY)
        (config / "config.toml").write_text('url = "https://demo.mite.de"\nmenu_keys = "asdfjkl"\n\n[shortcuts]\n')
        env = {"HOME": str(home), "PATH": os.environ.get("PATH", ""), "REQUESTS_CA_BUNDLE": str(cert),
               "MITECLOCK_DEMO_PORT": str(server._httpd.server_address[1]), "LANG": "C.UTF-8"}
        figures["miteclock status ms"], said = timed([str(m), "status"], env, runs)
        figures["miteclock status says running"] = "The clock is running!" in said
    finally:
        server.stop()
    figures["mite-tray / miteclock"] = figures["mite-tray status ms"] / figures["miteclock status ms"]
    return figures
