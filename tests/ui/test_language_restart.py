"""Issue 14, defect 1: a language change restarts the session; the windows come back where they were."""

from PySide6.QtCore import QPoint, QRect

from app.ui.shell import Shell


def shell_for(session, tasks, restarts):
    return Shell(session, session.settings, tasks, label="demo account", demo=True, icon=None,
                 quit_app=lambda: None, restart=restarts.append, sign_in=lambda: None)


def test_a_language_change_puts_the_window_and_the_settings_back(qtbot, aio, session, tasks):
    restarts = []
    first = shell_for(session, tasks, restarts)
    assert first.start(show_window=True, show_palette=False)
    first.window().setGeometry(QRect(QPoint(300, 200), first.window().size()))
    first.open_settings()
    settings = first.settings_window()
    settings.setGeometry(QRect(QPoint(520, 140), settings.size()))
    settings.language.setCurrentIndex(settings.language.findData("de"))  # as the user chooses German
    assert restarts == ["language"] and not settings.isVisible()
    layout = first.layout()
    first.close()
    second = shell_for(session, tasks, restarts)
    try:
        assert second.start(show_window=True, show_palette=False, layout=layout)
        assert second.window().isVisible() and second.window().geometry().topLeft() == QPoint(300, 200)
        assert second.settings_window().isVisible() and second.settings_window().geometry().topLeft() == QPoint(520, 140)
    finally:
        second.close()
