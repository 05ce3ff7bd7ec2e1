"""How the mite client checks certificates on this OS.

app.api.client imports this: app/platform imports nothing from api or core, so it is the lowest
layer and the OS check stays here, while every caller of MiteClient stays unaware of it.
"""

from __future__ import annotations

import os
import ssl
import sys


def tls_verification() -> ssl.SSLContext | bool:
    """How certificates are checked: always, with host names; on Linux against the system's
    hashed CA directory, whose certificates OpenSSL reads only when a server presents one.

    httpx's default loads certifi's ~120 CAs up front (about 2-3 MB held all day); a tray app
    that talks to one host needs one of them. SSL_CERT_FILE / SSL_CERT_DIR still win, and
    elsewhere (or without a hashed directory) httpx's default applies (True).
    """
    paths = ssl.get_default_verify_paths()
    capath = paths.capath
    if (sys.platform.startswith("linux") and not os.environ.get("SSL_CERT_FILE") and capath
            and os.path.isdir(capath) and any(name.endswith(".0") for name in os.listdir(capath))):
        return ssl.create_default_context(capath=capath)
    return True
