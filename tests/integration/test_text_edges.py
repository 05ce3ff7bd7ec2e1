"""Text made safe at the edges: what the user types is refused with a message or booked exactly;
what mite sends is repaired into the store, never refused (issue 12)."""

import asyncio
import os
import json
import subprocess
import sys
import time
from datetime import date, timedelta
from itertools import count

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.api.client import MiteClient, decode_json
from app.core.journal import Journal
from app.core.messages import ActionFailed
from app.core.store import Store, path_for
from app.core.sync import sync_catalog, sync_entries
from app.demo.data import ADMIN_KEY
from app.platform import control
from tests.integration.test_cli import app, cli, env  # noqa: F401 - fixtures
from tests.helpers.strategies import SHORT, TEXT, as_booked, as_read

# One demo server and one tmp_path serve all examples of a test; each example has its own store.
EXAMPLES = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
STORES = count()


def fresh_store(tmp_path):
    return Store(tmp_path / f"store-{next(STORES)}.sqlite3")


@settings(EXAMPLES, max_examples=80)
@given(note=TEXT, action=st.sampled_from(["add", "start", "edit"]))
def test_a_note_is_refused_with_a_message_or_booked_exactly(demo, tmp_path, note, action):
    expected = as_booked(note)

    async def body():
        async with MiteClient(demo.url, ADMIN_KEY, timeout=5) as client:
            journal = Journal(fresh_store(tmp_path), client, grace=0)
            try:
                if action == "edit":
                    entry_id = journal.add(minutes=5, project_id=None, service_id=None, note="before")
                    await journal.flush()
                    entry_id = journal.store.server_id(entry_id)
                before = journal.store.entries_between("0000-00-00", "9999-99-99")

                def act():
                    if action == "add":
                        return journal.add(minutes=5, project_id=None, service_id=None, note=note)
                    if action == "start":
                        return journal.start_new(project_id=None, service_id=None, note=note)
                    journal.edit(entry_id, note=note)
                    return entry_id

                if expected is None:
                    with pytest.raises(ActionFailed) as refused:
                        act()
                    assert refused.value.message.startswith("The note ")
                    assert journal.pending() == [] and journal.store.tracker() is None
                    assert journal.store.entries_between("0000-00-00", "9999-99-99") == before
                    return
                local_id = act()
                assert await journal.flush() == [] and journal.pending() == []
                server_id = journal.store.server_id(local_id) or local_id
                assert (await client.time_entry(server_id)).note == expected
            finally:
                journal.store.close()
    asyncio.run(body())


def _planted(demo):
    """This week's entry of the admin with a project of a customer, and a service."""
    monday = date.today() - timedelta(days=date.today().weekday())
    admin = next(u for u in demo.mite.users.values() if u["role"] == "admin")
    return next(e for e in demo.mite.records["time_entries"].values()
                if e["user_id"] == admin["id"] and e["service_id"]
                and (demo.mite.records["projects"].get(e["project_id"]) or {}).get("customer_id")
                and monday.isoformat() <= e["date_at"] <= date.today().isoformat()), admin, monday


@settings(EXAMPLES, max_examples=50)
@given(project=SHORT, customer=SHORT, service=SHORT, note=SHORT)
def test_text_from_mite_is_repaired_into_the_store_never_refused(demo, tmp_path, project, customer, service, note):
    """Lone surrogates reach the app as JSON escapes ("\\ud83d"): the sync keeps going and stores
    U+FFFD in their place; everything else arrives as mite sent it."""
    with demo.mite.lock:
        entry, admin, monday = _planted(demo)
        record = demo.mite.records["projects"][entry["project_id"]]
        record["name"], entry["note"] = project, note
        demo.mite.records["customers"][record["customer_id"]]["name"] = customer
        demo.mite.records["services"][entry["service_id"]]["name"] = service

    async def body():
        async with MiteClient(demo.url, ADMIN_KEY, timeout=5) as client:
            store = fresh_store(tmp_path)
            try:
                await sync_catalog(client, store)
                await sync_entries(client, store, set, monday, date.today(), admin["id"])
                stored = store.entry(entry["id"])
                assert (stored["note"], stored["project_name"], stored["customer_name"], stored["service_name"]) == (
                    as_read(note), as_read(project), as_read(customer), as_read(service))
                assert store.record("projects", entry["project_id"])["name"] == as_read(project)
                assert store.record("customers", record["customer_id"])["name"] == as_read(customer)
                json.dumps(stored, ensure_ascii=False).encode()  # valid text: it can be shown and sent
            finally:
                store.close()
    asyncio.run(body())


def test_lone_surrogates_in_any_spelling_are_repaired_where_json_is_decoded():
    # escapes in either case, a lone half next to a real pair, and the raw CESU bytes json.loads also takes
    body = b'{"a": "caf\\udce9", "b": "\\uD83D\\uDE00\\uD83D", "\\ud800": "x\xed\xa0\x80y", "c": [1, "\\udfff"]}'
    assert decode_json(body) == {"a": "caf\ufffd", "b": "😀\ufffd", "\ufffd": "x\ufffdy", "c": [1, "\ufffd"]}
    assert decode_json('{"ü": "ü 😀 \\u00fc"}'.encode()) == {"ü": "ü 😀 ü"}


