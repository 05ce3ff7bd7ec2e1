"""Typed records for what the mite API returns (JSON flavour)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


def _build(cls: type[T], data: dict[str, Any]) -> T:
    """Keep the fields the dataclass knows; mite adds fields over time."""
    key: type = cls  # as a plain type: mypy does not see that a type[T] is hashable (a cache key)
    names = _field_names(key)
    return cls(**{k: v for k, v in data.items() if k in names})


@cache
def _field_names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in fields(cls))  # once per class: a catalog builds thousands


@dataclass(frozen=True, slots=True)
class Tracking:
    since: datetime
    minutes: int


@dataclass(frozen=True, slots=True)
class TimeEntry:
    id: int
    minutes: int = 0
    date_at: str = ""
    note: str = ""
    billable: bool = True
    locked: bool = False
    user_id: int | None = None
    user_name: str = ""
    project_id: int | None = None
    project_name: str = ""
    customer_id: int | None = None
    customer_name: str = ""
    service_id: int | None = None
    service_name: str = ""
    revenue: float | None = None
    hourly_rate: int | None = None
    created_at: str = ""
    updated_at: str = ""
    tracking: Tracking | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TimeEntry:
        data = dict(data.get("time_entry", data))
        tracking = data.pop("tracking", None)
        for key in ("note", "user_name", "project_name", "customer_name", "service_name"):
            if data.get(key) is None:
                data[key] = ""
        entry = _build(cls, data)
        if tracking:
            entry = replace(entry, tracking=Tracking(
                since=datetime.fromisoformat(tracking["since"]), minutes=int(tracking["minutes"])))
        return entry

    @property
    def day(self) -> date:
        return date.fromisoformat(self.date_at)

    @property
    def reported_minutes(self) -> int:
        """Minutes including a running timer, as mite reported them."""
        return self.tracking.minutes if self.tracking else self.minutes


@dataclass(frozen=True, slots=True)
class Project:
    id: int
    name: str
    note: str = ""
    customer_id: int | None = None
    customer_name: str = ""
    archived: bool = False
    budget: int = 0
    budget_type: str = "minutes"
    hourly_rate: int | None = None
    active_hourly_rate: str | None = None
    created_at: str = ""
    updated_at: str = ""

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Project:
        data = dict(data.get("project", data))
        data["customer_name"] = data.get("customer_name") or ""
        return _build(cls, data)

    @property
    def label(self) -> str:
        """The name with its customer, as pickers and the CLI show it: 'API Docs (King Inc.)'."""
        return f"{self.name} ({self.customer_name})" if self.customer_name else self.name


@dataclass(frozen=True, slots=True)
class Service:
    id: int
    name: str
    note: str = ""
    billable: bool = True
    archived: bool = False
    hourly_rate: int | None = None
    created_at: str = ""
    updated_at: str = ""

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Service:
        return _build(cls, data.get("service", data))


@dataclass(frozen=True, slots=True)
class Customer:
    id: int
    name: str
    note: str = ""
    archived: bool = False
    hourly_rate: int | None = None
    created_at: str = ""
    updated_at: str = ""

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Customer:
        return _build(cls, data.get("customer", data))


@dataclass(frozen=True, slots=True)
class User:
    id: int
    name: str
    email: str = ""
    role: str = ""
    language: str = "en"
    archived: bool = False
    note: str = ""

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> User:
        return _build(cls, data.get("user", data))

    @property
    def is_admin(self) -> bool:
        return self.role in ("owner", "admin")


@dataclass(frozen=True, slots=True)
class TrackerState:
    """GET/PATCH/DELETE /tracker: what runs now and what was just stopped."""

    running_id: int | None = None
    running_minutes: int = 0
    since: datetime | None = None
    stopped_id: int | None = None
    stopped_minutes: int | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TrackerState:
        tracker = data.get("tracker") or {}
        running = tracker.get("tracking_time_entry")
        stopped = tracker.get("stopped_time_entry")
        return cls(
            running_id=running["id"] if running else None,
            running_minutes=int(running["minutes"]) if running else 0,
            since=datetime.fromisoformat(running["since"]) if running else None,
            stopped_id=stopped["id"] if stopped else None,
            stopped_minutes=int(stopped["minutes"]) if stopped else None,
        )

    @property
    def running(self) -> bool:
        return self.running_id is not None


@dataclass(frozen=True, slots=True)
class EntryGroup:
    """One group of GET /time_entries?group_by=…: the summed minutes and revenue (cents, None when
    nothing in it has a rate) and the values the group shares (only those grouped by are set)."""

    minutes: int = 0
    revenue: float | None = None
    user_id: int | None = None
    customer_id: int | None = None
    project_id: int | None = None
    service_id: int | None = None
    year: int | None = None
    month: int | None = None
    first: str = ""  # the group's first and last day (mite's "from" and "to")
    last: str = ""

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EntryGroup:
        data = dict(data.get("time_entry_group", data))
        data["first"], data["last"] = data.pop("from", "") or "", data.pop("to", "") or ""
        group = _build(cls, data)
        return replace(group, minutes=int(group.minutes or 0))


@dataclass(frozen=True, slots=True)
class Change:
    record_type: str
    action: str
    record_id: int
    record: dict[str, Any] | None = field(default=None)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Change:
        return _build(cls, data.get("change", data))

