"""Project budgets (issue 16): how much of a project's budget is used, in words, and the warnings at
75% and 100%. Pure arithmetic, plus the figures mite sent, cached in the store's meta.

mite keeps a project's `budget` in minutes or cents (`budget_type`: "minutes", "minutes_per_month",
"cents", "cents_per_month"; 0 = no budget). The use comes from `GET /time_entries?group_by=project`
for all budget projects at once (mite takes several ids in `project_id`), and once more with
`at=this_month` for the monthly ones: one or two requests. The figures are cached with a fingerprint
of the store's entries on those projects and refetched when it differs (an action, a sync round
that brought changes), when the month turned, or when they are older than MAX_AGE (colleagues book
too). A time tracker's mite sums only their own entries: that is their share, never a percentage.

The running timer counts on top of the cached figure (its minutes since mite summed the entry), so
nothing is asked of mite while it ticks. `core.budget_watch` is the running app's side;
`load_usages` the command line's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QLocale

from app.api import errors
from app.api.client import MiteClient
from app.api.models import Project, TimeEntry, User
from app.core.duration import format_minutes
from app.core.outbox import WAITING
from app.core import store_index
from app.core.store import Store
from app.core.sync import stored_catalog
from app.i18n import translate

TYPES = ("minutes", "minutes_per_month", "cents", "cents_per_month")
WARN_AT = (75, 100)          # percent: one notification each, per project (and month, for monthly budgets)
MAX_AGE = timedelta(minutes=30)  # colleagues' entries never reach this store: their share is refetched this often
CACHE_KEY, WARNED_KEY = "budgets:figures", "budgets:warned"
UNSENT = "unsent"  # the fingerprint of figures fetched while entries waited to be sent: stale at once
SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥"}


@dataclass(frozen=True)
class Usage:
    """One project's budget and its use, in the budget's unit (minutes or cents)."""

    project_id: int
    project: str        # its label, "API Docs (King Inc.)"
    budget_type: str    # mite's: minutes, minutes_per_month, cents, cents_per_month
    budget: int
    used: int
    share_only: bool = False  # a time tracker: only their own entries count, so no percentage
    month: str | None = None  # "2026-12" for a monthly budget
    currency: str = field(default="", compare=False)  # the account's ("EUR"), for cents
    fetched_at: str = field(default="", compare=False)  # when mite said so (ISO)

    @property
    def monthly(self) -> bool:
        return self.budget_type.endswith("_per_month")

    @property
    def in_cents(self) -> bool:
        return self.budget_type.startswith("cents")

    @property
    def percent(self) -> int | None:
        """Whole percent used, rounded down (75 means 75 reached); None for a time tracker's share."""
        if self.share_only or self.budget <= 0:
            return None
        return self.used * 100 // self.budget

    def amount(self, value: int) -> str:
        """`value` in the budget's unit, as people read it: "30:00" or "€8,640"."""
        return money(value, self.currency) if self.in_cents else format_minutes(value)

    def limit(self) -> str:
        """The budget: "40 h", "40:30 h", "€12,000"."""
        return money(self.budget, self.currency) if self.in_cents else hours(self.budget)

    def text(self, short: bool = False) -> str:
        """"72% of 40 h", "€8,640 of €12,000 · 72%", a time tracker's "your share 12:30 of 40 h".
        `short`: the percent first for money too ("72% of €12,000"), for narrow lists that cut the end off."""
        words = {"used": self.amount(self.used), "budget": self.limit(), "percent": self.percent}
        if self.share_only:
            text = (translate("Budgets", "your share {used} of {budget} this month") if self.monthly
                    else translate("Budgets", "your share {used} of {budget}"))
        elif self.in_cents and not short:
            text = (translate("Budgets", "{used} of {budget} this month · {percent}%") if self.monthly
                    else translate("Budgets", "{used} of {budget} · {percent}%"))
        else:
            text = (translate("Budgets", "{percent}% of {budget} this month") if self.monthly
                    else translate("Budgets", "{percent}% of {budget}"))
        return text.format(**words)

    def note(self) -> str:
        """What a time tracker is told beside their share (a tooltip); "" for everyone else."""
        if not self.share_only:
            return ""
        return translate("Budgets", "Only your own entries count here: the project's total use needs an "
                                    "admin or owner of the mite account.")

    def to_json(self) -> dict[str, Any]:
        return {"project_id": self.project_id, "project": self.project, "budget_type": self.budget_type,
                "monthly": self.monthly, "budget": self.budget, "used": self.used, "percent": self.percent,
                "share_only": self.share_only}


