"""`mite-tray status/start/stop/add/undo/away/toggle/palette/quit/login/logout`: to the running app, or to mite
directly.

A command the running app answers loads neither Qt nor the mite client (issue 17): this module imports
only what sending a request and printing the answer need (core.command_checks checks the request, the app's
German comes from app.i18n's plain-Python reader). Going to mite directly (`_direct`), signing in and
out load the rest where they are needed. tests/integration/test_cli_light.py counts what is loaded.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from datetime import date
from typing import Any

from app import i18n
from app.core import command_checks as checks  # the request checks and exit codes; core.commands: see _direct
from app.core.duration import format_minutes
from app.core.settings import Settings
from app.core.week import signed_minutes
from app.i18n import day_name, translate
from app.platform.control import send, unknown
from app.platform.language import system_language

EXIT_OK = 0


def run(args: argparse.Namespace) -> int:
    language = Settings.load().language
    i18n.install_light(language if language in i18n.LANGUAGES else system_language(i18n.LANGUAGES))
    try:  # the same checks as the running app's, so the message comes even when no app runs
        if args.command in checks.REQUEST_FIELDS:
            checks.checked_request({**vars(args), "cmd": args.command})
    except checks.CommandError as exc:
        return _fail(exc.message, exc.code)
    handler = {"status": _status, "start": _start, "stop": _stop, "add": _add, "undo": _undo, "away": _away,
               "toggle": _toggle, "palette": _toggle, "quit": _quit, "login": _login, "logout": _logout,
               "autostart": _autostart, "week": _week, "budgets": _budgets}[args.command]
    return handler(args)


def _fail(message: str, code: int = checks.EXIT_FAILED) -> int:
    # Errors quote mite's words and what was typed: escaped like status, keeping our own line breaks.
    print("\n".join(terminal_safe(line) for line in message.split("\n")), file=sys.stderr)
    return code


def _execute(request: dict[str, Any]) -> dict[str, Any]:
    """Through the running app when there is one (its window updates at once), else to mite."""
    reply = send(request)
    if reply is not None and reply.get("unknown") is True:
        return unknown(request["cmd"])  # we know the command, the running app does not: it is older
    if reply is not None:
        return reply
    return _direct(request)


def _direct(request: dict[str, Any]) -> dict[str, Any]:
    """No app runs: the command goes to mite itself, with the client, the keychain and the store."""
    import asyncio

    from app.core import account, commands
    from app.core.store import path_for
    from app.core.store_open import open_store

    settings = Settings.load()
    # Qt's translator and QLocale as the app has them: core formats dates, days and money with QLocale
    i18n.install(settings.language)
    try:
        key = asyncio.run(account.load_key(settings.account_url)) if settings.account_url else None
    except account.KeychainUnavailable as exc:
        return {"ok": False, "error": exc.message, "code": checks.EXIT_SIGNED_OUT}
    if not key:
        return {"ok": False, "code": checks.EXIT_SIGNED_OUT,
                "error": translate("Cli", "Not signed in to mite. Run `mite-tray login` first (or start `mite-tray --demo`).")}

    async def direct() -> dict[str, Any]:
        path = path_for(settings.account_url)
        opened = open_store(path)
        if not opened.kept:  # a store in memory would forget an action mite cannot take right now
            opened.store.close()
            return {"ok": False, "code": checks.EXIT_FAILED, "error": translate(
                "Cli", "mite-tray cannot save to {folder} ({reason}), so nothing was done. Free some space or fix "
                       "the folder, then try again.").format(folder=path.parent, reason=opened.problem)}
        store = opened.store
        store.tell = lambda message: print(message, file=sys.stderr)
        if opened.message:
            store.tell(opened.message)
        try:
            async with account.client_for(account.Credentials(settings.account_url, key)) as client:
                direct = commands.Direct(client, store, settings.daily_targets)
                return await commands.execute(request, direct)
        finally:
            store.close()

    return asyncio.run(direct())


def _answer(reply: dict[str, Any], show: Any) -> int:
    if not reply.get("ok"):
        error, code = reply.get("error", translate("Cli", "Failed.")), int(reply.get("code", checks.EXIT_FAILED))
        if code == checks.EXIT_SIGNED_OUT and "mite-tray login" not in error:
            error += "\n" + translate("Cli", "Sign in: mite-tray login")
        return _fail(error, code)
    show(reply)
    return EXIT_OK


# What a note or a name must not send to a terminal raw: C0 (ESC, BEL, ...), DEL, C1 (CSI), bidi
# marks and overrides (text that reads backwards), line/paragraph separators, and lone surrogates.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def terminal_safe(text: str) -> str:
    """`text` with what could drive the terminal written as Python escapes: ESC as \\x1b, U+202E as \\u202e."""
    return _UNSAFE.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text)


def format_status(status: dict[str, Any]) -> str:
    safe = terminal_safe
    lines = []
    if status["tracking"]:
        what = " · ".join(safe(p) for p in (status["project"], status["service"]) if p) or translate("Cli", "(no project)")
        customer = f" ({safe(status['customer'])})" if status.get("customer") else ""
        lines.append(f"▶ {format_minutes(status['minutes'])}  {what}{customer}")
        if status.get("note"):
            lines.append(f"  {safe(status['note'])}")
    else:
        lines.append(translate("Cli", "Not tracking."))
    prompt = status.get("prompt")
    if prompt:  # the question the app waits to have answered (issue 15), with how to answer it here
        lines.append(translate("Cli", "{question} Answer: mite-tray away {answers}").format(
            question=safe(prompt["text"]), answers="|".join(prompt["answers"])))
    lines.append(translate("Cli", "Today {today} · This week {week}").format(
        today=format_minutes(status["today_minutes"]), week=format_minutes(status["week_minutes"])))
    if status.get("key_rejected"):
        lines.append(_sign_in_again())
    elif status.get("problem"):
        lines.append(translate("Cli", "Not synced: {problem} This is the last known state.").format(
            problem=safe(status["problem"])))
    elif not status["online"]:
        lines.append(translate("Cli", "Offline: this is the last known state."))
    if status.get("waiting") and not status["online"]:  # online, the app sends them now: nothing to say
        lines.append(translate("Cli", "Saved here, waiting to be sent to mite: {count}").format(count=status["waiting"]))
    if status.get("checking"):
        lines.append(translate("Cli", "Checking whether mite received {count} of them: the answer was lost, "
                                      "so it is looked up in mite before anything is sent again.").format(
            count=status["checking"]))
    refused = status.get("refused") or []
    for item in refused:
        lines.append(translate("Cli", "Refused by mite: {reason}").format(reason=safe(item["reason"])))
    if refused:
        lines.append(translate("Cli", "Nothing is lost: fix it in mite, then retry or discard it in the window "
                                      "(mite-tray toggle)."))
    return "\n".join(lines)


def _sign_in_again() -> str:
    return translate("Cli", "mite rejected the API key (changed or revoked?). Sign in again: mite-tray login")


def _status(args: argparse.Namespace) -> int:
    reply = _execute({"cmd": "status"})

    def show(reply: dict[str, Any]) -> None:
        print(json.dumps(reply["status"], indent=2) if args.json else format_status(reply["status"]))
    code = _answer(reply, show)
    if code == EXIT_OK and reply["status"].get("key_rejected"):
        if args.json:
            print(_sign_in_again(), file=sys.stderr)
        return checks.EXIT_SIGNED_OUT  # signed in no more: scripts can tell
    return code


def _start(args: argparse.Namespace) -> int:
    if args.last and (args.note or args.project or args.service):
        return _fail(translate("Cli", "--last continues the last entry; leave out the note, project and service."), 2)
    request = {"cmd": "start", "note": args.note or "", "project": args.project, "service": args.service,
               "last": args.last}
    return _answer(_execute(request), _said_and_status)


def _said_and_status(reply: dict[str, Any]) -> None:
    if reply.get("said"):  # e.g. "“API Docs” is already running."
        print(terminal_safe(reply["said"]))
    print(format_status(reply["status"]))


def _stop(args: argparse.Namespace) -> int:
    def show(reply: dict[str, Any]) -> None:
        print(translate("Cli", "Stopped within a minute: nothing booked.") if reply.get("nothing_booked")
              else translate("Cli", "Stopped.") if reply["stopped"] else translate("Cli", "No timer was running."))
        print(format_status(reply["status"]))
    return _answer(_execute({"cmd": "stop"}), show)


def _undo(args: argparse.Namespace) -> int:
    """The last delete, stop or continue, for five minutes after it."""
    return _answer(_execute({"cmd": "undo"}), lambda reply: _said_and_status({**reply, "said": reply["undone"]}))


def _away(args: argparse.Namespace) -> int:
    """Answer the waiting question: keep, discard, stop, book (on -p/-s, with a note) or continue."""
    request = {"cmd": "away", "answer": args.answer, "note": args.note or "", "project": args.project,
               "service": args.service}
    return _answer(_execute(request), _said_and_status)


def _add(args: argparse.Namespace) -> int:
    request = {"cmd": "add", "duration": args.duration, "note": args.note or "", "project": args.project,
               "service": args.service, "date": args.date}
    return _answer(_execute(request), lambda reply: print(added_text(reply)))


def added_text(reply: dict[str, Any]) -> str:
    """`add`'s answer: what was booked, on what it matched, and whether it still waits for mite (only when
    mite could not be reached or refused the key, not while the running app is about to send it)."""
    what = " · ".join(terminal_safe(p) for p in (reply.get("project"), reply.get("service")) if p)
    what += f" ({terminal_safe(reply['customer'])})" if what and reply.get("customer") else ""
    fields = {"duration": format_minutes(reply["minutes"]), "date": reply["date"], "what": what}
    lines = [(translate("Cli", "Added {duration} on {date} to {what}.") if what
              else translate("Cli", "Added {duration} on {date} (no project).")).format(**fields)]
    status = reply.get("status") or {}
    if reply.get("waiting") and status.get("key_rejected"):
        lines.append(translate("Cli", "Saved here; it will be sent to mite once you sign in again: mite-tray login"))
    elif reply.get("waiting") and status.get("problem"):
        lines.append(translate("Cli", "Saved here; it will be sent to mite when mite can be reached."))
    return "\n".join(lines)


def _week(args: argparse.Namespace) -> int:
    """The week holding --date (default: this week): each day's minutes against the target."""
    def show(reply: dict[str, Any]) -> None:
        print(json.dumps(reply["week"], indent=2) if args.json else format_week(reply))
        _not_refreshed(reply)
    return _answer(_execute({"cmd": "week", "date": args.date}), show)


