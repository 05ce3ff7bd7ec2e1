"""Async client for the mite API (JSON), on httpx. No Qt here.

The API key travels only in the X-MiteApiKey header, never in a URL, and only
to the base URL checked by `urls.base_url` (https to mite, or loopback).
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import ssl
from datetime import date
from typing import Any, TypeVar
from collections.abc import Callable
import sys
from urllib.parse import urlsplit

# httpx's __init__ imports its command-line client (httpx._main: rich, click, pygments, 6 MiB at rest)
# whenever those happen to be installed, e.g. brought by import-linter or a desktop's own Python tools.
# A None in sys.modules makes that import fail, and httpx falls back to its stub `main`.
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
import httpx

from app import APP_NAME, __version__
from app.api import errors
from app.api.models import Change, Customer, EntryGroup, Project, Service, TimeEntry, TrackerState, User
from app.api.apikey import clean_key
from app.api.urls import base_url as checked_base_url
from app.logs import register_secret
from app.platform.tls import tls_verification

T = TypeVar("T")
# Requests in flight at once, per client (the sync sends its independent requests together: issue 17).
# Small, so a large account's first sync does not open many connections to mite at once.
CONCURRENT = 4
USER_AGENT = f"{APP_NAME}/{__version__} (+https://github.com/mite-tray/mite-tray)"
# Connecting should be quick; mite answers big lists slowly, so reading may take longer.
# MITE_TRAY_TIMEOUT (seconds) raises or lowers the reading limit for slow networks (and tests).
def default_timeout() -> httpx.Timeout:
    read = float(os.environ.get("MITE_TRAY_TIMEOUT", "15"))
    return httpx.Timeout(read, connect=min(5.0, read))


def _tls_failure(exc: BaseException) -> tuple[str, bool] | None:
    """(what OpenSSL said, whether it was the certificate) when an ssl.SSLError caused `exc`."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, ssl.SSLCertVerificationError):
            return cause.verify_message or cause.reason or "certificate verify failed", True
        if isinstance(cause, ssl.SSLError):
            return cause.reason or str(cause), False
        cause = cause.__cause__ or cause.__context__
    return None


