"""A folder archive's index opened for one search, with the database read through ``sqlite3``.

:class:`~desktop.core.search.index.SearchIndex` reads the database through
SQLAlchemy's sessions; loading SQLAlchemy and the models costs a command line
search more than the search itself (docs/startup.md).  This class answers what
:func:`service.search` asks of an index (a searcher, its posting arrays and
article ids, the texts of some articles) from the same index folder, read-only,
and the texts with the same queries as :mod:`documents` issues.

It opens only an index :class:`SearchIndex` would use as it is: of this
version, no file changed since its checksum was recorded, no change waiting in
the queue and as many documents as the database has articles.  Anything else,
here or during the search (a read that fails: ``service`` then asks
:meth:`recover`), raises :class:`NeedsFullOpen`; the archive is then opened in
full, which rebuilds or brings the index in step as always.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from whoosh import index as windex

from desktop.core.errors import NeedsFullOpen
from desktop.core.search.engine import checksums
from desktop.core.search.engine.postings import PostingCache
from desktop.core.search.index_state import INDEX_VERSION, ArticleIds, read_state
from desktop.text import fold


def _marks(ids: list[int]) -> str:
    return ", ".join("?" * len(ids))


class QuickIndex:
    """The index of the folder archive whose database is ``db``, for reading; close when done."""

    def __init__(self, folder: Path, db: sqlite3.Connection):
        self.folder = Path(folder)
        self._db = db
        if read_state(self.folder).get("version") != INDEX_VERSION:
            raise NeedsFullOpen("index missing or of another version")
        if checksums.changed(self.folder):
            raise NeedsFullOpen("index files changed since their checksums were recorded")
        try:
            queued = db.execute("SELECT count(index_queue.article_id) FROM index_queue").fetchone()[0]
            articles = db.execute("SELECT count(articles.id) FROM articles").fetchone()[0]
        except sqlite3.Error as exc:
            raise NeedsFullOpen(str(exc)) from exc
        if queued:
            raise NeedsFullOpen("changes wait in the index queue")
        try:
            self.ix = windex.open_dir(str(self.folder), readonly=True)
            self._searcher = self.ix.searcher()
        except Exception as exc:  # noqa: BLE001 - Whoosh is not crash-safe: the full open decides
            raise NeedsFullOpen(f"index did not open: {exc}") from exc
        if self._searcher.doc_count() != articles:
            self.close()
            raise NeedsFullOpen("index and database hold different numbers of articles")
        self._postings: PostingCache | None = None
        self._article_ids: ArticleIds | None = None

    def searcher(self):
        return self._searcher

    def postings(self, searcher) -> PostingCache:
        if self._postings is None:
            self._postings = PostingCache(searcher)
        return self._postings

    def article_ids(self, searcher) -> ArticleIds:
        if self._article_ids is None:
            self._article_ids = ArticleIds(searcher)
        return self._article_ids

    def recover(self) -> bool:
        """A read failed: whether the index is damaged is the full open's to find out (and repair)."""
        raise NeedsFullOpen("a read of the index or the database failed")

    def folded_texts(self, article_ids: list[int], *, body: bool) -> dict[int, str]:
        """As :func:`documents.folded_texts`: each article's title (and, with ``body``, its lead,
        body and captions), folded."""
        columns = "articles.id, articles.title" + (", articles.lead, articles.body" if body else "")
        texts = {row[0]: list(row[1:]) for row in self._db.execute(
            f"SELECT {columns} FROM articles WHERE articles.id IN ({_marks(article_ids)})", article_ids)}
        if body:
            for article_id, caption, credit in self._db.execute(
                "SELECT photos.article_id, photos.caption, photos.credit FROM photos "
                f"WHERE photos.article_id IN ({_marks(article_ids)})", article_ids
            ):
                texts[article_id] += [caption, credit or ""]
        return {k: fold("\n".join(filter(None, v)).replace("\u00ad", "")) for k, v in texts.items()}

    def hit_texts(self, article_ids: list[int]) -> tuple[dict[int, list], dict[int, list[str]]]:
        """As :func:`documents.hit_texts`: title, lead, body and date of each hit, and its captions in order."""
        texts = {
            article_id: [title, lead, body, dt.date.fromisoformat(date) if date is not None else None]
            for article_id, title, lead, body, date in self._db.execute(
                "SELECT articles.id, articles.title, articles.lead, articles.body, articles.published_date "
                f"FROM articles WHERE articles.id IN ({_marks(article_ids)})", article_ids)
        }
        captions: dict[int, list[str]] = {}
        for article_id, caption in self._db.execute(
            "SELECT photos.article_id, photos.caption FROM photos "
            f"WHERE photos.article_id IN ({_marks(article_ids)}) ORDER BY photos.position", article_ids
        ):
            captions.setdefault(article_id, []).append(caption)
        return texts, captions

    def close(self) -> None:
        self._searcher.close()
        self.ix.close()
