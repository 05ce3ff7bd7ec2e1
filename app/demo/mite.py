"""The demo mite account: in-memory state and the rules of the documented API.

Every public method takes the authenticated user plus request data and returns
(status, json_payload, headers) or raises DemoError. One lock guards it all,
since the HTTP server answers from several threads.
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from collections.abc import Callable, Iterable
from typing import Any

from app.demo import queries
from app.demo.errors import DemoError
from app.demo.tracker import TrackerRules
from app.demo.validation import request_object, whole_minutes

Reply = tuple[int, Any, dict[str, str]]
CHANGES_TTL = timedelta(days=7)
RESOURCES = ("customers", "projects", "services")
ADMIN_ROLES = ("owner", "admin")
SINGULAR = {"customers": "customer", "projects": "project", "services": "service",
            "time_entries": "time_entry"}


def now_local() -> datetime:
    return datetime.now().astimezone().replace(microsecond=0)


@dataclass
class ChangesToken:
    resource: str
    seq: int
    created: datetime


class DemoMite(TrackerRules):
    def __init__(self, clock: Callable[[], datetime] = now_local):
        self.clock = clock
        self.lock = threading.RLock()
        self.account: dict[str, Any] = {}
        self.users: dict[int, dict[str, Any]] = {}
        self.records: dict[str, dict[int, dict[str, Any]]] = {r: {} for r in (*RESOURCES, "time_entries")}
        self.trackers: dict[int, dict[str, Any]] = {}  # user id -> {entry_id, since}
        self.hidden_from_trackers: set[int] = set()  # project ids time trackers cannot see
        self.change_log: list[tuple[int, str, int, str]] = []  # (seq, resource, id, action)
        self.tokens: dict[str, ChangesToken] = {}
        self._next_id = 1000

    # -- helpers -----------------------------------------------------------

    def new_id(self) -> int:
        self._next_id += 1
        return self._next_id

    def continue_ids_from_clock(self) -> None:
        """New records get ids above the milliseconds since 1970: a restarted server (whose sample data
        takes the same small ids again) never hands out an id an earlier run gave to a client's record,
        as mite never reuses one. Still below 2**53, so JavaScript clients read them exactly."""
        self._next_id = max(self._next_id, int(time.time() * 1000))

    def user_for_key(self, key: str | None) -> dict[str, Any]:
        for user in self.users.values():
            if key and secrets.compare_digest(user["api_key"], key):
                return user
        raise DemoError(401, "Access denied. Please check your API key.")

    def _stamp(self) -> str:
        return self.clock().isoformat()

    def _log(self, resource: str, record_id: int, action: str) -> None:
        self.change_log.append((len(self.change_log) + 1, resource, record_id, action))

    @staticmethod
    def _admin(user: dict[str, Any]) -> bool:
        return user["role"] in ADMIN_ROLES

    def _get(self, resource: str, record_id: int, what: str) -> dict[str, Any]:
        record = self.records[resource].get(record_id)
        if record is None:
            raise DemoError(404, f"{what} {record_id} not found.")
        return record

    # -- users and account ---------------------------------------------------

    def myself(self, user: dict[str, Any]) -> Reply:
        return 200, {"user": self._user_json(user)}, {}

    def account_info(self, user: dict[str, Any]) -> Reply:
        return 200, {"account": dict(self.account)}, {}

    def list_users(self, user: dict[str, Any]) -> Reply:
        if user["role"] == "time_tracker":
            raise DemoError(403, "Time trackers cannot list users.")
        return 200, [{"user": self._user_json(u)} for u in self.users.values()], {}

    @staticmethod
    def _user_json(user: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in user.items() if k != "api_key"}

    def _touch(self, entry: dict[str, Any]) -> None:
        entry["updated_at"] = self._stamp()
        self._log("time_entries", entry["id"], "updated")

    # -- time entries ----------------------------------------------------------

    def entry_json(self, entry: dict[str, Any]) -> dict[str, Any]:
        project = self.records["projects"].get(entry["project_id"] or 0)
        service = self.records["services"].get(entry["service_id"] or 0)
        customer = self.records["customers"].get(project["customer_id"] or 0) if project else None
        out = dict(entry)
        out.update(user_name=self.users[entry["user_id"]]["name"],
                   revenue=(entry["minutes"] * entry["hourly_rate"] / 60
                            if entry["billable"] and entry["hourly_rate"] else None))
        # Names only for what is set: the documented entry without a project has no project_name,
        # customer_id or customer_name (and none of them as null).
        if project:
            out["project_name"] = project["name"]
        if customer:
            out.update(customer_id=customer["id"], customer_name=customer["name"])
        if service:
            out["service_name"] = service["name"]
        tracker = self.trackers.get(entry["user_id"])
        if tracker and tracker["entry_id"] == entry["id"]:
            out["tracking"] = {"since": tracker["since"].isoformat(),
                               "minutes": self._tracked_minutes(entry, tracker)}
        return out

    def _visible_entries(self, user: dict[str, Any]) -> list[dict[str, Any]]:
        rows: Iterable[dict[str, Any]] = self.records["time_entries"].values()
        if user["role"] == "time_tracker":
            rows = [e for e in rows if e["user_id"] == user["id"]]
        return [self.entry_json(e) for e in rows]

    def list_entries(self, user: dict[str, Any], params: dict[str, list[str]]) -> Reply:
        one = {k: v[-1] for k, v in params.items() if v}
        today = self.clock().date()
        rows = queries.filter_entries(self._visible_entries(user), params, today, user["id"])
        if "group_by" in one:
            groups = queries.group_entries(rows, one["group_by"])
            return 200, queries.page(groups, one), {}
        rows = queries.page(queries.sort_entries(rows, one), one)
        return 200, [{"time_entry": r} for r in rows], self._changes_header(user, "time_entries")

    def daily(self, user: dict[str, Any], day: date | None) -> Reply:
        at = (day or self.clock().date()).isoformat()
        return self.list_entries(user, {"user_id": ["current"], "at": [at]})

    def _own_entry(self, user: dict[str, Any], entry_id: int, write: bool = False) -> dict[str, Any]:
        entry = self._get("time_entries", entry_id, "Time entry")
        mine = entry["user_id"] == user["id"]
        if not mine and (user["role"] == "time_tracker" or (write and not self._admin(user))):
            raise DemoError(404, f"Time entry {entry_id} not found.")
        return entry

    def get_entry(self, user: dict[str, Any], entry_id: int) -> Reply:
        return 200, {"time_entry": self.entry_json(self._own_entry(user, entry_id))}, {}

    def create_entry(self, user: dict[str, Any], body: dict[str, Any]) -> Reply:
        attrs = request_object(body, "time_entry")
        owner_id = attrs.get("user_id", user["id"])
        if owner_id != user["id"] and not self._admin(user):
            raise DemoError(403, "Only administrators can create time entries for other users.")
        if owner_id not in self.users:
            raise DemoError(422, f"User {owner_id} does not exist.")
        stamp = self._stamp()
        entry = {"id": self.new_id(), "minutes": 0, "date_at": self.clock().date().isoformat(), "note": "",
                 "billable": True, "locked": False, "user_id": owner_id, "project_id": None,
                 "service_id": None, "hourly_rate": 0, "created_at": stamp, "updated_at": stamp}
        self._apply_entry(user, entry, attrs)
        self.records["time_entries"][entry["id"]] = entry
        self._log("time_entries", entry["id"], "created")
        headers = {"Location": f"{{base}}/time_entries/{entry['id']}.json"}  # absolute, as documented
        return 201, {"time_entry": self.entry_json(entry)}, headers

    def update_entry(self, user: dict[str, Any], entry_id: int, body: dict[str, Any]) -> Reply:
        entry = self._own_entry(user, entry_id, write=True)
        attrs = request_object(body, "time_entry")
        force = attrs.pop("force", False) is True and self._admin(user)
        if entry["locked"] and not force:
            raise DemoError(423, "Time entry cannot be updated: it is locked.")
        if "user_id" in attrs and attrs["user_id"] != entry["user_id"] and not self._admin(user):
            raise DemoError(403, "Only administrators can move time entries to other users.")
        candidate = dict(entry)
        self._apply_entry(user, candidate, attrs)
        entry.update(candidate, updated_at=self._stamp())
        self._log("time_entries", entry_id, "updated")
        return 200, None, {}

    def delete_entry(self, user: dict[str, Any], entry_id: int, body: dict[str, Any] | None) -> Reply:
        entry = self._own_entry(user, entry_id, write=True)
        force = bool(body and (body.get("time_entry") or {}).get("force") is True) and self._admin(user)
        if entry["locked"] and not force:
            raise DemoError(423, "Time entry cannot be deleted: it is locked.")
        tracker = self.trackers.get(entry["user_id"])
        if tracker and tracker["entry_id"] == entry_id:
            del self.trackers[entry["user_id"]]
        del self.records["time_entries"][entry_id]
        self._log("time_entries", entry_id, "deleted")
        return 200, None, {}

    def _apply_entry(self, user: dict[str, Any], entry: dict[str, Any], attrs: dict[str, Any]) -> None:
        known = {"date_at", "minutes", "note", "user_id", "project_id", "service_id", "locked", "billable"}
        for key in attrs.keys() - known:
            raise DemoError(422, f"Unknown attribute: {key}.")
        if "locked" in attrs and not self._admin(user):
            raise DemoError(403, "Only administrators can lock or unlock time entries.")
        if "date_at" in attrs:
            entry["date_at"] = queries.parse_date(str(attrs["date_at"]), "date_at").isoformat()
        if "minutes" in attrs:
            entry["minutes"] = whole_minutes(attrs["minutes"])
        if "note" in attrs:
            entry["note"] = "" if attrs["note"] is None else str(attrs["note"])
        for key, resource, what in (("project_id", "projects", "Project"), ("service_id", "services", "Service")):
            if key in attrs:
                if attrs[key] is not None and attrs[key] not in self.records[resource]:
                    raise DemoError(422, f"{what} {attrs[key]} does not exist.")
                entry[key] = attrs[key]
        for key in ("locked", "billable", "user_id"):
            if key in attrs:
                entry[key] = attrs[key]
        entry["hourly_rate"] = self._rate(entry["project_id"], entry["service_id"])

    def _rate(self, project_id: int | None, service_id: int | None) -> int:
        project = self.records["projects"].get(project_id or 0)
        service = self.records["services"].get(service_id or 0)
        if project and project.get("active_hourly_rate") == "hourly_rate":
            return project.get("hourly_rate") or 0
        if project and project.get("active_hourly_rate") == "hourly_rates_per_service":
            for rate in project.get("hourly_rates_per_service", []):
                if rate["service_id"] == service_id:
                    return rate["hourly_rate"]
        return (service or {}).get("hourly_rate") or 0

    # -- projects, services, customers ---------------------------------------

    def record_json(self, resource: str, record: dict[str, Any]) -> dict[str, Any]:
        out = dict(record)
        if resource == "projects":
            customer = self.records["customers"].get(record["customer_id"] or 0)
            out["customer_name"] = customer["name"] if customer else None
        return out

    def _visible(self, user: dict[str, Any], resource: str, record: dict[str, Any]) -> bool:
        return not (resource == "projects" and user["role"] == "time_tracker"
                    and record["id"] in self.hidden_from_trackers)

    def list_records(self, user: dict[str, Any], resource: str, archived: bool,
                     params: dict[str, list[str]]) -> Reply:
        one = {k: v[-1] for k, v in params.items() if v}
        rows = [r for r in self.records[resource].values()
                if r["archived"] == archived and self._visible(user, resource, r)]
        if "name" in one:
            rows = [r for r in rows if one["name"].lower() in r["name"].lower()]
        if "customer_id" in one and resource == "projects":
            ids = {int(v) for v in one["customer_id"].split(",") if v.strip().isdigit()}
            rows = [r for r in rows if r["customer_id"] in ids]
        rows = queries.page(sorted(rows, key=lambda r: (r["name"].lower(), r["id"])), one)
        singular = SINGULAR[resource]
        payload = [{singular: self.record_json(resource, r)} for r in rows]
        return 200, payload, self._changes_header(user, resource)

    def get_record(self, user: dict[str, Any], resource: str, record_id: int) -> Reply:
        record = self._get(resource, record_id, SINGULAR[resource].capitalize())
        if not self._visible(user, resource, record):
            raise DemoError(404, f"{SINGULAR[resource].capitalize()} {record_id} not found.")
        return 200, {SINGULAR[resource]: self.record_json(resource, record)}, {}

    def create_record(self, user: dict[str, Any], resource: str, body: dict[str, Any]) -> Reply:
        self._may_edit_catalog(user, resource)
        attrs = request_object(body, SINGULAR[resource])
        stamp = self._stamp()
        record: dict[str, Any] = {"id": self.new_id(), "name": "", "note": "", "archived": False,
                                  "hourly_rate": None, "created_at": stamp, "updated_at": stamp}
        record.update(_CATALOG_DEFAULTS[resource])
        self._apply_record(resource, record, attrs)
        self.records[resource][record["id"]] = record
        self._log(resource, record["id"], "created")
        headers = {"Location": f"{{base}}/{resource}/{record['id']}.json"}
        return 201, {SINGULAR[resource]: self.record_json(resource, record)}, headers

    def update_record(self, user: dict[str, Any], resource: str, record_id: int, body: dict[str, Any]) -> Reply:
        self._may_edit_catalog(user, resource)
        record = self._get(resource, record_id, SINGULAR[resource].capitalize())
        attrs = request_object(body, SINGULAR[resource])
        apply_rate = attrs.pop("update_hourly_rate_on_time_entries", False) is True
        candidate = dict(record)
        self._apply_record(resource, candidate, attrs)
        record.update(candidate, updated_at=self._stamp())
        self._log(resource, record_id, "updated")
        if apply_rate:
            for entry in self.records["time_entries"].values():
                if record_id in (entry["project_id"], entry["service_id"]):
                    entry["hourly_rate"] = self._rate(entry["project_id"], entry["service_id"])
        return 200, None, {}

    def delete_record(self, user: dict[str, Any], resource: str, record_id: int) -> Reply:
        self._may_edit_catalog(user, resource)
        self._get(resource, record_id, SINGULAR[resource].capitalize())
        if resource == "customers":
            in_use = any(p["customer_id"] == record_id for p in self.records["projects"].values())
            what = "projects"
        else:
            key = f"{SINGULAR[resource]}_id"
            in_use = any(e[key] == record_id for e in self.records["time_entries"].values())
            what = "time entries"
        if in_use:
            raise DemoError(422, f"This {SINGULAR[resource]} cannot be deleted because it has {what}. "
                                 "Archive it instead.")
        del self.records[resource][record_id]
        self._log(resource, record_id, "deleted")
        return 200, None, {}

    def _may_edit_catalog(self, user: dict[str, Any], resource: str) -> None:
        if user["role"] == "time_tracker":
            raise DemoError(403, f"Time trackers cannot create, edit or delete {resource}.")

    def _apply_record(self, resource: str, record: dict[str, Any], attrs: dict[str, Any]) -> None:
        allowed = set(_CATALOG_DEFAULTS[resource]) | {"name", "note", "archived", "hourly_rate"}
        for key in attrs.keys() - allowed:
            raise DemoError(422, f"Unknown attribute: {key}.")
        record.update(attrs)
        if not str(record.get("name") or "").strip():
            raise DemoError(422, "Name can't be blank.")
        if resource == "projects":
            if record["customer_id"] is not None and record["customer_id"] not in self.records["customers"]:
                raise DemoError(422, f"Customer {record['customer_id']} does not exist.")
            if record["budget_type"] not in ("minutes", "minutes_per_month", "cents", "cents_per_month"):
                raise DemoError(422, "budget_type must be minutes, minutes_per_month, cents or cents_per_month.")
            if record["active_hourly_rate"] not in (None, "hourly_rate", "hourly_rates_per_service"):
                raise DemoError(422, "active_hourly_rate must be null, hourly_rate or hourly_rates_per_service.")

    # -- changes -------------------------------------------------------------

    def _changes_header(self, user: dict[str, Any], resource: str) -> dict[str, str]:
        if user["role"] == "time_tracker":
            return {}
        token = secrets.token_hex(16)
        self.tokens[token] = ChangesToken(resource, len(self.change_log), self.clock())
        return {"X-Changes-Link": f"{{base}}/{resource}/changes/{token}.json"}

    def changes(self, user: dict[str, Any], resource: str, token: str) -> Reply:
        if user["role"] == "time_tracker":
            raise DemoError(403, "Time trackers cannot read changes.")
        found = self.tokens.get(token)
        if not found or found.resource != resource:
            raise DemoError(404, "Unknown changes link.")
        if self.clock() - found.created > CHANGES_TTL:
            raise DemoError(410, "This changes link has expired: changes are kept for seven days.")
        touched: dict[int, str] = {}
        created: set[int] = set()
        for _seq, res, record_id, action in self.change_log[found.seq:]:
            if res == resource:
                touched[record_id] = action
                if action == "created":
                    created.add(record_id)
        payload = []
        singular = SINGULAR[resource]
        for record_id in touched:
            record = self.records[resource].get(record_id)
            if record is None:
                payload.append({"change": {"record_type": singular, "action": "deleted",
                                           "record_id": record_id, "record": None}})
                continue
            body = self.entry_json(record) if resource == "time_entries" else self.record_json(resource, record)
            action = "created" if record_id in created else "updated"
            payload.append({"change": {"record_type": singular, "action": action,
                                       "record_id": record_id, "record": {singular: body}}})
        return 200, payload, self._changes_header(user, resource)


_CATALOG_DEFAULTS: dict[str, dict[str, Any]] = {
    "projects": {"customer_id": None, "budget": 0, "budget_type": "minutes", "active_hourly_rate": None,
                 "hourly_rates_per_service": []},
    "services": {"billable": True},
    "customers": {"active_hourly_rate": None, "hourly_rates_per_service": []},
}

