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

from app.core import account
from app.core.settings import Settings
from app.core.tasks import TaskSet
from app.i18n import translate
from app.ui.icons import app_icon


class LoginDialog(QDialog):
    """Signs in with app.core.account, which keeps the key and writes the account into `settings`.

    `same_as`: the URL signed in to before (mite refused its key): only that account is taken.
    """

    def __init__(self, settings: Settings, account_name: str = "", parent=None, problem: str = "",
                 same_as: str = ""):
        super().__init__(parent)
        self.settings, self.same_as = settings, same_as
        self.setWindowTitle(translate("LoginDialog", "Sign in to mite"))
        self.setWindowIcon(app_icon())
        self.setMinimumWidth(420)
        self.result_login: account.SignedIn | None = None
        self._tasks = TaskSet()
        self.check_task: asyncio.Task[None] | None = None
        intro = QLabel(translate("LoginDialog", "Connect mite-tray to your mite account. You find your API key in mite under "
                         "<b>Account › My user</b> (tick “Allow API access”)."))
        intro.setWordWrap(True)
        self.account = QLineEdit(account_name)
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
        (self.key if account_name else self.account).setFocus(Qt.FocusReason.OtherFocusReason)

    def _submit(self) -> None:
        if self.check_task is None or self.check_task.done():
            self.check_task = self._tasks.spawn(self._check())

    async def _check(self) -> None:
        self.sign_in.setEnabled(False)
        self.sign_in.setText(translate("LoginDialog", "Checking…"))
        self.error.hide()
        try:
            credentials = await account.sign_in(self.account.text(), self.key.text(), same_as=self.same_as)
        except account.SignInError as exc:
            self.error.setText(exc.message)
            self.error.show()
            return
        finally:
            self.sign_in.setEnabled(True)
            self.sign_in.setText(translate("LoginDialog", "Sign in"))
        if self._keep(credentials):
            self.result_login = credentials
            self.accept()

    def _keep(self, credentials: account.SignedIn) -> bool:
        try:
            account.keep(self.settings, credentials)
            return True
        except account.KeychainUnavailable as exc:
            answer = QMessageBox.question(
                self, translate("LoginDialog", "No keychain"),
                exc.message + "\n\n" + translate("LoginDialog", "Keep the key for this session only? mite-tray will ask again "
                                          "next time it starts. The key is never written to disk."),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
            if answer == QMessageBox.StandardButton.Yes:
                account.keep(self.settings, credentials, session_only=True)
                return True
            self.error.setText(translate("LoginDialog", "Not signed in: the key was not kept."))
            self.error.show()
            return False


async def ask_login(settings: Settings, account_name: str = "", problem: str = "",
                    same_as: str = "") -> account.SignedIn | None:
    """Show the dialog (with `problem` said first) and wait, without blocking the loop, for its outcome.

    Signed in, the key is kept and `settings` hold the account (saved): the caller reloads nothing.
    """
    dialog = LoginDialog(settings, account_name, problem=problem, same_as=same_as)
    done: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def finished(code: int) -> None:
        if not done.done():
            done.set_result(code)
    dialog.finished.connect(finished)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    await done
    return dialog.result_login
