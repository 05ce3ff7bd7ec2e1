"""Filtering, sorting, paging and grouping of time entries, as /time_entries does."""

from __future__ import annotations

from datetime import date, timedelta
from collections.abc import Callable
from typing import Any

from app.demo.errors import DemoError

SORT_KEYS = ("date", "user", "customer", "project", "service", "note", "minutes", "revenue")
DESC_BY_DEFAULT = ("date", "minutes", "revenue")
GROUP_KEYS = ("user", "customer", "project", "service", "day", "week", "month", "year")


def date_span(value: str, today: date) -> tuple[date, date]:
    """`today`, `last_week`, ... or YYYY-MM-DD -> (first, last) day, inclusive."""
    monday = today - timedelta(days=today.weekday())
    first_of_month = today.replace(day=1)
    spans: dict[str, Callable[[], tuple[date, date]]] = {
        "today": lambda: (today, today),
        "yesterday": lambda: (today - timedelta(days=1),) * 2,
        "this_week": lambda: (monday, monday + timedelta(days=6)),
        "last_week": lambda: (monday - timedelta(days=7), monday - timedelta(days=1)),
        "this_month": lambda: (first_of_month, _month_end(first_of_month)),
        "last_month": lambda: (_prev_month(first_of_month), first_of_month - timedelta(days=1)),
        "this_year": lambda: (date(today.year, 1, 1), date(today.year, 12, 31)),
        "last_year": lambda: (date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)),
    }
    if value in spans:
        return spans[value]()
    day = parse_date(value, "at")
    return day, day


def parse_date(value: str, name: str) -> date:
    try:
        year, month, day = (int(part) for part in value.split("-"))
        return date(year, month, day)
    except ValueError:
        raise DemoError(422, f"{name}: '{value}' is not a date (YYYY-MM-DD).") from None


