"""The waiting question (issue 15) in the quick-entry palette and the tray menu: its answers as rows
above the recent entries, "Book as…" booking the away time as the project typed, Escape leaving the
question waiting; the tray menu's question section and the icon's mark."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from app.core.outbox import OutboxKind
from app.core.prompt import Prompt, PromptKind
from app.ui.palette import PaletteWindow
from app.ui.shell import Shell
from app.ui.tray import Tray
from tests.helpers.prompts import away, locked_entry, run_timer_with


@pytest.fixture
def palette(qtbot, session, tasks):
    palette = PaletteWindow(session, tasks)
    qtbot.addWidget(palette)
    return palette


def rows(palette):
    return [palette.list.item(i).text() for i in range(palette.list.count())]


def project(demo, name):
    return next(p for p in demo.mite.records["projects"].values() if p["name"] == name)


def test_the_palette_shows_the_question_and_answers_above_the_recent_entries(qtbot, aio, palette, session, sent):
    entry_id = run_timer_with(aio, session, 50)
    session.ask(away(session, entry_id, minutes=20))
    palette.present()
    assert palette.question.isVisible() and palette.question.text().startswith("You were away 0:20 (")
    assert rows(palette)[:2] == ["Keep", "Discard"] and rows(palette)[2].startswith("Stop at ")
    assert rows(palette)[3] == "Book as…" and rows(palette)[4].startswith("1  ")
    assert palette.list.currentRow() == 4  # an answer is chosen on purpose: Enter still continues entry 1
    for _ in range(3):
        qtbot.keyClick(palette.field, Qt.Key.Key_Up)
    assert palette.list.currentRow() == 1 and palette.preview.text() == "Answer · Discard"
    sent.clear()
    qtbot.keyClick(palette.field, Qt.Key.Key_Return)
    aio.until(lambda: session.state.prompt is None)
    assert [kind for kind, _payload in sent] == [OutboxKind.STOP, OutboxKind.START]
    assert sent[0][1]["minutes"] == 30
    assert not palette.isVisible()
    palette.present()
    assert not palette.question.isVisible() and rows(palette)[0].startswith("1  ")


def test_book_as_books_the_away_time_on_the_project_typed(qtbot, aio, palette, session, demo, sent):
    entry_id = run_timer_with(aio, session, 50)
    session.ask(away(session, entry_id, minutes=20))
    palette.book_away()
    assert palette.field.text() == "0:20 "
    assert palette.question.text().startswith("Book the away time 0:20 (")
    assert palette.preview.text() == "Type or choose the project or service the away time was for."
    assert palette.preview.property("error") is False
    qtbot.keyClicks(palette.field, "api d")
    assert palette.preview.text().startswith("Book the away time 0:20 · API Docs (King Inc.)")
    assert "Takes 0:20 off “API docs”." in palette.preview.text()
    sent.clear()
    qtbot.keyClick(palette.field, Qt.Key.Key_Return)
    aio.until(lambda: session.state.prompt is None and not palette.isVisible())
    assert [kind for kind, _payload in sent] == [OutboxKind.STOP, OutboxKind.START, OutboxKind.CREATE]
    assert sent[0][1]["minutes"] == 30
    booked = sent[2][1]["attrs"]
    assert (booked["minutes"], booked["project_id"]) == (20, project(demo, "API Docs")["id"])


def test_the_book_as_row_switches_the_palette_and_escape_leaves_the_question(qtbot, aio, palette, session, sent):
    entry_id = run_timer_with(aio, session, 50)
    session.ask(away(session, entry_id, minutes=20))
    palette.present()
    palette.list.setCurrentRow(3)
    assert palette.list.currentItem().text() == "Book as…"
    qtbot.keyClick(palette.field, Qt.Key.Key_Return)
    assert palette.booking is not None and palette.field.text() == "0:20 "
    qtbot.keyClicks(palette.field, "api d")
    sent.clear()
    qtbot.keyClick(palette.field, Qt.Key.Key_Escape)
    assert not palette.isVisible() and palette.booking is None
    assert session.state.prompt is not None and sent == []
    palette.present()  # an ordinary palette again, with the question
    assert palette.field.text() == "" and rows(palette)[0] == "Keep"


def test_book_as_keeps_the_away_duration(qtbot, aio, palette, session, sent):
    entry_id = run_timer_with(aio, session, 50)
    session.ask(away(session, entry_id, minutes=20))
    palette.book_away()
    palette.field.clear()
    sent.clear()
    qtbot.keyClicks(palette.field, "0:45 api d")
    assert palette.preview.property("error") is True
    assert palette.preview.text() == "This books the away time, 0:20: keep that duration at the start of the line."
    qtbot.keyClick(palette.field, Qt.Key.Key_Return)
    aio.sleep(0.1)
    assert session.state.prompt is not None and sent == []


def tray_titles(tray):
    return [a.text() for a in tray.menu.actions() if not a.isSeparator()]


def test_the_tray_menu_asks_first_and_answers(qtbot, aio, session, tasks, sent):
    tray = Tray(session)
    try:
        assert not tray.shown.asks and tray.menu.actions()[0] is tray.timer_action
        entry_id = run_timer_with(aio, session, 50)
        session.ask(away(session, entry_id, minutes=20))
        titles = tray_titles(tray)
        assert titles[0].startswith("You were away 0:20 (") and not tray.menu.actions()[0].isEnabled()
        assert titles[1:3] == ["Keep", "Discard"] and titles[3].startswith("Stop at ") and titles[4] == "Book as…"
        assert tray.menu.actions()[5].isSeparator() and tray.menu.actions()[6] is tray.timer_action
        assert tray.shown.asks and tray._drawn[2] is True  # the icon carries the mark
        assert titles[0] in tray.icon.toolTip()
        answered = []
        tray.answer_requested.connect(lambda answer, asked: answered.append((answer, asked)))
        with qtbot.waitSignal(tray.book_as_requested, timeout=1000):
            tray.menu.actions()[4].trigger()
        tray.menu.actions()[2].trigger()
        assert answered == [("discard", session.state.prompt.key)]  # names the question the menu showed
        Shell._answer_from_tray(_ShellStandIn(session, tasks, tray), *answered[0])
        aio.until(lambda: session.state.prompt is None)
        assert [kind for kind, _payload in sent][-2:] == [OutboxKind.STOP, OutboxKind.START]
        assert tray.menu.actions()[0] is tray.timer_action and not tray.shown.asks and tray._drawn[2] is False
    finally:
        tray.dispose()
        qtbot.wait(10)


class _ShellStandIn:
    """What Shell._answer_from_tray uses of a Shell (the real one needs a system tray)."""

    def __init__(self, session, tasks, tray):
        self.session, self.tasks, self.tray = session, tasks, tray


def test_a_refused_answer_from_the_tray_is_a_notification(qtbot, aio, session, tasks, demo, monkeypatch):
    entry_id = locked_entry(aio, session, demo, "locked one")  # locked in mite meanwhile
    session.ask(away(session, entry_id, title="locked one"))
    told = []
    monkeypatch.setattr(Tray, "notify", lambda _tray, message: told.append(message))
    tray = Tray(session)
    try:
        Shell._answer_from_tray(_ShellStandIn(session, tasks, tray), "discard")
        aio.until(lambda: told)
        assert "“locked one” is locked in mite" in told[0] and session.state.prompt is not None
        assert tray_titles(tray)[0].startswith("You were away")
    finally:
        tray.dispose()
        qtbot.wait(10)


def test_not_tracking_in_the_tray_opens_the_palette(qtbot, aio, session):
    now = session.journal.clock()
    session.ask(Prompt(PromptKind.NOT_TRACKING, "", since=now - timedelta(minutes=15), until=now, minutes=15))
    tray = Tray(session)
    try:
        titles = tray_titles(tray)
        assert titles[1].startswith("Continue: ") and titles[2:4] == ["Open palette", "Not now"]
        with qtbot.waitSignal(tray.palette_requested, timeout=1000):
            tray.menu.actions()[2].trigger()
    finally:
        tray.dispose()
        qtbot.wait(10)
