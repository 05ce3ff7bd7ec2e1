"""The local store: catalog, the user's recent entries, the timer and the outbox, in SQLite.

One file per account in the platformdirs data dir. WAL with synchronous=FULL:
a committed action survives kill -9 and power loss. Entries keep mite's JSON
shape so the same typed records read them; entries created locally and not yet
sent carry negative ids until mite assigns one (see `id_map`).

A write that fails (disk full, read-only, damaged) raises StoreWriteError: the action
was not saved and the user is told so. Opening, salvaging a damaged file and rescuing
one that vanished under the running app live in `store_open`.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from collections.abc import Callable, Iterator
from typing import Any

from app.core import store_index
from app.core.messages import ActionFailed
from app.core.outbox import OutboxItem, OutboxKind, OutboxState, kind_of
from app.core.settings import data_dir as data_dir, path_for as path_for  # where they were named before
from app.core.tracking import elapsed_minutes
from app.i18n import translate

# When an entry was last changed, as an index can hold it (a damaged row's JSON: none). Continue's entry is
# the newest day's entry changed last (core.journal.last_entry): found by the index below, where reading the
# JSON of the day's entries cost an action 1.8x the CPU with 15,000 entries this week (scripts/bench).
# It leads with the day, so it serves every look-up by day too: the index on the day alone went.
UPDATED_AT = "CASE WHEN json_valid(json) THEN json_extract(json, '$.updated_at') END"
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS catalog (
    resource TEXT, id INTEGER, name TEXT, archived INTEGER, json TEXT, PRIMARY KEY (resource, id));
CREATE TABLE IF NOT EXISTS entries (id INTEGER PRIMARY KEY, date_at TEXT, json TEXT);
CREATE INDEX IF NOT EXISTS entries_latest ON entries (date_at, {UPDATED_AT}, id);
DROP INDEX IF EXISTS entries_by_date;
CREATE TABLE IF NOT EXISTS tracker (
    one INTEGER PRIMARY KEY CHECK (one = 1), entry_id INTEGER, since TEXT, base_minutes INTEGER);
CREATE TABLE IF NOT EXISTS outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT, payload TEXT, state TEXT DEFAULT 'pending',
    error TEXT DEFAULT '', attempts INTEGER DEFAULT 0, created_at TEXT, sent_at TEXT DEFAULT '');
CREATE TABLE IF NOT EXISTS id_map (local_id INTEGER PRIMARY KEY, server_id INTEGER UNIQUE);
"""
CATALOG = ("customers", "projects", "services")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Tracker:
    """The timer as the store keeps it: which entry runs, since when, and the minutes it held then."""

    entry_id: int  # negative while mite has not created the entry yet
    since: datetime
    base_minutes: int

    def minutes_at(self, now: datetime) -> int:
        """The entry's minutes at `now`: what it held when started plus whole minutes since (never fewer)."""
        return self.base_minutes + elapsed_minutes(self.since, now)


class StoreWriteError(ActionFailed):
    """The store could not save an action (disk full, read-only, damaged): it was NOT saved."""


def sqlite_code(exc: BaseException) -> int:
    """SQLite's primary result code of `exc` (extended codes add high bits); 0 for other errors."""
    return getattr(exc, "sqlite_errorcode", 0) & 0xFF


def write_error(exc: sqlite3.Error) -> StoreWriteError:
    code = sqlite_code(exc)
    if code == sqlite3.SQLITE_FULL:
        return StoreWriteError(translate("Store", "The disk is full, so this was not saved. Free some space and try again."))
    if code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_CANTOPEN):
        return StoreWriteError(translate("Store", "mite-tray may not write to its data folder, so this was not saved. "
                                                  "Check the folder's permissions and try again."))
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return StoreWriteError(translate("Store", "The local store is damaged, so this was not saved. Restart "
                                                  "mite-tray: it sets the damaged file aside and keeps what it can."))
    if code == sqlite3.SQLITE_IOERR:
        return StoreWriteError(translate("Store", "The disk reported an error, so this was not saved. Try again; if it "
                                                  "keeps failing, check the disk."))
    return StoreWriteError(translate("Store", "This was not saved: the local store reported “{reason}”. Try again.")
                           .format(reason=exc))


