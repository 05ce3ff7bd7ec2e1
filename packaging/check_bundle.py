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


def main(folder: Path) -> int:
    internal = folder / "_internal"
    lib_dirs = {str(p.parent) for p in internal.rglob("*.so*")}
    env = dict(os.environ, LD_LIBRARY_PATH=":".join(sorted(lib_dirs)))
    problems = []
    for library in sorted(internal.rglob("*.so*")):
        if library.is_symlink():
            continue
        out = subprocess.run(["ldd", str(library)], capture_output=True, text=True, env=env).stdout
        for line in out.splitlines():
            name, _, target = line.strip().partition(" => ")
            if "not found" in target:
                problems.append(f"{library.relative_to(folder)}: {name} not found")
            elif target and not target.startswith(str(folder)) and not SYSTEM.match(name):
                problems.append(f"{library.relative_to(folder)}: {name} comes from the build machine ({target.split()[0]})")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
