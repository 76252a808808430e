"""Search behaviour on the real sample articles (ids 1–5 in seed order)."""

import datetime as dt
import shutil

import pytest
from sqlalchemy import select

from db import models as m
from desktop.core.archive import Archive
from desktop.core.search.analysis import analyzer
from desktop.core.search.engine.whoosh_compat import segments
from desktop.core.search.query import QueryError

from conftest import on_both_engines, sqlite_only  # noqa: E402

engine = on_both_engines()  # the archive tests run on SQLite and on PostgreSQL


def ids(archive, text, **kw):
    return [h.id for h in archive.search(text, limit=50, **kw).hits]


def test_folded_words_find_accented_text(seeded):
    assert set(ids(seeded, "dang")) == {1, 2, 3, 4, 5}  # "Đảng": đ folds to d
    assert ids(seeded, "Quang Yen") == [2]
    assert set(ids(seeded, "xay dung dang")) >= {1, 2, 3, 5}


def test_known_item_without_diacritics_is_first(seeded):
    assert ids(seeded, "giao ban thi uy")[0] == 5
    assert ids(seeded, "day manh tuyen truyen nhan rong dien hinh tien tien")[0] == 1
    assert ids(seeded, "hoi nghi tong ket cong tac tuyen giao")[0] == 4


def test_old_and_new_tone_placement_match(seeded):
    # seed 000 writes "Thị uỷ" and "Thị ủy"; either spelling finds both.
    assert ids(seeded, '"Bí thư Thị uỷ"') == ids(seeded, '"Bí thư Thị ủy"')
    assert 1 in ids(seeded, "hoà")  # "hòa" in "cụ thể hóa" etc.


def test_accented_query_ranks_exact_accent_first(archive):
    from desktop.core.draft import ArticleDraft

    archive.add_draft(ArticleDraft(title="Trao đổi với bạn đọc", body="Thư của bạn đọc gửi tòa soạn."))
    archive.add_draft(ArticleDraft(title="Bàn giao công tác", body="Hội nghị bàn giao nhiệm vụ."))
    hits = archive.search("bàn").hits
    assert [h.title for h in hits][0].startswith("<b>Bàn</b> giao")
    assert len(hits) == 2  # "ban" folded matches both


def test_document_numbers(seeded):
    assert ids(seeded, "09-nq/tu") == [1]
    assert ids(seeded, "Kết luận số 1202-KL/TU") == [1]
    assert ids(seeded, "507-QD/TU") == ids(seeded, "số 507-QĐ/TU") == [2]
    assert set(ids(seeded, "kyhieu:NQ/TU")) == {1, 2}
    assert ids(seeded, "kyhieu:NQ/TW") == [2]
    assert ids(seeded, "doc:27-CT/TU") == [1]


def test_phrase_exclude_or_prefix(seeded):
    assert set(ids(seeded, '"kiểm tra giám sát"')) >= {1}
    assert 3 not in ids(seeded, '"giao ban thi uy"')
    assert 5 in ids(seeded, '"giao ban cong tac dang"')
    assert 2 not in ids(seeded, "xay dung dang -quang")
    assert set(ids(seeded, "Covid OR facebook")) == {2, 3, 4}
    assert set(ids(seeded, "tuyên*")) == {1, 2, 3, 4, 5}
    assert ids(seeded, '"Nguyễn Chiến"') == [2]  # photo credits are indexed


def test_date_ranges_and_sorting(seeded):
    # A year typed among words: articles dated then come first, then those whose text holds it.
    assert seeded.article(3).published_date is None and "2022" in seeded.article(3).body
    assert ids(seeded, "dang 2022") == [1, 3]
    assert ids(seeded, "dang date:2022") == [1]  # date: is a strict filter
    assert ids(seeded, "dang 2019-02") == [2]
    assert set(ids(seeded, "dang 01/2019..12/2022")) == {1, 2}
    assert ids(seeded, "thi uy", sort="date_asc")[:3] == [2, 1, 5]
    assert ids(seeded, "thi uy", date_from=dt.date(2023, 1, 1)) == [5]


def test_field_filters_and_facets(seeded):
    town = seeded.add_unit("Thị ủy Quảng Yên")
    board = seeded.add_unit("Ban Tuyên giáo", town)
    topic = seeded.add_topic("Xây dựng Đảng")
    seeded.tag([1, 5], unit_ids=[town], topic_ids=[topic])
    seeded.tag([2], unit_ids=[board])
    assert set(ids(seeded, 'unit:"Thị ủy Quảng Yên"')) == {1, 2, 5}  # sub-units count
    assert set(ids(seeded, "dang", unit_ids=[board])) == {2}
    assert ids(seeded, "author:\"Thu Trang\"") == [1]
    assert ids(seeded, 'person:"Nguyen Van Cong"') == [1]
    result = seeded.search("dang")
    assert result.total == 5
    assert result.units == {town: 3, board: 1}
    assert result.topics == {topic: 2}
    assert result.years == {2019: 1, 2022: 1, 2023: 1}


