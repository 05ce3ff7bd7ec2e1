"""One path for every action (app.core.actions): the same plans on both backends, against the demo mite.

The running app's Session and the command line's Direct carry out a Plan with the one
`execute`; only what happens around it differs (Session: shown, sent by its sync task;
Direct: synced once per command). Creating a missing project or service needs mite:
offline, the plan is refused with a message before anything of it is done.
"""

import asyncio
from datetime import date, timedelta

import pytest

from app.api.client import MiteClient
from app.core import commands
from app.core.actions import Action, Plan, execute
from app.core.commands import Direct
from app.core.journal import now_local
from app.core.messages import ActionFailed
from app.core.session import Session
from app.core.settings import Settings
from app.core.store import Store
from app.demo.data import ADMIN_KEY

OFFLINE = "http://127.0.0.1:9"  # nothing listens: connection refused, nothing reaches mite


def session_backend(client, store):
    return Session(client, Settings(), store, save_settings=False)


BACKENDS = {"session": session_backend, "direct": Direct}


def run(demo, tmp_path, make, body):
    """`body(backend, client)` on a fresh file store; the backend's catalog loaded first."""
    async def main():
        store = Store(tmp_path / "store.sqlite3")
        async with MiteClient(demo.url, ADMIN_KEY, timeout=2.0) as client:
            backend = make(client, store)
            await backend.load_catalog()
            try:
                return await body(backend, client)
            finally:
                store.close()
    return asyncio.run(main())


async def synced(backend):
    """What the backend holds in mite after its sync: the Session's task is not running here."""
    if isinstance(backend, Session):
        await backend.refresh()


def in_mite(demo, note):
    return [e for e in demo.mite.records["time_entries"].values() if e["note"] == note]


def admin_tracker(demo):
    admin = next(u for u in demo.mite.users.values() if u["role"] == "admin")
    return demo.mite.trackers.get(admin["id"])


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_both_backends_carry_out_the_same_plans(demo, tmp_path, backend_name):
    async def body(backend, client):
        project = next(p for p in backend.projects if p.name == "API Docs")
        service = next(s for s in backend.services if s.name == "Writing")
        started = await execute(Plan(Action.START, project=project, service=service, note="one path"), backend)
        booked = await execute(Plan(Action.BOOK, minutes=25, note="one path booked",
                                    day=date.today() - timedelta(days=1)), backend)
        await synced(backend)
        running = admin_tracker(demo)
        later = now_local() + timedelta(minutes=2)
        backend.journal.clock = lambda: later  # it ran a while: a stop within its first minute would book nothing
        stopped = await execute(Plan(Action.STOP), backend)
        nothing = await execute(Plan(Action.STOP), backend)
        await synced(backend)
        [entry], [earlier] = in_mite(demo, "one path"), in_mite(demo, "one path booked")
        stopped_in_mite = admin_tracker(demo)
        resumed = await execute(Plan(Action.RESUME), backend)  # the entry touched last
        await synced(backend)
        server_id = backend.store.server_id
        return (started, booked, running, server_id(stopped) == server_id(started), nothing, entry, earlier,
                stopped_in_mite, resumed, server_id(resumed), backend.store.outbox())

    (started, booked, running, stopped, nothing, entry, earlier, stopped_in_mite, resumed, resumed_in_mite,
     outbox) = run(demo, tmp_path, BACKENDS[backend_name], body)
    assert (entry["project_id"], entry["service_id"]) == (
        next(p["id"] for p in demo.mite.records["projects"].values() if p["name"] == "API Docs"),
        next(s["id"] for s in demo.mite.records["services"].values() if s["name"] == "Writing"))
    assert (earlier["minutes"], earlier["date_at"]) == (25, (date.today() - timedelta(days=1)).isoformat())
    assert running["entry_id"] == entry["id"] and started < 0 and booked < 0  # local ids until mite has them
    assert stopped and stopped_in_mite is None and nothing is None  # the timer, then nothing to stop
    assert resumed_in_mite == admin_tracker(demo)["entry_id"]  # continued (an older entry: as a copy today)
    continued = demo.mite.records["time_entries"][resumed_in_mite]
    assert continued["note"].startswith("one path") and continued["date_at"] == date.today().isoformat()
    assert outbox == []  # everything was sent, nothing waits


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_creating_a_project_offline_is_refused_before_anything_of_the_plan_is_done(demo, tmp_path, backend_name):
    """The stated rule: mite assigns a project's id, so creating one needs mite. Offline, the plan
    fails with a message saying what could not be done and why; no entry, no timer, no outbox row,
    no record; the same plan works once mite can be reached."""
    heard = []

    async def body(backend, client):
        backend.refused = heard.append
        real = client._http.base_url
        client._http.base_url = OFFLINE
        plan = Plan(Action.START, create_project="Moonshot", create_service="Research", note="first sketch")
        with pytest.raises(ActionFailed) as refused:
            await execute(plan, backend)
        store = backend.store
        left = (store.entries_between("0000-00-00", "9999-99-99"), store.outbox(), store.tracker(),
                [r for r in store.records("projects") if r["name"] == "Moonshot"],
                [p for p in backend.projects if p.name == "Moonshot"])
        client._http.base_url = real
        entry_id = await execute(plan, backend)  # kept by the caller, sent again: now it works
        await synced(backend)
        return refused.value.message, left, entry_id, [p.name for p in backend.projects]

    message, left, entry_id, projects = run(demo, tmp_path, BACKENDS[backend_name], body)
    assert message == "Could not create “Moonshot”: mite cannot be reached. Check your internet connection."
    assert heard[0] == message  # the Session shows it in its status line
    assert left == ([], [], None, [], [])
    assert entry_id is not None and "Moonshot" in projects
    [entry] = in_mite(demo, "first sketch")
    moonshot = next(p for p in demo.mite.records["projects"].values() if p["name"] == "Moonshot")
    research = next(s for s in demo.mite.records["services"].values() if s["name"] == "Research")
    assert (entry["project_id"], entry["service_id"]) == (moonshot["id"], research["id"])
    assert admin_tracker(demo)["entry_id"] == entry["id"]
    assert sum(p["name"] == "Moonshot" for p in demo.mite.records["projects"].values()) == 1


