"""File › Connect to the office server: where the office's PostgreSQL is, and who signs in.

The dialog builds the ``postgresql://`` address from plain fields (a clerk
should not have to type a URL) and tries it before closing, so a wrong
password or an unreachable server is said in the dialog and can be
corrected there.  The signed-in database user is the person the archive
records in every article's history.
"""

from __future__ import annotations

from urllib.parse import quote

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout

from desktop.core.archive import Archive, ArchiveError

DEFAULT_PORT = 5432


def server_address(host: str, port: int, database: str, user: str, password: str) -> str:
    """The ``postgresql://`` address for these fields (user and password may hold any character)."""
    auth = quote(user, safe="") + (f":{quote(password, safe='')}" if password else "")
    return f"postgresql://{auth}@{host.strip()}:{port}/{quote(database.strip(), safe='')}"


class ServerDialog(QDialog):
    def __init__(self, parent=None, *, host: str = "", database: str = "luutru", user: str = ""):
        super().__init__(parent)
        self.setObjectName("serverDialog")
        self.setWindowTitle(self.tr("Kết nối máy chủ của cơ quan"))
        self.host = QLineEdit(host)
        self.host.setPlaceholderText(self.tr("tên hoặc địa chỉ máy chủ, ví dụ 192.168.1.10"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.database = QLineEdit(database)
        self.user = QLineEdit(user)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setObjectName("serverMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00")
        form = QFormLayout()
        form.addRow(self.tr("Máy chủ"), self.host)
        form.addRow(self.tr("Cổng"), self.port)
        form.addRow(self.tr("Tên kho"), self.database)
        form.addRow(self.tr("Người dùng"), self.user)
        form.addRow(self.tr("Mật khẩu"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Kết nối"))
        buttons.accepted.connect(self.try_connect)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.archive: Archive | None = None

    def address(self) -> str:
        return server_address(self.host.text(), self.port.value(), self.database.text(),
                              self.user.text().strip(), self.password.text())

    def try_connect(self) -> None:
        """Open the server's archive; on failure say why here and let the clerk correct it.
        (A connection attempt gives up after a few seconds.)"""
        if not (self.host.text().strip() and self.database.text().strip() and self.user.text().strip()):
            self.message.setText(self.tr("Cần điền máy chủ, tên kho và người dùng."))
            return
        try:
            self.archive = Archive.open(self.address(), create=False)
        except ArchiveError as exc:
            self.message.setText(str(exc))
            return
        self.accept()
