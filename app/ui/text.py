"""User data shown in widgets that read `&` as a mnemonic (menus, buttons, buddied labels, actions)."""

from __future__ import annotations


def menu_text(text: str) -> str:
    """`text` as a menu item, button or QAction shows it: "Hosting & Maintenance" stays that, instead
    of becoming "Hosting _Maintenance" with M as a keyboard shortcut. Only for user data (project,
    service, note), never for a translated label whose `&` marks its shortcut on purpose."""
    return text.replace("&", "&&")