def test_highlighted_snippets_from_body_and_captions(seeded):
    hit = seeded.search("Quang Yen").hits[0]
    assert "<b>Quảng</b> <b>Yên</b>" in hit.snippet
    assert "<b>Quảng</b> <b>Yên</b>" in hit.title
    caption = seeded.search("Hiệp Hòa").hits[0]
    assert "<b>Hiệp</b> <b>Hòa</b>" in caption.snippet


def test_did_you_mean(seeded):
    result = seeded.search("xay dung dnag")
    assert result.total == 0
    assert result.suggestion == "xay dung dang"


def test_no_english_stemming_or_stop_words():
    tokens = [t.text for t in analyzer("exact")("án thể ở the is")]
    assert tokens == ["án", "thể", "ở", "the", "is"]


def test_bad_query_is_a_clear_error(seeded):
    with pytest.raises(QueryError, match="khoảng thời gian"):
        seeded.search("date:hôm-qua")
    with pytest.raises(QueryError, match="unknown field"):
        seeded.search("foo:bar")


def test_edit_trash_restore_update_index(seeded):
    seeded.update_article(4, title="Hội nghị tổng kết công tác Tuyên giáo năm 2020 ở Cao Lãnh")
    assert ids(seeded, "cao lanh tong ket")[0] == 4
    seeded.trash([4])
    assert 4 not in ids(seeded, "cao lanh")
    assert ids(seeded, "cao lanh", trashed=True) == [4]
    seeded.restore([4])
    assert 4 in ids(seeded, "cao lanh")
    seeded.purge([4]) and None
    seeded.trash([4])
    seeded.purge([4])
    assert 4 not in seeded.matching_ids("cao lanh")


def test_crash_between_db_commit_and_index_is_repaired_on_open(tmp_path, seeds):
    root = tmp_path / "a"
    with Archive.open(root) as arch:
        for path in seeds:
            from desktop.core.importing import import_file

            import_file(arch, path)
        # Simulate a crash after the DB commit but before the index write.
        with arch.session() as s:
            article = s.get(m.Article, 3)
            article.title = "Kiểm tra công tác ở Trà Vinh"
            s.merge(m.IndexQueue(article_id=3, queued_at=m.utcnow()))
    with Archive.open(root) as arch:
        assert ids(arch, "kiem tra cong tac o tra vinh")[0] == 3
        with arch.session() as s:
            assert s.scalars(select(m.IndexQueue)).all() == []


def test_missing_or_corrupt_index_is_rebuilt(tmp_path, seeds):
    root = tmp_path / "a"
    from desktop.core.importing import import_paths

    with Archive.open(root) as arch:
        import_paths(arch, seeds)
    shutil.rmtree(root / "index")
    with Archive.open(root) as arch:
        assert set(ids(arch, "dang")) == {1, 2, 3, 4, 5}
    for segment in (root / "index").glob("MAIN_*.*"):  # every file of every segment
        segment.write_bytes(b"garbage")
    for toc in (root / "index").glob("*.toc"):
        toc.write_bytes(b"garbage")
    with Archive.open(root) as arch:
        assert set(ids(arch, "dang")) == {1, 2, 3, 4, 5}


def _queued(archive) -> set[int]:
    """Articles changed and not yet in a committed segment (the queue, or past the PC's mark)."""
    with archive.session() as s:
        return {row[0] for row in archive.search_index.feed.pending(s)}