class MiteClient:
    def __init__(self, url: str, api_key: str, *, timeout: httpx.Timeout | float | None = None,
                 transport: httpx.AsyncBaseTransport | None = None, concurrent: int = CONCURRENT):
        self.base_url = checked_base_url(url)
        register_secret(api_key)  # masked in every log line, even the message of a refused key
        api_key = clean_key(api_key)  # errors.InvalidKey: it could never be a header (and h11 would quote it)
        timeout = default_timeout() if timeout is None else timeout
        self.read_timeout = timeout.read if isinstance(timeout, httpx.Timeout) else float(timeout)
        self._http = httpx.AsyncClient(
            base_url=self.base_url,
            headers={"X-MiteApiKey": api_key, "User-Agent": USER_AGENT, "Accept": "application/json"},
            timeout=timeout,
            transport=transport,
            follow_redirects=False,  # a redirect could carry the key to another host
            verify=tls_verification(),
        )
        # The limit is a semaphore, not httpx's pool size: waiting for a turn is no part of a request's timeout,
        # and a request cancelled mid-way (core.sync.together) may hold its connection a while (a pool of four
        # then ran dry: PoolTimeout, found by tests/faults).
        self._turns = asyncio.Semaphore(concurrent)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> MiteClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    # -- transport ---------------------------------------------------------

    async def _request(self, method: str, path: str, *, params: dict[str, Any] | None = None,
                       body: dict[str, Any] | None = None) -> httpx.Response:
        try:
            async with self._turns:
                response = await self._http.request(
                    method, path, params=_clean(params), json=body if body is not None else None)
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            tls = _tls_failure(exc)
            if tls is not None:  # name the certificate problem, not "check your connection"
                detail, certificate = tls
                raise errors.TlsError(urlsplit(self.base_url).netloc, detail, certificate=certificate) from exc
            raise errors.NotSent(f"Cannot reach {urlsplit(self.base_url).netloc}: {_reason(exc)}") from exc
        except httpx.TimeoutException as exc:
            raise errors.TimeoutError(f"mite did not answer in time ({type(exc).__name__}).") from exc
        except httpx.TransportError as exc:
            raise errors.NetworkError(f"Cannot reach {urlsplit(self.base_url).netloc}: {_reason(exc)}") from exc
        if response.status_code >= 400:
            raise errors.error_for_status(
                response.status_code, _error_message(response), _retry_after(response))
        if response.status_code >= 300:  # never followed: it could carry the key elsewhere
            raise errors.StatusError(response.status_code, "mite answered with a redirect; check the account address.")
        return response

    async def _json(self, method: str, path: str, **kwargs: Any) -> Any:
        response = await self._request(method, path, **kwargs)
        if not response.content.strip():
            return None
        try:
            return decode_json(response.content)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise errors.InvalidResponse(
                f"mite sent something that is not JSON (HTTP {response.status_code}).") from exc

    async def _list(self, path: str, build: Callable[[dict[str, Any]], T],
                    params: dict[str, Any] | None = None) -> tuple[list[T], str | None]:
        response = await self._request("GET", path, params=params)
        try:
            rows = decode_json(response.content)
            return [build(row) for row in rows], response.headers.get("X-Changes-Link")
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise errors.InvalidResponse("mite sent a list the app cannot read.") from exc

    def _one(self, data: Any, build: Callable[[dict[str, Any]], T]) -> T:
        try:
            return build(data)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise errors.InvalidResponse("mite sent a record the app cannot read.") from exc

    # -- who am I ----------------------------------------------------------

    async def myself(self) -> User:
        return self._one(await self._json("GET", "/myself.json"), User.from_json)

    # -- tracker -----------------------------------------------------------

    async def tracker(self) -> TrackerState:
        return self._one(await self._json("GET", "/tracker.json"), TrackerState.from_json)

    async def start_tracker(self, entry_id: int) -> TrackerState:
        return self._one(await self._json("PATCH", f"/tracker/{int(entry_id)}.json"), TrackerState.from_json)

    async def stop_tracker(self, entry_id: int) -> TrackerState:
        return self._one(await self._json("DELETE", f"/tracker/{int(entry_id)}.json"), TrackerState.from_json)

    # -- time entries ------------------------------------------------------

    async def time_entries(self, **filters: Any) -> list[TimeEntry]:
        return (await self._list("/time_entries.json", TimeEntry.from_json, filters))[0]

    async def time_entries_with_link(self, **filters: Any) -> tuple[list[TimeEntry], str | None]:
        return await self._list("/time_entries.json", TimeEntry.from_json, filters)

    async def entry_groups(self, **filters: Any) -> list[EntryGroup]:
        """GET /time_entries with `group_by` (e.g. "project"): the sums per group, not the entries.
        `project_id` may be a list (mite takes several ids, comma-separated)."""
        return (await self._list("/time_entries.json", EntryGroup.from_json, filters))[0]

    async def account_currency(self) -> str:
        """The account's currency ("EUR"), "" when mite does not say."""
        data = await self._json("GET", "/account.json")
        account = data.get("account", data) if isinstance(data, dict) else {}
        return str(account.get("currency") or "") if isinstance(account, dict) else ""

    async def time_entry(self, entry_id: int) -> TimeEntry:
        return self._one(await self._json("GET", f"/time_entries/{int(entry_id)}.json"), TimeEntry.from_json)

    async def create_time_entry(self, **attrs: Any) -> TimeEntry:
        data = await self._json("POST", "/time_entries.json", body={"time_entry": {k: v for k, v in attrs.items() if v is not None}})
        return self._one(data, TimeEntry.from_json)

    async def update_time_entry(self, entry_id: int, *, force: bool = False, **attrs: Any) -> None:
        attrs = {**attrs, "force": True} if force else attrs
        await self._json("PATCH", f"/time_entries/{int(entry_id)}.json", body={"time_entry": attrs})

    async def delete_time_entry(self, entry_id: int, *, force: bool = False) -> None:
        body = {"time_entry": {"force": True}} if force else None
        await self._json("DELETE", f"/time_entries/{int(entry_id)}.json", body=body)

    # -- projects, services, customers -------------------------------------

    async def list_with_link(self, resource: str, *, archived: bool = False,
                             **filters: Any) -> tuple[list[Any], str | None]:
        """A full list plus the X-Changes-Link to follow it (None for time trackers)."""
        path = f"/{resource}/archived.json" if archived else f"/{resource}.json"
        return await self._list(path, _BUILDERS[resource], filters)

    async def create(self, resource: str, **attrs: Any) -> Any:
        """POST /projects, /services or /customers; returns the typed record."""
        singular = _SINGULAR[resource]
        data = await self._json("POST", f"/{resource}.json", body={singular: attrs})
        return self._one(data, _BUILDERS[resource])

    # -- changes -----------------------------------------------------------

    async def changes(self, link: str) -> tuple[list[Change], str | None]:
        """Follow an X-Changes-Link; returns the changes and the next link."""
        path = self._own_path(link)
        return await self._list(path, Change.from_json)

    def _own_path(self, link: str) -> str:
        parts = urlsplit(link)
        if parts.scheme or parts.netloc:
            if f"{parts.scheme}://{parts.netloc}" != self.base_url:
                raise errors.InvalidResponse("mite sent a changes link to another host; it was not followed.")
        return parts.path + (f"?{parts.query}" if parts.query else "")


