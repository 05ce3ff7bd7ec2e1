"""The API client against the demo mite over a real loopback socket."""

import asyncio
from datetime import date, timedelta

import httpx
import pytest

from app.api import errors
from app.api.client import USER_AGENT, MiteClient
from app.demo.data import ADMIN_KEY, COWORKER_KEY, TRACKER_KEY
from tests.helpers.client import FullClient


def run(coro):
    return asyncio.run(coro)


async def call(demo, method, *args, key=ADMIN_KEY, timeout=5.0, **kwargs):
    async with FullClient(demo.url, key, timeout=timeout) as client:
        return await getattr(client, method)(*args, **kwargs)


def test_myself_and_account(demo):
    me = run(call(demo, "myself"))
    assert (me.name, me.role, me.is_admin) == ("Anna Becker", "admin", True)
    assert run(call(demo, "account")).name == "demo"
    assert not run(call(demo, "myself", key=TRACKER_KEY)).is_admin


def test_key_only_in_header_and_user_agent_sent(demo):
    seen = {}

    async def scenario():
        async def hook(request):
            seen["url"], seen["headers"] = str(request.url), request.headers
        async with MiteClient(demo.url, ADMIN_KEY) as client:
            client._http.event_hooks["request"] = [hook]
            await client.myself()

    run(scenario())
    assert ADMIN_KEY not in seen["url"]
    assert seen["headers"]["X-MiteApiKey"] == ADMIN_KEY
    assert seen["headers"]["User-Agent"] == USER_AGENT and "mite-tray/" in USER_AGENT


def test_tracker_cycle_with_stopped_entry_and_idempotent_stop(demo):
    async def scenario():
        async with MiteClient(demo.url, ADMIN_KEY) as c:
            assert not (await c.tracker()).running
            first = await c.create_time_entry(minutes=10, note="first")
            second = await c.create_time_entry(minutes=0, note="second")
            started = await c.start_tracker(first.id)
            assert (started.running_id, started.running_minutes) == (first.id, 10)
            again = await c.start_tracker(first.id)
            assert again.running_id == first.id and again.stopped_id is None
            switched = await c.start_tracker(second.id)
            assert (switched.running_id, switched.stopped_id, switched.stopped_minutes) == (second.id, first.id, 10)
            running = await c.time_entry(second.id)
            assert running.tracking is not None and running.tracking.minutes == 0
            stopped = await c.stop_tracker(second.id)
            assert stopped.stopped_id == second.id and not stopped.running
            assert (await c.stop_tracker(second.id)).stopped_id == second.id  # twice is fine
            with pytest.raises(errors.NotFoundError):  # no such entry: mite invents none (app/demo/README.md)
                await c.stop_tracker(123456)
            assert not (await c.tracker()).running
    run(scenario())


def test_one_tracker_per_user(demo):
    async def scenario():
        async with MiteClient(demo.url, ADMIN_KEY) as admin, MiteClient(demo.url, TRACKER_KEY) as tom:
            a = await admin.create_time_entry(note="anna")
            t = await tom.create_time_entry(note="tom")
            await admin.start_tracker(a.id)
            await tom.start_tracker(t.id)
            assert (await admin.tracker()).running_id == a.id
            assert (await tom.tracker()).running_id == t.id
    run(scenario())


def test_entries_crud_and_filters(demo):
    async def scenario():
        async with FullClient(demo.url, ADMIN_KEY) as c:
            projects = await c.projects()
            services = await c.services()
            entry = await c.create_time_entry(minutes=185, project_id=projects[0].id, service_id=services[0].id,
                                              note="Rework description", date_at=date.today().isoformat())
            assert entry.project_name == projects[0].name and entry.customer_name == projects[0].customer_name
            await c.update_time_entry(entry.id, minutes=120, note="changed")
            fetched = await c.time_entry(entry.id)
            assert (fetched.minutes, fetched.note) == (120, "changed")
            assert entry.id in [e.id for e in await c.daily()]
            found = await c.time_entries(note="changed", user_id="current", at="today")
            assert [e.id for e in found] == [entry.id]
            by_project = await c.time_entries(project_id=projects[0].id)
            assert all(e.project_id == projects[0].id for e in by_project)
            page1 = await c.time_entries(limit=5, page=1, sort="minutes", direction="asc")
            page2 = await c.time_entries(limit=5, page=2, sort="minutes", direction="asc")
            assert len(page1) == 5 and not {e.id for e in page1} & {e.id for e in page2}
            assert [e.minutes for e in page1] == sorted(e.minutes for e in page1)
            week = await c.time_entries(user_id="current", at="this_week")
            monday = date.today() - timedelta(days=date.today().weekday())
            assert all(e.day >= monday for e in week)
            groups = await c.time_entry_groups("project", user_id="current", at="today")
            assert sum(g.minutes for g in groups) == sum(e.minutes for e in await c.daily())
            yesterday = date.today() - timedelta(days=1)
            assert all(e.date_at == yesterday.isoformat() for e in await c.daily(yesterday))
            await c.delete_time_entry(entry.id)
            with pytest.raises(errors.NotFoundError):
                await c.time_entry(entry.id)
    run(scenario())