def test_a_refused_service_stops_the_plan_after_the_project_it_created(demo, tmp_path):
    """Created in order, project first: when mite refuses the service, the project stays (it exists
    in mite and in the list) and the message names the service; no entry is made."""
    before = set(demo.mite.records["time_entries"])

    async def body(backend, client):
        demo.inject(path="/services.json", method="POST", status=422, body='{"error": "Name is taken"}')
        with pytest.raises(ActionFailed) as refused:
            await execute(Plan(Action.BOOK, minutes=30, create_project="Half", create_service="Way"), backend)
        return refused.value.message, backend.store.outbox(), [p.name for p in backend.projects]

    message, outbox, projects = run(demo, tmp_path, BACKENDS["session"], body)
    assert message.startswith("Could not create “Way”: ") and "Name is taken" in message
    assert outbox == [] and "Half" in projects
    assert set(demo.mite.records["time_entries"]) == before  # no entry made (the demo has 30-minute ones)


def test_a_plan_that_cannot_be_done_is_refused_with_its_reason(demo, tmp_path):
    async def body(backend, client):
        with pytest.raises(ActionFailed, match="no recent entry 7"):
            await execute(Plan(error="There is no recent entry 7 today."), backend)
        return backend.store.outbox()

    assert run(demo, tmp_path, BACKENDS["direct"], body) == []


def test_a_command_line_request_becomes_a_plan(demo, tmp_path):
    async def body(backend, client):
        add = await commands.plan_for(commands.checked_request(
            {"cmd": "add", "duration": "1h30", "project": "api d", "service": "writ", "note": "n",
             "date": "2026-11-20"}), backend)
        last = await commands.plan_for({"cmd": "start", "last": True}, backend)
        stop = await commands.plan_for({"cmd": "stop"}, backend)
        return add, last, stop

    add, last, stop = run(demo, tmp_path, BACKENDS["direct"], body)
    assert (add.action, add.project.name, add.service.name, add.minutes, add.day, add.note) == (
        Action.BOOK, "API Docs", "Writing", 90, date(2026, 11, 20), "n")
    assert (last.action, last.entry) == (Action.RESUME, None)
    assert stop == Plan(Action.STOP)
