"""The small window that opens from the tray: timer, pickers, today's entries."""

from __future__ import annotations

from PySide6.QtCore import QDate, QMargins, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QCursor,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.api.models import TimeEntry
from app.core.catalog import Change
from app.core.duration import format_minutes
from app.core.messages import entry_title
from app.core.session import Session
from app.core.state import Health, State
from app.core.tasks import TaskSet
from app.i18n import translate
from app.ui.day_view import DayView
from app.ui.edit_dialog import EditDialog
from app.ui.entry_form import EntryDraft, EntryForm
from app.ui.icons import app_icon
from app.ui.placement import place_window
from app.ui.prompt_bar import PromptBar
from app.ui.status_line import Action, StatusLine
from app.ui.sync_panel import SyncPanel
from app.ui.timer_card import TimerCard
from app.ui.tour import Tour
from app.ui.today_list import TodayList
from app.ui.undo_bar import UndoBar


class ElidedLabel(QLabel):
    """Text that shortens with "…" (only in a window narrower than its default) instead of pushing
    its neighbours away; the whole text is in the tooltip."""

    def __init__(self, text: str = ""):
        super().__init__()
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.set_full_text(text)

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self.setToolTip(text)
        self._elide()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, self.width()))


class MainWindow(QWidget):
    visibility_changed = Signal(bool)
    settings_requested = Signal()
    sign_in_requested = Signal()  # mite refused the key: the tray app asks for a new one (app.tray_app)
    book_as_requested = Signal()  # the question bar's "Book as…": the palette chooses where the away time goes

    def __init__(self, session: Session, tasks: TaskSet, account_label: str = "", palette_shortcut: str | None = None,
                 tray: bool = True):
        super().__init__()
        self.session = session
        self.tasks = tasks
        self.setWindowTitle("mite-tray")
        self.setWindowIcon(app_icon())
        self.setObjectName("mainWindow")
        self.setMinimumWidth(400)

        # Built first, so its answers come first in the tab order (issue 15: a question waits).
        self.prompt_bar = PromptBar(session, tasks, self)  # a parent now: shown parentless, it would be a window
        self.prompt_bar.book_as_requested.connect(self.book_as_requested)
        self.card = TimerCard()
        self.form = EntryForm()
        self.today = TodayList()
        self.sync_panel = SyncPanel()
        self.totals = QLabel()
        self.totals.setObjectName("totals")
        self.account_label = account_label
        self.account = ElidedLabel(account_label)
        self.account.setObjectName("account")
        self.status_line = StatusLine()
        self.status = self.status_line.label
        self.prompt_bar.failed.connect(lambda _message: self.status_line.clear_notice())  # said in the bar
        self.sign_in_again = QPushButton(translate("Window", "Sign in again…"))
        self.sign_in_again.setAccessibleName(translate("Window", "Sign in to mite again with a new API key"))
        self.sign_in_again.clicked.connect(self.sign_in_requested)
        self.sign_in_again.hide()

        # Issue 16: the shown day (← → a date, Today) and its week's timesheet, above the list.
        self.days = DayView(session, tasks, self.today, lambda text: self.show_notice(text, error=True))
        self.days.shown.connect(self._follow_day)
        # Two lines, so neither the totals nor "Anna Becker · Demo-Account" is cut at the default
        # width in German; the account sits beside ⚙, where signing out and switching live.
        footer = QVBoxLayout()
        footer.setSpacing(2)
        footer.addWidget(self.totals)
        account_row = QHBoxLayout()
        account_row.addWidget(self.account, 1)
        settings = QToolButton()
        settings.setObjectName("settingsButton")
        settings.setText("⚙")
        settings.setToolTip(translate("Window", "Settings (Ctrl+,)"))
        settings.setAccessibleName(translate("Window", "Settings"))
        settings.setAutoRaise(True)
        settings.clicked.connect(self.settings_requested)
        account_row.addWidget(settings)
        footer.addLayout(account_row)
        QShortcut(QKeySequence("Ctrl+,"), self, self.settings_requested.emit)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setObjectName("separator")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 10)
        layout.setSpacing(10)
        layout.addWidget(self.card)
        layout.addWidget(self.form)
        layout.addWidget(line)
        layout.addWidget(self.days)
        layout.addWidget(self.today, 1)
        layout.addLayout(footer)
        layout.addWidget(self.sync_panel)
        layout.addWidget(self.status_line)
        self.undo_bar = UndoBar(session, tasks, self)  # issue 14: Undo instead of a question before each delete
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.sign_in_again, 0, Qt.AlignmentFlag.AlignLeft)
        # The palette's shortcut as bound (Shell passes it; "" when none could be); by default the setting's.
        shortcut = session.settings.hotkey_window if palette_shortcut is None else palette_shortcut
        self.tour = Tour(shortcut, self._tour_closed, tray=tray)
        layout.insertWidget(0, self.tour)
        self.tour.setVisible(not session.settings.tour_seen)  # in the window first: else it flashed up as a window
        layout.insertWidget(0, self.prompt_bar)
        self.resize(440, 660)  # the timesheet (issue 16) took 110 px of the list's room

        self.card.stop_clicked.connect(self.stop)
        self.form.start_requested.connect(self._start)
        self.form.add_requested.connect(self._add)
        self.today.resume_requested.connect(self._resume)
        self.today.edit_requested.connect(self.edit)
        self.today.delete_requested.connect(self.delete)
        self.sync_panel.retry_requested.connect(session.retry)
        self.sync_panel.discard_requested.connect(session.discard)
        session.changed.connect(self.refresh_view)
        session.catalog_changed.connect(self._catalog)
        session.notice.connect(self._session_notice)
        self._anchor = QRect()
        self._frame = QMargins(4, 32, 4, 6)  # a guess at the borders and title bar, until the first show
        self._shown = session.state  # the State on screen; the ticking clock reads it, not the store
        self._ticker = QTimer(self)
        self._ticker.timeout.connect(self._tick)
        QWidget.setTabOrder(self.card.stop_button, self.form.project)
        nav = self.days.nav
        for before, after in ((self.form.add_button, nav.back_to_today), (nav.back_to_today, nav.back),
                              (nav.back, nav.picker), (nav.picker, nav.forward), (nav.forward, self.today)):
            QWidget.setTabOrder(before, after)
        self.refresh_view()
        self._catalog()

    # -- showing -----------------------------------------------------------

    def toggle(self, anchor: QRect | None = None) -> None:
        if self.isVisible() and self.isActiveWindow():
            self.hide()
        else:
            self.present(anchor)

    def present(self, anchor: QRect | None = None) -> None:
        """Show near the tray icon (or the cursor), raised and focused."""
        if not self.isVisible():
            self._place(anchor)
        self.show()
        self.raise_()
        self.activateWindow()
        focus = self.card.stop_button if self._shown.snapshot.running else self.form.project
        focus.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def _place(self, anchor: QRect | None) -> None:
        """Put the whole frame, title bar included, beside the icon inside the screen's free area."""
        # QSystemTrayIcon.geometry() is empty under SNI and Wayland: place_window falls back to the cursor.
        icon = anchor if anchor is not None and anchor.isValid() else QRect()
        cursor = QCursor.pos()
        screen = QGuiApplication.screenAt(icon.center() if icon.isValid() else cursor) or QGuiApplication.primaryScreen()
        if screen is None:
            return
        self._anchor = icon
        placed = place_window(icon, cursor, screen.availableGeometry(), self.size().grownBy(self._frame))
        # The window's own rectangle, inside its frame: move() would place the frame only while the
        # window is on screen; on a hidden X11 window the frame is unknown and the title bar went
        # up under the panel.
        self.setGeometry(placed.marginsRemoved(self._frame))

    def _keep_inside(self) -> None:
        """Once the window manager has framed the window, learn the frame; re-place if it overflows."""
        frame, inner = self.frameGeometry(), self.geometry()
        margins = QMargins(inner.left() - frame.left(), inner.top() - frame.top(),
                           frame.right() - inner.right(), frame.bottom() - inner.bottom())
        if not margins.isNull():
            self._frame = margins
        screen = self.screen()
        if screen is not None and self.isVisible() and not screen.availableGeometry().contains(frame):
            self._place(self._anchor)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._ticker.start(1000)  # the ticking clock runs only while someone can see it
        QTimer.singleShot(150, self._keep_inside)
        self.session.set_window_visible(True)
        self.visibility_changed.emit(True)

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self._ticker.stop()
        self.session.set_window_visible(False)
        self.visibility_changed.emit(False)

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()  # closing hides; Quit is in the tray menu
        self.hide()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)

    def _tour_closed(self) -> None:
        self.session.settings.tour_seen = True
        self.session.save_settings_now()

    # -- state -------------------------------------------------------------

    def refresh_view(self, state: State | None = None) -> None:
        """Show `state` (Session.changed), or the session's current one."""
        self._shown = state = state if state is not None else self.session.state
        snap = state.snapshot
        self.card.show_snapshot(snap)
        self.days.show_state(state)
        if state.user:
            self.account.set_full_text(f"{state.user.name} · {self.account_label}")
        self.sync_panel.show_items(state.waiting, state.refused)
        self.sign_in_again.setVisible(state.key_rejected)
        self._show_totals()
        if state.troubled:
            text = (translate("Window", "Offline: {problem} Showing the last known state.") if state.health is Health.OFFLINE
                    else translate("Window", "Problem: {problem} Showing the last known state."))
            self.status_line.set_health(text.format(problem=state.problem))
        elif state.health is Health.UNKNOWN:
            self.status_line.set_health(translate("Window", "Connecting to mite… showing what was saved here."),
                                        error=False)
        else:
            self.status_line.set_health("")

    def _tick(self) -> None:
        """Each second while shown: the clock and the totals move on, from the State held."""
        self.card.tick(self._shown.snapshot)
        self._show_totals()
        self.days.tick()

    def _show_totals(self) -> None:
        snap = self._shown.snapshot
        self.totals.setText(translate("Window", "Today <b>{today}</b> · This week <b>{week}</b>").format(
            today=format_minutes(snap.today_minutes()), week=format_minutes(snap.week_minutes())))

    def _catalog(self, change: Change | None = None) -> None:
        """Fill the pickers from the store (built with the window), or update the rows `change` names."""
        projects, services = self.session.projects, self.session.services
        project_ids, service_ids = (change.of("projects"), change.of("services")) if change else (None, None)
        if project_ids is None or service_ids is None:
            self.form.set_catalog(projects, services)
        else:
            self.form.update_catalog([(i, projects.active(i)) for i in project_ids],
                                     [(i, services.active(i)) for i in service_ids])
        if not self.form.project.currentText():
            self.form.project.select_id(self.session.settings.last_project_id)
            self.form.service.select_id(self.session.settings.last_service_id)

    def show_notice(self, text: str, *, error: bool = False, action: Action | None = None) -> None:
        """One line under the list; the newest message replaces the last (rules: app.ui.status_line).

        `action` adds a button, e.g. ("Undo", undo): pressing it runs it and the message goes.
        """
        self.status_line.show_notice(text, error=error, action=action)

    def _session_notice(self, text: str) -> None:
        """Session.notice: what an action or a sync ran into (an error), or "" when an action worked."""
        self.show_notice(text, error=bool(text))

    # -- actions -----------------------------------------------------------

    def stop(self) -> None:
        self.tasks.spawn(self.session.stop())

    def _start(self, draft: EntryDraft) -> None:
        async def run() -> None:
            await self.session.start(project_id=draft.project_id, service_id=draft.service_id, note=draft.note)
            self.form.clear_after_start(draft)
        self.tasks.spawn(run())

    def _add(self, draft: EntryDraft) -> None:
        async def run() -> None:
            entry = await self.session.add(minutes=draft.minutes, project_id=draft.project_id,
                                           service_id=draft.service_id, note=draft.note, day=draft.day)
            self.form.clear_after_add(draft)
            self._follow_day(self.days.day)
            self.show_notice(translate("Window", "Added {duration} on {date}: {entry}").format(
                duration=format_minutes(entry.minutes), date=entry.date_at, entry=entry_title(entry)))
        self.tasks.spawn(run())

    def _resume(self, entry) -> None:
        self.tasks.spawn(self.session.resume(entry))
        if not entry.locked:  # a locked one stays in view while the status line says why it cannot
            self.days.go(self.session.weeks.today())  # an older entry continues today: show where it runs

    def _follow_day(self, day) -> None:
        """Quick entry books on the shown day (the timer still starts now)."""
        self.form.day.setDate(QDate(day.year, day.month, day.day))

    def _is_admin(self) -> bool:
        return bool(self.session.user and self.session.user.is_admin)

    def edit(self, entry: TimeEntry) -> EditDialog:
        running = self._shown.snapshot.running
        dialog = EditDialog(entry, self.session.projects, self.session.services,
                            running=running is not None and running.id == entry.id, can_unlock=self._is_admin(),
                            parent=self)

        def done(code: int) -> None:
            if code == QDialog.DialogCode.Accepted and (dialog.changes or dialog.force):
                self.tasks.spawn(self.session.edit(entry.id, force=dialog.force, **dialog.changes))
            dialog.deleteLater()
        dialog.finished.connect(done)
        dialog.open()
        return dialog

    def delete(self, entry: TimeEntry) -> QMessageBox | None:
        force = False
        if entry.locked:
            if not self._is_admin():
                self.show_notice(translate("Window", "This entry is locked in mite and cannot be deleted."), error=True)
                return None
            force = True
        if not force:  # at once: the window offers Undo (UndoBar); a locked entry still asks the admin
            self.tasks.spawn(self.session.delete(entry.id))
            return None
        text = translate("Window", "Delete {duration} of {entry}?").format(duration=format_minutes(entry.minutes), entry=entry_title(entry))
        if force:
            text += "\n\n" + translate("Window", "The entry is locked in mite; as an admin you can delete it anyway.")
        box = QMessageBox(QMessageBox.Icon.Question, translate("Window", "Delete entry"), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)

        def done(code: int) -> None:
            if code == QMessageBox.StandardButton.Yes:
                self.tasks.spawn(self.session.delete(entry.id, force=force))
            box.deleteLater()
        box.finished.connect(done)
        box.open()
        return box
