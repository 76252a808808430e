"""Where LuuTru keeps things: the default archive, settings, bundled resources."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

APP_NAME = "LuuTru"
# An archive folder (desktop/core/archive.py): its database, photos and originals, search index.
DB_NAME = "archive.sqlite"
MEDIA_DIR = "media"
INDEX_DIR = "index"
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")  # two letters at least: C:\kho is a folder


class BadLocation(ValueError):
    """Neither a folder nor a postgresql:// URL."""


def server_url(text: str):
    """The parsed URL (SQLAlchemy is loaded only when a server is named: ``--help`` stays light)."""
    from db.engine import server_url as parse

    return parse(text)


def _user_dir(kind: str) -> Path:
    """This user's data or cache folder for LuuTru (platformdirs, loaded on first use)."""
    import platformdirs

    return Path((platformdirs.user_data_dir if kind == "data" else platformdirs.user_cache_dir)(APP_NAME, appauthor=False))


def archive_location(text: str | Path) -> Path | str:
    """Where an archive is: a folder (Path) or an office server (its ``postgresql://`` URL).

    Anything that starts like a URL must be a valid server URL, so a typo never
    becomes a new folder named ``postgresql:``.
    """
    if isinstance(text, Path) or not _SCHEME.match(text):
        return Path(text)
    from sqlalchemy.exc import ArgumentError

    try:
        server_url(text)
    except (ArgumentError, ValueError) as exc:
        raise BadLocation(
            f"'{text}' không phải thư mục hay địa chỉ máy chủ postgresql://người_dùng:mật_khẩu@máy:cổng/tên_kho "
            "(neither a folder nor a postgresql:// URL)") from exc
    return text


def is_server(location: Path | str) -> bool:
    return isinstance(location, str)


def shown_location(location: Path | str) -> str:
    """The location for a title bar or a message: a server URL without its password."""
    if is_server(location):
        return server_url(location).set(drivername="postgresql").render_as_string(hide_password=True)
    return str(location)


def without_password(location: Path | str) -> Path | str:
    """The location to remember: a server's address with its password left out."""
    if is_server(location):
        return server_url(location)._replace(drivername="postgresql", password=None).render_as_string(hide_password=False)
    return location


def server_cache(url: str) -> Path:
    """This PC's folder for a server archive (search index, photos fetched), named by a hash of
    the URL without its password: one per server, database and person signed in (who may
    see other articles than a colleague at the same PC: restricted articles).  A URL naming
    no user signs in as PostgreSQL's client library would ($PGUSER, else the OS user)."""
    parsed = server_url(url)
    user = parsed.username or os.environ.get("PGUSER") or _os_user()
    key = f"{user}@{parsed.host or ''}:{parsed.port or 5432}/{parsed.database}"
    import hashlib  # here: --help need not load OpenSSL

    return _user_dir("cache") / "servers" / hashlib.sha256(key.encode()).hexdigest()[:16]


def _os_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def default_archive() -> Path | str:
    """``$LUUTRU_ARCHIVE`` (a folder or a server URL), else the user's data folder
    (e.g. %LOCALAPPDATA%\\LuuTru\\archive)."""
    override = os.environ.get("LUUTRU_ARCHIVE")
    if override:
        return archive_location(override)
    return local_archive()


def local_archive() -> Path:
    """The archive folder in this PC's user data folder."""
    return _user_dir("data") / "archive"


def backups_folder() -> Path:
    """Where automatic backups go: beside, never inside, the archive."""
    return _user_dir("data") / "backups"


def resources() -> Path:
    """The ``resources/`` folder, in a source checkout or a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
