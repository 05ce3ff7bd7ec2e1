"""Salvage: copy every row that still reads from a damaged store into a new one (app.core.store_open).

Waiting actions first, so whatever gives out half-way, they are in. A file whose header is
gone is read with the header rebuilt; bad pages are searched around, a bounded number of
failed reads per table. A created entry whose outbox row was lost is queued again, marked
uncertain, so mite is asked before it is sent a second time.
"""

from __future__ import annotations

import heapq
import json
import logging
import sqlite3
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from app.core.outbox import WAITING, OutboxKind, OutboxState
from app.core.store import Store, sqlite_code

log = logging.getLogger(__name__)
# Waiting actions first: if anything gives out half-way, they are in.
TABLES = {
    "outbox": ("seq", "kind", "payload", "state", "error", "attempts", "created_at", "sent_at"),
    "id_map": ("local_id", "server_id"),
    "tracker": ("one", "entry_id", "since", "base_minutes"),
    "entries": ("id", "date_at", "json"),
    "catalog": ("resource", "id", "name", "archived", "json"),
    "meta": ("key", "value"),
}
FAILED_READS_PER_TABLE = 2000  # bounds the search around bad pages (each failed read takes microseconds)


def sibling(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def salvage_file(path: Path, target: Store) -> int:
    try:
        source = _reader(Path(path).absolute().as_uri() + "?mode=ro")
    except sqlite3.Error as exc:
        log.info("Cannot read %s as it is (%s): trying with its header rebuilt", path, exc)
        return _salvage_behind_header(path, target)
    try:
        return salvage(source, target)
    finally:
        source.close()


def _reader(uri: str) -> sqlite3.Connection:
    source = sqlite3.connect(uri, uri=True)
    try:
        source.execute("PRAGMA writable_schema=ON")  # reads a truncated file (never written through this)
        source.execute("SELECT count(*) FROM sqlite_schema").fetchone()
    except sqlite3.Error:
        source.close()
        raise
    return source


def _salvage_behind_header(path: Path, target: Store) -> int:
    """The first 100 bytes (the file header) are garbage: read a copy with a header rebuilt.

    The rows behind it are usually intact. The copy goes to a temporary folder with the -wal
    file, so actions committed since the last checkpoint are read as well.
    """
    data = path.read_bytes()
    for page_size in (4096, 1024, 2048, 8192, 16384, 32768, 65536, 512):
        if len(data) < page_size or len(data) % page_size:
            continue
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / "copy.sqlite3"
            try:
                copy.write_bytes(_header(page_size, len(data) // page_size) + data[100:])
                wal = sibling(path, "-wal")
                if wal.exists():
                    sibling(copy, "-wal").write_bytes(wal.read_bytes())
                source = _reader(copy.as_uri())
            except (OSError, sqlite3.Error):
                continue
            try:
                return salvage(source, target)
            finally:
                source.close()
    return 0


def _header(page_size: int, pages: int) -> bytes:
    """A database header as SQLite writes it for our stores (https://sqlite.org/fileformat.html)."""
    def big(value: int, size: int) -> bytes:
        return value.to_bytes(size, "big")
    return (b"SQLite format 3\0" + big(page_size if page_size < 65536 else 1, 2) + bytes([2, 2, 0, 64, 32, 32])
            + big(1, 4) + big(pages, 4) + big(0, 8)       # change counter, size, no freelist
            + big(1, 4) + big(4, 4) + big(0, 8)           # schema cookie and format, cache size, no auto-vacuum
            + big(1, 4) + big(0, 12) + bytes(20)          # UTF-8, user version, vacuum, application id, reserved
            + big(1, 4) + big(sqlite3.sqlite_version_info[0] * 1000000, 4))  # valid for change 1, version


# -- while running ---------------------------------------------------------------

def salvage(source: sqlite3.Connection, target: Store) -> int:
    """Copy every row of `source` that reads cleanly into the empty `target`, in one transaction;
    how many actions now wait to be sent.

    The links of mite's changes are left behind: the next sync loads in full what was lost.
    A local entry whose create action was lost is queued again (as uncertain: mite is asked
    first whether it has it), so it is not left showing but never sent.
    """
    with target.transaction():
        for table, columns in TABLES.items():
            rows = _readable_rows(source, table, columns)
            marks = ", ".join("?" * len(columns))
            for row in rows:
                values = dict(zip(columns, row[1:], strict=True))  # row: rowid, then the columns
                if _usable(table, values):
                    target.db.execute(f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                                      tuple(values.values()))
        _queue_orphans(target)
    return len(target.outbox(*WAITING))


def _readable_rows(source: sqlite3.Connection, table: str, columns: tuple[str, ...]) -> list[tuple[Any, ...]]:
    """The rows that read, by rowid ranges: a bad page costs its own rows, not the rest.

    A range is read upwards until a bad page stops it, then downwards from its top; what lies
    between is halved and tried again, narrowest ranges first: the rows sit near each other
    (small outbox numbers, local ids just below 0), the vast empty stretches of the rowid space
    wait until last and are given up when the budget of failed reads is spent.
    """
    found: dict[int, tuple[Any, ...]] = {}
    ranges = [(0, 0, -2 ** 63, 2 ** 63 - 1)]  # (order of magnitude of the width, distance from 0, low, high)
    failures = 0
    while ranges and failures < FAILED_READS_PER_TABLE:
        _, _, low, high = heapq.heappop(ranges)
        point = low == high
        try:
            low = _scan(source, table, columns, low, high, found, upwards=True)
            continue  # all of it read
        except _Stopped as stop:
            low = stop.at
        except sqlite3.Error:  # no such table or column (an older or foreign file): nothing to read
            break
        failures += 1
        try:
            _scan(source, table, columns, low, high, found, upwards=False)
            continue
        except _Stopped as stop:
            high = stop.at
        failures += 1
        if low == high and not point:
            _push(ranges, low, high)  # the row just before a bad page: looked up alone
        elif low < high:
            middle = low + (high - low) // 2
            _push(ranges, low, middle)
            _push(ranges, middle + 1, high)
    if failures:
        log.info("%s: %d rows read around bad pages (%d reads failed)", table, len(found), failures)
    return [found[rowid] for rowid in sorted(found)]


def _push(ranges: list[tuple[int, int, int, int]], low: int, high: int) -> None:
    near = 0 if low <= 0 <= high else min(abs(low), abs(high))
    heapq.heappush(ranges, ((high - low).bit_length(), near, low, high))


class _Stopped(Exception):
    """A bad page stopped a scan; `at` is the first rowid not read in its direction."""

    def __init__(self, at: int):
        super().__init__(at)
        self.at = at


def _scan(source: sqlite3.Connection, table: str, columns: tuple[str, ...], low: int, high: int,
          found: dict[int, tuple[Any, ...]], *, upwards: bool) -> int:
    """Read [low, high] into `found`, one way; raises _Stopped at a bad page (other errors pass)."""
    select = f"SELECT rowid, {', '.join(columns)} FROM {table} WHERE "
    # One rowid: a lookup. A scan steps on to the next row (perhaps a bad page) before it hands out the last.
    query = select + ("rowid = ? AND rowid = ?" if low == high else
                      f"rowid BETWEEN ? AND ? ORDER BY rowid {'ASC' if upwards else 'DESC'}")
    edge = low if upwards else high
    try:
        for row in source.execute(query, (low, high)):
            found[row[0]] = row
            edge = row[0] + 1 if upwards else row[0] - 1
    except sqlite3.Error as exc:
        if sqlite_code(exc) == sqlite3.SQLITE_ERROR:
            raise
        raise _Stopped(edge) from exc
    return edge


def _usable(table: str, row: dict[str, Any]) -> bool:
    """Rows from a damaged page can hold garbage: keep only what the app can read back."""
    try:
        if table == "outbox":
            payload = json.loads(row["payload"])
            return (isinstance(payload, dict) and isinstance(payload.get("entry_id"), int)
                    and row["state"] in set(OutboxState) and isinstance(row["kind"], str))
        if table in ("entries", "catalog"):
            return isinstance(json.loads(row["json"]), dict)
        if table == "meta":  # without the changes links the next sync loads everything in full
            return not str(row["key"]).startswith("changes:") and row["key"] != "entries_window"
        return all(isinstance(value, (int, str)) for value in row.values())
    except (TypeError, ValueError):
        return False


def _queue_orphans(store: Store) -> None:
    waiting = {item.payload["entry_id"] for item in store.outbox()}
    mapped = {row[0] for row in store.db.execute("SELECT local_id FROM id_map")}
    for entry in store.db.execute("SELECT json FROM entries WHERE id < 0").fetchall():
        entry = json.loads(entry[0])
        if entry.get("id") in waiting or entry.get("id") in mapped:
            continue
        attrs = {key: entry.get(key) for key in ("date_at", "minutes", "note", "project_id", "service_id")}
        seq = store.enqueue(OutboxKind.CREATE, {"entry_id": entry["id"], "attrs": attrs},
                            entry.get("created_at") or datetime.now().astimezone().isoformat())
        store.db.execute("UPDATE outbox SET state = ? WHERE seq = ?", (str(OutboxState.UNCERTAIN), seq))


# -- files -------------------------------------------------------------------------
