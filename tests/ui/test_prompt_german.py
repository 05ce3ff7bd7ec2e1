"""Issue 15's question and settings speak German, and every new control has a name a screen reader can say."""

from app.core.settings import Settings
from app.platform.autostart.xdg import XdgAutostart
from app.platform.hotkeys import Shortcuts
from app.ui.palette import PaletteWindow
from app.ui.settings_window import SettingsWindow
from app.ui.tray import Tray
from app.ui.window import MainWindow
from tests.helpers.prompts import away, run_timer_with
from tests.ui.test_german import english, english_left, german, unnamed_controls  # noqa: F401 (fixtures)


def test_the_question_speaks_german(german, qtbot, aio, session, tasks, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    entry_id = run_timer_with(aio, session, 50)
    session.ask(away(session, entry_id, minutes=20))
    window = MainWindow(session, tasks, "Demo-Account")
    palette = PaletteWindow(session, tasks)
    settings = SettingsWindow(Settings(work_reminders=True), Shortcuts(None), XdgAutostart(), account="a", user="b",
                              demo=False, save=lambda: None)
    tray = Tray(session)
    try:
        for widget in (window, palette, settings):
            qtbot.addWidget(widget)
        window.present()
        palette.present()
        settings.show()
        for widget in (window, palette, settings, tray.menu):
            assert english_left(widget) == []
        assert window.prompt_bar.question.text().startswith("Du warst 0:20 weg (")
        assert [b.text() for b in window.prompt_bar.buttons][:2] == ["Behalten", "Verwerfen"]
        assert palette.list.item(0).text() == "Behalten" and palette.list.item(3).text() == "Buchen als …"
        assert [d.text() for d in settings.away.days][:2] == ["Mo.", "Di."]
        assert settings.away.away.suffix() == " Min."
        palette.book_away()
        assert palette.question.text().startswith("Abwesenheit 0:20 (") and english_left(palette) == []
    finally:
        tray.dispose()
        qtbot.wait(10)


def test_every_new_control_has_a_name(english, qtbot, aio, session, tasks, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    entry_id = run_timer_with(aio, session, 50)
    session.ask(away(session, entry_id, minutes=20))
    window = MainWindow(session, tasks, "demo")
    settings = SettingsWindow(Settings(work_reminders=True), Shortcuts(None), XdgAutostart(), account="a", user="b",
                              demo=False, save=lambda: None)
    for widget in (window, settings):
        qtbot.addWidget(widget)
        widget.show()
        assert unnamed_controls(widget) == []
    assert window.prompt_bar.accessibleName() == "Question from mite-tray"
    assert [d.accessibleName() for d in settings.away.days][0] == "Monday"


def test_every_away_setting_shows_its_whole_label_in_german(german, qtbot, qapp, tmp_path, monkeypatch):  # noqa: F811
    """Seen in a screenshot: "Fragen, wenn eine Stoppuhr l…" was cut by its spin box (with the app's style)."""
    from PySide6.QtWidgets import QLabel

    from app.ui import style
    style.install(qapp)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    from app.platform.idle import describe
    from app.platform.idle.x11 import X11Idle
    settings = SettingsWindow(Settings(work_reminders=True), Shortcuts(None), XdgAutostart(), account="Demo-Account",
                              user="Anna Becker", demo=True, save=lambda: None,
                              idle_description=describe(X11Idle.__new__(X11Idle)))  # as on X11
    qtbot.addWidget(settings)
    settings.show()
    qtbot.wait(10)
    cut = [label.text() for label in settings.away.findChildren(QLabel)
           if label.isVisible() and label.text() and not label.wordWrap()
           and label.width() < label.sizeHint().width()]
    assert cut == []
