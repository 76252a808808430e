"""A searcher in use stays readable when the index changes under it.

The index keeps one searcher and replaces it when another commit (the background
indexer, another PC's changes) makes it stale.  A query that took the old one and,
half-way, asks the index for something that refreshes it (the document count, the
posting cache) must still read the old one's stored fields: closing it on refresh made
the server bench's searching PC fail with "'NoneType' object is not subscriptable".
"""

from desktop.core.archive import Archive
from desktop.core.draft import ArticleDraft


def test_a_searcher_in_use_survives_a_refresh_by_a_commit_meanwhile(tmp_path, monkeypatch):
    with Archive.open(tmp_path / "kho") as archive:
        index = archive.search_index
        monkeypatch.setattr(archive.ctx, "on_change", lambda: None)  # indexed only when told below
        first = archive.add_draft(ArticleDraft(title="Hội nghị dân vận", body="Nội dung."), index=False).article_id
        assert index.apply_queue() == 1
        in_use = index.searcher()  # a query takes it ...
        ids = index.article_ids(in_use)
        archive.add_draft(ArticleDraft(title="Hội nghị tuyên giáo", body="Nội dung khác."), index=False)
        assert index.apply_queue() == 1  # ... another commit lands meanwhile ...
        assert index.doc_count() == 2  # ... and the query's own next step refreshes the index's searcher
        assert index.searcher() is not in_use
        assert ids[0] == first and in_use.doc_count() == 1  # the query's searcher still reads
