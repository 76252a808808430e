"""Apply the index queue and report a failure instead of raising it.

Used by the archive when it brings the index in step itself, and by the
background indexer process (:mod:`background`) for the window and imports.
"""

from __future__ import annotations

import logging

from db.engine import is_disk_full
from desktop.core.errors import DiskFull
from desktop.core.search.index import Progress, SearchIndex

log = logging.getLogger(__name__)


def apply_reporting(index: SearchIndex, progress: Progress | None = None, *,
                    limit: int | None = None, merges: bool = True) -> tuple[int, str | None]:
    """Apply the queue; a failure is reported, not raised: the queue keeps the work for a retry."""
    try:
        return index.apply_queue(progress, limit=limit, merges=merges), None
    except Exception as exc:  # noqa: BLE001 - the DB is the truth; the queue keeps the work
        error = str(DiskFull()) if is_disk_full(exc) else f"{exc.__class__.__name__}: {exc}"
        log.warning("chỉ mục chưa cập nhật được, việc còn giữ trong hàng đợi: %s", error)
        log.debug("index update failure", exc_info=True)  # one line for users, the trace for developers
        return 0, error
