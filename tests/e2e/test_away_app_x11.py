"""The whole chain, as a user meets it: the real app under Xvfb reads X11's idle time, nobody touches the
desktop for the away threshold (one minute, the settings' smallest: this test waits that long), a
pointer move brings them back, `status --json` shows the away time, and `mite-tray away discard`
takes it off the entry in mite while the timer runs on.
"""

import json
import subprocess
import sys
from datetime import date

from app.core.settings import Settings
from app.demo.data import ADMIN_KEY
from app.platform.idle.x11 import X11Idle
from tests.e2e.conftest import wait_for
from tests.helpers.demo import admin, running_entry


def cli(env, *args):
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, env=env, timeout=60)


def status(env):
    done = cli(env, "status", "--json")
    return json.loads(done.stdout) if done.returncode == 0 and done.stdout.strip() else None


def test_away_a_minute_then_back_asks_and_discard_takes_it_off_in_mite(desktop, demo, tmp_path):
    env = dict(desktop, MITE_API_KEY=ADMIN_KEY, MITE_TRAY_CONFIG_DIR=str(tmp_path / "config"),
               MITE_TRAY_DATA_DIR=str(tmp_path / "data"), MITE_TRAY_RUNTIME_DIR=str(tmp_path / "run"))
    Settings(account_url=demo.url, user_name="Anna Becker", away_minutes=1).save()  # the autouse config dir
    _, body, _ = demo.mite.create_entry(admin(demo), {"time_entry": {"minutes": 30, "note": "Away e2e",
                                                                      "date_at": date.today().isoformat()}})
    app = subprocess.Popen([sys.executable, "-m", "app", "--url", demo.url], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_for(lambda: status(env), "the app did not come up")
        assert cli(env, "start", "--last").returncode == 0  # continues the 30-minute entry
        entry_id = wait_for(lambda: (running_entry(demo) or {}).get("id"), "mite did not get the timer")
        assert entry_id == body["time_entry"]["id"]
        idle = X11Idle(desktop["DISPLAY"])
        subprocess.run(["xdotool", "mousemove", "100", "100"], env=desktop, check=True)
        wait_for(lambda: idle.idle_seconds() >= 66, "the desktop was touched", timeout=120)  # > 1 min + a look
        idle.close()
        assert status(env)["away"] is None  # still away: nothing asked yet
        subprocess.run(["xdotool", "mousemove", "400", "300"], env=desktop, check=True)
        away = wait_for(lambda: (status(env) or {}).get("away"), "no away time after coming back")["minutes"]
        assert away >= 1
        running = status(env)["minutes"]
        answered = cli(env, "away", "discard")
        assert answered.returncode == 0, answered.stderr
        entry = wait_for(lambda: (e := demo.mite.records["time_entries"][entry_id])["minutes"] < running and e,
                         "mite did not get the discard")
        # the entry's minutes then, less the away ones (a minute may tick over between reading and answering)
        assert entry["minutes"] in (running - away, running - away + 1)
        assert (running_entry(demo) or {}).get("id") == entry_id  # the timer runs on
        assert status(env)["away"] is None
    finally:
        app.terminate()
        app.wait(timeout=30)
