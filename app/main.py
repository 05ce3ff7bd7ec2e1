"""`mite-tray`: the command-line entry. Parses the arguments, then runs one of four programs:
the command line (app.cli), the tray app (app.tray_app), the demo server, or the app's own
keychain reader (a child process of the tray app on Linux, app.platform.keychain.child)."""

from __future__ import annotations

import sys
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from app import KEYCHAIN_CHILD_ARG, __version__, logs

if TYPE_CHECKING:  # imported when a parser is built: a command, not the tray's launch (tray_arguments)
    import argparse

CLI_COMMANDS = ("status", "start", "stop", "add", "undo", "away", "toggle", "palette", "quit", "login", "logout", "autostart",
                "week", "budgets")


def parser() -> argparse.ArgumentParser:
    import argparse

    class _Intermixed(argparse.ArgumentParser):
        """A command's own parser: its options and its words in any order (`add 30 -p api "the note"`:
        plain argparse takes the duration and the note as one run of words and calls the note unrecognized)."""

        _mixing = False

        def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
            if self._mixing:  # parse_known_intermixed_args calls this twice itself
                return super().parse_known_args(args, namespace)
            self._mixing = True
            try:
                return self.parse_known_intermixed_args(args, namespace)
            finally:
                self._mixing = False

    p = argparse.ArgumentParser(prog="mite-tray", description="The mite timer in your system tray.")
    p.add_argument("--version", action="version", version=f"mite-tray {__version__}")
    p.add_argument("--demo", action="store_true", help="run against the built-in demo account")
    p.add_argument("--url", help="mite account URL (a loopback URL for a local demo server)")
    p.add_argument("--show", action="store_true", help="show the window at start")
    p.add_argument("--palette", action="store_true", help="open the quick-entry palette at start")
    p.add_argument("-v", "--verbose", action="store_true", help="log more to standard error")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Intermixed)
    sub.add_parser("run", help="start the tray app (the default)")
    status = sub.add_parser("status", help="show the timer and today's total")
    status.add_argument("--json", action="store_true", help="print JSON")
    start = sub.add_parser("start", help="start a timer (or continue the last entry with --last)")
    start.add_argument("note", nargs="?", default="")
    start.add_argument("-p", "--project")
    start.add_argument("-s", "--service")
    start.add_argument("--last", action="store_true", help="continue the last entry")
    sub.add_parser("stop", help="stop the running timer")
    add = sub.add_parser("add", help="book time: mite-tray add 1:30 'Writing docs' -p api")
    add.add_argument("duration", help="1:30, 1h30, 90m, 1.5h or 45 (minutes); -15: the 15 minutes that just ended")
    add.add_argument("note", nargs="?", default="")
    add.add_argument("-p", "--project")
    add.add_argument("-s", "--service")
    add.add_argument("--date", help="YYYY-MM-DD (default: today)")
    sub.add_parser("undo", help="undo the last delete, stop or continue (for five minutes)")
    away = sub.add_parser("away", help="answer the question about away time: keep, discard, stop, book, continue")
    away.add_argument("answer", nargs="?", help="keep (it was work), discard (take it off, the timer runs on), "
                                                "stop (at the moment you left), book (as -p PROJECT -s SERVICE), "
                                                "continue (a reminder: continue the last entry)")
    away.add_argument("note", nargs="?", default="", help="book: the note of the booked away time")
    away.add_argument("-p", "--project")
    away.add_argument("-s", "--service")
    week = sub.add_parser("week", help="the week's minutes per day against your daily targets")
    week.add_argument("--date", help="YYYY-MM-DD: the week holding that day (default: this week)")
    week.add_argument("--json", action="store_true", help="print JSON")
    budgets = sub.add_parser("budgets", help="the projects with a budget and how much of it is used")
    budgets.add_argument("--json", action="store_true", help="print JSON")
    sub.add_parser("toggle", help="show or hide the window of the running app")
    sub.add_parser("palette", help="open the quick-entry palette of the running app")
    sub.add_parser("quit", help="end the running app")
    login = sub.add_parser("login", help="connect an account; the key goes to the OS keychain")
    login.add_argument("account", nargs="?", help="account name, like acme for acme.mite.de")
    login.add_argument("--url", dest="url", help="full account URL (or a loopback demo URL)")
    sub.add_parser("logout", help="remove the API key from the keychain")
    autostart = sub.add_parser("autostart", help="start mite-tray at login: on, off or status")
    autostart.add_argument("switch", choices=("on", "off", "status"), nargs="?", default="status")
    demo = sub.add_parser("demo-server", help="serve the demo mite API on 127.0.0.1")
    demo.add_argument("--port", type=int, default=0)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == [KEYCHAIN_CHILD_ARG] and len(argv) == 2:  # the app's keychain reader, not a user command
        from app.platform.keychain.child import child_main
        return child_main(argv[1])
    args = tray_arguments(argv) or parser().parse_args(argv)
    logs.install(args.verbose)  # every record passes the filter that masks the API key
    if args.command == "demo-server":
        return demo_server(args.port)
    if args.command in CLI_COMMANDS:
        from app import cli
        return cli.run(args)
    from app import tray_app
    return tray_app.run(args)


TRAY_FLAGS = {"--demo": "demo", "--show": "show", "--palette": "palette", "-v": "verbose", "--verbose": "verbose"}


def tray_arguments(argv: list[str]) -> Any:
    """The tray app's own options (`--url URL`, `--url=URL`, the flags, then "run" or nothing) as the parser
    reads them, without building it: its ~20 ms come before the tray icon (issue 17). None for anything
    else (a command, --help, an abbreviation, a mistake): the parser reads those and says what is wrong."""
    args = SimpleNamespace(demo=False, url=None, show=False, palette=False, verbose=False, command=None)
    words = argv[:-1] if argv[-1:] == ["run"] else argv
    if words is not argv:
        args.command = "run"
    index = 0
    while index < len(words):
        word = words[index]
        if word in TRAY_FLAGS:
            setattr(args, TRAY_FLAGS[word], True)
        elif word == "--url" and index + 1 < len(words) and not words[index + 1].startswith("-"):
            index += 1
            args.url = words[index]
        elif word.startswith("--url=") and len(word) > len("--url="):
            args.url = word[len("--url="):]
        else:
            return None
        index += 1
    return args


def demo_server(port: int) -> int:
    from app.demo.data import ADMIN_KEY, COWORKER_KEY, TRACKER_KEY, demo_account
    from app.demo.server import DemoServer

    server = DemoServer(demo_account(), port=port)
    print(f"Demo mite API at {server.url}", flush=True)
    print(f"  admin        Anna Becker  X-MiteApiKey: {ADMIN_KEY}")
    print(f"  time tracker Tom Richter  X-MiteApiKey: {TRACKER_KEY}")
    print(f"  coworker     Lena Vogel   X-MiteApiKey: {COWORKER_KEY}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
