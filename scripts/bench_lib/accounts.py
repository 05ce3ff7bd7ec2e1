"""The accounts the bench measures on: the demo data (app/demo/data.py) made large, with a realistic
load in the CURRENT week and a timer running.

The demo's large account puts its 20,000 extra entries 8–400 days back, where none reach the app (it
keeps this week and the 8 before it, fetched when opened). `this_week` adds entries of the signed-in
user (the admin) dated Monday to today, spread over the account's projects and services, as an agency
booking many short entries a week would have: those are what every poll and action of the app reads.
Added here in bench code, through the demo data's own entry maker; app/demo/data.py is unchanged.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from app.demo.data import ADMIN_KEY, _entry, demo_account
from app.demo.mite import DemoMite

LARGE = {"extra_projects": 2970, "extra_entries": 20000, "extra_customers": 294, "extra_services": 51}
WEEK_SMALL, WEEK_LARGE = 1_500, 15_000  # entries this week: a busy team member's, and 10 times as many
HUGE_CATALOG = 50_000  # projects, for the catalog polls


def admin(mite: DemoMite) -> dict[str, Any]:
    return mite.user_for_key(ADMIN_KEY)


def account(*, small: bool = False, this_week: int = 0, projects: int | None = None,
            running: bool = True) -> DemoMite:
    """The large account (or the small demo one) with `this_week` more entries this week and, if
    `running`, the admin's timer running on today's entry changed last. `projects`: that many extra
    projects instead of the large account's 2,970."""
    sizes = {} if small else dict(LARGE)
    if projects is not None:
        sizes["extra_projects"] = projects
    mite = demo_account(**sizes)
    add_this_week(mite, this_week)
    if running:
        start_timer(mite)
        mite.change_log.clear()  # the running timer is where the account starts, not a change
    return mite


def add_this_week(mite: DemoMite, count: int) -> None:
    """`count` entries of the admin, Monday to today: a tenth today (the day is young), the rest on the days
    before it (on a Monday, all today). Today had a tenth plus its share of the rest, 28 % on a Friday and 55 %
    on a Tuesday, so a figure that grows with today's entries moved with the weekday."""
    rng = random.Random(17)
    today = mite.clock().date()
    monday = today - timedelta(days=today.weekday())
    days = [monday + timedelta(days=n) for n in range((today - monday).days + 1)]
    projects = [pid for pid, p in mite.records["projects"].items() if not p["archived"]]
    services = [sid for sid, s in mite.records["services"].items() if not s["archived"]]
    uid = admin(mite)["id"]
    with mite.lock:
        for n in range(count):
            day = today if len(days) == 1 or n % 10 == 0 else days[n % (len(days) - 1)]
            _entry(mite, rng, uid, day, rng.choice(projects), rng.choice(services), locked=False)
        mite.change_log.clear()  # the starting point, not a change
        mite.continue_ids_from_clock()


def start_timer(mite: DemoMite) -> int:
    """Start the admin's timer on today's entry changed last (as `Continue` would); its id."""
    user = admin(mite)
    today = mite.clock().date().isoformat()
    mine = [e for e in mite.records["time_entries"].values()
            if e["user_id"] == user["id"] and not e["locked"] and e["date_at"] == today]
    entry = max(mine, key=lambda e: (e["updated_at"], e["id"]))
    with mite.lock:
        mite.start_tracker(user, entry["id"])
    return int(entry["id"])


def rename_project(mite: DemoMite, label: str) -> None:
    """One project renamed in mite (a change the catalog poll must bring)."""
    with mite.lock:
        pid = max(pid for pid, p in mite.records["projects"].items() if not p["archived"])
        mite.update_record(admin(mite), "projects", pid, {"project": {"name": f"Renamed {label}"}})


def week_entries(mite: DemoMite) -> int:
    """The admin's entries this week (what the bench says it loaded)."""
    today = mite.clock().date()
    monday = (today - timedelta(days=today.weekday())).isoformat()
    uid = admin(mite)["id"]
    return sum(e["user_id"] == uid and e["date_at"] >= monday for e in mite.records["time_entries"].values())
