"""A real third-party mite client, `miteclock` from PyPI, against the demo server: start, status, stop, resume.

miteclock pins old dependencies, so it gets a venv of its own (made here, once, in `.venv-miteclock/`;
skipped with the reason when it cannot be installed). It only talks HTTPS to a host ending in mite.de:
the demo server is served over TLS with a test CA for demo.mite.de, and a sitecustomize in that venv
resolves *.mite.de:443 to the demo server's loopback port.
"""

import os
import ssl
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography import x509

from app.demo.data import ADMIN_KEY, demo_account
from app.demo.server import DemoServer
from tests.integration.test_tls import certificate, write_pem

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts" / "bench_lib"))
from peers import PINNED, REDIRECT, VENV  # noqa: E402  (scripts/bench times `m status` from the same venv)


def _bin(name):
    return VENV / ("Scripts" if os.name == "nt" else "bin") / name


@pytest.fixture(scope="session")
def miteclock():
    if not _bin("m").exists():
        made = subprocess.run([sys.executable, "-m", "venv", str(VENV)], capture_output=True, text=True)
        if made.returncode == 0:
            made = subprocess.run([str(_bin("python")), "-m", "pip", "install", "-q", *PINNED],
                                  capture_output=True, text=True, timeout=300)
        if made.returncode != 0 or not _bin("m").exists():
            pytest.skip(f"miteclock cannot be installed here: {(made.stderr or made.stdout).strip()[-300:]}")
    site = subprocess.run([str(_bin("python")), "-c", "import site; print(site.getsitepackages()[0])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "sitecustomize.py").write_text(REDIRECT)
    return _bin("m")


@pytest.fixture
def tls_demo(tmp_path):
    ca = certificate("test CA", ca=True)
    leaf = certificate("demo.mite.de", issuer=ca, san=[x509.DNSName("demo.mite.de")])
    write_pem(tmp_path / "ca.pem", ca[0])
    write_pem(tmp_path / "server.pem", leaf[0], leaf[1])
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tmp_path / "server.pem")
    server = DemoServer(demo_account())
    server._httpd.socket = context.wrap_socket(server._httpd.socket, server_side=True)
    with server:
        yield server, tmp_path / "ca.pem"


def run_m(m, home, demo, ca, *args):
    env = {"HOME": str(home), "PATH": os.environ.get("PATH", ""), "REQUESTS_CA_BUNDLE": str(ca),
           "MITECLOCK_DEMO_PORT": str(demo._httpd.server_address[1]), "LANG": "C.UTF-8"}
    done = subprocess.run([str(m), *args], env=env, capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def tracking(demo):
    admin = demo.mite.user_for_key(ADMIN_KEY)
    tracker = demo.mite.trackers.get(admin["id"])
    return tracker["entry_id"] if tracker else None


def test_miteclock_starts_shows_stops_and_resumes(miteclock, tls_demo, tmp_path):
    demo, ca = tls_demo
    config = tmp_path / "home" / ".config" / "miteclock"
    config.mkdir(parents=True)
    (config / "apikey").write_text(ADMIN_KEY)
    (config / "config.toml").write_text('url = "https://demo.mite.de"\nmenu_keys = "asdfjkl"\n\n[shortcuts]\n')
    home = tmp_path / "home"
    assert "Clock started" in run_m(miteclock, home, demo, ca, "start", "--last")
    started = tracking(demo)
    assert started is not None
    entry = demo.mite.records["time_entries"][started]
    shown = run_m(miteclock, home, demo, ca, "status")
    assert "The clock is running!" in shown and f"Note: {entry['note']}" in shown, shown
    run_m(miteclock, home, demo, ca, "stop")
    assert tracking(demo) is None
    assert "The clock is running!" not in run_m(miteclock, home, demo, ca, "status")
    run_m(miteclock, home, demo, ca, "resume")
    assert tracking(demo) == started
