"""The projects and services the running app offers, read from the store when asked (issue 17).

The catalog lives in the store (SQLite); the app holds none of it at rest. A `Catalog` is a view of
one resource's active records: iterating it decodes them from the store (the window's pickers, the
palette's index and the command line's name search, each when it is used), `get` reads one by id
through a small cache. A change in mite updates the store; the view is told which ids changed
(`Change`), and whoever shows the catalog updates those rows only. At 50,000 projects, holding
every Project took ~150 MiB, and one rename rebuilt all of them.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, overload

from app.api.models import Project, Service
from app.core.store import Store

R = TypeVar("R", Project, Service)
CACHED = 64  # records kept by id: the running entry's project, the last few looked up


@dataclass(frozen=True)
class Change:
    """What a catalog poll or a create changed: ids per resource; `everything` after a full load
    (a new changes chain), when the store does not say which records differ."""

    ids: dict[str, frozenset[int]] = field(default_factory=dict)
    everything: bool = False

    def of(self, resource: str) -> frozenset[int] | None:
        """The changed ids of `resource`, None for "all of them may have"."""
        return None if self.everything else self.ids.get(resource, frozenset())

    def __bool__(self) -> bool:
        return self.everything or any(self.ids.values())


class Catalog(Sequence[R]):
    """The active records of one resource (ordered by name), read from the store on demand."""

    def __init__(self, store: Store, resource: str, build: Callable[[dict[str, Any]], R]):
        self.store, self.resource = store, resource
        self._build: Callable[[dict[str, Any]], R] = build
        self._by_id: OrderedDict[int, R | None] = OrderedDict()
        self._count: int | None = None
        self.version = 0  # grows with each change: a cache of something worked out from the catalog keys on it

    def __iter__(self) -> Iterator[R]:
        rows = self.store.db.execute("SELECT json FROM catalog WHERE resource = ? AND archived = 0 "
                                     "ORDER BY name COLLATE NOCASE, id", (self.resource,))
        for (text,) in rows.fetchall():  # fetched at once: a write meanwhile must not change the rows read
            yield self._build(json.loads(text))

    def __len__(self) -> int:
        if self._count is None:
            self._count = int(self.store.db.execute("SELECT COUNT(*) FROM catalog WHERE resource = ? AND archived = 0",
                                                    (self.resource,)).fetchone()[0])
        return self._count

    def __bool__(self) -> bool:
        return len(self) > 0

    @overload
    def __getitem__(self, index: int) -> R: ...

    @overload
    def __getitem__(self, index: slice) -> list[R]: ...

    def __getitem__(self, index: int | slice) -> R | list[R]:
        """The record at `index` in name order (a list's first), or a slice of them."""
        if isinstance(index, slice):
            return list(self)[index]
        found = self.where("1 ORDER BY name COLLATE NOCASE, id LIMIT 1 OFFSET ?", (index % len(self) if index < 0
                                                                                    else index,))
        if not found:
            raise IndexError(index)
        return found[0]

    def get(self, record_id: int | None) -> R | None:
        """The record with this id, active or archived; None when the store has none."""
        if record_id is None:
            return None
        if record_id in self._by_id:
            self._by_id.move_to_end(record_id)
            return self._by_id[record_id]
        data = self.store.record(self.resource, record_id)
        record = self._build(data) if data is not None else None
        self._by_id[record_id] = record
        if len(self._by_id) > CACHED:
            self._by_id.popitem(last=False)
        return record

    def active(self, record_id: int) -> R | None:
        """The record with this id if it is active (what the pickers and the palette offer), else None."""
        record = self.get(record_id)
        return record if record is not None and not record.archived else None

    def where(self, condition: str, args: tuple[Any, ...] = ()) -> list[R]:
        """The active records matching an SQL `condition` on the catalog table (its `json` column)."""
        rows = self.store.db.execute(f"SELECT json FROM catalog WHERE resource = ? AND archived = 0 AND {condition}",
                                     (self.resource, *args))
        return [self._build(json.loads(text)) for (text,) in rows.fetchall()]

    def changed(self, ids: frozenset[int] | None) -> None:
        """The store's records with these ids changed (None: any may have)."""
        self.version += 1
        self._count = None
        if ids is None:
            self._by_id.clear()
        for record_id in ids or ():
            self._by_id.pop(record_id, None)


def projects(store: Store) -> Catalog[Project]:
    return Catalog(store, "projects", Project.from_json)


def services(store: Store) -> Catalog[Service]:
    return Catalog(store, "services", Service.from_json)


def with_budget(catalog: Catalog[Project]) -> list[Project]:
    """The active projects with a budget (core.budgets.budgeted filters these further), found by SQLite
    without building the others."""
    return catalog.where("json_extract(json, '$.budget') > 0")


def change_of(store: Store, found: dict[str, frozenset[int] | None]) -> Change:
    """The Change a catalog sync made (`found`: sync_catalog's changed ids per resource, None for a full
    load). A renamed customer renames its projects' labels: those projects changed too."""
    if any(ids is None for ids in found.values()):
        return Change(everything=True)
    ids = {resource: frozenset(found_ids) for resource, found_ids in found.items() if found_ids}
    customers = ids.get("customers")
    if customers:
        marks = ",".join("?" * len(customers))
        rows = store.db.execute("SELECT id FROM catalog WHERE resource = 'projects' AND "
                                f"json_extract(json, '$.customer_id') IN ({marks})", tuple(customers))
        ids["projects"] = ids.get("projects", frozenset()) | {row[0] for row in rows}
    return Change(ids)