class Store:
    def __init__(self, path: str | Path):
        self.path = None if str(path) == ":memory:" else Path(path)
        if self.path:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = self._connect()
        self._depth = 0
        # Set by store_open.open_store: rescue a file that vanished or shrank (else such a write is refused),
        # and tell the user about it.
        self.heal: Callable[[str], None] | None = None
        self.tell: Callable[[str], None] = lambda message: log.warning("%s", message)
        self._remember_file()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(str(self.path or ":memory:"), isolation_level=None, check_same_thread=False)
        try:
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")  # a commit is on the disk before the action is acknowledged
            db.execute("PRAGMA cache_size=-256")  # 256 KiB, not 2 MiB: the OS caches the file anyway
            db.executescript(SCHEMA)
            store_index.install(db)  # the entries' revision and index, kept by SQLite (core.store_index)
        except BaseException:
            db.close()
            raise
        return db

    def reconnect(self) -> None:
        """Open the file at the path again (after store_open replaced it)."""
        self.db = self._connect()
        self._remember_file()

    def close(self) -> None:
        self.db.close()

    # -- the file under a running app -------------------------------------------------

    def _remember_file(self) -> None:
        self._file: tuple[int, int] | None = None
        self._size = 0
        if self.path:
            stat = os.stat(self.path)
            self._file, self._size = (stat.st_dev, stat.st_ino), stat.st_size

    def _grown(self) -> None:
        """A commit may checkpoint into the main file: remember how big it now is."""
        if self.path:
            try:
                self._size = max(self._size, os.stat(self.path).st_size)
            except OSError:
                pass  # noticed at the next write

    def file_problem(self) -> str:
        """Why the file at the path is no longer the one this connection writes to ("" = it is).

        For a store deleted, replaced or truncated while the app runs (a cleaner, a sync tool,
        a user): SQLite would go on committing into the unlinked or damaged file and the next
        start would lose every action acknowledged meanwhile. One stat before and one after
        each write transaction. The main file never shrinks: WAL mode without auto_vacuum only
        grows it (at checkpoints, which run inside a commit).
        """
        if self._file is None:
            return ""
        try:
            stat = os.stat(self.path)  # type: ignore[arg-type]
        except OSError:  # gone, or its folder is
            return "vanished"
        if (stat.st_dev, stat.st_ino) != self._file:
            return "replaced"
        if stat.st_size < self._size:
            return "shrank"
        self._size = stat.st_size
        return ""

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing; nested calls join the outer transaction. Raises StoreWriteError when not saved."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        problem = self.file_problem()
        if problem:
            if self.heal is None:
                raise StoreWriteError(translate("Store", "The local store was deleted or changed while mite-tray ran, "
                                                         "so this was not saved. Restart mite-tray."))
            self.heal(problem)  # a new store at the path, or StoreWriteError
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise write_error(exc) from exc
        self._depth = 1
        try:
            yield
            self.db.execute("COMMIT")
            self._grown()
        except sqlite3.Error as exc:
            self._rollback()
            raise write_error(exc) from exc
        except BaseException:
            self._rollback()
            raise
        finally:
            self._depth = 0

    def _rollback(self) -> None:
        if self.db.in_transaction:  # SQLite rolls back by itself after some errors (a full disk)
            try:
                self.db.execute("ROLLBACK")
            except sqlite3.Error as exc:
                log.warning("Rollback failed: %s", exc)

    # -- meta ------------------------------------------------------------------

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str | None) -> None:
        if value is None:
            self.db.execute("DELETE FROM meta WHERE key = ?", (key,))
        else:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # -- catalog -----------------------------------------------------------------

    def replace_catalog(self, resource: str, records: list[dict[str, Any]]) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM catalog WHERE resource = ?", (resource,))
            for record in records:
                self.put_record(resource, record)

    def put_record(self, resource: str, record: dict[str, Any]) -> None:
        self.db.execute("INSERT OR REPLACE INTO catalog VALUES (?, ?, ?, ?, ?)",
                        (resource, record["id"], record.get("name", ""), int(bool(record.get("archived"))),
                         json.dumps(record)))

    def delete_record(self, resource: str, record_id: int) -> None:
        self.db.execute("DELETE FROM catalog WHERE resource = ? AND id = ?", (resource, record_id))

    def records(self, resource: str, *, archived: bool | None = False) -> list[dict[str, Any]]:
        query = "SELECT json FROM catalog WHERE resource = ?"
        args: list[Any] = [resource]
        if archived is not None:
            query += " AND archived = ?"
            args.append(int(archived))
        rows = self.db.execute(query + " ORDER BY name COLLATE NOCASE, id", args)
        return [json.loads(r[0]) for r in rows]

    def record(self, resource: str, record_id: int | None) -> dict[str, Any] | None:
        if record_id is None:
            return None
        row = self.db.execute("SELECT json FROM catalog WHERE resource = ? AND id = ?",
                              (resource, record_id)).fetchone()
        return json.loads(row[0]) if row else None

    # -- entries -----------------------------------------------------------------

    def put_entry(self, entry: dict[str, Any]) -> None:
        entry = {k: v for k, v in entry.items() if k != "tracking"}
        self.db.execute("INSERT OR REPLACE INTO entries VALUES (?, ?, ?)",
                        (entry["id"], entry["date_at"], json.dumps(entry)))

    def entry(self, entry_id: int) -> dict[str, Any] | None:
        row = self.db.execute("SELECT json FROM entries WHERE id = ?", (entry_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def delete_entry(self, entry_id: int) -> None:
        self.db.execute("DELETE FROM entries WHERE id = ?", (entry_id,))

    def entries_between(self, first: str, last: str) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT json FROM entries WHERE date_at BETWEEN ? AND ? ORDER BY id DESC",
                               (first, last))
        return [json.loads(r[0]) for r in rows]

    def revision(self) -> int:
        """Grows with every write of an entry or the timer (core.store_index): the same number, the same entries."""
        return store_index.revision(self.db)[0]

    def next_local_id(self) -> int:
        """A negative id never handed out before, not even for an entry deleted since.

        Reusing the id of a local entry deleted before it was sent let that entry's queued
        create map the id to its server entry, and the new entry's timer followed it
        (found by tests/faults/test_fault_sessions.py, seed 34). Call inside a transaction.
        """
        # The outbox and id_map hold ids of deleted entries too (stores older than the counter).
        lowest = self.db.execute(
            "SELECT MIN(id) FROM (SELECT MIN(id) AS id FROM entries UNION ALL SELECT MIN(local_id) FROM id_map"
            " UNION ALL SELECT MIN(json_extract(payload, '$.entry_id')) FROM outbox"
            " UNION ALL SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'last_local_id')").fetchone()[0]
        local_id = min(-1, (lowest or 0) - 1)
        self.set_meta("last_local_id", str(local_id))
        return local_id

    # -- tracker -----------------------------------------------------------------

    def tracker(self) -> Tracker | None:
        row = self.db.execute("SELECT entry_id, since, base_minutes FROM tracker").fetchone()
        return Tracker(row[0], datetime.fromisoformat(row[1]), row[2]) if row else None

    def set_tracker(self, tracker: Tracker | None) -> None:
        self.db.execute("DELETE FROM tracker")
        if tracker is not None:
            self.db.execute("INSERT INTO tracker VALUES (1, ?, ?, ?)",
                            (tracker.entry_id, tracker.since.isoformat(), tracker.base_minutes))

    # -- outbox and ids ------------------------------------------------------------

    def enqueue(self, kind: OutboxKind, payload: dict[str, Any], created_at: str) -> int:
        cursor = self.db.execute("INSERT INTO outbox (kind, payload, created_at) VALUES (?, ?, ?)",
                                 (str(kind), json.dumps(payload), created_at))
        return int(cursor.lastrowid or 0)

    def outbox(self, *states: OutboxState) -> list[OutboxItem]:
        wanted = [str(state) for state in states or OutboxState]
        marks = ",".join("?" * len(wanted))
        rows = self.db.execute(f"SELECT * FROM outbox WHERE state IN ({marks}) ORDER BY seq", wanted)
        return [OutboxItem(r["seq"], kind_of(r["kind"]), json.loads(r["payload"]), OutboxState(r["state"]),
                           r["error"], r["attempts"], r["created_at"], r["sent_at"]) for r in rows]

    def last_seq(self) -> int:
        """The newest outbox row's number (0 when empty); read without decoding any payload."""
        return int(self.db.execute("SELECT COALESCE(MAX(seq), 0) FROM outbox").fetchone()[0])

    def seqs_after(self, seq: int) -> list[int]:
        """The numbers of the outbox rows added after row `seq`, in order."""
        return [r[0] for r in self.db.execute("SELECT seq FROM outbox WHERE seq > ? ORDER BY seq", (seq,))]

    def set_state(self, seq: int, state: OutboxState, error: str = "") -> None:
        self.db.execute("UPDATE outbox SET state = ?, error = ?, attempts = attempts + ? WHERE seq = ?",
                        (str(state), error, 1 if state != OutboxState.PENDING else 0, seq))

    def mark_sent(self, seq: int, sent_at: str, payload: dict[str, Any]) -> None:
        self.db.execute("UPDATE outbox SET state = ?, sent_at = ?, payload = ? WHERE seq = ?",
                        (str(OutboxState.UNCERTAIN), sent_at, json.dumps(payload), seq))

    def remove(self, seq: int) -> None:
        self.db.execute("DELETE FROM outbox WHERE seq = ?", (seq,))

    def map_id(self, local_id: int, server_id: int) -> None:
        self.db.execute("INSERT OR REPLACE INTO id_map VALUES (?, ?)", (local_id, server_id))

    def server_id(self, entry_id: int) -> int | None:
        if entry_id > 0:
            return entry_id
        row = self.db.execute("SELECT server_id FROM id_map WHERE local_id = ?", (entry_id,)).fetchone()
        return row[0] if row else None

    def current_id(self, entry_id: int) -> int:
        """The id the entry is stored under now: mite's once its create was sent, else the local one."""
        return self.server_id(entry_id) or entry_id

    def mapped_server_ids(self) -> set[int]:
        return {r[0] for r in self.db.execute("SELECT server_id FROM id_map")}