def _not_refreshed(reply: dict[str, Any]) -> None:
    """mite could not be asked: what is shown is the last known (said on stderr, as status does)."""
    if reply.get("problem"):
        print(translate("Cli", "Not refreshed: {problem} These are the last known figures.").format(
            problem=terminal_safe(reply["problem"])), file=sys.stderr)


def format_week(reply: dict[str, Any]) -> str:
    """The week as aligned columns: day, booked of target, the difference on days begun, the gaps marked."""
    week, today, gaps = reply["week"], reply["today"], set(reply["gaps"])
    names = {d["date"]: f"{day_name(date.fromisoformat(d['date']))} {d['date']}" for d in week["days"]}
    total = translate("Cli", "Total")
    width = max(len(label) for label in [*names.values(), total])
    booked = max(len(format_minutes(m)) for m in [week["total_minutes"], *(d["minutes"] for d in week["days"])])
    lines = [translate("Cli", "Week {first} – {last}").format(first=week["from"], last=week["to"])]

    def row(label: str, minutes: int, target: int, difference: str, mark: str = "") -> str:
        of = translate("Cli", "of {target}").format(target=format_minutes(target)) if target else ""
        return f"{label:<{width}}  {format_minutes(minutes):>{booked}}  {of:<10} {difference:>7}  {mark}".rstrip()
    for day in week["days"]:
        begun = day["date"] <= today and (day["target_minutes"] or day["minutes"])
        difference = signed_minutes(day["minutes"] - day["target_minutes"]) if begun else ""
        lines.append(row(names[day["date"]], day["minutes"], day["target_minutes"], difference,
                         translate("Cli", "gap") if day["date"] in gaps else ""))
    # The week's difference as the window's timesheet has it: for a week under way, the days so far only.
    difference = signed_minutes(reply.get("difference", week["total_minutes"] - week["target_minutes"]))
    lines.append(row(total, week["total_minutes"], week["target_minutes"], difference,
                     translate("Cli", "so far") if reply.get("under_way") else ""))
    lines.append(translate("Cli", "Gaps: {days}").format(days=", ".join(names[d] for d in sorted(gaps))) if gaps
                 else translate("Cli", "No gaps."))
    return "\n".join(lines)


