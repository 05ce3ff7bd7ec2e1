"""The waiting question (issue 15) in the window, answered against the
demo mite: each answer reaches the store's outbox (and mite), a refused one keeps the question with
its reason, and the question never takes the focus."""

from datetime import timedelta

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

from app.core.outbox import OutboxKind
from app.core.prompt import Prompt, PromptKind
from tests.helpers.demo import running_entry, running_id
from tests.helpers.prompts import away, locked_entry, run_timer_with


def labels(bar):
    return [b.text() for b in bar.buttons if b.isVisibleTo(bar)]


def test_the_bar_shows_the_question_without_taking_the_focus(qtbot, aio, window, session):
    entry_id = run_timer_with(aio, session, 50)
    window.form.note.setFocus()
    qtbot.keyClicks(window.form.note, "typing a no")
    assert not window.prompt_bar.isVisible()
    session.ask(away(session, entry_id))
    bar = window.prompt_bar
    assert bar.isVisible()
    assert bar.question.text().startswith("You were away 0:20 (") and "“API docs” was running." in bar.question.text()
    assert labels(bar)[:2] == ["Keep", "Discard"] and labels(bar)[2].startswith("Stop at ") \
        and labels(bar)[3] == "Book as…"
    assert window.form.note.hasFocus()  # the user typed on, undisturbed
    qtbot.keyClicks(window.form.note, "te")
    assert window.form.note.text() == "typing a note"
    assert [b.accessibleName() for b in bar.buttons[:2]] == ["Keep", "Discard"]
    bar.buttons[0].setFocus()  # Tab walks the answers, and on into the window
    for expected in (bar.buttons[1], bar.buttons[2], bar.buttons[3]):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is expected
    assert bar.buttons[1].accessibleDescription() == "takes 0:20 off; the timer runs on" == bar.buttons[1].toolTip()


def test_discard_in_the_window_stops_with_the_minutes_less_the_away_ones_and_runs_on(qtbot, aio, window, session,
                                                                                      demo, sent):
    entry_id = run_timer_with(aio, session, 50)
    session.ask(away(session, entry_id, minutes=20))
    sent.clear()
    qtbot.mouseClick(window.prompt_bar.buttons[1], Qt.MouseButton.LeftButton)  # Discard
    aio.until(lambda: not window.prompt_bar.isVisible())
    assert [kind for kind, _payload in sent] == [OutboxKind.STOP, OutboxKind.START]
    assert sent[0][1]["minutes"] == 30  # 50 booked before, the timer's 0 since, less 20 away
    assert session.state.prompt is None
    aio.until(lambda: running_id(demo) is not None and running_entry(demo)["minutes"] == 30)


def test_keep_reaches_nothing_but_closes_the_question(qtbot, aio, window, session, sent):
    entry_id = run_timer_with(aio, session, 50)
    session.ask(away(session, entry_id))
    sent.clear()
    window.prompt_bar.buttons[0].setFocus()
    qtbot.keyClick(window.prompt_bar.buttons[0], Qt.Key.Key_Space)  # keyboard-reachable
    aio.until(lambda: session.state.prompt is None)
    assert sent == [] and not window.prompt_bar.isVisible()


def test_a_refused_answer_keeps_the_bar_with_its_reason(qtbot, aio, window, session, demo, sent):
    entry_id = locked_entry(aio, session, demo, "locked one")  # locked in mite meanwhile
    session.ask(away(session, entry_id, title="locked one"))
    bar = window.prompt_bar
    assert labels(bar) == ["Keep", "Discard", "Book as…"]  # its timer does not run: no "stop at"
    sent.clear()
    qtbot.mouseClick(bar.buttons[1], Qt.MouseButton.LeftButton)
    aio.until(lambda: bar.error.isVisible())
    assert "“locked one” is locked in mite" in bar.error.text()
    assert bar.isVisible() and session.state.prompt is not None and sent == []
    assert not window.status_line.isVisible()  # said once, in the bar, not again at the bottom
    qtbot.mouseClick(bar.buttons[0], Qt.MouseButton.LeftButton)  # Keep closes it
    aio.until(lambda: not bar.isVisible())


def test_book_as_in_the_window_asks_for_the_palette(qtbot, aio, window, session):
    entry_id = run_timer_with(aio, session, 50)
    session.ask(away(session, entry_id))
    with qtbot.waitSignal(window.book_as_requested, timeout=1000):
        qtbot.mouseClick(window.prompt_bar.buttons[3], Qt.MouseButton.LeftButton)
    assert session.state.prompt is not None  # the palette answers it, or Escape leaves it waiting


def test_not_tracking_offers_continue_and_not_now(qtbot, aio, window, session, sent):
    now = session.journal.clock()
    session.ask(Prompt(PromptKind.NOT_TRACKING, "", since=now - timedelta(minutes=15), until=now, minutes=15))
    bar = window.prompt_bar
    assert bar.question.text() == "You have been working for 0:15 with no timer running."
    assert labels(bar)[0].startswith("Continue: ") and labels(bar)[1] == "Not now"
    sent.clear()
    qtbot.mouseClick(bar.buttons[0], Qt.MouseButton.LeftButton)
    aio.until(lambda: session.state.prompt is None and session.state.snapshot.running is not None)
    assert [kind for kind, _payload in sent] == [OutboxKind.START]
    assert QApplication.focusWidget() is not None


class _ShownAsWindow(QObject):
    """Notes every widget shown as a window of its own."""

    def __init__(self):
        super().__init__()
        self.shown = []

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            self.shown.append(type(watched).__name__)
        return False


def test_a_window_built_while_a_question_waits_shows_it_inside(qtbot, aio, session, tasks):
    from app.ui.window import MainWindow
    entry_id = run_timer_with(aio, session, 50)
    session.ask(away(session, entry_id))
    spy = _ShownAsWindow()
    QApplication.instance().installEventFilter(spy)
    try:
        window = MainWindow(session, tasks, "demo account")
    finally:
        QApplication.instance().removeEventFilter(spy)
    qtbot.addWidget(window)
    assert spy.shown == []  # neither the bar nor the first-run tour flashed up as a window of its own
    assert not window.prompt_bar.isWindow()
    window.present()
    qtbot.waitExposed(window)
    assert window.prompt_bar.isVisible() and window.prompt_bar.window() is window
