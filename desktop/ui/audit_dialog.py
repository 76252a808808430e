"""Công cụ › Nhật ký truy cập: the audit log for an admin (sign-ins, restricted exports and
prints, account changes, purges), read on the task runner."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableWidget,
                               QTableWidgetItem, QVBoxLayout)

from desktop.core.dates import local_time
from desktop.ui.tasks import Task, start


def action_label(action: str) -> str:
    names = {"sign-in": QCoreApplication.translate("Audit", "đăng nhập"),
             "export": QCoreApplication.translate("Audit", "xuất PDF bài mật"),
             "print": QCoreApplication.translate("Audit", "in bài mật"),
             "purge": QCoreApplication.translate("Audit", "xóa vĩnh viễn"),
             "account": QCoreApplication.translate("Audit", "thêm người dùng"),
             "role": QCoreApplication.translate("Audit", "đổi quyền"),
             "password": QCoreApplication.translate("Audit", "đặt mật khẩu"),
             "disable": QCoreApplication.translate("Audit", "khóa tài khoản"),
             "enable": QCoreApplication.translate("Audit", "mở khóa tài khoản"),
             "clearance": QCoreApplication.translate("Audit", "đổi quyền đọc bài mật")}
    return names.get(action, action)


class AuditDialog(QDialog):
    def __init__(self, archive, parent=None):
        super().__init__(parent)
        self.setObjectName("auditDialog")
        self.setWindowTitle(self.tr("Nhật ký truy cập"))
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Lúc (giờ UTC)"), self.tr("Tài khoản"), self.tr("Việc"),
                                              self.tr("Chi tiết")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.message = QLabel(self.tr("Đang đọc nhật ký…"))
        self.message.setObjectName("auditMessage")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(760, 420)
        self.task = start(Task(lambda _progress, _cancelled: archive.audit.entries()))
        self.task.signals.finished.connect(self._show)
        self.task.signals.failed.connect(self.message.setText)

    def _show(self, entries) -> None:
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(reversed(entries)):  # newest first
            values = (f"{local_time(entry.at):%d/%m/%Y %H:%M:%S}", entry.account, action_label(entry.action), entry.detail or "")
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.message.setText(self.tr("{0} dòng").format(len(entries)))
