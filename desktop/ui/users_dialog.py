"""Công cụ › Người dùng: an admin's list of the office's accounts, to add, change, lock, reset,
and (on a server archive) which marked articles each may read.

Every call to the server runs on the task runner (never on the window's
thread); the list is read again after each change.  What the server refuses
(the last admin, a name already taken) is said in the dialog in one line.
Clearance (desktop/core/store/clearance.py) is chosen as the highest mark a
person reads; a mark they still read through a group (every account reads
"Lưu hành nội bộ" through its role by default) is shown, and said after a change.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QHeaderView, QInputDialog, QLabel, QLineEdit, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout)

from desktop.ui.tasks import Task, start

ROLES = ("reader", "clerk", "admin")
LEVELS = ("internal", "secret", "topsecret")  # clearance levels, lowest first (db/clearance.py)


def mark_label(level: str) -> str:
    """The marks a clearance level opens, as the documents carry them."""
    names = {"internal": QCoreApplication.translate("Users", "Lưu hành nội bộ"),
             "secret": QCoreApplication.translate("Users", "Mật"),
             "topsecret": QCoreApplication.translate("Users", "Tối mật, Tuyệt mật")}
    return names[level]


def clearance_choices() -> list[tuple[str | None, str]]:
    """(level, label) for the highest mark a person may read, none first."""
    return [(None, QCoreApplication.translate("Users", "Chỉ bài công khai")),
            ("internal", QCoreApplication.translate("Users", "Đến Lưu hành nội bộ")),
            ("secret", QCoreApplication.translate("Users", "Đến Mật (gồm Lưu hành nội bộ)")),
            ("topsecret", QCoreApplication.translate("Users", "Đến Tối mật, Tuyệt mật (mọi mức)"))]


def clearance_text(clearance) -> str:
    """What an account may read: "Lưu hành nội bộ (qua nhóm luutru_clerk), Mật"."""
    if clearance is None or not clearance.levels:
        return QCoreApplication.translate("Users", "chỉ bài công khai")
    parts = []
    for level in clearance.levels:
        groups = clearance.through.get(level)
        parts.append(QCoreApplication.translate("Users", "{0} (qua nhóm {1})").format(
            mark_label(level), ", ".join(groups)) if groups else mark_label(level))
    return "; ".join(parts)


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
        self.clearances: dict = {}  # account name → what it may read (server archives only)
        self.with_clearance = bool(archive.server)  # a single PC's one user reads everything
        self._tasks: list[Task] = []
        headers = [self.tr("Tài khoản"), self.tr("Quyền"), self.tr("Trạng thái")]
        if self.with_clearance:
            headers.append(self.tr("Được đọc bài có dấu"))
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.message = QLabel()
        self.message.setObjectName("usersMessage")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        self.add_button = self._button(buttons, self.tr("Thêm…"), self.add_clicked, "addUserButton")
        self.role_button = self._button(buttons, self.tr("Đổi quyền…"), self.role_clicked, "roleButton")
        self.password_button = self._button(buttons, self.tr("Đặt mật khẩu…"), self.password_clicked, "passwordButton")
        self.lock_button = self._button(buttons, self.tr("Khóa / mở khóa"), self.lock_clicked, "lockButton")
        self.clearance_button = self._button(buttons, self.tr("Quyền đọc bài mật…"), self.clearance_clicked,
                                             "clearanceButton")
        self.clearance_button.setToolTip(self.tr("Chọn mức mật cao nhất người này được đọc"))
        self.clearance_button.setVisible(self.with_clearance)
        buttons.addStretch(1)
        self._button(buttons, self.tr("Đóng"), self.accept, "closeButton")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(820 if self.with_clearance else 560, 420)
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
        for button in (self.add_button, self.role_button, self.password_button, self.lock_button,
                       self.clearance_button):
            button.setEnabled(not busy)

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def reload(self, said: str = "") -> Task:
        def read():
            accounts = self.archive.accounts.list()
            if not self.with_clearance:
                return accounts, {}
            clearances = {c.name: c for c in self.archive.clearance.accounts()}
            for account in accounts:  # a locked account (no login now) keeps its clearance: ask by name
                if account.name not in clearances:
                    clearances[account.name] = self.archive.clearance.accounts(account.name)[0]
            return accounts, clearances

        def shown(result) -> None:
            self.accounts, self.clearances = result
            self.table.setRowCount(len(self.accounts))
            for row, account in enumerate(self.accounts):
                state = self.tr("đang dùng") if account.enabled else self.tr("đã khóa")
                values = [account.name, role_label(account.role), state]
                if self.with_clearance:
                    values.append(clearance_text(self.clearances.get(account.name)))
                for column, value in enumerate(values):
                    self.table.setItem(row, column, QTableWidgetItem(value))
            self.table.resizeRowsToContents()
            self.message.setText(said)

        return self._run(read, shown, self.tr("Đang đọc danh sách…"))

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

    def set_clearance(self, name: str, level: str | None) -> Task:
        """Let ``name`` read up to ``level`` (None: public articles only)."""
        def done(now) -> None:
            wanted = LEVELS.index(level) + 1 if level else 0
            more = now.levels[wanted:]
            said = self.tr("{0} nay được đọc: {1}.").format(name, clearance_text(now))
            if more:  # a group still opens a higher mark: revoking it is for the whole group
                said += " " + self.tr("Mức {0} vẫn được đọc qua nhóm {1}.").format(
                    mark_label(more[-1]), ", ".join(now.through.get(more[-1], ())))
            self.reload(said)

        return self._run(lambda: self.archive.clearance.set_highest(name, level), done, self.tr("Đang lưu…"))

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


    def clearance_clicked(self) -> None:
        account = self.selected()
        if account is None:
            return
        choices = clearance_choices()
        labels = [label for _level, label in choices]
        readable = self.clearances.get(account.name)
        current = len(readable.levels) if readable else 0
        label, ok = QInputDialog.getItem(self, self.tr("Quyền đọc bài mật"),
                                         self.tr("Mức cao nhất {0} được đọc:").format(account.name),
                                         labels, current, False)
        if ok:
            self.set_clearance(account.name, choices[labels.index(label)][0])