def test_held_writer_gathers_syncs_into_few_segments_and_keeps_the_index_true(archive, monkeypatch):
    """A long import indexes through one held writer: queue rows go only once their segment
    is committed, and an article changed again before that is not indexed twice."""
    from desktop.core.draft import ArticleDraft
    from desktop.core.search import index as index_module

    monkeypatch.setattr(index_module, "SEGMENT_DOCS", 4)
    index = archive.search_index

    def add(title: str) -> int:
        return archive.add_draft(ArticleDraft(title=title, lead="", body="Nội dung bài viết."), index=False).article_id

    with index.held_writer():
        first = [add(f"Hội nghị số {n}") for n in range(3)]
        archive.sync_index()
        assert _queued(archive) == set(first)  # written, not yet committed
        archive.update_article(first[0], title="Kiểm tra giám sát ở Nam Hòa")
        archive.sync_index()  # the edited article was in the held segment: that segment is committed first
        assert _queued(archive) == {first[0]}
        later = [add(f"Tổng kết số {n}") for n in range(3)]
        archive.sync_index()  # four articles held: committed
        assert _queued(archive) == set()
        last = add("Đại hội Đảng bộ")
        archive.sync_index()
        assert _queued(archive) == {last}
    assert _queued(archive) == set()
    assert ids(archive, "kiem tra giam sat nam hoa") == [first[0]]
    assert set(ids(archive, '"hoi nghi so"')) == set(first[1:])
    assert set(ids(archive, "tong ket so")) == set(later) and ids(archive, "dai hoi dang bo") == [last]
    assert index.doc_count() == 7
    assert len(segments(index.ix)) <= 3  # not one a sync (five)


class _Segment:
    def __init__(self, articles: int, deleted: int = 0):
        self.articles, self.deleted = articles, deleted

    def doc_count_all(self) -> int:
        return self.articles

    def deleted_count(self) -> int:
        return self.deleted


def test_segments_merge_by_tiers_of_size_and_import_segments_are_left_alone():
    from desktop.core.search.engine.merging import FANOUT, MOST_LARGE, chosen

    tiny = [_Segment(1 + n % 3) for n in range(FANOUT)]
    imports = [_Segment(10_000 + n) for n in range(30)]
    assert chosen(tiny[:-1] + imports, 10_000) == []  # a tier below the fan-out waits
    assert chosen(tiny + imports, 10_000) == tiny  # a full tier of small ones becomes one
    assert chosen([_Segment(100_000), *imports], 10_000) == []  # 300,000 articles: no mega-merge
    many = [_Segment(10_000 + n) for n in reversed(range(MOST_LARGE + 1))]
    assert chosen(many[1:], 10_000) == []
    assert sorted(s.articles for s in chosen(many, 10_000)) == list(range(10_000, 10_000 + FANOUT))  # past the cap: smallest
    worn = _Segment(10_000, deleted=4_000)
    assert chosen([worn, *imports], 10_000) == [worn]  # a third deleted: rewritten


def test_edits_one_by_one_keep_the_index_in_few_segments(archive):
    """Each article saved alone is a commit and a segment; tiers of them are merged, and an
    article edited over and over does not leave its old copies behind."""
    from desktop.core.draft import ArticleDraft
    from desktop.core.search.engine.merging import FANOUT

    added = [archive.add_draft(ArticleDraft(title=f"Hội nghị dân vận lần {n}", body="Nội dung.")).article_id
             for n in range(2 * FANOUT + 3)]
    for n in range(FANOUT):
        archive.update_article(added[0], title=f"Kiểm tra giám sát đợt {n}")
    written = segments(archive.search_index.ix)
    assert len(written) <= FANOUT
    assert sum(s.doc_count_all() for s in written) < len(added) + FANOUT  # old copies were merged away
    assert set(ids(archive, "hoi nghi dan van")) == set(added[1:])
    assert ids(archive, f"kiem tra giam sat dot {FANOUT - 1}") == [added[0]]


def test_rebuild_writes_a_segment_at_a_time(seeded, monkeypatch):
    """A rebuild of a large archive must not hold every article's postings in memory at once."""
    from desktop.core.search import index as index_module

    monkeypatch.setattr(index_module, "SEGMENT_DOCS", 2)
    seeded.search_index.rebuild()
    assert [s.doc_count_all() for s in segments(seeded.search_index.ix)] == [2, 2, 1]
    assert set(ids(seeded, "dang")) == {1, 2, 3, 4, 5}


def test_held_writer_failure_leaves_the_work_queued(archive, monkeypatch):
    from desktop.core.draft import ArticleDraft

    index = archive.search_index
    article_id = archive.add_draft(ArticleDraft(title="Hội nghị dân vận", lead="", body="Nội dung."), index=False).article_id
    with index.held_writer():
        monkeypatch.setattr(index, "_documents", lambda ids: 1 / 0)
        archive.sync_index()
        assert archive.index_error and "ZeroDivisionError" in archive.index_error
        monkeypatch.undo()
    assert _queued(archive) == {article_id}
    archive.sync_index()
    assert ids(archive, "dan van") == [article_id] and _queued(archive) == set()


