"""Where LuuTru keeps things: the default archive, settings, bundled resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "LuuTru"


def default_archive() -> Path:
    """``$LUUTRU_ARCHIVE``, else the user's data folder (e.g. %LOCALAPPDATA%\\LuuTru\\archive)."""
    override = os.environ.get("LUUTRU_ARCHIVE")
    if override:
        return Path(override)
    return Path(user_data_dir(APP_NAME, appauthor=False)) / "archive"


def backups_folder() -> Path:
    """Where automatic backups go: beside, never inside, the archive."""
    return Path(user_data_dir(APP_NAME, appauthor=False)) / "backups"


def resources() -> Path:
    """The ``resources/`` folder, in a source checkout or a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
