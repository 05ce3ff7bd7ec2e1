"""What the store's readers ask of its entries without decoding them (issue 17): a revision and an index.

Entries keep mite's JSON shape (core.store). Decoding them costs: the week's 15,000 entries took
a third of a second, and every poll and action did it. So SQLite itself keeps, by triggers on the
entries and the timer (whoever writes them: this app, the command line, a salvage):
- `revision`: a number that grows with every write of an entry or the timer. A reader that saw
  the same number saw the same entries and timer (core.journal's snapshot keeps its picture then);
- `entry_index`: each entry's day, minutes, project, service and customer, and the revision it was
  last written at: a day's entries and their revisions, a week's minutes and the entries naming a
  project are read from small indexed rows, not from the JSON.

The entries table itself is unchanged. The triggers are TEMP ones, made by every connection the app opens
(core.store.Store: the app, the command line, a salvage's new store), not kept in the file: kept, their
2.8 KB of SQL pushed the schema off the file's first page, and a damaged page of it then made the whole
store unreadable, so a salvage saved no waiting action (tests/integration/test_store_recovery, pages={358}).
A store that predates the index gets it filled once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

CHUNK = 500  # ids per query (SQLite bounds the parameters of one statement)
NAMES = ("project_id", "service_id", "customer_id")  # the records an entry names (core.sync carries their names)

_TABLES = """
CREATE TABLE IF NOT EXISTS revision (
    one INTEGER PRIMARY KEY CHECK (one = 1), n INTEGER NOT NULL, pruned INTEGER NOT NULL DEFAULT 0);
INSERT OR IGNORE INTO revision VALUES (1, 0, 0);
CREATE TABLE IF NOT EXISTS entry_index (
    id INTEGER PRIMARY KEY, date_at TEXT, minutes INTEGER, project_id INTEGER, service_id INTEGER,
    customer_id INTEGER, rev INTEGER);
CREATE INDEX IF NOT EXISTS entry_index_by_date ON entry_index (date_at, rev);
CREATE INDEX IF NOT EXISTS entry_index_by_rev ON entry_index (rev);
CREATE INDEX IF NOT EXISTS entry_index_by_project ON entry_index (project_id);
CREATE INDEX IF NOT EXISTS entry_index_by_service ON entry_index (service_id);
CREATE INDEX IF NOT EXISTS entry_index_by_customer ON entry_index (customer_id);
CREATE TABLE IF NOT EXISTS days (
    date_at TEXT PRIMARY KEY, minutes INTEGER NOT NULL, count INTEGER NOT NULL, rev INTEGER NOT NULL);
