"""File › Connect to the office server: where the office's PostgreSQL is, and who signs in.

The dialog builds the ``postgresql://`` address from plain fields (a clerk
should not have to type a URL) and tries it before closing, so a wrong
password or an unreachable server is said in the dialog and can be
corrected there.  The signed-in account is the person the archive records
in every article's history and whose role decides what the window offers.
The password is never written to LuuTru's settings: the person may ask for
it to be kept in the OS keyring (desktop/ui/passwords.py), or types it at
each start.
"""

from __future__ import annotations

from urllib.parse import quote, unquote, urlsplit

from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QSpinBox,
                               QVBoxLayout)
from desktop.core.archive import Archive, ArchiveError
from desktop.ui import passwords

DEFAULT_PORT = 5432


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
        form = QFormLayout()
        form.addRow(self.tr("Máy chủ"), self.host)
        form.addRow(self.tr("Cổng"), self.port)
        form.addRow(self.tr("Tên kho"), self.database)
        form.addRow(self.tr("Người dùng"), self.user)
        form.addRow(self.tr("Mật khẩu"), self.password)
        form.addRow("", self.remember)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Kết nối"))
        buttons.accepted.connect(self.try_connect)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if not passwords.usable():
            layout.addWidget(QLabel(self.remember.toolTip()))
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.archive: Archive | None = None

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

    def try_connect(self) -> None:
        """Open the server's archive; on failure say why here and let the person correct it.
        (A connection attempt gives up after a few seconds.)"""
        if not (self.host.text().strip() and self.database.text().strip() and self.user.text().strip()):
            self.message.setText(self.tr("Cần điền máy chủ, tên kho và người dùng."))
            return
        try:
            self.archive = Archive.open(self.address(), create=False)
        except ArchiveError as exc:
            self.message.setText(str(exc))
            return
        key = self.address(with_password=False)
        if self.remember.isChecked():
            if not passwords.remember(key, self.password.text()):
                self.note = self.tr("Không lưu được mật khẩu vào kho khóa của máy này; lần sau hãy nhập lại.")
        else:
            passwords.forget(key)
        self.accept()
