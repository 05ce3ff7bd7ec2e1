"""Say a change to a screen reader: what the eye sees change (the timer started, an error) is heard too.

Qt 6.8's announcement event becomes AT-SPI's object:announcement (Orca speaks it) and UIA's notification
on Windows. A label's new text alone is not spoken: screen readers read only what has the focus.
Polite waits for the current speech to end; urgent (errors) interrupts it.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QWidget


def announce(widget: QWidget, text: str, *, urgent: bool = False) -> None:
    """Announce `text` from `widget` while its window is shown (out of sight, notifications speak)."""
    if not text or not QAccessible.isActive() or not widget.window().isVisible():
        return
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive if urgent
                        else QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)
