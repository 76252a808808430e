"""Messages from the core in the interface's language.

The core writes each message once, Vietnamese first with English in a final
parenthesis: "kho đang mở chỉ để đọc (archive is open read-only)".  The
window shows the half that matches its language, so an English interface
shows no Vietnamese and a Vietnamese one no English.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

_ENGLISH_TAIL = re.compile(r"^(?P<vi>.*\S)\s*\((?P<en>[\x20-\x7e]+)\)\s*$", re.S)
LANGUAGE_PROPERTY = "luutruLanguage"


def language() -> str:
    """"vi" or "en": what the running application was started in."""
    app = QCoreApplication.instance()
    value = app.property(LANGUAGE_PROPERTY) if app is not None else None
    return value if value in ("vi", "en") else "vi"


def localized(message: str) -> str:
    match = _ENGLISH_TAIL.match(message)
    if match is None or not re.search(r"[a-zA-Z]{3}", match["en"]):
        return message
    return match["en"] if language() == "en" else match["vi"]
