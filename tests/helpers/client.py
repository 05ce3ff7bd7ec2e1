"""`FullClient`: the app's MiteClient plus the calls only tests make.

Tests use them to check the client and the demo mite against mite's API (filters, archived
lists, pages) and to play the admin in mite's web app (rename, archive, delete a project).
The app needs none of them, so they live here, built on the client's own transport.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from app.api.client import MiteClient
from app.api.models import Customer, Project, Service, TimeEntry

_SINGULAR = {"projects": "project", "services": "service", "customers": "customer"}


@dataclass(frozen=True, slots=True)
class Account:
    """GET /account.json: the mite account, as far as tests look at it."""

    id: int
    name: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Account:
        account = data.get("account", data)
        return cls(id=account["id"], name=account["name"])


@dataclass(frozen=True, slots=True)
class EntryGroup:
    minutes: int
    revenue: float | None
    values: dict[str, Any]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EntryGroup:
        group = dict(data.get("time_entry_group", data))
        return cls(minutes=int(group.pop("minutes", 0)), revenue=group.pop("revenue", None), values=group)


class FullClient(MiteClient):
    async def account(self) -> Account:
        return self._one(await self._json("GET", "/account.json"), Account.from_json)

    async def daily(self, day: date | None = None) -> list[TimeEntry]:
        path = f"/daily/{day.year}/{day.month}/{day.day}.json" if day else "/daily.json"
        return (await self._list(path, TimeEntry.from_json))[0]

    async def time_entry_groups(self, group_by: str, **filters: Any) -> list[EntryGroup]:
        return (await self._list("/time_entries.json", EntryGroup.from_json, {"group_by": group_by, **filters}))[0]

    async def projects(self, *, archived: bool = False, **filters: Any) -> list[Project]:
        return (await self.list_with_link("projects", archived=archived, **filters))[0]

    async def services(self, *, archived: bool = False, **filters: Any) -> list[Service]:
        return (await self.list_with_link("services", archived=archived, **filters))[0]

    async def customers(self, *, archived: bool = False, **filters: Any) -> list[Customer]:
        return (await self.list_with_link("customers", archived=archived, **filters))[0]

    async def project(self, project_id: int) -> Project:
        return self._one(await self._json("GET", f"/projects/{int(project_id)}.json"), Project.from_json)

    async def service(self, service_id: int) -> Service:
        return self._one(await self._json("GET", f"/services/{int(service_id)}.json"), Service.from_json)

    async def customer(self, customer_id: int) -> Customer:
        return self._one(await self._json("GET", f"/customers/{int(customer_id)}.json"), Customer.from_json)

    async def update(self, resource: str, record_id: int, **attrs: Any) -> None:
        await self._json("PATCH", f"/{resource}/{int(record_id)}.json", body={_SINGULAR[resource]: attrs})

    async def delete(self, resource: str, record_id: int) -> None:
        await self._json("DELETE", f"/{resource}/{int(record_id)}.json")
