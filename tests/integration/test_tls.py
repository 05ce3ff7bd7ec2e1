"""A certificate mite-tray cannot verify is named as such, against a real TLS server on loopback."""

import asyncio
import datetime
import ipaddress
import socket
import ssl
import threading

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from app.api import errors
from app.api.client import MiteClient
from app.core import account
from app.core.messages import describe
from app.demo.data import ADMIN_KEY
from app.platform.tls import tls_verification

NOW = datetime.datetime.now(datetime.UTC)


def certificate(name, *, issuer=None, days=(-1, 30), ca=False, san=None):
    """(cert, key) for `name`; self-signed unless `issuer` is a (cert, key) pair."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    issuer_cert, issuer_key = issuer if issuer else (None, key)
    builder = (x509.CertificateBuilder().subject_name(subject)
               .issuer_name(issuer_cert.subject if issuer_cert else subject)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(NOW + datetime.timedelta(days=days[0]))
               .not_valid_after(NOW + datetime.timedelta(days=days[1]))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if san is not None:
        builder = builder.add_extension(x509.SubjectAlternativeName(san), critical=False)
    return builder.sign(issuer_key, hashes.SHA256()), key


def write_pem(path, cert, key=None):
    data = cert.public_bytes(serialization.Encoding.PEM)
    if key is not None:
        data += key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption())
    path.write_bytes(data)
    return str(path)


class TlsServer:
    """Accepts on 127.0.0.1 and shakes hands with `pem`; answers one fixed JSON to whoever gets through."""

    def __init__(self, pem):
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(pem)
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"https://127.0.0.1:{self.sock.getsockname()[1]}"
        self.requests = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                raw, _ = self.sock.accept()
            except OSError:
                return
            try:
                with self.context.wrap_socket(raw, server_side=True) as conn:
                    conn.recv(65536)
                    self.requests += 1
                    body = b'{"user": {"id": 1, "name": "Anna", "email": "a@x", "role": "admin"}}'
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                                 b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
            except (ssl.SSLError, OSError):
                pass  # the client refused the certificate: what these tests are about

    def close(self):
        self.sock.close()


@pytest.fixture
def ca(tmp_path, monkeypatch):
    """A CA this process trusts (SSL_CERT_FILE), to sign server certificates with."""
    authority = certificate("mite-tray test CA", ca=True)
    monkeypatch.setenv("SSL_CERT_FILE", write_pem(tmp_path / "ca.pem", authority[0]))
    return authority


def serve(tmp_path, cert_and_key):
    return TlsServer(write_pem(tmp_path / "server.pem", *cert_and_key))


LOOPBACK = [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]


@pytest.mark.parametrize("make, says", [
    (lambda ca: certificate("127.0.0.1", san=LOOPBACK), "self-signed certificate"),
    (lambda ca: certificate("127.0.0.1", issuer=ca, san=LOOPBACK, days=(-30, -1)), "certificate has expired"),
    (lambda ca: certificate("acme.mite.de", issuer=ca, san=[x509.DNSName("acme.mite.de")]), "mismatch"),
])
def test_an_unverifiable_certificate_is_named(tmp_path, ca, make, says):
    server = serve(tmp_path, make(ca))
    host = server.url.split("//")[1]

    async def ask():
        async with MiteClient(server.url, ADMIN_KEY) as client:
            await client.myself()
    try:
        with pytest.raises(errors.TlsError) as caught:
            asyncio.run(ask())
        assert isinstance(caught.value, errors.NotSent)  # nothing reached the server
        assert caught.value.host == host and says in caught.value.detail
        said = describe(caught.value)
        assert said.startswith(f"The certificate of {host} could not be verified: ")
        assert says in said and "nothing was sent" in said and "internet connection" not in said
        assert ADMIN_KEY not in said
        with pytest.raises(account.SignInError) as refused:
            asyncio.run(account.sign_in(server.url, ADMIN_KEY))
        assert f"The certificate of {host} could not be verified" in refused.value.message
        assert server.requests == 0
    finally:
        server.close()


def test_a_trusted_certificate_still_works(tmp_path, ca):
    server = serve(tmp_path, certificate("127.0.0.1", issuer=ca, san=LOOPBACK))

    async def ask():
        async with MiteClient(server.url, ADMIN_KEY) as client:
            return await client.myself()
    try:
        assert asyncio.run(ask()).name == "Anna" and server.requests == 1
    finally:
        server.close()


def test_tls_always_verifies_certificates_and_host_names(monkeypatch):
    context = tls_verification()
    if context is True:  # not Linux, or no hashed CA directory: httpx's own default (certifi)
        return
    assert context.verify_mode is ssl.CERT_REQUIRED and context.check_hostname
    assert context.cert_store_stats()["x509_ca"] == 0  # looked up when a server presents a chain
    monkeypatch.setenv("SSL_CERT_FILE", "/some/bundle.pem")
    assert tls_verification() is True  # the user's own CA bundle wins
