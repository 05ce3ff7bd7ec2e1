"""kill -9 for real: the app process is killed at random moments and restarted.

Every action the app acknowledged must reach mite exactly once; an action whose
answer was cut off by the kill may be missing (the user saw an error) but never doubled.
"""

import json
import os
import random
import signal
import subprocess
import sys
import time

from app.demo.data import ADMIN_KEY

KILLS = 8


def send(env, request, timeout=10):
    code = ("import json, sys; from app.platform.control import send; "
            "print(json.dumps(send(json.loads(sys.argv[1]), timeout=float(sys.argv[2]))))")
    out = subprocess.run([sys.executable, "-c", code, json.dumps(request), str(timeout)], env=env,
                         capture_output=True, text=True, timeout=timeout + 10).stdout.strip()
    return json.loads(out) if out else None


def start_app(env, demo):
    process = subprocess.Popen([sys.executable, "-m", "app", "--url", demo.url], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while send(env, {"cmd": "ping"}, timeout=1) is None:
        assert process.poll() is None and time.monotonic() < deadline, "the app did not start"
        time.sleep(0.1)
    return process


def test_kill_9_at_random_moments_loses_and_doubles_nothing(demo, tmp_path):
    rng = random.Random(9)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MITE_API_KEY=ADMIN_KEY,
               MITE_TRAY_CONFIG_DIR=str(tmp_path / "config"), MITE_TRAY_DATA_DIR=str(tmp_path / "data"),
               MITE_TRAY_RUNTIME_DIR=str(tmp_path / "run"), MITE_TRAY_TIMEOUT="1")
    acknowledged, unanswered = {}, set()
    app = start_app(env, demo)
    try:
        for kill in range(KILLS):
            for step in range(rng.randint(2, 5)):
                note = f"k{kill}-{step}"
                if rng.random() < 0.4:  # slow or lost answers, so kills land mid-request too
                    demo.inject(path=r"/time_entries\.json", method="POST",
                                **rng.choice([{"delay": 1.5}, {"drop": True}, {"status": 503}]))
                minutes = rng.randint(1, 120)
                reply = send(env, {"cmd": "add", "duration": str(minutes), "note": note})
                if reply and reply.get("ok"):
                    acknowledged[note] = minutes
                else:
                    unanswered.add(note)
            time.sleep(rng.uniform(0, 0.5))
            app.send_signal(signal.SIGKILL)
            app.wait()
            app = start_app(env, demo)
        demo.faults.clear()
        deadline = time.monotonic() + 60
        while (send(env, {"cmd": "status"}) or {}).get("status", {}).get("waiting", 1):
            assert time.monotonic() < deadline, "the outbox did not drain"
            time.sleep(0.5)
    finally:
        send(env, {"cmd": "quit"})
        app.wait(timeout=20)
    on_server = {}
    for entry in demo.mite.records["time_entries"].values():
        if entry["note"].startswith("k"):
            assert entry["note"] not in on_server, f"booked twice: {entry['note']}"
            on_server[entry["note"]] = entry["minutes"]
    missing = set(acknowledged) - set(on_server)
    assert not missing, f"acknowledged but lost: {missing}"
    assert all(on_server[n] == m for n, m in acknowledged.items())
    assert set(on_server) <= set(acknowledged) | unanswered
    print(f"\nkill -9: {KILLS} kills, {len(acknowledged)} acknowledged actions, all in mite once")
