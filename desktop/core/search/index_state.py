"""What an index folder says about itself, and its stored article ids: read without the database.

:mod:`index` (which writes the folder and needs SQLAlchemy) and :mod:`quick_index`
(a command line search on a folder archive, which must not load it; docs/startup.md)
both read these, so they live apart from either.
"""

from __future__ import annotations

import json
from pathlib import Path

INDEX_VERSION = 9

VERSION_FILE = "luutru-index.json"


def read_state(folder: Path) -> dict:
    """What the index folder's ``VERSION_FILE`` says (nothing if it cannot be read)."""
    try:
        state = json.loads((Path(folder) / VERSION_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


class ArticleIds:
    """Index document number → article id, read from the stored field as needed and kept."""

    def __init__(self, searcher):
        self.searcher = searcher
        self._ids: dict[int, int] = {}

    def __getitem__(self, docnum: int) -> int:
        found = self._ids.get(docnum)
        if found is None:
            found = self._ids[docnum] = int(self.searcher.stored_fields(docnum)["id"])
        return found
