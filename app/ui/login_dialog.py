"""First start / sign-in: account and API key, checked with mite before anything is saved."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
)

from app.api.models import User
from app.core import login, secrets
from app.core.tasks import TaskSet
from app.i18n import translate
from app.ui.icons import app_icon
from app.ui.style import STYLE


class LoginDialog(QDialog):
    def __init__(self, account: str = "", parent=None, problem: str = ""):
        super().__init__(parent)
        self.setWindowTitle(translate("LoginDialog", "Sign in to mite"))
        self.setWindowIcon(app_icon())
        self.setStyleSheet(STYLE)
        self.setMinimumWidth(420)
        self.result_login: tuple[str, str, User] | None = None
        self._tasks = TaskSet()
        self.check_task: asyncio.Task[None] | None = None
        intro = QLabel(translate("LoginDialog", "Connect mite-tray to your mite account. You find your API key in mite under "
                         "<b>Account › My user</b> (tick “Allow API access”)."))
        intro.setWordWrap(True)
        self.account = QLineEdit(account)
        self.account.setPlaceholderText(translate("LoginDialog", "acme  (from acme.mite.de)"))
        self.account.setAccessibleName(translate("LoginDialog", "mite account"))
        self.key = QLineEdit()
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setPlaceholderText(translate("LoginDialog", "16 characters"))
        self.key.setAccessibleName(translate("LoginDialog", "API key"))
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.setText(problem)  # why the app asks: e.g. an unusable key in MITE_API_KEY
        self.error.setVisible(bool(problem))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign_in = self.buttons.addButton(translate("LoginDialog", "Sign in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.sign_in.setDefault(True)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(translate("LoginDialog", "&Account"), self.account)
        form.addRow(translate("LoginDialog", "API &key"), self.key)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        (self.key if account else self.account).setFocus(Qt.FocusReason.OtherFocusReason)

    def _submit(self) -> None:
        if self.check_task is None or self.check_task.done():
            self.check_task = self._tasks.spawn(self._check())

    async def _check(self) -> None:
        self.sign_in.setEnabled(False)
        self.sign_in.setText(translate("LoginDialog", "Checking…"))
        self.error.hide()
        try:
            url, user = await login.check(self.account.text(), self.key.text())
        except login.LoginError as exc:
            self.error.setText(exc.message)
            self.error.show()
            return
        finally:
            self.sign_in.setEnabled(True)
            self.sign_in.setText(translate("LoginDialog", "Sign in"))
        if self._keep(url, user):
            self.result_login = (url, self.key.text().strip(), user)
            self.accept()

    def _keep(self, url: str, user: User) -> bool:
        try:
            login.remember(url, self.key.text(), user)
            return True
        except secrets.KeychainUnavailable as exc:
            answer = QMessageBox.question(
                self, translate("LoginDialog", "No keychain"),
                exc.message + "\n\n" + translate("LoginDialog", "Keep the key for this session only? mite-tray will ask again "
                                          "next time it starts. The key is never written to disk."),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
            if answer == QMessageBox.StandardButton.Yes:
                login.remember(url, self.key.text(), user, session_only=True)
                return True
            self.error.setText(translate("LoginDialog", "Not signed in: the key was not kept."))
            self.error.show()
            return False


async def ask_login(account: str = "", problem: str = "") -> tuple[str, str, User] | None:
    """Show the dialog (with `problem` said first) and wait, without blocking the loop, for its outcome."""
    dialog = LoginDialog(account, problem=problem)
    done: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    dialog.finished.connect(lambda code: done.done() or done.set_result(code))
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    await done
    return dialog.result_login