_SINGULAR = {"projects": "project", "services": "service", "customers": "customer"}
_BUILDERS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "projects": Project.from_json,
    "services": Service.from_json,
    "customers": Customer.from_json,
    "time_entries": TimeEntry.from_json,
}


def _clean(params: dict[str, Any] | None) -> dict[str, Any] | None:
    if not params:
        return None
    out: dict[str, Any] = {}
    for key, value in params.items():
        if value is None:
            continue
        if isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, (list, tuple)):
            value = ",".join(str(v) for v in value)
        out[key] = value
    return out


# What a lone surrogate looks like in a raw body: an escape \uD800-\uDFFF (any case), or its
# CESU-style bytes, which json.loads also decodes (it reads bytes with "surrogatepass"). Two
# patterns, each starting with a literal: re scans for those fast (3 ms for 9 MB; 58 ms as one).
_HINTS = (re.compile(rb"\\u[dD][89abcdefABCDEF]"), re.compile(rb"\xed[\xa0-\xbf]"))
_SURROGATE = re.compile("[\ud800-\udfff]")


def decode_json(content: bytes) -> Any:
    """mite's JSON with every lone surrogate replaced by U+FFFD: the user cannot fix mite's data,
    and a lone surrogate cannot be stored, sent or shown. Bodies without a hint of one (nearly
    all) are not walked, so a sync of 20,000 entries pays one regex scan."""
    data = json.loads(content)
    return _repaired_json(data) if any(hint.search(content) for hint in _HINTS) else data


def repaired(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD (escaped pairs are joined by json already)."""
    return _SURROGATE.sub("\ufffd", text)


def _repaired_json(data: Any) -> Any:
    if isinstance(data, str):
        return repaired(data)
    if isinstance(data, list):
        return [_repaired_json(item) for item in data]
    if isinstance(data, dict):
        return {repaired(key): _repaired_json(value) for key, value in data.items()}
    return data


def _error_message(response: httpx.Response) -> str:
    try:
        data = decode_json(response.content)
        if isinstance(data, dict) and data.get("error"):
            return str(data["error"])
    except (json.JSONDecodeError, UnicodeDecodeError):
        pass
    return f"mite answered {response.status_code} {response.reason_phrase}".strip()


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None  # an HTTP date; callers fall back to their own backoff


def _reason(exc: httpx.TransportError) -> str:
    text = str(exc) or type(exc).__name__
    return text.split("] ")[-1]