def test_locked_entries_and_force(demo):
    async def scenario():
        async with MiteClient(demo.url, ADMIN_KEY) as c:
            entry = await c.create_time_entry(minutes=30, locked=True)
            with pytest.raises(errors.LockedError, match="locked"):
                await c.update_time_entry(entry.id, minutes=45)
            with pytest.raises(errors.LockedError, match="cannot be deleted"):
                await c.delete_time_entry(entry.id)
            await c.update_time_entry(entry.id, force=True, locked=False)
            await c.update_time_entry(entry.id, minutes=45)
            await c.update_time_entry(entry.id, locked=True)
            await c.delete_time_entry(entry.id, force=True)
    run(scenario())


def test_time_tracker_role_limits(demo):
    async def scenario():
        async with MiteClient(demo.url, TRACKER_KEY) as tom, MiteClient(demo.url, ADMIN_KEY) as anna:
            others = [e for e in await anna.time_entries() if e.user_name != "Tom Richter"]
            with pytest.raises(errors.NotFoundError):
                await tom.time_entry(others[0].id)
            assert {e.user_name for e in await tom.time_entries()} == {"Tom Richter"}
            with pytest.raises(errors.ForbiddenError):
                await tom.create("projects", name="Nope")
            with pytest.raises(errors.ForbiddenError):
                await tom.create_time_entry(minutes=5, locked=True)
            items, link = await tom.list_with_link("projects")
            assert link is None and "Hiring" not in [p.name for p in items]
    run(scenario())


def test_coworker_cannot_delete_others_entries(demo):
    async def scenario():
        async with MiteClient(demo.url, COWORKER_KEY) as lena, MiteClient(demo.url, ADMIN_KEY) as anna:
            mine = await anna.create_time_entry(minutes=5)
            assert (await lena.time_entry(mine.id)).id == mine.id  # coworkers may read
            with pytest.raises(errors.NotFoundError):
                await lena.delete_time_entry(mine.id)
    run(scenario())


def test_projects_services_customers(demo):
    async def scenario():
        async with FullClient(demo.url, ADMIN_KEY) as c:
            active, archived = await c.projects(), await c.projects(archived=True)
            assert active and archived and not any(p.archived for p in active)
            assert [p.name.lower() for p in active] == sorted(p.name.lower() for p in active)
            assert [p.name for p in await c.projects(name="api")] == ["API Docs"]
            customer = (await c.customers())[0]
            assert {p.customer_id for p in await c.projects(customer_id=customer.id)} == {customer.id}
            assert len(await c.projects(limit=3, page=2)) == 3
            project = await c.create("projects", name="Website", budget=45000, budget_type="cents")
            assert project.budget_type == "cents" and (await c.project(project.id)).name == "Website"
            await c.update("projects", project.id, archived=True)
            assert project.id in [p.id for p in await c.projects(archived=True)]
            await c.delete("projects", project.id)
            with pytest.raises(errors.NotFoundError):
                await c.project(project.id)
            with pytest.raises(errors.ValidationError, match="blank"):
                await c.create("projects", name="  ")
            used = (await c.time_entries(limit=1))[0].project_id
            with pytest.raises(errors.ValidationError, match="Archive it instead"):
                await c.delete("projects", used)
            service = await c.create("services", name="Pairing")
            assert (await c.service(service.id)).name == "Pairing"
            assert (await c.customer(customer.id)).name == customer.name
            assert await c.services(archived=True)
    run(scenario())


