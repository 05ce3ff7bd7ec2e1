"""Issue 14, defect 1: changing the language restarts the session; the timer that ran before must not be
announced as "started elsewhere" by the new one."""

import asyncio

from app.api.client import MiteClient
from app.core.session import Session
from app.core.settings import Settings
from app.core.store import Store
from app.demo.data import ADMIN_KEY


def test_a_timer_found_by_a_store_that_never_saw_mite_is_no_alarm(demo):
    """The demo's store is new at each start; a first sync learns what runs, it did not change elsewhere."""
    async def run():
        first = Store(":memory:")
        async with MiteClient(demo.url, ADMIN_KEY) as client:
            before = Session(client, Settings(), first, save_settings=False)
            await before.refresh()
            await before.start(project_id=None, service_id=None, note="running across the restart")
            await before.refresh()
            after = Session(client, Settings(), Store(":memory:"), save_settings=False)  # a store that never synced
            alerts: list[str] = []
            after.alert.connect(alerts.append)
            await after.refresh()
            assert after.state.snapshot.running.note == "running across the restart"
            assert alerts == []
            # The same store after a restart: its own timer, silent too.
            again = Session(client, Settings(), first, save_settings=False)
            again.alert.connect(alerts.append)
            await again.refresh()
            assert alerts == []
    asyncio.run(run())
