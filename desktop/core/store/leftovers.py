"""Files a killed process leaves behind inside an archive, and their removal.

Writes are staged next to their target and renamed into place, so a kill
leaves only half-written staging files: ``.tmp-*`` in ``media/`` and a
half-built ``index.new`` (or a replaced ``index.old``).  None of them is
ever read.  Only the archive's writer (the lock holder) stages files, so the
next writer to open the archive may remove them; a reader only lists them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

STAGING_PREFIX = ".tmp-"
INDEX_STAGING = ("index.new", "index.old")


def find(root: Path, media: Path) -> list[Path]:
    found = sorted(p for p in media.rglob(f"{STAGING_PREFIX}*") if p.is_file()) if media.is_dir() else []
    return found + [root / name for name in INDEX_STAGING if (root / name).exists()]


def remove(paths: list[Path]) -> list[Path]:
    """Remove them; returns those removed."""
    removed = []
    for path in paths:
        try:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
        except FileNotFoundError:
            continue
        except OSError:
            continue  # in use on Windows, or not ours to remove: listed again by the next check
        removed.append(path)
    return removed
