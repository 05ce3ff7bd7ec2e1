"""Wayland global shortcuts: the org.freedesktop.portal.GlobalShortcuts portal, over jeepney.

Apps on Wayland cannot grab keys; where the desktop offers this portal (KDE Plasma,
Hyprland, GNOME 48+), the app asks it to bind shortcuts and the desktop may let the
user confirm or change the keys. Flow: CreateSession, BindShortcuts, then Activated
signals. Each call answers through a Request object's Response signal, whose path is
known in advance from our unique bus name and a token, so we listen before asking.
"""

from __future__ import annotations

import asyncio
import logging
import secrets as token_source
from typing import Any

from app.platform.hotkeys.base import HotkeyBackend, Shortcut, Unavailable, description

log = logging.getLogger(__name__)
BUS_NAME = "org.freedesktop.portal.Desktop"
PATH = "/org/freedesktop/portal/desktop"
INTERFACE = "org.freedesktop.portal.GlobalShortcuts"
APP_ID = "mite-tray"  # resources/mite-tray.desktop, installed as mite-tray.desktop


try:
    from jeepney import DBusAddress, MatchRule, Properties, message_bus, new_method_call
    from jeepney.io.asyncio import Proxy, open_dbus_router
    from jeepney.io.blocking import open_dbus_connection
except ImportError:  # not on Linux
    DBusAddress = None


def portal_trigger(shortcut: Shortcut) -> str:
    """The XDG shortcuts format the portal expects: "CTRL+ALT+m" (LOGO for Super)."""
    names = {"ctrl": "CTRL", "alt": "ALT", "shift": "SHIFT", "meta": "LOGO"}
    order = ("ctrl", "alt", "shift", "meta")
    return "+".join([names[m] for m in order if m in shortcut.modifiers] + [shortcut.key])


def bound_triggers(results: dict[str, Any]) -> dict[str, str]:
    """{id: trigger_description} of the shortcuts BindShortcuts says it bound. KDE Plasma 5.27's portal
    answers success with none (it only opens System Settings); one without a trigger has no key."""
    _signature, shortcuts = results.get("shortcuts", ("a(sa{sv})", []))
    found = {shortcut_id: props.get("trigger_description", ("s", ""))[1] for shortcut_id, props in shortcuts}
    log.info("The portal bound %s", found or "no shortcut")
    return {shortcut_id: trigger for shortcut_id, trigger in found.items() if trigger}


class PortalHotkeys(HotkeyBackend):
    answers_later = True  # BindShortcuts answers with the shortcuts it bound: `answered`

    def __init__(self) -> None:
        super().__init__()
        if DBusAddress is None:
            raise Unavailable("jeepney is not installed")
        self._portal = DBusAddress(PATH, bus_name=BUS_NAME, interface=INTERFACE)
        try:
            with open_dbus_connection(bus="SESSION", auth_timeout=1.0) as connection:
                reply = connection.send_and_get_reply(Properties(self._portal).get("version"), timeout=2.0)
        except Exception as exc:  # no session bus, no portal, no GlobalShortcuts: all mean "not here"
            raise Unavailable(f"no GlobalShortcuts portal: {exc}") from exc
        if reply.header.message_type.name == "error":
            raise Unavailable(f"no GlobalShortcuts portal: {reply.body}")
        self._wanted: dict[str, str] = {}
        self._task: asyncio.Task[None] | None = None
        self._pending = False

    def register(self, hotkey_id: str, sequence: str) -> None:
        Shortcut.parse(sequence)  # a bad shortcut is refused at once; the portal answers later
        self._wanted[hotkey_id] = sequence
        self._bind_soon()

    def unregister_all(self) -> None:
        self._wanted.clear()

    def close(self) -> None:
        if self._task is not None:
            self._task.cancel()  # ends the router and with it the portal session

    def _bind_soon(self) -> None:
        """register() comes once per shortcut: bind them all in one BindShortcuts, a moment later."""
        if not self._pending:
            self._pending = True
            asyncio.get_running_loop().call_soon(self._restart)

    def _restart(self) -> None:
        self._pending = False
        if self._task is not None:
            self._task.cancel()
        if self._wanted:
            self._task = asyncio.ensure_future(self._run(dict(self._wanted)))

    async def _run(self, wanted: dict[str, str]) -> None:
        try:
            async with open_dbus_router(bus="SESSION") as router:
                bus = Proxy(message_bus, router)
                activated = MatchRule(type="signal", interface=INTERFACE, member="Activated", path=PATH)
                await bus.AddMatch(activated)
                with router.filter(activated) as signals:
                    await self._register_app(router)
                    results = await self._call(router, bus, "CreateSession", "a{sv}", (),
                                               {"session_handle_token": ("s", _token())})
                    session = results["session_handle"][1]
                    shortcuts = [(hotkey_id, {"description": ("s", description(hotkey_id)),
                                              "preferred_trigger": ("s", portal_trigger(Shortcut.parse(seq)))})
                                 for hotkey_id, seq in wanted.items()]
                    results = await self._call(router, bus, "BindShortcuts", "oa(sa{sv})sa{sv}",
                                               (session, shortcuts, ""), {})
                    self.answered.emit(bound_triggers(results))
                    while True:
                        message = await signals.get()
                        if message.body[0] == session:
                            self.activated.emit(message.body[1])
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # the portal said no, or went away: nothing is bound, and the app says so
            log.warning("Global shortcuts portal: %s", exc)
            self.answered.emit({})

    async def _register_app(self, router: Any) -> None:
        """xdg-desktop-portal 1.21+ wants unsandboxed apps to say who they are first (the id of the
        installed .desktop file); older portals lack the Registry interface: then it is not needed."""
        registry = DBusAddress(PATH, bus_name=BUS_NAME, interface="org.freedesktop.host.portal.Registry")
        reply = await router.send_and_get_reply(new_method_call(registry, "Register", "sa{sv}", (APP_ID, {})))
        if reply.header.message_type.name == "error":
            log.info("Portal registry: %s (an older portal; not needed there)", reply.body)

    async def _call(self, router: Any, bus: Any, method: str, signature: str, args: tuple[Any, ...],
                    options: dict[str, Any]) -> dict[str, Any]:
        """A portal call and its Response: (code 0 = done, 1 = the user cancelled, 2 = failed)."""
        token = _token()
        sender = router.unique_name[1:].replace(".", "_")
        request = f"{PATH}/request/{sender}/{token}"
        response = MatchRule(type="signal", interface="org.freedesktop.portal.Request", member="Response",
                             path=request)
        await bus.AddMatch(response)
        with router.filter(response) as answers:
            reply = await router.send_and_get_reply(new_method_call(
                self._portal, method, signature, (*args, {**options, "handle_token": ("s", token)})))
            if reply.header.message_type.name == "error":
                raise RuntimeError(f"{method}: {reply.body}")
            code, results = (await answers.get()).body
        if code != 0:
            raise RuntimeError(f"{method} was {'cancelled' if code == 1 else 'refused'} (code {code})")
        return results


def _token() -> str:
    return "mitetray_" + token_source.token_hex(6)
