"""Finishing a restore that was killed while it swapped folders.

A restore builds the restored archive in ``NAME.restoring`` beside the
archive, marks it ready, moves the old archive aside and renames the staging
folder into place.  A kill between the last two renames would leave no
archive at ``NAME`` at all, and the next start would make a new empty one
there; so opening an archive first finishes such a swap.  A staging folder
that was never marked ready is a restore that failed: it is removed.  While
a restore runs it holds the staging folder's lock, and a held folder is
left alone.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from desktop.core.store.lock import ArchiveLock, LockHeld

STAGING_SUFFIX = ".restoring"
READY_MARK = ".restore-ready"


def staging_for(target: Path) -> Path:
    return target.with_name(target.name + STAGING_SUFFIX)


def finish(target: Path) -> None:
    staging = staging_for(target)
    if not staging.is_dir():
        return
    lock = ArchiveLock(staging)
    try:
        lock.acquire()
    except (LockHeld, OSError):
        return  # a restore is running (or the folder is not ours to touch)
    try:
        ready = (staging / READY_MARK).exists()
    finally:
        lock.release()
    if ready and not target.exists():
        staging.rename(target)
        (target / READY_MARK).unlink(missing_ok=True)
    else:
        shutil.rmtree(staging, ignore_errors=True)
