"""The store itself: durable commits, failed writes as messages, a file lost under it."""

import os
import sqlite3

import pytest
from hypothesis import given, settings, strategies as st

from app.core.messages import ActionFailed
from app.core.store import Store, StoreWriteError, write_error


@pytest.fixture
def store(tmp_path):
    store = Store(tmp_path / "store.sqlite3")
    yield store
    store.close()


def test_a_commit_is_durable_before_it_is_acknowledged(store):
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # The shrink check relies on this: without auto_vacuum the main file never gets smaller.
    assert store.db.execute("PRAGMA auto_vacuum").fetchone()[0] == 0


def test_a_failed_write_is_an_action_failed_with_a_message_and_leaves_nothing(store):
    store.enqueue("create", {"entry_id": -1}, "2026-12-03")
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreWriteError) as failed:
        with store.transaction():
            store.put_entry({"id": -2, "date_at": "2026-12-03", "note": "half"})
            for number in range(500):
                store.enqueue("create", {"entry_id": -3 - number, "note": "x" * 500}, "2026-12-03")
    assert isinstance(failed.value, ActionFailed)
    assert failed.value.message == "The disk is full, so this was not saved. Free some space and try again."
    assert store.entry(-2) is None and len(store.outbox()) == 1
    with store.transaction():  # the store goes on
        store.set_meta("after", "yes")
    assert store.get_meta("after") == "yes"


@settings(max_examples=60, deadline=None)
@given(code=st.integers(min_value=0, max_value=2 ** 16), text=st.text())
def test_every_sqlite_error_becomes_a_message_a_person_can_read(code, text):
    error = sqlite3.OperationalError(text)
    error.sqlite_errorcode = code
    message = write_error(error).message
    assert message and "not saved" in message and "Traceback" not in message


def test_other_errors_in_a_transaction_roll_back_and_pass_through(store):
    with pytest.raises(KeyError):
        with store.transaction():
            store.set_meta("half", "done")
            raise KeyError("a bug")
    assert store.get_meta("half") is None


@pytest.mark.parametrize("damage", ["unlink", "replace", "truncate"])
def test_without_healing_a_write_into_a_lost_file_is_refused(tmp_path, damage):
    path = tmp_path / "store.sqlite3"
    store = Store(path)
    for number in range(50):
        with store.transaction():
            store.enqueue("create", {"entry_id": -1 - number, "note": "x" * 200}, "2026-12-03")
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with store.transaction():  # the size at the last commit counts (commits run the checkpoints)
        store.set_meta("checkpointed", "yes")
    if damage == "unlink":
        os.unlink(path)
    elif damage == "replace":
        os.replace(Store(tmp_path / "other.sqlite3").path, path)
    else:
        os.truncate(path, path.stat().st_size // 2)
    with pytest.raises(StoreWriteError) as refused:
        with store.transaction():
            store.set_meta("lost", "yes")
    assert "deleted or changed while mite-tray ran" in refused.value.message
    store.close()


def test_a_memory_store_needs_no_file(tmp_path):
    store = Store(":memory:")
    with store.transaction():
        store.set_meta("k", "v")
    assert store.get_meta("k") == "v" and store.path is None


def test_outbox_rows_an_older_version_wrote_read_as_kinds_and_states_and_keep_their_strings(store):
    """The outbox's StrEnums name the strings SQLite has always held: an existing store reads unchanged,
    and what this version writes is the same text an older version reads."""
    from app.core.outbox import OutboxKind, OutboxState
    rows = [("create", "pending"), ("start", "uncertain"), ("stop", "failed"), ("update", "pending"),
            ("delete", "pending"), ("rename", "pending")]  # the last: a kind no version wrote (damaged)
    for seq, (kind, state) in enumerate(rows, 1):
        store.db.execute("INSERT INTO outbox (seq, kind, payload, state, created_at) VALUES (?, ?, ?, ?, ?)",
                         (seq, kind, f'{{"entry_id": -{seq}}}', state, "2026-12-03T10:00:00+01:00"))
    items = store.outbox()
    assert [(item.kind, item.state) for item in items] == rows
    assert [type(item.kind) for item in items] == [OutboxKind] * 5 + [str]
    assert all(type(item.state) is OutboxState for item in items)
    assert [item.seq for item in store.outbox(OutboxState.FAILED)] == [3]
    with store.transaction():
        store.enqueue(OutboxKind.STOP, {"entry_id": -9}, "2026-12-03T11:00:00+01:00")
        store.set_state(1, OutboxState.FAILED, "refused")
        store.mark_sent(4, "2026-12-03T11:00:00+01:00", {"entry_id": -4})
    raw = store.db.execute("SELECT kind, state FROM outbox ORDER BY seq").fetchall()
    assert [tuple(row) for row in raw] == [("create", "failed"), ("start", "uncertain"), ("stop", "failed"),
                                           ("update", "uncertain"), ("delete", "pending"), ("rename", "pending"),
                                           ("stop", "pending")]
    assert all(type(value) is str for row in raw for value in row)


def test_the_timer_is_a_named_record_and_reads_back_what_was_stored(store):
    from datetime import datetime, timedelta

    from app.core.store import Tracker
    since = datetime.fromisoformat("2026-12-03T09:58:30+01:00")
    with store.transaction():
        store.set_tracker(Tracker(-4, since, 15))
    assert store.db.execute("SELECT entry_id, since, base_minutes FROM tracker").fetchone()[:] == (
        -4, "2026-12-03T09:58:30+01:00", 15)  # the text an older version wrote and reads
    tracker = store.tracker()
    assert tracker == Tracker(-4, since, 15)
    assert tracker.minutes_at(since + timedelta(minutes=2, seconds=59)) == 17  # whole minutes only
    assert tracker.minutes_at(since - timedelta(hours=1)) == 15  # a clock set back never counts down
