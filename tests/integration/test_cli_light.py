"""The command line talking to the running app loads neither Qt nor httpx (issue 17): it only sends a line
over the control socket and prints the answer. Counted in the real process, not timed."""

import json
import subprocess
import sys

from app.core.settings import Settings
from tests.integration.test_cli import app, env  # noqa: F401 - the real app against the demo server, as there

# What a command answered by the running app must not load: Qt, the mite client and its HTTP stack, the
# keychain, the store, the event loop. Only going to mite directly needs them.
HEAVY = ("PySide6", "shiboken6", "httpx", "httpcore", "keyring", "sqlite3", "asyncio", "app.api.client",
         "app.core.store", "app.core.account", "app.core.commands", "app.tray_app", "app.ui")
PROBE = f"""
import json, sys
from app.main import main
code = main(sys.argv[1:])
heavy = sorted(m for m in sys.modules if any(m == h or m.startswith(h + ".") for h in {HEAVY}))
print("LOADED " + json.dumps(heavy), file=sys.stderr)
sys.exit(code)
"""


def probe(*args, env):
    """`mite-tray ARGS` as a real process; (its result, the heavy modules it loaded)."""
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env, timeout=60)
    marker = [line for line in done.stderr.splitlines() if line.startswith("LOADED ")]
    assert marker, done.stderr
    return done, json.loads(marker[-1].removeprefix("LOADED "))


def test_commands_answered_by_the_running_app_load_no_qt_nor_httpx(app, env):  # noqa: F811
    done, loaded = probe("status", "--json", env=env)
    assert done.returncode == 0 and "today_minutes" in json.loads(done.stdout)
    assert loaded == []
    for args, code in [(("status",), 0), (("start", "light", "-p", "intranet"), 0), (("stop",), 0),
                       (("add", "15", "light too"), 0), (("undo",), 1), (("week",), 0), (("week", "--json"), 0),
                       (("budgets",), 0), (("away", "keep"), 4), (("toggle",), 0), (("palette",), 0)]:
        done, loaded = probe(*args, env=env)
        assert done.returncode == code, (args, done.stdout, done.stderr)
        assert loaded == [], args
    done, loaded = probe("quit", env=env)
    assert done.returncode == 0 and loaded == []
    assert app.wait(timeout=20) == 0


def test_in_german_too(app, env):  # noqa: F811
    settings = Settings.load()
    settings.language = "de"
    settings.save()
    done, loaded = probe("week", env=env)
    assert done.returncode == 0 and "Summe" in done.stdout, done.stdout
    assert loaded == []
    done, loaded = probe("status", env=env)
    assert done.returncode == 0 and "Heute" in done.stdout and loaded == []


def test_a_usage_error_is_said_before_anything_heavy_loads(env):  # noqa: F811 - no app runs
    done, loaded = probe("away", "maybe", env=env)
    assert done.returncode == 2 and "is not an answer" in done.stderr
    assert loaded == []
    done, loaded = probe("add", "30", "bad\x1b[31m", env=env)
    assert done.returncode == 2 and "control character" in done.stderr and loaded == []


def test_without_an_app_the_command_goes_to_mite_with_the_client(env):  # noqa: F811
    done, loaded = probe("status", "--json", env=env)
    assert done.returncode == 0, done.stderr
    assert "httpx" in loaded  # the light path is for the running app only: this one must reach mite


def test_the_entry_point_loads_nothing_heavy_before_it_knows_the_command(env):  # noqa: F811
    """`mite-tray` the console script imports app.main first: the tray stack only for the tray app."""
    done = subprocess.run([sys.executable, "-c", PROBE.replace("code = main(sys.argv[1:])", "code = 0")],
                          capture_output=True, text=True, env=env)
    assert "LOADED []" in done.stderr, done.stderr


def test_without_an_app_german_is_qts_as_before(env):  # noqa: F811
    """Going to mite directly loads Qt anyway: money and days are formatted by QLocale in the chosen language,
    as the app formats them ("12.000\xa0€", not the system locale's "€12,000")."""
    settings = Settings.load()
    settings.language = "de"
    settings.save()
    done, loaded = probe("budgets", env=env)
    assert done.returncode == 0, done.stderr
    assert "von 12.000\xa0€" in done.stdout and "PySide6.QtCore" in loaded
