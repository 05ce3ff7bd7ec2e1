"""The demo server answers like mite, for any client: plain httpx requests, as a third-party client sends them.

One test per documented rule (docs in /work/shared/mite-api/); choices where the docs are silent are in
app/demo/README.md and are tested here as written there.
"""

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.demo.data import ADMIN_KEY, COWORKER_KEY, demo_account
from app.demo.server import DemoServer


def http(demo, key=ADMIN_KEY):
    return httpx.Client(base_url=demo.url, headers={"X-MiteApiKey": key, "User-Agent": "third-party/1.0"},
                        timeout=5.0)


def own_entry(client):
    return client.get("/time_entries.json", params={"user_id": "current", "limit": 1}).json()[0]["time_entry"]


def create(client, **attrs):
    reply = client.post("/time_entries.json", json={"time_entry": attrs})
    assert reply.status_code == 201, reply.text
    return reply


def test_tracker_only_for_the_authenticated_user(demo):
    """Docs: "The tracker can only be shown, started and stopped for the authenticated user."""
    with http(demo) as admin, http(demo, COWORKER_KEY) as coworker:
        theirs = own_entry(coworker)
        coworker.patch(f"/tracker/{theirs['id']}.json").raise_for_status()
        assert admin.patch(f"/tracker/{theirs['id']}.json").status_code == 404
        assert admin.get("/tracker.json").json() == {"tracker": {}}
        assert admin.delete(f"/tracker/{theirs['id']}.json").status_code == 404
        assert coworker.get("/tracker.json").json()["tracker"]["tracking_time_entry"]["id"] == theirs["id"]


def test_location_of_a_created_entry_is_absolute(demo):
    """Docs: `Location: https://demo.mite.de/time_entries/52324.json`."""
    with http(demo) as client:
        reply = create(client, minutes=5)
        created = reply.json()["time_entry"]["id"]
        assert reply.headers["Location"] == f"{demo.url}/time_entries/{created}.json"
        assert client.get(reply.headers["Location"]).json()["time_entry"]["id"] == created


def test_put_updates_like_patch(demo):
    """Rails routes PUT to update as PATCH; clients use it."""
    with http(demo) as client:
        entry = create(client, minutes=5).json()["time_entry"]
        assert client.put(f"/time_entries/{entry['id']}.json", json={"time_entry": {"minutes": 42}}).status_code == 200
        assert client.get(f"/time_entries/{entry['id']}.json").json()["time_entry"]["minutes"] == 42


@pytest.mark.parametrize("method", ["OPTIONS", "HEAD", "TRACE", "BREW", "PUT"])
def test_every_error_is_json(demo, method):
    """Every error mite documents is `{"error": "..."}` in JSON, whatever the method."""
    with http(demo) as client:
        reply = client.request(method, "/no_such_thing.json")
        assert reply.status_code >= 400
        assert reply.headers["Content-Type"].startswith("application/json")
        if method != "HEAD":  # HEAD answers carry no body
            assert isinstance(reply.json()["error"], str)


@pytest.mark.parametrize(("sent", "booked"), [("30", 30), (30, 30), ("0", 0), (1.5, 1), ("1.5", 1), (59.9, 59)])
def test_minutes_as_numeric_string_or_fraction(demo, sent, booked):
    """The XML form has no types, so clients send "30"; fractions are cut to whole minutes (README)."""
    with http(demo) as client:
        entry = create(client, minutes=sent).json()["time_entry"]
        assert entry["minutes"] == booked
        assert client.patch(f"/time_entries/{entry['id']}.json", json={"time_entry": {"minutes": sent}}).status_code == 200


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=12))
def test_minutes_text_that_is_no_number_is_refused_with_json(demo, text):
    try:
        float(text)
        return  # a number: booked, tested above
    except ValueError:
        pass
    with http(demo) as client:
        reply = client.post("/time_entries.json", json={"time_entry": {"minutes": text}})
        assert reply.status_code == 422
        assert "minutes" in reply.json()["error"]


def test_stopping_an_unknown_entry_invents_nothing(demo):
    """README: 404, as for starting the tracker on an unknown id."""
    with http(demo) as client:
        reply = client.delete("/tracker/999999.json")
        assert reply.status_code == 404
        assert "error" in reply.json()
        assert client.get("/tracker.json").json() == {"tracker": {}}


def test_stopping_an_own_entry_twice_is_idempotent(demo):
    with http(demo) as client:
        entry = own_entry(client)
        client.patch(f"/tracker/{entry['id']}.json").raise_for_status()
        first = client.delete(f"/tracker/{entry['id']}.json").json()
        second = client.delete(f"/tracker/{entry['id']}.json").json()
        assert first == second == {"tracker": {"stopped_time_entry": {"id": entry["id"], "minutes": entry["minutes"]}}}


def test_entry_without_project_leaves_the_project_fields_out(demo):
    """The documented create example: `project_id: null` and no project_name, customer_id, customer_name."""
    with http(demo) as client:
        entry = create(client, minutes=185).json()["time_entry"]
        assert entry["project_id"] is None
        assert not {"project_name", "customer_id", "customer_name", "service_name"} & entry.keys()
        listed = client.get("/time_entries.json", params={"at": entry["date_at"]}).json()
        mine = next(e["time_entry"] for e in listed if e["time_entry"]["id"] == entry["id"])
        assert "project_name" not in mine


def test_ids_are_not_reused_after_a_restart():
    """mite never reuses an id: a restarted demo server continues above every id the last run gave out."""
    given_out = set()
    for _run in range(2):
        with DemoServer(demo_account()) as demo, http(demo) as client:
            for _ in range(3):
                entry = create(client, minutes=1).json()["time_entry"]
                assert entry["id"] not in given_out
                given_out.add(entry["id"])
            project = client.post("/projects.json", json={"project": {"name": f"New {_run}"}})
            assert project.json()["project"]["id"] not in given_out
            given_out.add(project.json()["project"]["id"])


def test_unknown_sort_falls_back_to_the_default_order(demo):
    """README: an unknown sort value is ignored (date, newest first), not an error."""
    with http(demo) as client:
        default = client.get("/time_entries.json").json()
        assert client.get("/time_entries.json", params={"sort": "colour"}).json() == default
