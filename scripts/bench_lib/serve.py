"""A demo mite in a process of its own, for the in-process figures (polls.py): the CPU the measuring
process spends is then the app code's alone, not the server's JSON encoding.

    serve.py [--small] [--this-week N] [--projects N]

Prints `url <url>`, then `req <time.time()> <method> <path>` for every request it gets. Reads commands
on stdin, one a line, and answers each with `ok`: `rename` (one project renamed in mite), `delay S`
(every later request answered S seconds late; 0: no more delay), `count` (answers `ok <entries this
week>`). Ends when stdin closes.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from accounts import account, rename_project, week_entries  # noqa: E402
from app.demo.server import DemoServer  # noqa: E402

_print_lock = __import__("threading").Lock()


def say(line: str) -> None:
    with _print_lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


class Logged(list):  # type: ignore[type-arg]
    """DemoServer.requests that also says each request on stdout, with the time it came in."""

    def append(self, item: tuple[str, str]) -> None:
        super().append(item)
        say(f"req {time.time():.6f} {item[0]} {item[1]}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", action="store_true")
    parser.add_argument("--this-week", type=int, default=0)
    parser.add_argument("--projects", type=int)
    args = parser.parse_args()
    mite = account(small=args.small, this_week=args.this_week, projects=args.projects)
    server = DemoServer(mite)
    server.requests = Logged()
    server.start()
    say(f"url {server.url}")
    renamed = 0
    for line in sys.stdin:
        command, *rest = line.split()
        if command == "rename":
            renamed += 1
            rename_project(mite, str(renamed))
        elif command == "delay":
            server.faults.clear()
            if float(rest[0]):
                server.inject(delay=float(rest[0]), times=None)
        elif command == "count":
            say(f"ok {week_entries(mite)}")
            continue
        say("ok")
    server.stop()


if __name__ == "__main__":
    main()
