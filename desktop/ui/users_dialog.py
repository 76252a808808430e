"""Công cụ › Người dùng: an admin's list of the office's accounts, to add, change, lock, reset.

Every call to the server runs on the task runner (never on the window's
thread); the list is read again after each change.  What the server refuses
(the last admin, a name already taken) is said in the dialog in one line.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QHeaderView, QInputDialog, QLabel, QLineEdit, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout)

from desktop.ui.tasks import Task, start

ROLES = ("reader", "clerk", "admin")


def role_label(role: str | None) -> str:
    names = {"reader": QCoreApplication.translate("Users", "người đọc"),
             "clerk": QCoreApplication.translate("Users", "văn thư"),
             "admin": QCoreApplication.translate("Users", "quản trị")}
    if role not in names:
        return QCoreApplication.translate("Users", "không có quyền")
    return names[role] if names[role] == role else f"{names[role]} ({role})"  # English needs no gloss


class AccountForm(QDialog):
    """A new account (name, role, password twice), or a new password for one (``name`` given)."""

    def __init__(self, parent=None, *, name: str | None = None):
        super().__init__(parent)
        self.setObjectName("accountForm")
        self.setWindowTitle(self.tr("Đặt mật khẩu cho {0}").format(name) if name else self.tr("Thêm người dùng"))
        self.name = QLineEdit(name or "")
        self.name.setReadOnly(name is not None)
        self.name.setPlaceholderText(self.tr("chữ thường không dấu, ví dụ nguyenvana"))
        self.role = QComboBox()
        for role in ROLES:
            self.role.addItem(role_label(role), role)
        self.role.setCurrentIndex(1)
        self.password = QLineEdit()
        self.again = QLineEdit()
        for field in (self.password, self.again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00")
        form = QFormLayout()
        form.addRow(self.tr("Tên đăng nhập"), self.name)
        if name is None:
            form.addRow(self.tr("Quyền"), self.role)
        form.addRow(self.tr("Mật khẩu"), self.password)
        form.addRow(self.tr("Nhập lại mật khẩu"), self.again)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _check(self) -> None:
        if not self.name.text().strip():
            self.message.setText(self.tr("Cần tên đăng nhập."))
        elif self.password.text() != self.again.text():
            self.message.setText(self.tr("Hai lần nhập mật khẩu không giống nhau."))
        elif len(self.password.text()) < 8:
            self.message.setText(self.tr("Mật khẩu cần ít nhất 8 ký tự."))
        else:
            self.accept()


class UsersDialog(QDialog):
    def __init__(self, archive, parent=None):
        super().__init__(parent)
        self.setObjectName("usersDialog")
        self.setWindowTitle(self.tr("Người dùng"))
        self.archive = archive
        self.accounts: list = []
        self._tasks: list[Task] = []
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Tài khoản"), self.tr("Quyền"), self.tr("Trạng thái")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.message = QLabel()
        self.message.setObjectName("usersMessage")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        self.add_button = self._button(buttons, self.tr("Thêm…"), self.add_clicked, "addUserButton")
        self.role_button = self._button(buttons, self.tr("Đổi quyền…"), self.role_clicked, "roleButton")
        self.password_button = self._button(buttons, self.tr("Đặt mật khẩu…"), self.password_clicked, "passwordButton")
        self.lock_button = self._button(buttons, self.tr("Khóa / mở khóa"), self.lock_clicked, "lockButton")
        buttons.addStretch(1)
        self._button(buttons, self.tr("Đóng"), self.accept, "closeButton")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(560, 380)
        self.reload()

    def _button(self, layout, text: str, slot, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        layout.addWidget(button)
        return button

    # ---------------------------------------------------------- server work

    def _run(self, work: Callable[[], object], done: Callable[[object], None], busy: str) -> Task:
        """``work`` on the task runner; ``done(result)`` back on this thread."""
        self.message.setStyleSheet("")
        self.message.setText(busy)
        self._set_busy(True)
        task = Task(lambda _progress, _cancelled: work())

        def finished(result) -> None:
            self._tasks.remove(task)
            self._set_busy(False)
            done(result)

        def failed(message: str) -> None:
            self._tasks.remove(task)
            self._set_busy(False)
            self.message.setStyleSheet("color: #b00")
            self.message.setText(message)

        task.signals.finished.connect(finished)
        task.signals.failed.connect(failed)
        self._tasks.append(task)
        return start(task)

    def _set_busy(self, busy: bool) -> None:
        for button in (self.add_button, self.role_button, self.password_button, self.lock_button):
            button.setEnabled(not busy)

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def reload(self, said: str = "") -> Task:
        def shown(accounts) -> None:
            self.accounts = accounts
            self.table.setRowCount(len(accounts))
            for row, account in enumerate(accounts):
                state = self.tr("đang dùng") if account.enabled else self.tr("đã khóa")
                for column, value in enumerate((account.name, role_label(account.role), state)):
                    self.table.setItem(row, column, QTableWidgetItem(value))
            self.message.setText(said)

        return self._run(self.archive.accounts.list, shown, self.tr("Đang đọc danh sách…"))

    def _change(self, work: Callable[[], object], said: str) -> Task:
        return self._run(work, lambda _result: self.reload(said), self.tr("Đang lưu…"))

    def add_account(self, name: str, role: str, password: str) -> Task:
        return self._change(lambda: self.archive.accounts.add(name, role, password),
                            self.tr("Đã thêm {0} ({1}).").format(name, role_label(role)))

    def set_role(self, name: str, role: str) -> Task:
        return self._change(lambda: self.archive.accounts.set_role(name, role),
                            self.tr("{0} nay có quyền {1}.").format(name, role_label(role)))

    def set_password(self, name: str, password: str) -> Task:
        return self._change(lambda: self.archive.accounts.set_password(name, password),
                            self.tr("Đã đặt mật khẩu mới cho {0}.").format(name))

    def set_enabled(self, name: str, enabled: bool) -> Task:
        said = self.tr("Đã mở khóa {0}.") if enabled else self.tr("Đã khóa {0}: không đăng nhập được nữa.")
        return self._change(lambda: self.archive.accounts.set_enabled(name, enabled), said.format(name))

    # ------------------------------------------------------------- buttons

    def selected(self):
        row = self.table.currentRow()
        if 0 <= row < len(self.accounts):
            return self.accounts[row]
        self.message.setText(self.tr("Hãy chọn một người dùng trong danh sách."))
        return None

    def add_clicked(self) -> None:
        form = AccountForm(self)
        if form.exec():
            self.add_account(form.name.text().strip(), form.role.currentData(), form.password.text())

    def role_clicked(self) -> None:
        account = self.selected()
        if account is None:
            return
        labels = [role_label(r) for r in ROLES]
        current = ROLES.index(account.role) if account.role in ROLES else 0
        label, ok = QInputDialog.getItem(self, self.tr("Đổi quyền"), account.name, labels, current, False)
        if ok:
            self.set_role(account.name, ROLES[labels.index(label)])

    def password_clicked(self) -> None:
        account = self.selected()
        if account is None:
            return
        form = AccountForm(self, name=account.name)
        if form.exec():
            self.set_password(account.name, form.password.text())

    def lock_clicked(self) -> None:
        account = self.selected()
        if account is not None:
            self.set_enabled(account.name, not account.enabled)

