"""The running app's view of one mite account: state, polling and actions.

A QObject (QtCore only, no widgets) so the tray and window can follow its
signals. Every network call runs as an asyncio task on the qasync loop: the UI
never waits for mite.
"""

from __future__ import annotations

import asyncio
import logging
import random
from datetime import date, datetime
from enum import Enum
from typing import Any, Awaitable, Callable, TypeVar

from PySide6.QtCore import QObject, Signal

from app.api import errors
from app.api.client import MiteClient
from app.api.models import Project, Service, TimeEntry, User
from app.core import tracking
from app.core.messages import ActionFailed, describe
from app.core.settings import Settings

log = logging.getLogger(__name__)
T = TypeVar("T")
MAX_BACKOFF = 300.0
CATALOG_MAX_AGE = 600.0


class Health(Enum):
    UNKNOWN = "unknown"
    ONLINE = "online"
    OFFLINE = "offline"  # mite cannot be reached
    ERROR = "error"      # mite answered, but with a problem the user must see


class Session(QObject):
    changed = Signal()          # snapshot, health or busy changed
    catalog_changed = Signal()  # projects or services reloaded
    notice = Signal(str)        # a message for the status line ("" clears it)

    def __init__(self, client: MiteClient, settings: Settings, user: User | None = None,
                 save_settings: bool = True):
        super().__init__()
        self.client = client
        self.settings = settings
        self.user = user
        self.save_settings = save_settings
        self.snapshot = tracking.Snapshot()
        self.projects: list[Project] = []
        self.services: list[Service] = []
        self.health = Health.UNKNOWN
        self.problem = ""
        self.busy = False
        self.window_visible = False
        self._failures = 0
        self._wake = asyncio.Event()
        self._catalog_loaded_at = 0.0
        self._refresh_lock = asyncio.Lock()

    # -- reading -----------------------------------------------------------

    @property
    def online(self) -> bool:
        return self.health is Health.ONLINE

    def poll_interval(self) -> float:
        base = self.settings.poll_seconds_open if self.window_visible else self.settings.poll_seconds_hidden
        if not self._failures:
            return float(base)
        # Exponential backoff with jitter, so many clients do not retry in step.
        backoff = min(MAX_BACKOFF, base * 2 ** (self._failures - 1))
        return backoff * random.uniform(0.8, 1.2)

    async def refresh(self) -> None:
        async with self._refresh_lock:
            try:
                if self.user is None:
                    self.user = await self.client.myself()
                snapshot = await tracking.fetch_snapshot(self.client)
            except errors.ApiError as exc:
                self._failed(exc)
                return
            self.snapshot = snapshot
            self._recovered()
        if asyncio.get_running_loop().time() - self._catalog_loaded_at > CATALOG_MAX_AGE or not self.projects:
            await self.load_catalog()

    async def load_catalog(self) -> None:
        try:
            projects, services = await asyncio.gather(self.client.projects(), self.client.services())
        except errors.ApiError as exc:
            self._failed(exc)
            return
        self.projects, self.services = projects, services
        self._catalog_loaded_at = asyncio.get_running_loop().time()
        self.catalog_changed.emit()

    def _failed(self, exc: errors.ApiError) -> None:
        self._failures += 1
        self.health = Health.OFFLINE if isinstance(exc, errors.NetworkError) else Health.ERROR
        self.problem = describe(exc)
        log.warning("mite request failed (%s): %s", type(exc).__name__, exc)
        self.changed.emit()

    def _recovered(self) -> None:
        was_bad = self.health in (Health.OFFLINE, Health.ERROR)
        self._failures = 0
        self.health, self.problem = Health.ONLINE, ""
        if was_bad:
            self.notice.emit("")
        self.changed.emit()

    async def poll_forever(self) -> None:
        """Refresh now, then every poll interval (or at once when poked)."""
        while True:
            await self.refresh()
            self._wake.clear()
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=self.poll_interval())
            except asyncio.TimeoutError:
                pass

    def poke(self) -> None:
        """Refresh soon: the window opened or something changed."""
        self._wake.set()

    def set_window_visible(self, visible: bool) -> None:
        self.window_visible = visible
        if visible:
            self.poke()

    # -- actions -----------------------------------------------------------

    async def _act(self, doing: str, work: Callable[[], Awaitable[T]]) -> T:
        self.busy = True
        self.changed.emit()
        try:
            result = await work()
        except errors.ApiError as exc:
            message = describe(exc, doing=doing)
            if isinstance(exc, errors.NetworkError):
                self.health, self.problem = Health.OFFLINE, describe(exc)
            self.notice.emit(message)
            raise ActionFailed(message) from exc
        finally:
            self.busy = False
            self.changed.emit()
        self.notice.emit("")
        await self.refresh()
        return result

    async def start(self, *, project_id: int | None, service_id: int | None, note: str) -> None:
        self._remember(project_id, service_id)
        await self._act("start the timer", lambda: tracking.start_new(
            self.client, project_id=project_id, service_id=service_id, note=note))

    async def resume(self, entry: TimeEntry) -> None:
        await self._act("resume the entry", lambda: tracking.resume(self.client, entry))

    async def stop(self) -> Any:
        return await self._act("stop the timer", lambda: tracking.stop(self.client))

    async def add(self, *, minutes: int, project_id: int | None, service_id: int | None, note: str,
                  day: date | None = None) -> TimeEntry:
        self._remember(project_id, service_id)
        return await self._act("add the time", lambda: tracking.add(
            self.client, minutes=minutes, project_id=project_id, service_id=service_id, note=note, day=day))

    async def last_entry(self) -> TimeEntry | None:
        if self.snapshot.today:
            return max(self.snapshot.today, key=lambda e: (e.updated_at, e.id))
        return await self._act("find the last entry", lambda: tracking.last_entry(self.client))

    async def start_last(self) -> TimeEntry | None:
        entry = await self.last_entry()
        if entry is not None:
            await self.resume(entry)
        return entry

    def _remember(self, project_id: int | None, service_id: int | None) -> None:
        self.settings.last_project_id, self.settings.last_service_id = project_id, service_id
        if self.save_settings:
            try:
                self.settings.save()
            except OSError as exc:
                log.warning("Could not save settings: %s", exc)

    def now(self) -> datetime:
        return datetime.now().astimezone()