"""
# An entry's fields as the index holds them; JSON that does not read (a damaged row) is indexed without them.
_FIELDS = ", ".join(f"CASE WHEN json_valid({{row}}.json) THEN json_extract({{row}}.json, '$.{name}') END"
                    for name in ("minutes", *NAMES))
_N = "(SELECT n FROM revision)"
_BUMP = "UPDATE revision SET n = n + 1;"
# The entry leaves its day as the index has it (an INSERT OR REPLACE fires no delete trigger: the index still
# holds the replaced row), then joins its day as written. A removed entry leaves a tombstone (no day) with the
# revision of its removal, so a reader learns of it by the revisions alone.
_LEAVE = ("UPDATE days SET minutes = minutes - COALESCE((SELECT minutes FROM entry_index WHERE id = {id}), 0), "
          "count = count - 1, rev = " + _N + " WHERE date_at = (SELECT date_at FROM entry_index WHERE id = {id});")
_JOIN = (f"INSERT OR REPLACE INTO entry_index VALUES (NEW.id, NEW.date_at, {_FIELDS.format(row='NEW')}, {_N}); "
         f"INSERT INTO days VALUES (NEW.date_at, COALESCE((SELECT minutes FROM entry_index WHERE id = NEW.id), 0), 1, "
         f"{_N}) ON CONFLICT (date_at) DO UPDATE SET minutes = minutes + excluded.minutes, count = count + 1, "
         "rev = excluded.rev;")
_GONE = ("UPDATE entry_index SET date_at = NULL, minutes = NULL, project_id = NULL, service_id = NULL, "
         f"customer_id = NULL, rev = {_N} WHERE id = OLD.id;")
_TRIGGERS = [
    f"CREATE TEMP TRIGGER IF NOT EXISTS entry_added AFTER INSERT ON entries BEGIN {_BUMP} {_LEAVE.format(id='NEW.id')} "
    f"{_JOIN} END",
    f"CREATE TEMP TRIGGER IF NOT EXISTS entry_changed AFTER UPDATE ON entries BEGIN {_BUMP} {_LEAVE.format(id='OLD.id')} "
    f"{_GONE} {_JOIN} END",
    f"CREATE TEMP TRIGGER IF NOT EXISTS entry_removed AFTER DELETE ON entries BEGIN {_BUMP} {_LEAVE.format(id='OLD.id')} "
    f"{_GONE} END",
    *(f"CREATE TEMP TRIGGER IF NOT EXISTS tracker_{event.lower()} AFTER {event} ON tracker BEGIN {_BUMP} END"
      for event in ("INSERT", "UPDATE", "DELETE")),
]


def install(db: sqlite3.Connection) -> None:
    """Create the revision and the index if the store lacks them and fill them once; drop the tombstones of
    entries removed before (a reader that knew an older revision then reads all again); then this connection's
    triggers."""
    if db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'days'").fetchone()[0]:
        kept = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")]
        if kept or db.execute("SELECT 1 FROM entry_index WHERE date_at IS NULL LIMIT 1").fetchone():
            with _immediate(db):
                for name in kept:  # kept in the file by a development build: the schema belongs on one page
                    db.execute(f'DROP TRIGGER IF EXISTS main."{name}"')
                db.execute("DELETE FROM entry_index WHERE date_at IS NULL")
                db.execute("UPDATE revision SET pruned = n")
    else:
        with _immediate(db):
            for statement in _TABLES.split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute("DELETE FROM entry_index")
            db.execute(f"INSERT INTO entry_index SELECT e.id, e.date_at, {_FIELDS.format(row='e')}, 0 "
                       "FROM entries AS e")
            db.execute("DELETE FROM days")
            db.execute("INSERT INTO days SELECT date_at, total(minutes), count(*), 0 FROM entry_index GROUP BY date_at")
    for trigger in _TRIGGERS:
        db.execute(trigger)


@contextmanager
def _immediate(db: sqlite3.Connection) -> Iterator[None]:
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def revision(db: sqlite3.Connection) -> tuple[int, int]:
    """(the revision, which grows with every write of an entry or the timer by anyone; the revision up to
    which tombstones were dropped: a reader that last knew an older one must read all again)."""
    row = db.execute("SELECT n, pruned FROM revision").fetchone()
    return (int(row[0]), int(row[1])) if row else (0, 0)


def day_revisions(db: sqlite3.Connection, day: str) -> dict[int, int]:
    """The entries of `day` (ISO): id -> the revision each was last written at. Read from the index alone."""
    return dict(db.execute("SELECT id, rev FROM entry_index WHERE date_at = ?", (day,)).fetchall())


def changed_since(db: sqlite3.Connection, rev: int) -> list[tuple[int, str | None, int]]:
    """(id, day or None when removed, revision) of the entries written or removed after revision `rev`."""
    return db.execute("SELECT id, date_at, rev FROM entry_index WHERE rev > ?", (rev,)).fetchall()


def days(db: sqlite3.Connection, first: str, last: str) -> list[tuple[str, int, int, int]]:
    """(day, stored minutes, entries, the revision it last changed at) of the days `first`..`last` with entries."""
    return db.execute("SELECT date_at, minutes, count, rev FROM days WHERE date_at BETWEEN ? AND ? AND count > 0",
                      (first, last)).fetchall()


def indexed(db: sqlite3.Connection, entry_id: int) -> tuple[str, int] | None:
    """(day, stored minutes) of one entry, None when the store does not hold it."""
    row = db.execute("SELECT date_at, minutes FROM entry_index WHERE id = ? AND date_at IS NOT NULL",
                     (entry_id,)).fetchone()
    return (row[0], int(row[1] or 0)) if row else None


def entries_naming(db: sqlite3.Connection, key: str, ids: list[int]) -> list[str]:
    """The JSON of the entries whose `key` (project_id, service_id, customer_id) is one of `ids`."""
    if key not in NAMES:
        raise ValueError(key)
    found: list[str] = []
    for start in range(0, len(ids), CHUNK):  # a full load names every record: SQLite bounds the parameters
        chunk = ids[start:start + CHUNK]
        found += [row[0] for row in db.execute(
            "SELECT e.json FROM entry_index AS i JOIN entries AS e ON e.id = i.id "
            f"WHERE i.{key} IN ({','.join('?' * len(chunk))})", chunk)]
    return found


def rows(db: sqlite3.Connection, ids: list[int]) -> list[Any]:
    """(id, json) of the entries `ids`."""
    found: list[Any] = []
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        found += db.execute(f"SELECT id, json FROM entries WHERE id IN ({','.join('?' * len(chunk))})", chunk).fetchall()
    return found
