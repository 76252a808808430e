"""How a PC's index keeps in step with the office server: LISTEN/NOTIFY, and saves before imports.

A "PC" is an :class:`Archive` opened with its own cache folder (``XDG_CACHE_HOME``).
"""

import threading
import time

import pytest
from sqlalchemy import text

from db.listen import listening
from desktop.core.archive import Archive
from desktop.core.draft import ArticleDraft
from desktop.core.store.storing import Incoming


def on_pc(monkeypatch, tmp_path, name: str, url: str) -> Archive:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / f"cache-{name}"))
    return Archive.open(url)


def drafts(prefix: str, count: int) -> list[Incoming]:
    return [Incoming(ArticleDraft(title=f"{prefix} số {n}", body=f"Nội dung {prefix} {n}.")) for n in range(count)]


def test_a_save_during_an_import_is_indexed_before_the_import_backlog(server_url, monkeypatch, tmp_path):
    with on_pc(monkeypatch, tmp_path, "a", server_url) as clerk, on_pc(monkeypatch, tmp_path, "b", server_url) as other:
        index = other.search_index  # built now, in step
        before = index.doc_count()
        imported = [r.article_id for r in clerk.add_drafts(drafts("Tin nhập", 30), index=False)]
        saved = clerk.add_draft(ArticleDraft(title="Giao ban dân vận", body="Một bài sửa tay.")).article_id
        more = [r.article_id for r in clerk.add_drafts(drafts("Tin nhập thêm", 30), index=False)]

        with index.session() as s:
            pending = [article_id for article_id, _ in index.feed.pending(s)]
        assert pending[0] == saved and sorted(pending[1:]) == sorted(imported + more)
        assert pending[1:] == imported + more  # the import's changes in the order they were made

        assert index.apply_queue(limit=1) == 1  # one short pass: the save, ahead of 60 imported
        assert index.doc_count() == before + 1
        assert index.searcher().document(id=str(saved))["id"] == str(saved)
        with index.session() as s:
            assert len(index.feed.pending(s)) == 60  # the save is not applied twice
            first_import = s.scalar(text("SELECT min(seq) FROM article_changes WHERE article_id = ANY(:ids)"),
                                    {"ids": imported})
        assert index.feed.mark() < first_import  # not past the import's changes, still to apply

        assert index.apply_queue(limit=40) == 40
        assert index.doc_count() == before + 41
        assert index.apply_queue() == 20
        with index.session() as s:
            assert index.feed.pending(s) == []
            highest = s.scalar(text("SELECT max(seq) FROM article_changes"))
        assert index.feed.mark() == highest  # the mark caught up; nothing left ahead of it
        assert index.doc_count() == before + 61
        assert [h.id for h in other.search("giao ban dan van").hits] == [saved]
        assert other.search("tin nhap").total == 60


def test_a_pcs_indexer_makes_a_save_searchable_before_another_pcs_import_is_indexed(
        server_url, monkeypatch, tmp_path):
    """The indexer process as the window runs it: a save made on one PC right after another
    PC imported a few hundred articles is found on a third before that import is."""
    from bench.corpus import Corpus

    with on_pc(monkeypatch, tmp_path, "a", server_url) as clerk, \
            on_pc(monkeypatch, tmp_path, "b", server_url) as other:
        other.index_in_background()
        assert other.wait_for_index(120)
        before = other.search_index.doc_count()
        articles = Corpus(seed=19).articles(400)
        imported = clerk.add_drafts([Incoming(next(articles)[0]) for _ in range(400)], index=False)
        assert all(not isinstance(r, Exception) for r in imported)
        saved = clerk.add_draft(ArticleDraft(title="Hội nghị zqxyzv", body="Một bài sửa tay.")).article_id

        deadline = time.monotonic() + 120  # generous: the point is the order, not the time
        while saved not in other.matching_ids("zqxyzv"):
            assert time.monotonic() < deadline, "the save was not found"
            time.sleep(0.05)
        assert other.search_index.doc_count() < before + len(imported)  # the import still being indexed

        assert other.wait_for_index(600)
        assert other.search_index.doc_count() == before + len(imported) + 1
        assert other.matching_ids("zqxyzv") == [saved]


def test_a_pc_whose_index_restarts_mid_backlog_applies_the_rest_once(server_url, monkeypatch, tmp_path):
    """What was applied ahead of the mark is remembered in the index's state file."""
    with on_pc(monkeypatch, tmp_path, "a", server_url) as clerk:
        with on_pc(monkeypatch, tmp_path, "b", server_url) as other:
            other.search_index
        imported = [r.article_id for r in clerk.add_drafts(drafts("Tin nhập", 12), index=False)]
        saved = clerk.add_draft(ArticleDraft(title="Giao ban dân vận", body="Sửa tay.")).article_id
        with on_pc(monkeypatch, tmp_path, "b", server_url) as other:
            before = other.search_index.doc_count()
            assert other.search_index.apply_queue(limit=1) == 1
            assert other.search_index.doc_count() == before + 1
        clerk.update_article(saved, title="Giao ban dân vận lần hai")
        with on_pc(monkeypatch, tmp_path, "b", server_url) as other:
            index = other.search_index
            with index.session() as s:
                pending = [article_id for article_id, _ in index.feed.pending(s)]
            assert pending == [saved, *imported]  # changed again: applied again, first
            index.apply_queue()
            assert [h.id for h in other.search('"lần hai"').hits] == [saved]
            assert other.search("tin nhap").total == 12


def test_a_listening_pc_hears_each_commit_and_listens_again_after_losing_the_connection(
        server_url, monkeypatch, tmp_path):
    heard = threading.Event()
    with on_pc(monkeypatch, tmp_path, "a", server_url) as clerk:
        stop = listening(clerk.engine.url, heard.set)
        try:
            assert heard.wait(10)  # listening: it looks once for what came before
            heard.clear()
            clerk.add_draft(ArticleDraft(title="Hội nghị dân vận", body="Nội dung."))
            assert heard.wait(5), "no notification within 5 s of the commit"

            heard.clear()
            with clerk.engine.begin() as conn:  # as a server restart does to every connection
                conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                  "WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()"))
            assert heard.wait(30), "it did not listen again"
            heard.clear()
            clerk.add_draft(ArticleDraft(title="Hội nghị tuyên giáo", body="Nội dung."))
            assert heard.wait(5)
        finally:
            stop.set()


def test_a_rolled_back_save_notifies_nobody(server_url, monkeypatch, tmp_path):
    heard = threading.Event()
    with on_pc(monkeypatch, tmp_path, "a", server_url) as clerk:
        article = clerk.add_draft(ArticleDraft(title="Hội nghị", body="Nội dung.")).article_id
        stop = listening(clerk.engine.url, heard.set)
        try:
            assert heard.wait(10)
            heard.clear()
            from db import changes

            with pytest.raises(RuntimeError):
                with clerk.session() as s:
                    changes.record(s, [article])
                    raise RuntimeError("the save failed before its commit")
            assert not heard.wait(2)
        finally:
            stop.set()
