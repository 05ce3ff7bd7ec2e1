"""An editable combo box that filters as you type (contains, case-insensitive).

When the picker commits (Enter, Tab, a click elsewhere), a text that names one item shows that
item's full label at once ("api" becomes "API Docs (King Inc.)"), read from its start.

The labels live in a QStringListModel, filled in one call; the completer filters them in C++.
addItem() per project took 75 ms for 10,000 projects when the window was first built.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, QStringListModel, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QCompleter, QDateEdit, QLineEdit, QToolButton

from app.i18n import translate
from app.ui.palette_rows import SuggestionDelegate


COMMIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)


class PickError(ValueError):
    pass


class DetailDelegate(SuggestionDelegate):
    """A picker's row: its label, then a detail for its item (a project's budget use), quieter."""

    def __init__(self, picker: FilterPicker):
        super().__init__(picker)
        self.picker = picker

    def detail(self, index) -> str:
        return self.picker.detail_of(index.data(Qt.ItemDataRole.DisplayRole) or "")


class FilterPicker(QComboBox):
    """Items are (label, id). An empty field means "none", which mite allows."""

    def __init__(self, kind: str, placeholder: str, parent=None):
        super().__init__(parent)
        self.kind = kind
        self._labels: list[str] = []
        self._ids: list[int] = []
        self._by_label: dict[str, int] = {}
        self._detail: Callable[[int], str] | None = None  # an item's detail (show_details)
        self._wanted: Callable[[], None] = lambda: None
        self._model = QStringListModel(self)
        self.setModel(self._model)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(12)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(18)
        completer = QCompleter(self._model, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        line = self.lineEdit()
        assert line is not None  # an editable combo box has one
        line.setPlaceholderText(placeholder)
        line.setClearButtonEnabled(True)
        self.setAccessibleName(translate("Picker", "Project") if kind == "project" else translate("Picker", "Service"))
        line.setAccessibleName(self.accessibleName())  # the field has the focus: a screen reader reads its name
        for clear in line.findChildren(QToolButton):  # the clear button (setClearButtonEnabled) has no text
            clear.setAccessibleName(translate("Picker", "Clear the project") if kind == "project"
                                    else translate("Picker", "Clear the service"))

    def show_details(self, detail: Callable[[int], str], wanted: Callable[[], None] = lambda: None) -> None:
        """Paint `detail(item id)` after each label in the lists, quieter ("API Docs (King Inc.)  72% of 40 h");
        `wanted()` is called when a list opens (the details may be fetched then). The labels, and what
        typing matches, stay the items' names."""
        self._detail, self._wanted = detail, wanted
        self.setItemDelegate(DetailDelegate(self))
        popup = self._popup()
        popup.setItemDelegate(DetailDelegate(self))
        popup.installEventFilter(self)

    def _popup(self) -> QAbstractItemView:
        """The completer's list (the one typing opens)."""
        completer = self.completer()
        popup = completer.popup() if completer is not None else None
        assert popup is not None  # set up in __init__
        return popup

    def detail_of(self, label: str) -> str:
        item_id = self._by_label.get(label)
        return self._detail(item_id) if self._detail is not None and item_id is not None else ""

    def update_details(self) -> None:
        """The details changed: repaint the open lists."""
        for view in (self.view(), self._popup()):
            viewport = view.viewport()
            if viewport is not None:
                viewport.update()

    def showPopup(self) -> None:
        self._wanted()
        super().showPopup()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and watched is self._popup():
            self._wanted()
        return super().eventFilter(watched, event)

    def field(self) -> QLineEdit:
        """Its line edit (an editable combo box always has one)."""
        line = self.lineEdit()
        assert line is not None
        return line

    def event(self, event: QEvent) -> bool:
        # Keys reach the combo box first (its completer's popup sends them here too), and Tab
        # moves the focus in QWidget.event, before keyPressEvent: commit on the way in.
        if event.type() == QEvent.Type.KeyPress and event.key() in COMMIT_KEYS:  # type: ignore[attr-defined]
            self.commit()
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)  # the line edit's returnPressed: its form moves on
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()  # and it never reaches a dialog's default button

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        # Not when the completer's popup or another window takes the focus: the user is not done.
        if event.reason() not in (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason):
            self.commit()

    def commit(self) -> None:
        """Show the item the text names, if it names exactly one; otherwise leave the text to be made clearer."""
        try:
            item_id = self.selected_id()
        except PickError:
            return
        if item_id is not None:
            self.setCurrentIndex(self._ids.index(item_id))
        self.show_start(committed=True)

    def show_start(self, *, committed: bool = False) -> None:
        """Scroll the text to its start: a long label reads "Intranet (Müller …", not "…tranet (Müller & Söhne)".
        Not while the user is typing in it, unless the picker just committed."""
        line = self.lineEdit()
        if line is not None and (committed or not line.hasFocus()):
            line.setCursorPosition(0)

    def set_items(self, items: list[tuple[str, int]]) -> None:
        """Replace the items, keeping the current choice (or typed text)."""
        text = self.currentText()
        self.blockSignals(True)
        self._labels = [label for label, _ in items]
        self._ids = [item_id for _, item_id in items]
        self._by_label = {label: item_id for label, item_id in reversed(items)}  # the first of a name wins
        self._model.setStringList(self._labels)
        self.setCurrentIndex(-1)
        self.setEditText(text)
        self.blockSignals(False)

    def update_item(self, item_id: int, label: str | None) -> None:
        """One item changed: its row takes the new label, at its place in the order (None: it is gone).
        The other rows stay as they are: a rename among 50,000 projects rebuilds no list (issue 17)."""
        text = self.currentText()
        self.blockSignals(True)
        if item_id in self._ids:
            row = self._ids.index(item_id)
            old = self._labels.pop(row)
            del self._ids[row]
            self._model.removeRows(row, 1)
            if self._by_label.get(old) == item_id:
                del self._by_label[old]
                if old in self._labels:  # another item of that name now answers to it
                    self._by_label[old] = self._ids[self._labels.index(old)]
        if label is not None:
            row = bisect.bisect(self._labels, label.casefold(), key=str.casefold)
            self._labels.insert(row, label)
            self._ids.insert(row, item_id)
            self._by_label.setdefault(label, item_id)
            self._model.insertRows(row, 1)
            self._model.setData(self._model.index(row), label)
        self.setCurrentIndex(-1)
        self.setEditText(text)
        self.blockSignals(False)

    def ensure_item(self, label: str, item_id: int) -> None:
        """Add an item the list lacks (the archived project of an entry being edited)."""
        if item_id not in self._ids:
            self.set_items([*zip(self._labels, self._ids, strict=True), (label, item_id)])

    def select_id(self, item_id: int | None) -> None:
        index = self._ids.index(item_id) if item_id in self._ids else -1
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText("")
        self.show_start()

    def selected_id(self, *, quiet: bool = False) -> int | None:
        """The chosen item's id; None for an empty field; PickError when the text names nothing.
        A text that names one item shows its label, unless `quiet` (a check while the user types)."""
        text = self.currentText().strip()
        if not text:
            return None
        labels = list(zip(self._labels, self._ids, strict=True))
        exact = [item_id for label, item_id in labels if label.casefold() == text.casefold()]
        if exact:
            return exact[0]
        hits = [(label, item_id) for label, item_id in labels if text.casefold() in label.casefold()]
        if len(hits) == 1:
            if not quiet:
                self.setCurrentIndex(self._ids.index(hits[0][1]))
            return hits[0][1]
        if not hits:
            raise PickError((translate("Picker", "No project matches “{text}”. Pick one from the list or clear the field.")
                             if self.kind == "project" else
                             translate("Picker", "No service matches “{text}”. Pick one from the list or clear the field.")
                             ).format(text=text))
        raise PickError((translate("Picker", "“{text}” matches {count} projects. Pick one from the list.") if self.kind == "project"
                         else translate("Picker", "“{text}” matches {count} services. Pick one from the list.")
                         ).format(text=text, count=len(hits)))


def day_picker(day: QDate, accessible_name: str) -> QDateEdit:
    """A date field with a calendar, in the user's short date format (22.11.26 in German).

    The C/POSIX locale's short format "d MM yyyy" reads as three loose numbers: ISO there.
    """
    picker = QDateEdit(day)
    picker.setCalendarPopup(True)
    locale = QLocale()
    picker.setDisplayFormat("yyyy-MM-dd" if locale.language() == QLocale.Language.C
                            else locale.dateFormat(QLocale.FormatType.ShortFormat))
    picker.setAccessibleName(accessible_name)
    return picker
