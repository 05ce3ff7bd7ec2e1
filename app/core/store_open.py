"""Open the local store whatever state its file is in; heal it when it is damaged or lost.

`open_store(path)` is what the app and the command line use:
- a store that reads cleanly (`PRAGMA quick_check`, a few ms) opens as it is;
- a damaged one ("file is not a database", "malformed", a failed check) is set aside under a
  new name (`account-….sqlite3.damaged-20261203-0912`, with its -wal and -shm) and a new store
  takes its place, holding every row that still reads: the waiting actions first of all. The
  sync links are not carried over, so the next sync loads everything else from mite in full;
- a data dir that cannot be written (read-only, full, not a folder) gives a memory-only store,
  and the caller says that actions are not kept across a restart.
The caller gets one plain message to show the user once (logged here only at INFO: the command
line prints it, the app shows it).

While the app runs, `Store.transaction` notices a file deleted, replaced or truncated under it
and calls `rescue`: what the open connection still holds goes into a new file at the path.
"""

from __future__ import annotations

import errno
import heapq
import json
import logging
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from app.core.outbox import WAITING, OutboxKind, OutboxState
from app.core.store import Store, StoreWriteError, sqlite_code
from app.i18n import translate

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
DAMAGE = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
FAILED_READS_PER_TABLE = 2000  # bounds the search around bad pages (each failed read takes microseconds)


@dataclass
class Opened:
    store: Store
    message: str = ""   # tell the user once ("" = all was well)
    kept: bool = True   # False: a memory-only store, nothing survives a restart
    problem: str = ""   # with kept False: why the data dir cannot be written ("the disk is full")


def open_store(path: Path) -> Opened:
    try:
        store = Store(path)
    except (OSError, sqlite3.Error) as exc:
        if sqlite_code(exc) in DAMAGE:
            return _replace_damaged(path, str(exc))
        return _memory_only(path, exc)
    try:
        problem = _check(store.db)
    except sqlite3.Error as exc:  # locked by another process, a disk error: not damage, do not move it
        store.close()
        return _memory_only(path, exc)
    if problem:
        store.close()
        log.info("The quick check of %s found: %s", path, problem)
        return _replace_damaged(path, translate("Store", "damaged pages"))
    return _healing(Opened(store))


def _healing(opened: Opened) -> Opened:
    """From now on a write into a file that vanished or shrank rescues the store (see `rescue`)."""
    store = opened.store
    store.heal = lambda why: rescue(store, why)
    return opened


def _check(db: sqlite3.Connection) -> str:
    """"" when SQLite finds nothing wrong, else what it found."""
    try:
        found = [row[0] for row in db.execute("PRAGMA quick_check")]
    except sqlite3.Error as exc:
        if sqlite_code(exc) in DAMAGE:
            return str(exc)
        raise
    return "" if found == ["ok"] else "; ".join(found[:3])


# -- at start ----------------------------------------------------------------------

def _replace_damaged(path: Path, reason: str) -> Opened:
    """Salvage into a file beside it, then swap: a failure half-way leaves the damaged file in place."""
    log.info("The store %s is damaged (%s): salvaging it", path, reason)
    fresh = _sibling(path, ".salvage")
    try:
        _remove(fresh)
        store = Store(fresh)
        try:
            waiting = _salvage_file(path, store)
        finally:
            store.close()
        aside = _set_aside(path)
        os.replace(fresh, path)
        store = Store(path)
    except (OSError, sqlite3.Error, StoreWriteError) as exc:
        _remove(fresh)
        return _memory_only(path, exc)
    message = translate("Store", "The local store was damaged ({reason}). mite-tray kept it as {file} and started a "
                                 "new one. Saved into it, waiting to be sent to mite: {count}. Everything else is "
                                 "loaded again from mite.").format(reason=reason, file=aside, count=waiting)
    log.info("%s", message)
    return _healing(Opened(store, message))


