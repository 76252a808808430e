"""The window shows what the signed-in account's role allows, and says why the rest is greyed.

A menu item the role may not use stays in its menu, disabled, with a tooltip
and a status-bar text naming the role it needs ("cần quyền quản trị"), so a
reader looking for Import learns why it does nothing for them rather than
wondering where it went.  On a single-PC archive the one user is the admin
and everything stays enabled.  The server refuses the same things whatever
the window shows (db/roles.py).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from desktop.ui.users_dialog import role_label

# objectName of a window action -> what it does (desktop/core/store/permissions.py names).
GATED = {
    "newAction": "add", "pasteAction": "add", "importAction": "import", "importFolderAction": "import",
    "saveAction": "edit", "tagUnitAction": "tag", "tagTopicAction": "tag", "trashAction": "trash",
    "restoreAction": "restore", "emptyTrashAction": "purge", "ocrReviewAction": "edit",
    "switchReadingAction": "reread", "nearDuplicatesAction": "near-duplicates", "backupAction": "backup",
    "checkAction": "repair", "usersAction": "users", "auditAction": "audit",
    "mergeUnitsAction": "reorganise", "splitUnitAction": "reorganise", "reorganiseTableAction": "reorganise",
    "undoReorganiseAction": "reorganise",
}


def needs_text(role: str) -> str:
    return QCoreApplication.translate("Roles", "cần quyền {0}").format(role_label(role))


def apply_role(window) -> None:
    """Enable what the open archive's account may do; disable the rest with the reason."""
    access = window.archive.access
    for menu in window.menuBar().findChildren(QMenu):
        menu.setToolTipsVisible(True)
    for action in window.findChildren(QAction):
        what = GATED.get(action.objectName())
        if what is None:
            continue
        allowed = access.may(what)
        action.setEnabled(allowed)
        reason = "" if allowed else needs_text(access.needed(what))
        action.setToolTip(action.text().replace("&", "") + (f" — {reason}" if reason else ""))
        action.setStatusTip(reason)


def signed_in_text(archive) -> str:
    """"Đăng nhập: nguyenvana — văn thư (clerk)" for a server archive; empty for a single PC."""
    if not archive.server:
        return ""
    return QCoreApplication.translate("Roles", "Đăng nhập: {0} — {1}").format(archive.user, role_label(archive.access.role))
