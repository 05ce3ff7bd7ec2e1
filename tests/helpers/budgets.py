"""Budgets on the demo mite (issue 16), set on its records directly, and what it sums for them: the truth
the budget tests check against, whatever app/demo/data.py holds."""

from __future__ import annotations

from datetime import date
from typing import Any

BUDGETS = {"API Docs": (2400, "minutes"), "Website Relaunch": (1_200_000, "cents"),
           "Support Retainer": (1200, "minutes_per_month"), "Online Shop": (300_000, "cents_per_month")}


def set_budgets(mite: Any, wanted: dict[str, tuple[int, str]] = BUDGETS) -> dict[str, int]:
    """Give the named projects these budgets (and no other project one); their ids by name."""
    ids = {}
    for record in mite.records["projects"].values():
        budget, kind = wanted.get(record["name"], (0, "minutes"))
        record.update(budget=budget, budget_type=kind)
        if budget:
            ids[record["name"]] = record["id"]
    return ids


def truth(mite: Any, project_id: int, *, monthly: bool = False, cents: bool = False, user_id: int | None = None) -> int:
    """What mite holds for the project (this month's only for `monthly`), summed here from its records."""
    month = date.today().isoformat()[:7]
    total = 0.0
    for entry in mite.records["time_entries"].values():
        if entry["project_id"] != project_id or (user_id and entry["user_id"] != user_id):
            continue
        if monthly and entry["date_at"][:7] != month:
            continue
        if not cents:
            total += entry["minutes"]
        elif entry["billable"] and entry["hourly_rate"]:
            total += entry["minutes"] * entry["hourly_rate"] / 60
    return round(total)
