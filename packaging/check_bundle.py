"""Every shared library in a Linux bundle must find what it links, inside the bundle or in the
base system every desktop has (libc, GL, xcb, wayland). Fails the build otherwise, so trimming
(packaging/trim.py) can never ship a bundle that breaks on a machine without build tools.

    python packaging/check_bundle.py dist/mite-tray
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

SYSTEM = re.compile(r"^(linux-vdso|ld-linux|libc|libm|libdl|libpthread|librt|libresolv|libutil|libGL|libEGL|libGLX"
                    r"|libGLdispatch|libOpenGL|libxcb|libwayland-\w+|libdrm)[\w.-]*\.so")


def linked(folder: Path) -> list[tuple[Path, str, str]]:
    """(library, linked name, where ldd finds it or "not found") for every library in the bundle,
    with the bundle's own folders searched first, as PyInstaller's loader does."""
    internal = folder / "_internal"
    lib_dirs = {str(p.parent) for p in internal.rglob("*.so*")}
    env = dict(os.environ, LD_LIBRARY_PATH=":".join(sorted(lib_dirs)))
    found = []
    for library in sorted(internal.rglob("*.so*")):
        if library.is_symlink():
            continue
        out = subprocess.run(["ldd", str(library)], capture_output=True, text=True, env=env).stdout
        for line in out.splitlines():
            name, _, target = line.strip().partition(" => ")
            if target:
                found.append((library, name, "not found" if "not found" in target else target.split()[0]))
    return found


def main(folder: Path) -> int:
    problems = []
    for library, name, target in linked(folder):
        if target == "not found":
            problems.append(f"{library.relative_to(folder)}: {name} not found on the build machine "
                            "(scripts/system-packages installs the build prerequisites)")
        elif not target.startswith(str(folder)) and not SYSTEM.match(name):
            problems.append(f"{library.relative_to(folder)}: {name} comes from the build machine ({target})")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