def _month_end(first: date) -> date:
    return (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def _prev_month(first: date) -> date:
    return (first - timedelta(days=1)).replace(day=1)


def _ids(value: str) -> set[int]:
    try:
        return {int(v) for v in value.split(",") if v.strip()}
    except ValueError:
        raise DemoError(422, f"'{value}' is not a list of ids.") from None


def _bool(value: str, name: str) -> bool:
    if value not in ("true", "false"):
        raise DemoError(422, f"{name} must be true or false.")
    return value == "true"


def filter_entries(rows: list[dict[str, Any]], params: dict[str, list[str]], today: date,
                   current_user: int) -> list[dict[str, Any]]:
    """`rows` are rendered entries (with names and `tracking`)."""
    one = {k: v[-1] for k, v in params.items() if v}
    if "user_id" in one:
        wanted = {current_user} if one["user_id"] == "current" else _ids(one["user_id"])
        rows = [r for r in rows if r["user_id"] in wanted]
    for key in ("customer_id", "project_id", "service_id"):
        if key in one:
            ids = _ids(one[key])
            rows = [r for r in rows if r.get(key) in ids]
    notes = params.get("note[]") or params.get("note") or []
    if notes:
        needles = [n.lower() for n in notes]
        rows = [r for r in rows if any(n in r["note"].lower() for n in needles)]
    first, last = date.min, date.max
    if "at" in one:
        first, last = date_span(one["at"], today)
    if "from" in one:
        first = max(first, date_span(one["from"], today)[0])
    if "to" in one:
        last = min(last, date_span(one["to"], today)[1])
    rows = [r for r in rows if first <= date.fromisoformat(r["date_at"]) <= last]
    for key in ("billable", "locked"):
        if key in one:
            flag = _bool(one[key], key)
            rows = [r for r in rows if r[key] == flag]
    if "tracking" in one:
        flag = _bool(one["tracking"], "tracking")
        rows = [r for r in rows if ("tracking" in r) == flag]
    return rows


def sort_entries(rows: list[dict[str, Any]], params: dict[str, str]) -> list[dict[str, Any]]:
    sort = params.get("sort", "date")
    if sort not in SORT_KEYS:
        sort = "date"  # ignored, not an error (app/demo/README.md)
    direction = params.get("direction", "desc" if sort in DESC_BY_DEFAULT else "asc")
    if direction not in ("asc", "desc"):
        raise DemoError(422, "direction must be asc or desc.")
    field = {"date": "date_at", "user": "user_name", "customer": "customer_name",
             "project": "project_name", "service": "service_name"}.get(sort, sort)

    def key(row: dict[str, Any]) -> tuple[Any, ...]:
        value = row.get(field)
        if isinstance(value, str):
            value = value.lower()
        return (value is None, value if value is not None else 0, row["id"])

    return sorted(rows, key=key, reverse=direction == "desc")


def page(rows: list[Any], params: dict[str, str]) -> list[Any]:
    if "limit" not in params:
        return rows
    try:
        limit, number = int(params["limit"]), int(params.get("page", "1"))
    except ValueError:
        raise DemoError(422, "limit and page must be whole numbers.") from None
    if limit < 1 or number < 1:
        raise DemoError(422, "limit and page must be 1 or more.")
    return rows[(number - 1) * limit: number * limit]


def group_entries(rows: list[dict[str, Any]], group_by: str) -> list[dict[str, Any]]:
    keys = [k.strip() for k in group_by.split(",") if k.strip()]
    bad = [k for k in keys if k not in GROUP_KEYS]
    if bad or not keys:
        raise DemoError(422, f"group_by must be made of {', '.join(GROUP_KEYS)}.")
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        values: dict[str, Any] = {}
        params: dict[str, Any] = {}
        for key in keys:
            values.update(_group_values(row, key))
            params.update(_group_params(row, key))
        group = groups.setdefault(tuple(values.items()), {
            "minutes": 0, "revenue": None, **values, "from": row["date_at"], "to": row["date_at"],
            "time_entries_params": params})
        group["minutes"] += row["minutes"]
        if row.get("revenue") is not None:
            group["revenue"] = (group["revenue"] or 0) + row["revenue"]
        group["from"] = min(group["from"], row["date_at"])
        group["to"] = max(group["to"], row["date_at"])
    ordered = sorted(groups.values(), key=lambda g: tuple(_order(g, k) for k in keys))
    return [{"time_entry_group": g} for g in ordered]


def _group_values(row: dict[str, Any], key: str) -> dict[str, Any]:
    day = date.fromisoformat(row["date_at"])
    if key in ("user", "customer", "project", "service"):
        return {f"{key}_id": row.get(f"{key}_id"), f"{key}_name": row.get(f"{key}_name")}
    if key == "day":
        return {"day": row["date_at"]}
    if key == "week":
        year, week, _ = day.isocalendar()
        return {"year": year, "week": week}
    if key == "month":
        return {"year": day.year, "month": day.month}
    return {"year": day.year}


def _group_params(row: dict[str, Any], key: str) -> dict[str, Any]:
    if key in ("user", "customer", "project", "service"):
        return {f"{key}_id": row.get(f"{key}_id")}
    day = date.fromisoformat(row["date_at"])
    if key == "day":
        return {"at": row["date_at"]}
    if key == "week":
        monday = day - timedelta(days=day.weekday())
        return {"from": monday.isoformat(), "to": (monday + timedelta(days=6)).isoformat()}
    if key == "month":
        first = day.replace(day=1)
        return {"from": first.isoformat(), "to": _month_end(first).isoformat()}
    return {"from": f"{day.year}-01-01", "to": f"{day.year}-12-31"}


def _order(group: dict[str, Any], key: str) -> Any:
    if key in ("user", "customer", "project", "service"):
        return (group[f"{key}_name"] or "").lower()
    if key == "day":
        return group["day"]
    if key == "week":
        return (group["year"], group["week"])
    if key == "month":
        return (group["year"], group["month"])
    return group["year"]