def _memory_only(path: Path, exc: BaseException) -> Opened:
    code = sqlite_code(exc)
    if code == sqlite3.SQLITE_FULL or getattr(exc, "errno", None) == errno.ENOSPC:
        reason = translate("Store", "the disk is full")
    elif isinstance(exc, OSError):
        reason = exc.strerror or str(exc)
    else:
        reason = str(exc)
    message = translate("Store", "mite-tray cannot save to {folder} ({reason}). It runs on without saving: actions "
                                 "are sent to mite while it runs, but are not kept across a restart. Free some space "
                                 "or fix the folder, then restart mite-tray.").format(folder=path.parent, reason=reason)
    if path.is_file():
        message += " " + translate("Store", "Actions saved earlier stay in {file} and are sent once it can be opened "
                                            "again.").format(file=path)
    log.info("%s", message)
    return Opened(Store(":memory:"), message, kept=False, problem=reason)


def _salvage_file(path: Path, target: Store) -> int:
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
                wal = _sibling(path, "-wal")
                if wal.exists():
                    _sibling(copy, "-wal").write_bytes(wal.read_bytes())
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

def rescue(store: Store, problem: str) -> None:
    """The file was deleted, replaced or truncated under the running app: never acknowledge into it.

    The open connection still reads everything of a deleted file, and of a truncated one what
    the WAL and its cache hold: that goes into a new file at the path; what is at the path is
    kept aside. Raises StoreWriteError (the action is refused) when that is not possible.
    """
    path = store.path
    assert path is not None
    fresh = _sibling(path, ".rescue")
    try:
        _remove(fresh)
        copy = sqlite3.connect(fresh)
        try:
            store.db.backup(copy)  # the fast, complete way: every page the connection can read
            intact = not _check(copy)
        finally:
            copy.close()
        if intact:
            copied = Store(fresh)
            waiting = len(copied.outbox(*WAITING))
            copied.close()
        else:  # pages lost with the truncated part: row by row, what still reads
            _remove(fresh)
            target = Store(fresh)
            try:
                waiting = salvage(store.db, target)
            finally:
                target.close()
        aside = _set_aside(path)  # before closing: closing removes "<path>-wal" by name
        try:
            store.db.close()
        except sqlite3.Error:
            pass
        os.replace(fresh, path)
        store.reconnect()
    except (OSError, sqlite3.Error, StoreWriteError) as exc:
        log.info("Could not rescue the store %s (%s): %s", path, problem, exc)
        _remove(fresh)
        raise StoreWriteError(translate("Store", "The local store was deleted or changed while mite-tray ran, and a "
                                                 "new one could not be made, so this was not saved. Restart "
                                                 "mite-tray.")) from exc
    kept = (translate("Store", " The file found there was kept as {file}.").format(file=aside)
            if aside and aside.exists() else "")  # not when only the lost file's own -wal and -shm were left
    store.tell(translate("Store", "The local store was deleted or changed while mite-tray ran. mite-tray saved what it "
                                  "still held into a new one (waiting to be sent to mite: {count}).")
               .format(count=waiting) + kept)


# -- salvage -----------------------------------------------------------------------

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

def _sibling(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _remove(path: Path) -> None:
    """Best effort: a half-made copy of ours (whatever fails here fails again, clearly, when it is made)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            _sibling(path, suffix).unlink(missing_ok=True)
        except OSError:
            pass


def _set_aside(path: Path) -> Path | None:
    """Rename the store and its -wal and -shm to `<name>.damaged-<when>`; None when nothing was there."""
    present = [suffix for suffix in ("", "-wal", "-shm") if _sibling(path, suffix).exists()]
    if not present:
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M")
    aside, number = _sibling(path, f".damaged-{stamp}"), 1
    while any(_sibling(aside, suffix).exists() for suffix in ("", "-wal", "-shm")):
        number += 1
        aside = _sibling(path, f".damaged-{stamp}-{number}")
    for suffix in present:
        os.replace(_sibling(path, suffix), _sibling(aside, suffix))
    return aside