def hours(minutes: int) -> str:
    """A budget in hours: "40 h", or "40:30 h" when not whole."""
    return f"{minutes // 60} h" if minutes % 60 == 0 else f"{format_minutes(minutes)} h"


def money(cents: int, currency: str) -> str:
    """Whole currency units with the locale's separators: "€8,640", "8.640 €"; "8,640 CHF" for others."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)  # "€8,640", not "€ 8640"
    units = round(cents / 100)
    symbol = SYMBOLS.get(currency, currency)
    if not symbol:
        return locale.toString(units)
    text = locale.toCurrencyString(float(units), symbol, 0)
    if len(symbol) > 1 and text.startswith(symbol) and not text.startswith(symbol + " "):
        text = f"{symbol} {text[len(symbol):]}"  # "CHF 12,000", not "CHF12,000"
    return text


# -- warnings ---------------------------------------------------------------------------------------

def warning_key(usage: Usage, threshold: int) -> str:
    """What the store remembers once warned: per project and threshold, and month for a monthly budget."""
    return f"{usage.project_id}:{threshold}" + (f":{usage.month}" if usage.monthly else "")


def due_warning(usage: Usage, warned: set[str]) -> tuple[str, list[str]] | None:
    """The one notification `usage` is due now and the keys to remember, or None: the highest threshold
    reached and not yet warned of (a jump from 70% to 105% says only "over"). Never for a share."""
    percent = usage.percent
    if percent is None:
        return None
    reached = [threshold for threshold in WARN_AT if percent >= threshold]
    new = [warning_key(usage, threshold) for threshold in reached if warning_key(usage, threshold) not in warned]
    if not new:
        return None
    return warning(usage, reached[-1]), new


def warning(usage: Usage, threshold: int) -> str:
    name = usage.project
    used, budget, percent = usage.amount(usage.used), usage.limit(), usage.percent
    if threshold >= 100 and usage.used > usage.budget:
        text = (translate("Budgets", "{name} is over its monthly budget: {used} of {budget}.") if usage.monthly
                else translate("Budgets", "{name} is over its budget: {used} of {budget}."))
    elif threshold >= 100:
        text = (translate("Budgets", "{name} has used all of its {budget} monthly budget.") if usage.monthly
                else translate("Budgets", "{name} has used all of its {budget} budget."))
    else:
        text = (translate("Budgets", "{name} has used {percent}% of its {budget} monthly budget ({used}).")
                if usage.monthly else
                translate("Budgets", "{name} has used {percent}% of its {budget} budget ({used})."))
    return text.format(name=name, used=used, budget=budget, percent=percent)


def warned(store: Store) -> set[str]:
    return set(json.loads(store.get_meta(WARNED_KEY) or "[]"))


def remember_warned(store: Store, keys: list[str]) -> None:
    store.set_meta(WARNED_KEY, json.dumps(sorted(warned(store) | set(keys))))


# -- the figures mite sent, cached --------------------------------------------------------------------

@dataclass(frozen=True)
class Figures:
    """What mite summed for the budget projects, and what that answer depended on."""

    fetched_at: str                     # ISO, the journal's clock
    month: str                          # "2026-12": the month the monthly figures are of
    share_only: bool                    # fetched by a time tracker
    ids: tuple[tuple[int, str], ...]    # (project id, budget type) asked for, sorted
    fingerprint: str                    # of the store's entries on them then ("" when entries waited to be sent)
    minutes: dict[int, int]
    revenue: dict[int, float]           # cents
    currency: str = ""

    def to_json(self) -> str:
        data = {**self.__dict__, "ids": [list(pair) for pair in self.ids],
                "minutes": {str(k): v for k, v in self.minutes.items()},
                "revenue": {str(k): v for k, v in self.revenue.items()}}
        return json.dumps(data)

    @classmethod
    def from_json(cls, text: str) -> Figures:
        data = json.loads(text)
        return cls(data["fetched_at"], data["month"], bool(data["share_only"]),
                   tuple((int(pid), str(kind)) for pid, kind in data["ids"]), data["fingerprint"],
                   {int(k): int(v) for k, v in data["minutes"].items()},
                   {int(k): float(v) for k, v in data["revenue"].items()}, data.get("currency", ""))


def budgeted(projects: list[Project]) -> list[Project]:
    """The active projects with a budget mite explains (0 is none)."""
    return [p for p in projects if not p.archived and p.budget > 0 and p.budget_type in TYPES]


def wanted_ids(projects: list[Project]) -> tuple[tuple[int, str], ...]:
    return tuple(sorted((p.id, p.budget_type) for p in budgeted(projects)))


def month_of(day: date) -> str:
    return day.strftime("%Y-%m")


def cached(store: Store) -> Figures | None:
    text = store.get_meta(CACHE_KEY)
    try:
        return Figures.from_json(text) if text else None
    except (ValueError, KeyError, TypeError):
        return None  # written by another version: fetched again


def fingerprint(store: Store, project_ids: list[int], since: str = "") -> dict[int, str]:
    """Per project, a cheap sign of the store's entries on it (count, minutes, ids, services): it differs
    when an entry was added, removed, moved, or its minutes or service changed (what mite's sums depend on),
    not when one is written again as it was (a full load). One query on the entry index (core.store_index):
    no entry's JSON is read, which cost an action on a big budget project 2.25x (issue 17). `since`: only
    entries dated then or later."""
    if not project_ids:
        return {}
    marks = ",".join("?" * len(project_ids))
    rows = store.db.execute(
        "SELECT project_id, count(*), total(minutes), total(id), total(ifnull(service_id, 0) * (id % 1000 + 1)) "
        f"FROM entry_index WHERE project_id IN ({marks}) AND date_at >= ? GROUP BY 1",
        [*project_ids, since]).fetchall()
    return {int(row[0]): f"{row[1]}/{row[2]:.0f}/{row[3]:.0f}/{row[4]:.0f}" for row in rows}


Row = tuple[str, int, int, int]  # an entry as budgets see it: (day, project id, minutes, service id)


def index_rows(store: Store, project_ids: list[int], since: str,
               entry_ids: list[int] | None = None) -> dict[int, Row]:
    """The entries on these projects dated `since` or later, by id, from the entry index (no JSON read);
    `entry_ids`: only those of them (what changed)."""
    if not project_ids:
        return {}
    marks = ",".join("?" * len(project_ids))
    query = ("SELECT id, date_at, project_id, ifnull(minutes, 0), ifnull(service_id, 0) FROM entry_index "
             f"WHERE project_id IN ({marks}) AND date_at >= ?")
    if entry_ids is None:
        chunks: list[list[int]] = [[]]
    else:
        chunks = [entry_ids[start:start + store_index.CHUNK] for start in range(0, len(entry_ids), store_index.CHUNK)]
    found: dict[int, Row] = {}
    for chunk in chunks:
        tail = f" AND id IN ({','.join('?' * len(chunk))})" if entry_ids is not None else ""
        for row in store.db.execute(query + tail, [*project_ids, since, *chunk]):
            found[int(row[0])] = (str(row[1]), int(row[2]), int(row[3]), int(row[4]))
    return found


def joined(prints: dict[int, str]) -> str:
    return ";".join(f"{pid}={value}" for pid, value in sorted(prints.items()))


def stale(figures: Figures | None, projects: list[Project], prints: dict[int, str], now: datetime) -> bool:
    """Whether the cached figures no longer answer: other budget projects, changed entries, a new month
    (for monthly budgets), or older than MAX_AGE."""
    if figures is None or figures.ids != wanted_ids(projects) or figures.fingerprint != joined(prints):
        return True
    if figures.month != month_of(now.date()) and any(kind.endswith("_per_month") for _, kind in figures.ids):
        return True
    try:
        return now - datetime.fromisoformat(figures.fetched_at) > MAX_AGE
    except (ValueError, TypeError):
        return True


async def fetch(client: MiteClient, projects: list[Project], *, share_only: bool, now: datetime,
                fingerprint: str, currency: str = "") -> Figures:
    """Ask mite for the budget projects' use: one request for the whole-budget ones, one with
    at=this_month for the monthly ones (each only when there are such projects)."""
    wanted = budgeted(projects)
    minutes: dict[int, int] = {}
    revenue: dict[int, float] = {}
    for monthly in (False, True):
        ids = [p.id for p in wanted if p.budget_type.endswith("_per_month") == monthly]
        if not ids:
            continue
        span = {"at": "this_month"} if monthly else {}
        for group in await client.entry_groups(project_id=ids, group_by="project", **span):
            if group.project_id in ids:
                minutes[group.project_id] = minutes.get(group.project_id, 0) + group.minutes
                revenue[group.project_id] = revenue.get(group.project_id, 0.0) + (group.revenue or 0.0)
    if not currency and any(p.budget_type.startswith("cents") for p in wanted):
        try:
            currency = await client.account_currency()  # once: kept with the figures
        except errors.ApiError:
            currency = ""  # amounts without a symbol; the rest still stands
    return Figures(now.isoformat(), month_of(now.date()), share_only, wanted_ids(projects), fingerprint,
                   minutes, revenue, currency)


async def refreshed(store: Store, client: MiteClient, projects: list[Project], user: User | None,
                    now: datetime) -> tuple[Figures | None, bool]:
    """The figures to show, fetched and cached when stale: (figures, whether mite was asked).
    Raises errors.ApiError when mite could not be asked (the cached figures stay in the store)."""
    figures = cached(store)
    prints = fingerprint(store, [p.id for p in budgeted(projects)])
    if not budgeted(projects) or not stale(figures, projects, prints, now):
        return figures, False
    if user is None:
        user = await client.myself()
    # Entries still waiting to be sent are not in mite's sums: such figures are refetched once they are.
    sent = not store.outbox(*WAITING)
    figures = await fetch(client, projects, share_only=is_share_only(user), now=now,
                          fingerprint=joined(prints) if sent else UNSENT,
                          currency=figures.currency if figures else "")
    store.set_meta(CACHE_KEY, figures.to_json())
    return figures, True


def usages(projects: list[Project], figures: Figures | None, now: datetime, *,
           running: TimeEntry | None = None, running_extra: int = 0) -> list[Usage]:
    """Each budget project's use by the cached figures (none for what they do not answer: no figure, or
    last month's for a monthly budget), with the running timer's `running_extra` minutes on top."""
    if figures is None:
        return []
    asked = set(figures.ids)
    month = month_of(now.date())
    found = []
    for project in budgeted(projects):
        monthly = project.budget_type.endswith("_per_month")
        if (project.id, project.budget_type) not in asked or (monthly and figures.month != month):
            continue
        in_cents = project.budget_type.startswith("cents")
        used = figures.revenue.get(project.id, 0.0) if in_cents else float(figures.minutes.get(project.id, 0))
        if running is not None and running.project_id == project.id and running_extra > 0:
            if not in_cents:
                used += running_extra
            elif running.billable and running.hourly_rate:
                used += running_extra * running.hourly_rate / 60  # else the cached figure stands
        found.append(Usage(project.id, project.label, project.budget_type, project.budget, round(used),
                           share_only=figures.share_only, month=month if monthly else None,
                           currency=figures.currency, fetched_at=figures.fetched_at))
    return sorted(found, key=lambda usage: usage.project.casefold())


def is_share_only(user: User | None) -> bool:
    return user is not None and user.role == "time_tracker"


def running_in_store(store: Store, now: datetime) -> tuple[TimeEntry | None, int]:
    """The running entry and its minutes beyond those mite has for it (its stored minutes, as the app's
    Session.budgets counts them: a start that reached mite late already gave mite the minutes before it)."""
    tracker = store.tracker()
    record = store.entry(tracker.entry_id) if tracker else None
    if tracker is None or record is None:
        return None, 0
    entry = TimeEntry.from_json(record)
    return entry, max(0, tracker.minutes_at(now) - entry.minutes)


async def load_usages(store: Store, client: MiteClient, user: User | None, today: date,
                      now: datetime | None = None) -> list[Usage]:
    """The budget projects' use for the command line without the app: fetched when the cached figures
    are stale, else from the store. When mite cannot be asked, the cached figures (each Usage has their
    age, `fetched_at`); errors.ApiError only when there are none."""
    now = now or datetime.now().astimezone()
    if now.date() != today:
        now = datetime.combine(today, now.timetz())
    projects, _ = stored_catalog(store)
    try:
        figures, _asked = await refreshed(store, client, projects, user, now)
    except errors.ApiError:
        figures = cached(store)
        if figures is None:
            raise
    running, extra = running_in_store(store, now)
    return usages(projects, figures, now, running=running, running_extra=extra)
