"""Typed settings over QSettings: one property per setting, defaults in one place."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from desktop.paths import APP_NAME


class Settings:
    def __init__(self, qsettings: QSettings | None = None):
        self._q = qsettings or QSettings(APP_NAME, APP_NAME)

    def _get(self, key: str, default, kind):
        value = self._q.value(key, default)
        try:
            return kind(value) if value is not None else default
        except (TypeError, ValueError):
            return default  # a hand-edited or corrupt value falls back to the default

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._q.value(key)
        return value if isinstance(value, QByteArray) else None

    @property
    def language(self) -> str:
        value = self._get("ui/language", "vi", str)
        return value if value in ("vi", "en") else "vi"

    @language.setter
    def language(self, value: str) -> None:
        self._q.setValue("ui/language", value)

    @property
    def last_archive(self) -> str:
        return self._get("archive/last", "", str)

    @last_archive.setter
    def last_archive(self, value: str) -> None:
        """Never with a server's password (that goes to the OS keyring, if the person asks)."""
        from desktop.paths import BadLocation, archive_location, without_password

        try:
            value = str(without_password(archive_location(value)))
        except BadLocation:
            pass
        self._q.setValue("archive/last", value)

    @property
    def office_name(self) -> str:
        return self._get("pdf/office_name", "THỊ ỦY QUẢNG YÊN", str)

    @office_name.setter
    def office_name(self, value: str) -> None:
        self._q.setValue("pdf/office_name", value)

    @property
    def office_place(self) -> str:
        return self._get("pdf/office_place", "Quảng Yên", str)

    @office_place.setter
    def office_place(self, value: str) -> None:
        self._q.setValue("pdf/office_place", value)

    @property
    def backups_kept(self) -> int:
        value = self._get("backup/keep", 7, int)
        return value if 1 <= value <= 365 else 7

    @backups_kept.setter
    def backups_kept(self, value: int) -> None:
        self._q.setValue("backup/keep", int(value))

    @property
    def saved_searches(self) -> list[str]:
        value = self._q.value("search/saved", [])
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value or []]

    @saved_searches.setter
    def saved_searches(self, value: list[str]) -> None:
        self._q.setValue("search/saved", list(value))

    def save_state(self, name: str, state: QByteArray) -> None:
        self._q.setValue(f"window/{name}", state)

    def state(self, name: str) -> QByteArray | None:
        return self._bytes(f"window/{name}")

    def sync(self) -> None:
        self._q.sync()
