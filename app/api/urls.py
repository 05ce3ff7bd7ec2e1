"""Turn what a user types as "account" into a safe base URL.

Only https to a mite host is allowed, plus http/https to a loopback address
(the demo server and tests). Anything else could leak the API key.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

MITE_DOMAINS = ("mite.de", "mite.yo.lk")
_ACCOUNT_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


class InvalidAccount(ValueError):
    pass


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def base_url(account_or_url: str) -> str:
    """`acme`, `acme.mite.de` or `https://acme.mite.de/` -> `https://acme.mite.de`."""
    text = account_or_url.strip().rstrip("/")
    if not text:
        raise InvalidAccount("Enter your mite account name, like 'acme' in acme.mite.de.")
    if "://" not in text:
        name = text.lower()
        for domain in MITE_DOMAINS:
            if name.endswith("." + domain):
                name = name[: -len(domain) - 1]
        if not _ACCOUNT_RE.match(name):
            raise InvalidAccount(f"'{text}' is not a mite account name (letters, digits and dashes).")
        return f"https://{name}.mite.de"
    parts = urlsplit(text)
    host = (parts.hostname or "").lower()
    if parts.username or parts.password or parts.query or parts.fragment:
        raise InvalidAccount("The account URL must not carry a user, query or fragment.")
    if parts.path not in ("", "/"):
        raise InvalidAccount("The account URL must not carry a path, e.g. https://acme.mite.de")
    if is_loopback(host) and parts.scheme in ("http", "https"):
        return f"{parts.scheme}://{parts.netloc}"
    if parts.scheme != "https":
        raise InvalidAccount("mite is only reached over https:// (http:// only to this computer).")
    if not any(host.endswith("." + d) for d in MITE_DOMAINS):
        raise InvalidAccount(f"{host} is not a mite address (*.mite.de).")
    return f"https://{parts.netloc.lower()}"


def account_label(url: str) -> str:
    """What to show a person: `acme` for https://acme.mite.de, else host:port."""
    host = urlsplit(url).netloc
    for domain in MITE_DOMAINS:
        if host.endswith("." + domain):
            return host[: -len(domain) - 1]
    return host
