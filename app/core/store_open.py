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

Rows are copied by app.core.salvage. While the app runs, `Store.transaction` notices a file
deleted, replaced or truncated under it and calls `rescue`: what the open connection still
holds goes into a new file at the path.
"""

from __future__ import annotations

import errno
import logging
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.core.outbox import WAITING
from app.core.salvage import salvage, salvage_file, sibling
from app.core.store import Store, StoreWriteError, sqlite_code
from app.i18n import translate

log = logging.getLogger(__name__)
DAMAGE = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


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
    fresh = sibling(path, ".salvage")
    try:
        _remove(fresh)
        store = Store(fresh)
        try:
            waiting = salvage_file(path, store)
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


def rescue(store: Store, problem: str) -> None:
    """The file was deleted, replaced or truncated under the running app: never acknowledge into it.

    The open connection still reads everything of a deleted file, and of a truncated one what
    the WAL and its cache hold: that goes into a new file at the path; what is at the path is
    kept aside. Raises StoreWriteError (the action is refused) when that is not possible.
    """
    path = store.path
    assert path is not None
    fresh = sibling(path, ".rescue")
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


# -- files -------------------------------------------------------------------------

def _remove(path: Path) -> None:
    """Best effort: a half-made copy of ours (whatever fails here fails again, clearly, when it is made)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            sibling(path, suffix).unlink(missing_ok=True)
        except OSError:
            pass


def _set_aside(path: Path) -> Path | None:
    """Rename the store and its -wal and -shm to `<name>.damaged-<when>`; None when nothing was there."""
    present = [suffix for suffix in ("", "-wal", "-shm") if sibling(path, suffix).exists()]
    if not present:
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M")
    aside, number = sibling(path, f".damaged-{stamp}"), 1
    while any(sibling(aside, suffix).exists() for suffix in ("", "-wal", "-shm")):
        number += 1
        aside = sibling(path, f".damaged-{stamp}-{number}")
    for suffix in present:
        os.replace(sibling(path, suffix), sibling(aside, suffix))
    return aside