def test_changes_links(demo):
    async def scenario():
        async with FullClient(demo.url, ADMIN_KEY) as c:
            _, link = await c.list_with_link("projects")
            project = await c.create("projects", name="Fresh")
            await c.update("projects", project.id, name="Fresher")
            changes, link2 = await c.changes(link)
            assert [(ch.action, ch.record["project"]["name"]) for ch in changes] == [("created", "Fresher")]
            await c.delete("projects", project.id)
            changes, _ = await c.changes(link2)
            assert [(ch.action, ch.record_id, ch.record) for ch in changes] == [("deleted", project.id, None)]
            _, entry_link = await c.time_entries_with_link(at="today")
            entry = await c.create_time_entry(minutes=3)
            changes, _ = await c.changes(entry_link)
            assert [(ch.record_type, ch.action) for ch in changes] == [("time_entry", "created")]
            with pytest.raises(errors.InvalidResponse, match="another host"):
                await c.changes("https://evil.example.com/projects/changes/abc.json")
            with pytest.raises(errors.NotFoundError):
                await c.changes("/projects/changes/deadbeef.json")
            del entry
    run(scenario())


def test_changes_expire_after_seven_days(demo):
    async def scenario():
        async with MiteClient(demo.url, ADMIN_KEY) as c:
            _, link = await c.list_with_link("services")
            real_clock = demo.mite.clock
            demo.mite.clock = lambda: real_clock() + timedelta(days=7, minutes=1)
            with pytest.raises(errors.StatusError, match="seven days"):
                await c.changes(link)
    run(scenario())


def test_time_trackers_cannot_read_changes(demo):
    _, link = run(call(demo, "list_with_link", "customers"))
    with pytest.raises(errors.ForbiddenError):
        run(call(demo, "changes", link, key=TRACKER_KEY))


@pytest.mark.parametrize("status, error_class", [
    (401, errors.AuthError), (403, errors.ForbiddenError), (404, errors.NotFoundError),
    (422, errors.ValidationError), (423, errors.LockedError), (429, errors.RateLimitedError),
    (500, errors.ServerError), (503, errors.ServerError), (418, errors.StatusError),
])
def test_every_status_error_class_keeps_the_message(demo, status, error_class):
    demo.inject(path="/tracker", status=status, body='{"error": "told by server"}', retry_after=7)
    with pytest.raises(error_class) as info:
        run(call(demo, "tracker"))
    assert info.value.status == status and info.value.message == "told by server"
    assert info.value.retry_after == 7
    assert isinstance(info.value, errors.ApiError)


def test_wrong_key_is_an_auth_error(demo):
    with pytest.raises(errors.AuthError, match="check your API key"):
        run(call(demo, "myself", key="0000000000000000"))


def test_html_error_page_and_malformed_json(demo):
    demo.inject(path="/tracker", status=502, body="<html><body>Bad Gateway</body></html>")
    with pytest.raises(errors.ServerError, match="502"):
        run(call(demo, "tracker"))
    demo.inject(path="/myself", body="{not json")
    with pytest.raises(errors.InvalidResponse, match="not JSON"):
        run(call(demo, "myself"))


def test_timeout_and_dropped_connection_and_no_server(demo):
    demo.inject(path="/tracker", delay=1.0)
    with pytest.raises(errors.TimeoutError):
        run(call(demo, "tracker", timeout=0.3))
    demo.inject(path="/time_entries.json", method="POST", drop=True)
    with pytest.raises(errors.NetworkError):
        run(call(demo, "create_time_entry", minutes=7, note="dropped"))
    # The server acted although the client heard nothing: the outcome was unknown, not a failure.
    assert any(e["note"] == "dropped" for e in demo.mite.records["time_entries"].values())
    with pytest.raises(errors.NetworkError, match="Cannot reach"):
        run(call(type("Closed", (), {"url": "http://127.0.0.1:9"})(), "myself"))


def test_redirects_are_not_followed_with_the_key():
    async def scenario():
        def handler(request):
            return httpx.Response(302, headers={"Location": "https://evil.example.com/"})
        async with MiteClient("http://127.0.0.1:1", ADMIN_KEY, transport=httpx.MockTransport(handler)) as c:
            await c.myself()
    with pytest.raises(errors.StatusError):
        run(scenario())

