"""What the app loads at rest, counted in a fresh interpreter (modules, not milliseconds)."""

import importlib.util
import subprocess
import sys

import pytest


@pytest.mark.skipif(importlib.util.find_spec("rich") is None, reason="needs rich installed, as import-linter brings it")
def test_the_client_never_loads_httpx_command_line_tools():
    """httpx's __init__ imports its command-line client (rich, click, pygments: 6 MiB) whenever they are
    installed, as they are wherever import-linter or another tool brought them. The app has no use for it."""
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, app.api.client; print(sorted({m.split('.')[0] for m in sys.modules}))"],
        capture_output=True, text=True, check=True).stdout
    assert "'httpx'" in loaded
    for heavy in ("rich", "click", "pygments"):
        assert f"'{heavy}'" not in loaded
