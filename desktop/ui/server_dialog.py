"""File › Connect to the office server: where the office's PostgreSQL is, and who signs in.

The dialog builds the ``postgresql://`` address from plain fields (a clerk
should not have to type a URL) and tries it before closing, so a wrong
password or an unreachable server is said in the dialog and can be
corrected there.  The signed-in account is the person the archive records
in every article's history and whose role decides what the window offers.
The password is never written to LuuTru's settings: the person may ask for
it to be kept in the OS keyring (desktop/ui/passwords.py), or types it at
each start.

Connecting (a few seconds at worst: the connect timeout, then the schema
check) runs as a :class:`~desktop.ui.tasks.Task`, so the window keeps
painting and the person can cancel; an archive opened after a cancel is
closed, never used.  When the server does not answer, the dialog offers
this PC's own archive, as the start-up does.
"""

from __future__ import annotations

from urllib.parse import quote, unquote, urlsplit

from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPushButton,
                               QSpinBox, QVBoxLayout)
from desktop.core.archive import Archive
from desktop.core.errors import ServerUnreachable
from desktop.paths import local_archive
from desktop.ui import passwords
from desktop.ui.messages import localized
from desktop.ui.tasks import Task, start

DEFAULT_PORT = 5432
_under_way: set[Task] = set()  # connections started, kept alive until they end (a cancelled one outlives its dialog)


def server_address(host: str, port: int, database: str, user: str, password: str) -> str:
    """The ``postgresql://`` address for these fields (user and password may hold any character)."""
    auth = quote(user, safe="") + (f":{quote(password, safe='')}" if password else "")
    return f"postgresql://{auth}@{host.strip()}:{port}/{quote(database.strip(), safe='')}"


class ServerDialog(QDialog):
    def __init__(self, parent=None, *, host: str = "", database: str = "luutru", user: str = "", port: int = DEFAULT_PORT):
        super().__init__(parent)
        self.setObjectName("serverDialog")
        self.setWindowTitle(self.tr("Kết nối máy chủ của cơ quan"))
        self.host = QLineEdit(host)
        self.host.setPlaceholderText(self.tr("tên hoặc địa chỉ máy chủ, ví dụ 192.168.1.10"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(port)
        self.database = QLineEdit(database)
        self.user = QLineEdit(user)
        self.user.setPlaceholderText(self.tr("tên đăng nhập của anh/chị"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("Nhớ mật khẩu trên máy này (trong kho khóa của hệ điều hành)"))
        self.remember.setObjectName("rememberPassword")
        if not passwords.usable():
            self.remember.setEnabled(False)
            self.remember.setToolTip(self.tr("Máy này không có kho khóa mật khẩu dùng được: "
                                             "mật khẩu sẽ không được lưu, hãy nhập mỗi lần mở."))
        self.message = QLabel()
        self.message.setObjectName("serverMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00")
        self.note = ""  # said in the window's status bar after connecting (e.g. the password was not kept)
        self.local_button = QPushButton(self.tr("Mở kho trên máy này"))
        self.local_button.setObjectName("openLocalArchive")
        self.local_button.setToolTip(self.tr("Làm việc với kho lưu trữ của riêng máy này trong lúc chờ máy chủ"))
        self.local_button.clicked.connect(lambda: self._open(local_archive(), self.tr("Đang mở kho trên máy này…")))
        self.local_button.hide()
        form = QFormLayout()
        form.addRow(self.tr("Máy chủ"), self.host)
        form.addRow(self.tr("Cổng"), self.port)
        form.addRow(self.tr("Tên kho"), self.database)
        form.addRow(self.tr("Người dùng"), self.user)
        form.addRow(self.tr("Mật khẩu"), self.password)
        form.addRow("", self.remember)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.connect_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.connect_button.setText(self.tr("Kết nối"))
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self._cancel_text = self.cancel_button.text()
        buttons.accepted.connect(self.try_connect)
        buttons.rejected.connect(self.cancel)
        self._fields = (self.host, self.port, self.database, self.user, self.password)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if not passwords.usable():
            layout.addWidget(QLabel(self.remember.toolTip()))
        layout.addWidget(self.message)
        layout.addWidget(self.local_button)
        layout.addWidget(buttons)
        self.archive: Archive | None = None
        self._task: Task | None = None  # the connection under way

    @classmethod
    def signing_in(cls, address: str, parent=None, message: str = "") -> ServerDialog:
        """The dialog filled in from a remembered address (without password), asking the password."""
        url = urlsplit(address)
        dialog = cls(parent, host=url.hostname or "", database=unquote(url.path.lstrip("/")),
                     user=unquote(url.username or ""), port=url.port or DEFAULT_PORT)
        dialog.message.setText(message)
        dialog.password.setFocus()
        return dialog

    def address(self, *, with_password: bool = True) -> str:
        return server_address(self.host.text(), self.port.value(), self.database.text(),
                              self.user.text().strip(), self.password.text() if with_password else "")

    def connecting(self) -> bool:
        return self._task is not None

    def try_connect(self) -> None:
        """Open the server's archive off the window's thread; on failure say why here and
        let the person correct it."""
        if not (self.host.text().strip() and self.database.text().strip() and self.user.text().strip()):
            self.message.setText(self.tr("Cần điền máy chủ, tên kho và người dùng."))
            return
        self._open(self.address(), self.tr("Đang kết nối máy chủ…"), server=True)

    def _open(self, location, waiting: str, *, server: bool = False) -> None:
        if self._task is not None:
            return
        self.local_button.hide()
        self.message.setStyleSheet("")
        self.message.setText(waiting)
        self._busy(True)
        task = self._task = Task(lambda _progress, _cancelled: Archive.open(location, create=not server))
        _under_way.add(task)

        def finished(archive: Archive) -> None:
            _under_way.discard(task)
            if task.cancelled():
                archive.close()  # the person gave up waiting: not used
                return
            self._task = None
            self.archive = archive
            if server:
                self._keep_password()
            self.accept()

        def failed(message: str) -> None:
            _under_way.discard(task)
            if task.cancelled():
                return
            self._task = None
            self._busy(False)
            self.message.setStyleSheet("color: #b00")
            self.message.setText(localized(message))
            self.local_button.setVisible(server and isinstance(task.error, ServerUnreachable))

        task.signals.finished.connect(finished)
        task.signals.failed.connect(failed)
        start(task)

    def _keep_password(self) -> None:
        key = self.address(with_password=False)
        if self.remember.isChecked():
            if not passwords.remember(key, self.password.text()):
                self.note = self.tr("Không lưu được mật khẩu vào kho khóa của máy này; lần sau hãy nhập lại.")
        else:
            passwords.forget(key)

    def cancel(self) -> None:
        """Stop waiting for a connection (the attempt ends by itself, its result unused), or close."""
        if self._task is None:
            self.reject()
            return
        self._task.cancel()
        self._task = None
        self._busy(False)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Đã hủy kết nối."))

    def reject(self) -> None:
        if self._task is not None:
            self._task.cancel()  # closing the dialog gives up the connection too
            self._task = None
        super().reject()

    def _busy(self, busy: bool) -> None:
        for widget in (*self._fields, self.connect_button):
            widget.setEnabled(not busy)
        self.cancel_button.setText(self.tr("Hủy kết nối") if busy else self._cancel_text)
