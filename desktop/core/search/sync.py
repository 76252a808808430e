"""Apply the index queue and report a failure instead of raising it.

Used by the archive when it brings the index in step itself, and by the
background indexer process (:mod:`background`) for the window and imports.
"""

from __future__ import annotations

import logging

from desktop.core.search.index import Progress, SearchIndex

log = logging.getLogger(__name__)


def apply_reporting(index: SearchIndex, progress: Progress | None = None) -> tuple[int, str | None]:
    """Apply the queue; a failure is reported, not raised: the queue keeps the work for a retry."""
    try:
        return index.apply_queue(progress), None
    except Exception as exc:  # noqa: BLE001 - the DB is the truth; the queue keeps the work
        log.exception("search index update failed; kept in the queue")
        return 0, f"{exc.__class__.__name__}: {exc}"
