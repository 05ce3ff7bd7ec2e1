"""This week as the snapshot shows it (core.journal), read for what changed, not for the week's size.

Every poll and every action builds a snapshot. Decoding the week's entries each time cost a third
of a second with 15,000 of them (issue 17). Now, by the store's revision and its entry index
(core.store_index):
- nothing written since the last reading (an idle poll): the same picture, nothing read;
- else today's entries are listed by id and revision and only those written since are decoded;
  the minutes of the week's other days are summed by SQLite from the index; the newest entry
  before today (what Continue continues when today has none) is one row;
- the week before today (the palette's recent entries) is read only when asked, newest first
  and bounded (RECENT), once per revision.
"""

from __future__ import annotations

import bisect
import json
import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta

from app.api.models import TimeEntry
from app.core import store_index
from app.core.store import Store

RECENT = 200  # entries of this week before today that the palette ranks by (it looks at the newest 200)


@dataclass(frozen=True)
class Picture:
    """This week's stored entries as a snapshot needs them; the running entry is the caller's."""

    today: list[TimeEntry]    # today's, newest first, as stored
    other_minutes: int        # the stored minutes of this week's other days, the running entry left out
    before_mark: tuple[int, int]  # the newest revision and the number of this week's entries before today


def _order(entry: TimeEntry) -> tuple[str, int]:
    """Today's list shows the newest first, sent or not (a local id is negative)."""
    return entry.created_at, abs(entry.id)


class WeekReader:
    def __init__(self, store: Store):
        self.store = store
        self._db: sqlite3.Connection | None = None  # the connection the decoded entries were read through
        self._day = ""
        self._seen = -1  # the store's revision today's entries were read at
        self._decoded: dict[int, tuple[int, TimeEntry]] = {}  # today's: id -> (the revision read at, entry)
        self._oldest_first: list[TimeEntry] = []  # today's, kept in order as they change (not sorted again)
        self._key: tuple[object, ...] | None = None
        self._picture = Picture([], 0, (0, 0))
        self._lazy: dict[str, tuple[tuple[object, ...], list[str]]] = {}  # read only when asked, by revision

    def read(self, today: date, running_id: int | None) -> Picture:
        db = self.store.db
        day = today.isoformat()
        now, pruned = store_index.revision(db)
        key = (day, running_id, now)
        if key == self._key and db is self._db:
            return self._picture
        if db is not self._db or day != self._day or pruned > self._seen:
            # Opened again (a salvaged file), a new day, or removals this reader may have missed: all of today.
            self._db, self._day, self._decoded, self._oldest_first = db, day, {}, []
            self._decode(db, day, store_index.day_revisions(db, day))
        elif now != self._seen:
            written: dict[int, int] = {}
            for entry_id, on, rev in store_index.changed_since(db, self._seen):
                if on == day:
                    written[entry_id] = rev
                elif entry_id in self._decoded:  # moved to another day, or removed
                    self._drop(self._decoded.pop(entry_id)[1])
            self._decode(db, day, written)
        self._seen = now
        monday = today - timedelta(days=today.weekday())
        first, last = monday.isoformat(), (monday + timedelta(days=6)).isoformat()
        week = store_index.days(db, first, last)
        other = sum(minutes for on, minutes, _, _ in week if on != day)
        running = store_index.indexed(db, running_id) if running_id is not None else None
        if running is not None and running[0] != day and first <= running[0] <= last:
            # A timer left running on another day counts with its ticking minutes (Snapshot.week_minutes).
            other -= running[1]
        before = [(rev, count) for on, _, count, rev in week if on < day]
        self._picture = Picture(self._oldest_first[::-1], other, (max((rev for rev, _ in before), default=0),
                                                sum(count for _, count in before)))
        self._key = key
        return self._picture

    def _decode(self, db: sqlite3.Connection, day: str, written: dict[int, int]) -> None:
        """Decode the entries of `day` written at other revisions than those decoded (id -> revision)."""
        stale = [entry_id for entry_id, rev in written.items() if self._decoded.get(entry_id, (None,))[0] != rev]
        many = len(stale) > 32  # a day read in full: sorted once, not placed one by one
        for entry_id, text in store_index.rows(db, stale):
            entry = TimeEntry.from_json(json.loads(text))
            if entry_id in self._decoded:
                self._drop(self._decoded[entry_id][1])
            self._decoded[entry_id] = (written[entry_id], entry)
            if many:
                self._oldest_first.append(entry)
            else:
                bisect.insort(self._oldest_first, entry, key=_order)
        if many:
            self._oldest_first.sort(key=_order)

    def _drop(self, entry: TimeEntry) -> None:
        first = bisect.bisect_left(self._oldest_first, _order(entry), key=_order)
        for at in range(first, len(self._oldest_first)):
            if self._oldest_first[at] is entry:
                del self._oldest_first[at]
                return

    def earlier(self, today: date) -> list[TimeEntry]:
        """This week before today, the RECENT changed last, newest first (read when asked, once per revision)."""
        monday = today - timedelta(days=today.weekday())
        rows = self._asked("earlier", today, "SELECT json FROM entries WHERE date_at >= ? AND date_at < ? "
                           "ORDER BY json_extract(json, '$.updated_at') DESC, id DESC LIMIT ?",
                           (monday.isoformat(), today.isoformat(), RECENT))
        return [TimeEntry.from_json(json.loads(text)) for text in rows]

    def last_before(self, today: date) -> TimeEntry | None:
        """Of the newest day of this week before today, the entry changed last (one row, read when asked):
        what Continue continues when nothing is booked today."""
        monday = today - timedelta(days=today.weekday())
        rows = self._asked("last", today, "SELECT json FROM entries WHERE date_at = (SELECT max(date_at) FROM "
                           "entry_index WHERE date_at >= ? AND date_at < ?) "
                           "ORDER BY json_extract(json, '$.updated_at') DESC, id DESC LIMIT 1",
                           (monday.isoformat(), today.isoformat()))
        return TimeEntry.from_json(json.loads(rows[0])) if rows else None

    def _asked(self, what: str, today: date, query: str, args: tuple[object, ...]) -> list[str]:
        db = self.store.db
        key = (db, today, store_index.revision(db))
        known = self._lazy.get(what)
        if known is None or known[0] != key:
            known = (key, [row[0] for row in db.execute(query, args)])
            self._lazy[what] = known
        return known[1]
