""""Did you mean" reads each segment's word list, never a lexicon, on the query path; a word
list that is damaged or missing is read from its segment meanwhile and rewritten on the next
writable open (issue 23.2: the first suggestion on a 300,000-article archive within a second)."""

from collections import Counter

import pytest
from whoosh.codec.whoosh3 import W3TermsReader

from desktop.core.archive import Archive
from desktop.core.draft import ArticleDraft
from desktop.core.search.engine import wordlists
from desktop.core.search.engine.lexicon import document_counts
from desktop.core.search.engine.whoosh_compat import segments
from desktop.core.search.engine.wordlists import EXTENSION, WordList, combine

BATCHES = 6  # each committed apart: a segment or more each (fewer than merging.FANOUT: none is merged)


def _fill(archive: Archive) -> None:
    for batch in range(BATCHES):
        for i in range(3):
            archive.add_draft(ArticleDraft(title=f"Hội nghị xây dựng Đảng đợt {batch} số {i}",
                                           body=f"Nội dung giao ban về công tác Đảng của chi bộ khóa {batch}{i}."))
        archive.sync_index()


@pytest.fixture
def segmented(tmp_path):
    root = tmp_path / "archive"
    with Archive.open(root) as archive:
        _fill(archive)
        assert len(segments(archive.search_index.ix)) >= BATCHES
    return root


@pytest.fixture
def lexicon_reads(monkeypatch):
    """Term-dictionary walks of the ``all`` field (what building the vocabulary from the
    lexicons did), counted."""
    reads = Counter()
    for name in ("items_from", "terms_from"):
        original = getattr(W3TermsReader, name)

        def counted(self, fieldname, prefix, _original=original):
            reads[fieldname] += 1
            return _original(self, fieldname, prefix)

        monkeypatch.setattr(W3TermsReader, name, counted)
    return reads


def _word_lists(root):
    return sorted((root / "index").glob(f"*{EXTENSION}"))


def test_the_first_suggestion_on_many_segments_reads_no_lexicon(segmented, lexicon_reads):
    with Archive.open(segmented) as archive:  # a fresh process's first query
        assert len(_word_lists(segmented)) == len(segments(archive.search_index.ix)) >= BATCHES
        result = archive.search("xay dung dag")
    assert result.total == 0 and result.suggestion == "xay dung dang"
    assert lexicon_reads["all"] == 0


def test_the_word_lists_hold_what_the_lexicons_hold(segmented):
    """Counts added up across segments, with edited and purged articles (counted until a
    merge drops them, as the lexicons count them) and after merges."""

    def same(index) -> int:
        leaves = index.postings(index.searcher()).leaves
        from_files = combine(wordlists.for_leaves(leaves))
        from_lexicon = combine([WordList.of(document_counts(leaves, "all"))])
        assert from_files[0] == from_lexicon[0] and from_files[2] == from_lexicon[2]
        assert from_files[1].tolist() == from_lexicon[1].tolist()
        assert b" dang " in from_files[0]
        return len(leaves)

    with Archive.open(segmented) as archive:
        assert same(archive.search_index) >= BATCHES
        first, second = archive.article_ids()[:2]
        archive.update_article(first, title="Hội nghị chuyên đề kinh tế")
        archive.trash([second])
        archive.purge([second])
        archive.sync_index()  # the tenth small segment: merged
        same(archive.search_index)
        archive.update_article(archive.article_ids()[3], title="Tin ngắn")
        archive.sync_index()
        assert same(archive.search_index) > 1


def test_a_damaged_word_list_is_read_from_its_segment_then_rewritten(segmented, lexicon_reads):
    damaged = _word_lists(segmented)[2]
    raw = bytearray(damaged.read_bytes())
    raw[-3] ^= 0xFF  # one word's letter changed: only the checksum tells
    damaged.write_bytes(bytes(raw))
    assert WordList.from_bytes(bytes(raw)) is None

    with Archive.open(segmented, readonly=True) as archive:  # a reader never writes: it reads that one segment
        assert archive.search("xay dung dag").suggestion == "xay dung dang"
    assert lexicon_reads["all"] == 1

    with Archive.open(segmented) as archive:  # a writer's open rewrites it; the index is not rebuilt
        assert archive.search_index.damage is None
        assert WordList.from_bytes(damaged.read_bytes()) is not None
        assert not archive.search_index.damaged_files()
    lexicon_reads.clear()
    with Archive.open(segmented) as archive:
        assert archive.search("xay dung dag").suggestion == "xay dung dang"
    assert lexicon_reads["all"] == 0


@pytest.mark.parametrize("damage", ["missing", "empty", "garbage"])
def test_a_missing_or_garbled_word_list_never_fails_a_search(segmented, damage):
    """An index written before word lists existed, a file cut short by a kill or overwritten."""
    for path in _word_lists(segmented):
        if damage == "missing":
            path.unlink()
        else:
            path.write_bytes(b"" if damage == "empty" else wordlists.MAGIC + b"\x00" * 7)
    with Archive.open(segmented, readonly=True) as archive:
        assert archive.search("giao bna").suggestion == "giao ban"
    with Archive.open(segmented) as archive:
        assert archive.search("giao bna").suggestion == "giao ban"
        assert len(_word_lists(segmented)) == len(segments(archive.search_index.ix))
    assert all(WordList.from_bytes(p.read_bytes()) for p in _word_lists(segmented))


def test_a_merged_segments_word_lists_go_with_them(segmented):
    with Archive.open(segmented) as archive:
        assert archive.compact_index() >= 1
        assert len(_word_lists(segmented)) == len(segments(archive.search_index.ix)) == 1
        assert archive.search("xay dung dag").suggestion == "xay dung dang"


def test_word_lists_combine_words_of_any_letters_and_refuse_any_damage():
    first = WordList.of([("dang", 3), ("đang", 2), ("ñandu", 1), ("日本", 4), ("2024", 9), ("x" * 25, 1), ("abcdefghij", 5)])
    second = WordList.of([("dang", 4), ("日本", 1), ("tuyen", 2), ("abcdefghij", 1)])
    raw = first.to_bytes()
    text, counts, groups = combine([WordList.from_bytes(raw), second])
    words = text.decode("utf-8").split()
    assert dict(zip(words, counts.tolist())) == {"dang": 7, "đang": 2, "ñandu": 1, "日本": 5, "tuyen": 2, "abcdefghij": 6}
    assert [len(w) for w in words] == sorted(len(w) for w in words)  # grouped by letters, not bytes
    assert all(len(words[i]) >= n for n in range(len(groups) - 1) for i in range(groups[n], len(words)))
    for cut in (raw[:-1], raw + b"x", raw[:20], raw.replace(b"dang", b"dagn"), b"", b"\x00" * len(raw)):
        assert WordList.from_bytes(cut) is None
