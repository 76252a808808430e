"""Merging segments apart from the passes that index saves (a server PC's indexer).

A merge is built from segments without the write lock while passes go on, then
swapped in; what the passes changed meanwhile (an edited article's old copy
deleted from a segment being merged) must hold in the merged segment too.
"""

import pytest

from desktop.core.archive import Archive
from desktop.core.draft import ArticleDraft
from desktop.core.search import index as index_module
from desktop.core.search.engine import merging
from desktop.core.search.engine.whoosh_compat import segments


def _ids(archive, text) -> list[int]:
    return sorted(h.id for h in archive.search(text, limit=100).hits)


def _one_by_one(archive, count: int) -> list[int]:
    """Articles each indexed in a pass of its own that merges nothing: a segment each."""
    added = []
    for n in range(count):
        draft = ArticleDraft(title=f"Hội nghị dân vận lần {n}", body=f"Nội dung riêng số {n}.")
        added.append(archive.add_draft(draft, index=False).article_id)
        assert archive.search_index.apply_queue(merges=False) == 1
    return added


def _live_ids(index) -> list[int]:
    searcher = index.searcher()
    return sorted(int(fields["id"]) for fields in searcher.all_stored_fields())


@pytest.mark.parametrize("reread", [True, False], ids=["reindexed", "postings"])
def test_a_merge_built_apart_keeps_what_the_passes_changed_meanwhile(tmp_path, monkeypatch, reread):
    if not reread:  # merge by reading the segments' postings, as large segments are
        monkeypatch.setattr(merging, "REREAD_DOCS", 0)
    with Archive.open(tmp_path / "kho") as archive:
        index = archive.search_index
        monkeypatch.setattr(archive.ctx, "on_change", lambda: None)  # changes wait for the passes below
        added = _one_by_one(archive, merging.FANOUT + 2)
        assert len(segments(index.ix)) == len(added)

        turns, late = [], []

        def meanwhile():  # half-way through the merge, a pass: an edit (its old copy is in a
            turns.append(1)  # segment being merged) and a new article, committed
            if len(turns) == 3:
                archive.update_article(added[0], title="Kiểm tra giám sát chuyên đề")
                late.append(archive.add_draft(ArticleDraft(title="Hội nghị dân vận bổ sung", body="Nội dung."),
                                              index=False).article_id)
                assert index.apply_queue(merges=False) == 2  # its commit kept the merge's files

        built = merging.build_apart(index_module._writer(index.ix, apart=True),
                                    lambda found: merging.chosen(found, index_module.SEGMENT_DOCS),
                                    index._documents, meanwhile)
        assert built is not None and len(built.picked) >= merging.FANOUT and len(turns) > 3
        later = late[0]

        writer = index_module._writer(index.ix)
        writer.commit(mergetype=built.swap)
        assert len(segments(index.ix)) < len(added)
        assert _live_ids(index) == sorted([*added, later])  # each article once: the old copy stayed deleted
        assert _ids(archive, "kiem tra giam sat") == [added[0]]
        assert _ids(archive, "hoi nghi dan van") == sorted([*added[1:], later])
        assert _ids(archive, '"lần 0"') == []

    monkeypatch.undo()
    with Archive.open(tmp_path / "kho") as archive:  # the swapped-in index opens as it is
        assert archive.search_index.doc_count() == len(added) + 1
        assert _ids(archive, "hoi nghi dan van") == sorted([*added[1:], later])


def test_an_indexer_killed_mid_merge_leaves_an_index_that_opens_undamaged(tmp_path, monkeypatch):
    """A pass's commit during a merge records checksums: not of the merge's half-written files,
    or the next open would find them changed and rebuild the whole index."""
    with Archive.open(tmp_path / "kho") as archive:
        index = archive.search_index
        monkeypatch.setattr(archive.ctx, "on_change", lambda: None)
        added = _one_by_one(archive, merging.FANOUT)
        turns = []

        def meanwhile():
            turns.append(1)
            if len(turns) == 3:
                added.append(archive.add_draft(ArticleDraft(title="Hội nghị dân vận bổ sung", body="Nội dung."),
                                               index=False).article_id)
                assert index.apply_queue(merges=False) == 1

        built = merging.build_apart(index_module._writer(index.ix, apart=True),
                                    lambda found: merging.chosen(found, index_module.SEGMENT_DOCS),
                                    index._documents, meanwhile)
        built.abandon()  # the process dies here: never swapped in, its files left behind
    monkeypatch.undo()
    with Archive.open(tmp_path / "kho") as archive:
        assert archive.search_index.damage is None
        assert archive.search_index.doc_count() == len(added)
        assert _ids(archive, "hoi nghi dan van") == sorted(added)


def test_a_merge_is_dropped_when_its_segments_were_compacted_meanwhile(tmp_path):
    with Archive.open(tmp_path / "kho") as archive:
        index = archive.search_index
        added = _one_by_one(archive, merging.FANOUT)
        built = merging.build_apart(index_module._writer(index.ix, apart=True),
                                    lambda found: merging.chosen(found, index_module.SEGMENT_DOCS),
                                    index._documents, lambda: None)
        assert index.compact() >= 1
        after_compacting = len(segments(index.ix))
        writer = index_module._writer(index.ix)
        writer.commit(mergetype=built.swap)
        assert len(segments(index.ix)) == after_compacting
        assert _live_ids(index) == added


def test_the_indexer_merges_in_a_thread_of_its_own(tmp_path):
    with Archive.open(tmp_path / "kho") as archive:
        index = archive.search_index
        added = _one_by_one(archive, merging.FANOUT + 1)
        merge = index.merge_apart()
        assert merge is not None
        merge.join(120)
        assert len(segments(index.ix)) <= 2
        assert _live_ids(index) == added
        assert _ids(archive, "hoi nghi dan van") == added
        assert index.damaged_files() == []  # the swap recorded its checksums
        assert index.merge_apart() is None  # nothing due now