def _budgets(args: argparse.Namespace) -> int:
    """The projects with a budget and how much of it is used."""
    def show(reply: dict[str, Any]) -> None:
        print(json.dumps(reply["budgets"], indent=2) if args.json else format_budgets(reply))
        _not_refreshed(reply)
    return _answer(_execute({"cmd": "budgets"}), show)


def _toggle(args: argparse.Namespace) -> int:
    """`toggle` (the window) or `palette` (quick entry): the commands to bind where hotkeys cannot be grabbed."""
    reply = send({"cmd": args.command})
    if reply is not None:
        return _answer(reply, lambda reply: None)  # a running app of another version says so
    # Not running: start it with its window shown, so a desktop shortcut always does something.
    import subprocess

    from app.platform.autostart import launch_command
    command = launch_command()
    subprocess.Popen([*command, "--palette" if args.command == "palette" else "--show"], start_new_session=True,
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(translate("Cli", "Starting mite-tray…"), file=sys.stderr)
    return EXIT_OK


def _quit(args: argparse.Namespace) -> int:
    if send({"cmd": "quit"}) is None:
        print(translate("Cli", "mite-tray is not running."), file=sys.stderr)
    return EXIT_OK


def _login(args: argparse.Namespace) -> int:
    import asyncio
    import getpass

    from app.api.urls import account_label
    from app.core import account

    name = args.url or args.account
    interactive = sys.stdin.isatty()
    if not name:
        if not interactive:
            return _fail(translate("Cli", "Name the account: mite-tray login ACCOUNT (or --url URL)."), 2)
        name = input(translate("Cli", "mite account (the NAME in NAME.mite.de): ")).strip()
    try:
        key = getpass.getpass(translate("Cli", "API key (hidden): ")) if interactive else sys.stdin.readline()
    except UnicodeDecodeError:  # bytes that are not text in this locale: not a key either, and never echoed
        return _fail(translate("Cli", "Not signed in: the API key is not plain text. Copy it again from mite: "
                                      "Account › My user."))
    try:
        credentials = asyncio.run(account.sign_in(name, key))
    except account.SignInError as exc:
        return _fail(translate("Cli", "Not signed in: {reason}").format(reason=exc.message))
    try:
        account.keep(Settings.load(), credentials)
    except account.KeychainUnavailable as exc:
        return _fail(translate("Cli", "Not signed in: {reason}").format(reason=exc.message) + "\n"
                     + translate("Cli", "The key was not saved anywhere. Start `mite-tray` and sign in there to keep it "
                         "for this session only, or set MITE_API_KEY for this shell."))
    print(translate("Cli", "Signed in to {account} as {user} ({role}). The key is in your keychain.").format(
        account=account_label(credentials.url), user=credentials.user.name, role=credentials.user.role))
    if os.environ.get(account.ENV_KEY):
        print(translate("Cli", "MITE_API_KEY is set in this shell: commands run here use it, not the keychain."),
              file=sys.stderr)
    return EXIT_OK


def _autostart(args: argparse.Namespace) -> int:
    from app.platform.autostart import choose, state_text
    autostart = choose()
    if args.switch == "on":
        autostart.enable()
    elif args.switch == "off":
        autostart.disable()
    print(translate("Cli", "Start at login: {state}.").format(state=state_text(autostart.state())))
    return EXIT_OK


def _logout(args: argparse.Namespace) -> int:
    from app.core import account

    settings = Settings.load()
    signed_in = account.stored(settings)
    if signed_in is None:
        print(translate("Cli", "Not signed in."))
        return EXIT_OK
    try:
        removed = account.sign_out(signed_in.url, settings)
    except account.KeychainUnavailable as exc:
        return _fail(exc.message)
    label = signed_in.label
    print((translate("Cli", "Signed out of {account}; the key was removed from the keychain.") if removed
           else translate("Cli", "Signed out of {account}.")).format(account=label))
    return EXIT_OK


def format_budgets(reply: dict[str, Any]) -> str:
    """One line per project with a budget: what is used of it and how much that is; a time tracker's
    share without a percentage, and one line saying why."""
    budgets, shown = reply["budgets"], reply["shown"]
    if not budgets:
        return translate("Cli", "No project has a budget.")
    names = [terminal_safe(b["project"]) for b in budgets]
    shares = [translate("Cli", "your share") + " " if b["share_only"] else "" for b in budgets]
    used, of = [s["used"] for s in shown], [translate("Cli", "of {budget}").format(budget=s["budget"]) for s in shown]
    widths = [max(len(text) for text in column) for column in (names, shares, used, of)]
    lines = []
    for usage, name, share, spent, limit in zip(budgets, names, shares, used, of, strict=True):
        percent = f"{usage['percent']}%" if usage["percent"] is not None else ""
        month = translate("Cli", "this month") if usage["monthly"] else ""
        lines.append(f"{name:<{widths[0]}}  {share:<{widths[1]}}{spent:>{widths[2]}} {limit:<{widths[3]}}  "
                     f"{percent:>4}  {month}".rstrip())
    if reply.get("note"):
        lines.append(terminal_safe(reply["note"]))
    return "\n".join(lines)