@sqlite_only
def test_new_articles_skip_the_search_for_an_older_copy_but_edits_replace_it(seeded, monkeypatch):
    """Articles above the highest id ever written are added without Whoosh's lookup of
    an older copy; an article written by another process is still replaced, not doubled."""
    from desktop.core.draft import ArticleDraft
    from desktop.core.search.engine.writer import FastSegmentWriter

    updates = []
    real_update = FastSegmentWriter.update_document
    monkeypatch.setattr(FastSegmentWriter, "update_document",
                        lambda self, **fields: updates.append(fields["id"]) or real_update(self, **fields))
    other = Archive(seeded.location, lock=False)  # as the background indexer opens it
    try:
        draft = ArticleDraft(title="Hội nghị sơ kết công tác dân vận ở Nam Hòa", body="Nội dung hội nghị.")
        new_id = other.add_draft(draft).article_id
        assert updates == []  # never indexed before: added without the lookup
    finally:
        other.close()
    seeded.update_article(new_id, title="Hội nghị tổng kết công tác dân vận ở Nam Hòa")
    assert updates == [str(new_id)]  # this process had not seen it written, and still replaced it
    assert ids(seeded, '"tổng kết công tác dân vận ở Nam Hòa"') == [new_id]
    assert new_id not in ids(seeded, '"sơ kết công tác dân vận"')
    assert seeded.search_index.doc_count() == 6  # one copy of each article


def test_the_windows_indexer_makes_a_save_searchable_without_the_saver_indexing(seeded):
    """With the window's indexer process on, a save only commits and queues: the index
    catches up in the other process, and the callback says when."""
    from sqlalchemy import func

    indexed = []
    seeded.index_in_background(indexed.append)
    seeded.update_article(2, title="Hội nghị chuyên đề ở Xuyên Mộc")
    assert seeded.wait_for_index(60)
    assert ids(seeded, "xuyen moc") == [2]
    assert sum(indexed) >= 1
    with seeded.session() as s:
        assert s.scalar(select(func.count(m.IndexQueue.article_id))) == 0


def test_count_is_of_words_as_typed_and_scattered_matches_follow(seeded):
    """Unquoted words find every article holding each syllable somewhere; the count people read
    is of those holding the words side by side or all in the title, listed first."""
    result = seeded.search("giao ban thi uy", limit=50)
    assert result.total == 5
    strong = [h.id for h in result.hits if h.strong]
    assert result.strong == len(strong) and 1 <= len(strong) < 5
    assert [h.strong for h in result.hits] == sorted((h.strong for h in result.hits), reverse=True)
    meeting = next(h for h in result.hits if h.plain_title.startswith("Thị ủy giao ban"))
    assert meeting.strong and result.hits[0].id == meeting.id
    for sort in ("date_desc", "date_asc"):
        by_date = seeded.search("giao ban thi uy", sort=sort, limit=50)
        assert by_date.strong == result.strong
        assert {h.id for h in by_date.hits[: by_date.strong]} == set(strong)
    one_word = seeded.search("dang", limit=50)
    assert one_word.strong == one_word.total
    phrase = seeded.search('"xây dựng Đảng"', limit=50)
    assert phrase.strong == phrase.total
    in_title = seeded.search("giao ban dang doan the", limit=50)  # all in a title, not side by side
    assert any(h.strong and h.plain_title.startswith("Thị ủy giao ban") for h in in_title.hits)


def test_compacting_merges_segments_and_finds_the_same(seeded, monkeypatch):
    """``compact-index`` merges the smallest segments into ones of at most COMPACT_DOCS
    articles: fewer segments, a smaller index, every search as before (rare pairs in
    their buckets included)."""
    from desktop.core.search import index as index_module

    monkeypatch.setattr(index_module, "SEGMENT_DOCS", 2)
    monkeypatch.setattr(index_module, "COMPACT_DOCS", 4)
    seeded.search_index.rebuild()
    queries = ["dang", '"giao ban"', "giao ban thi uy", '"bí thư thị ủy"', "nguyen van cong", "hoi nghi 2022"]
    before = {q: ids(seeded, q) for q in queries}
    assert all(before.values())
    assert sorted(s.doc_count_all() for s in segments(seeded.search_index.ix)) == [1, 2, 2]
    size = sum(p.stat().st_size for p in seeded.search_index.folder.iterdir())

    assert seeded.compact_index() == 1
    assert sorted(s.doc_count_all() for s in segments(seeded.search_index.ix)) == [2, 3]  # 1 + 2; 2 more would pass 4
    assert {q: ids(seeded, q) for q in queries} == before
    assert sum(p.stat().st_size for p in seeded.search_index.folder.iterdir()) < size
    assert seeded.compact_index() == 0  # nothing left that fits
    assert seeded.search_index.damaged_files() == []  # each merge recorded its checksums
