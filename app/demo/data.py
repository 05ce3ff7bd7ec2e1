"""Believable sample data for the demo account, the same on every run."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from app.demo.mite import DemoMite

# Shaped like real mite API keys (16 hex characters); fixed so docs and tests can name them.
ADMIN_KEY = "5e8f2c9a1b7d3046"
TRACKER_KEY = "c37a9e1f04b26d58"
COWORKER_KEY = "9d04b7e2a6c1f385"

USERS = [
    (ADMIN_KEY, "Anna Becker", "anna.becker@example.com", "admin", "de"),
    (TRACKER_KEY, "Tom Richter", "tom.richter@example.com", "time_tracker", "en"),
    (COWORKER_KEY, "Lena Vogel", "lena.vogel@example.com", "coworker", "de"),
]
CUSTOMERS = ["King Inc.", "Yolk GmbH", "Nordlicht Verlag", "Brightside Clinic", "Müller & Söhne",
             "Acme Robotics"]
# (name, customer index or None, archived)
PROJECTS = [
    ("API Docs", 0, False), ("Website Relaunch", 0, False), ("Mobile App", 0, False),
    ("Support Retainer", 0, False), ("Open-Source", 1, False), ("Brand Refresh", 1, False),
    ("Newsletter 2025", 1, True), ("Online Shop", 2, False), ("Print Catalogue", 2, False),
    ("Autorenportal", 2, False), ("E-Book Pipeline", 2, True), ("Patient Portal", 3, False),
    ("Appointment Booking", 3, False), ("Accessibility Audit", 3, False), ("Intranet", 4, False),
    ("ERP Migration", 4, False), ("Warehouse Scanner", 4, False), ("Trade Fair 2024", 4, True),
    ("Robot Fleet Dashboard", 5, False), ("Firmware Updates", 5, False), ("Sales Demo Kit", 5, False),
    ("Documentation Portal", 5, False), ("Pilot Study", 5, True), ("Data Export", 1, False),
    ("Hosting & Maintenance", 0, False), ("Design System", 3, False), ("Internal", None, False),
    ("Hiring", None, False), ("Training", None, False), ("Old Website", 0, True),
]
SERVICES = [("Development", 9500, True), ("Design", 8500, True), ("Writing", 7000, True),
            ("Consulting", 11000, True), ("Project management", 8000, True), ("Meetings", 8000, True),
            ("Support", 7500, True), ("Travel", 0, False), ("Legacy QA", 6000, True)]
NOTES = ["Review pull requests", "Fix login redirect", "Call with client", "Sprint planning",
         "Update changelog", "Write onboarding guide", "Bug triage", "Refactor sync module",
         "Prepare workshop", "Deploy to staging", "Rework description of authentication process",
         "Wireframes for checkout", "Weekly status report", "Answer support tickets", ""]


def build(mite: DemoMite, *, extra_projects: int = 0, extra_entries: int = 0, extra_customers: int = 0,
          extra_services: int = 0) -> DemoMite:
    """Fill `mite` with the sample account; `extra_*` make a large account for benchmarks."""
    rng = random.Random(42)
    stamp = (mite.clock() - timedelta(days=400)).isoformat()
    mite.account = {"id": 1, "name": "demo", "title": "mite-tray Demo GmbH", "currency": "EUR",
                    "created_at": stamp, "updated_at": stamp}
    for key, name, email, role, language in USERS:
        uid = mite.new_id()
        mite.users[uid] = {"id": uid, "name": name, "email": email, "note": "", "role": role,
                           "language": language, "archived": False, "api_key": key,
                           "created_at": stamp, "updated_at": stamp}
    customer_ids = []
    for name in CUSTOMERS + [f"Customer {i:03d}" for i in range(extra_customers)]:
        cid = _add(mite, "customers", name=name, stamp=stamp, active_hourly_rate=None,
                   hourly_rates_per_service=[])
        customer_ids.append(cid)
    services = SERVICES + [(f"Service {i:02d}", 8000, True) for i in range(extra_services)]
    service_ids = [_add(mite, "services", name=n, stamp=stamp, hourly_rate=rate or None, billable=billable,
                        archived=n.startswith("Legacy")) for n, rate, billable in services]
    projects = list(PROJECTS) + [(f"Project {i:04d}", i % len(customer_ids), i % 10 == 0)
                                 for i in range(extra_projects)]
    project_ids = []
    for name, customer, archived in projects:
        pid = _add(mite, "projects", name=name, stamp=stamp, archived=archived,
                   customer_id=customer_ids[customer] if customer is not None else None,
                   budget=0, budget_type="minutes", active_hourly_rate=None, hourly_rates_per_service=[])
        project_ids.append(pid)
    budgets = {"API Docs": (2400, "minutes"), "Website Relaunch": (1_200_000, "cents"),  # issue 16: hours, money,
               "Support Retainer": (1200, "minutes_per_month"), "Online Shop": (300_000, "cents_per_month")}  # monthly
    for pid, (name, *_) in zip(project_ids, projects, strict=True):
        if name in budgets:
            mite.records["projects"][pid].update(budget=budgets[name][0], budget_type=budgets[name][1])
    # Time trackers see only the projects released to them.
    mite.hidden_from_trackers = {pid for pid, (name, *_) in zip(project_ids, projects, strict=True) if name == "Hiring"}
    active = [pid for pid in project_ids if not mite.records["projects"][pid]["archived"]][:26]
    billable_services = service_ids[:7] + service_ids[len(SERVICES):]
    today = mite.clock().date()
    for uid in mite.users:
        for back in range(7, -1, -1):
            day = today - timedelta(days=back)
            if day.weekday() >= 5 and back != 0:
                continue
            count = 2 if back == 0 else rng.randint(3, 6)
            for _ in range(count):
                _entry(mite, rng, uid, day, rng.choice(active), rng.choice(billable_services),
                       locked=back >= 6 and uid == next(iter(mite.users)))
    for _ in range(extra_entries):
        day = today - timedelta(days=rng.randint(8, 400))
        _entry(mite, rng, rng.choice(list(mite.users)), day, rng.choice(project_ids),
               rng.choice(service_ids), locked=False)
    mite.change_log.clear()  # the sample data is the starting point, not a change
    mite.continue_ids_from_clock()
    return mite


def _add(mite: DemoMite, resource: str, *, name: str, stamp: str, **fields: object) -> int:
    rid = mite.new_id()
    mite.records[resource][rid] = {"id": rid, "name": name, "note": "", "archived": False,
                                   "hourly_rate": None, "created_at": stamp, "updated_at": stamp, **fields}
    return rid


def _entry(mite: DemoMite, rng: random.Random, uid: int, day, project_id: int, service_id: int,
           locked: bool) -> None:
    eid = mite.new_id()
    now = mite.clock().replace(microsecond=0)
    # Booked at 17:30 that day, or just now for today's before 17:30: never in the future, where
    # it would outrank what the user does next as "last touched" (found just after midnight).
    stamp = min(datetime.combine(day, time(17, 30), now.tzinfo), now - timedelta(seconds=1)).isoformat()
    mite.records["time_entries"][eid] = {
        "id": eid, "minutes": rng.choice([15, 30, 45, 60, 75, 90, 120, 150, 180, 240]),
        "date_at": day.isoformat(), "note": rng.choice(NOTES), "billable": True, "locked": locked,
        "user_id": uid, "project_id": project_id, "service_id": service_id,
        "hourly_rate": mite._rate(project_id, service_id), "created_at": stamp, "updated_at": stamp}


def demo_account(**sizes: int) -> DemoMite:
    return build(DemoMite(), **sizes)