def stored_outbox(env, url):
    path = path_for(url)
    if not path.exists():
        return []
    store = Store(path)
    try:
        return store.outbox()
    finally:
        store.close()


LATIN1 = "The note is not valid UTF-8 text (byte 0xE9 after “caf”). Set your terminal to UTF-8 and try again."


@pytest.mark.parametrize("args, says", [
    ([b"add", b"10", b"caf\xe9 latin1"], LATIN1),
    ([b"start", b"caf\xe9 latin1", b"-p", b"intranet"], LATIN1),
    ([b"add", b"10", b"x" * 100_000], "The note is too long: 100000 characters, at most 10000."),
    ([b"start", b"-s", b"\xfcbersetzen"], "The service name is not valid UTF-8 text (byte 0xFC at the start)."),
])
def test_bad_arguments_are_named_and_nothing_is_booked(env, demo, args, says):
    before = len(demo.mite.records["time_entries"])
    result = subprocess.run([sys.executable, "-m", "app", *args], env=env, capture_output=True, timeout=60)
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert says in err and "Traceback" not in err
    assert len(demo.mite.records["time_entries"]) == before and stored_outbox(env, demo.url) == []


def ask(env, request, timeout=60):
    """One request to the running app over its socket, as any local program could send it."""
    old = os.environ.get("MITE_TRAY_RUNTIME_DIR")
    os.environ["MITE_TRAY_RUNTIME_DIR"] = env["MITE_TRAY_RUNTIME_DIR"]
    try:
        return control.send(request, timeout=timeout)
    finally:
        os.environ["MITE_TRAY_RUNTIME_DIR"] = old


def test_the_running_app_refuses_bad_requests_field_by_field_and_keeps_running(app, env, demo):
    before = len(demo.mite.records["time_entries"])
    for request, says in [
        ({"cmd": "start", "note": {"text": "x"}}, "The note must be text."),
        ({"cmd": "start", "note": 123}, "The note must be text."),
        ({"cmd": "add", "duration": "10", "note": "\ud800"}, "The note holds a broken character (U+D800 at the start"),
        ({"cmd": "add", "duration": "10", "note": "a\x1b[2Jb"}, "The note holds a control character (U+001B after “a”)"),
        ({"cmd": "add", "duration": 10}, "The duration must be text."),
        ({"cmd": "add", "duration": "10", "date": 20260105}, "The date must be text."),
        ({"cmd": "start", "project": ["api"]}, "The project name must be text."),
        ({"cmd": "start", "service": "w" * 300}, "The service name is too long: 300 characters, at most 255."),
        ({"cmd": "start", "last": "yes"}, "“last” must be true or false."),
        ({"cmd": {"start": 1}}, "Unknown command"),
        ({"cmd": "add", "duration": "10", "note": "x" * 100_000}, "The note is too long: 100000 characters, at most 10000."),
        ({"cmd": "add", "duration": "10", "note": "ü" * 11_000}, "The note is too long: 11000 characters, at most 10000."),
        ({"cmd": "add", "duration": "10", "note": "ü" * 200_000}, "The request is too long (more than 129 KiB)."),
    ]:
        reply = ask(env, request)
        marked = {"unknown": True} if says == "Unknown command" else {}  # protocol 2: the command line can tell
        assert reply == {"ok": False, "code": 2, "error": reply["error"], "v": control.PROTOCOL, **marked} \
            and says in reply["error"], request
    assert app.poll() is None
    status = cli("status", "--json", env=env)
    assert status.returncode == 0 and json.loads(status.stdout)["waiting"] == 0
    assert len(demo.mite.records["time_entries"]) == before
    longest = "😀" * 10_000  # the worst case of json's escaping, at the limit: accepted and booked
    assert ask(env, {"cmd": "add", "duration": "10", "note": longest})["ok"]
    deadline = time.monotonic() + 30  # the app sends it in the background
    while not any(e["note"] == longest for e in list(demo.mite.records["time_entries"].values())):
        assert time.monotonic() < deadline and app.poll() is None, "the note never reached mite"
        time.sleep(0.1)


@pytest.mark.parametrize("stored, sent", [
    ("caf\udce9 latin1", "caf\ufffd latin1"),  # kept by an older version of the app: repaired, not refused
    ("from mite\x1b[1m", "from mite\x1b[1m"),    # typed in mite's web app: mite took it, so it is copied as it is
    ("y" * 12_000, "y" * 12_000),                 # longer than our limit, but mite's own
])
def test_continuing_an_older_entry_copies_its_note_repaired_never_refused(demo, tmp_path, stored, sent):
    async def body():
        async with MiteClient(demo.url, ADMIN_KEY, timeout=5) as client:
            journal = Journal(fresh_store(tmp_path), client, grace=0)
            yesterday = (date.today() - timedelta(days=1)).isoformat()
            with journal.store.transaction():
                journal.store.put_entry({"id": 990001, "date_at": yesterday, "minutes": 30, "note": stored,
                                         "project_id": None, "service_id": None, "locked": False})
            local_id = journal.resume(990001)
            assert await journal.flush() == [] and journal.pending() == []
            assert (await client.time_entry(journal.store.server_id(local_id))).note == sent
            journal.store.close()
    asyncio.run(body())
