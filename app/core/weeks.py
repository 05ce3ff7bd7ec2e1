"""The running app's door to past days and weeks (issue 16): what the window's day view and
timesheet, and `mite-tray week` with the app running, read.

`open` fetches a week from mite when the store does not hold it (core.history); `week` and `day`
read the store. `changed` says the store's entries may differ (an action, a sync round, a week
fetched): a view of a past day or of the timesheet reads again; today's list follows the State.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.api import errors
from app.api.models import TimeEntry
from app.core import history
from app.core.messages import describe, describe_unexpected
from app.core.pull import busy_ids
from app.core.store import StoreWriteError
from app.core.week import Week

if TYPE_CHECKING:
    from app.core.session import Session

log = logging.getLogger(__name__)


class Weeks(QObject):
    changed = Signal()

    def __init__(self, session: Session):
        super().__init__()
        self.session = session
        self.fetches = 0  # weeks fetched from mite (counted by the tests: a week held is not fetched again)
        self._revision: int | None = None  # the store's revision when `changed` was last said (store_changed)

    def store_changed(self) -> None:
        """After an action or a sync round: say `changed` if the store's entries or timer were written since it
        was last said (core.store_index). An idle poll wrote nothing, and nothing reads the week again (the
        budgets' check of this week's entries did, at every poll)."""
        try:
            revision: int | None = self.session.store.revision()
        except sqlite3.Error:  # the sync says what is wrong with the store; the views read again and show it
            revision = None
        if revision is None or revision != self._revision:
            self._revision = revision
            self.changed.emit()

    def today(self) -> date:
        return self.session.journal.clock().date()

    async def open(self, any_day: date) -> str:
        """Make sure the store holds the week of `any_day`; "" when it does, else why not, in words
        (what the store holds stays on show)."""
        store, today = self.session.store, self.today()
        if history.held(store, any_day, today):
            return ""
        try:
            # Not during a sync round: one that sent an entry booked on that day (and read its change)
            # while the week's answer was on its way would see it deleted again by mite's older answer.
            async with self.session.sync_lock:
                await history.fetch_week(store, self.session.client, any_day, today, lambda: busy_ids(store))
        except errors.ApiError as exc:
            return describe(exc)
        except StoreWriteError as exc:
            return exc.message
        except Exception as exc:  # noqa: BLE001 - a bug must not break the window; it is logged and said
            log.exception("Loading the week of %s failed", any_day)
            return describe_unexpected(exc)
        self.fetches += 1
        self.changed.emit()
        return ""

    async def fresh(self, any_day: date) -> str:
        """`open` after a sync round that reads mite's entries (their changes): an entry made elsewhere a
        moment ago counts (`mite-tray week` with the app running)."""
        self.session.entries_stale()
        await self.session.refresh()
        return self.session.state.problem or await self.open(any_day)

    def week(self, any_day: date) -> Week:
        snapshot = self.session.state.snapshot
        return history.week(self.session.store, any_day, self.session.settings.daily_targets, today=self.today(),
                            running=snapshot.running, running_minutes=snapshot.running_minutes(self.session.journal.clock()))

    def day(self, day: date) -> list[TimeEntry]:
        return history.day_entries(self.session.store, day)
