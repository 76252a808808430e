"""The fast index writer and the array query engine agree with Whoosh's own reading of the index."""

import dataclasses
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from whoosh import query as Q
from whoosh.fields import TEXT

from bench.corpus import Corpus
from desktop.core.archive import Archive
from desktop.core.draft import ArticleDraft
from desktop.core.search.analysis import _DOC_SPLIT, analyzer, doc_spans, fold_terms
from desktop.core.search.engine.evaluator import Evaluator
from desktop.core.search.engine.writer import PhraseText, SyllableText
from conftest import seed_path


@pytest.fixture(scope="module")
def corpus_archive(tmp_path_factory):
    """Articles written in several commits, then edited and trashed: several segments, merges, deletions."""
    archive = Archive.open(tmp_path_factory.mktemp("engine") / "archive")
    units: dict[str, int] = {}
    added = []
    for number, (draft, unit_names, _) in enumerate(Corpus(seed=7).articles(160)):
        for name in unit_names:
            if name not in units:
                units[name] = archive.add_unit(name)
        added.append(archive.add_draft(draft, unit_ids=[units[n] for n in unit_names], index=False).article_id)
        if number % 40 == 39:
            archive.sync_index()
    for article_id in added[:10]:
        view = archive.article(article_id)
        archive.update_article(article_id, title=view.title + " sửa lại về chuyển đổi số")
    archive.trash(added[10:20])
    yield archive
    archive.close()


def _whoosh_docs(archive, query) -> list[int]:
    searcher = archive.search_index.searcher()
    return sorted(searcher.docs_for_query(query))


QUERIES = [
    Q.Term("all", "dang"),
    Q.Term("title", "chuyen"),
    Q.Term("trashed", "1"),
    Q.And([Q.Term("all", "kiem"), Q.Term("all", "tra"), Q.Term("trashed", "0")]),
    Q.Or([Q.Term("all", "nong"), Q.Term("all", "nghiep")]),
    Q.AndNot(Q.Term("all", "can"), Q.Term("all", "bo")),
    Q.NumericRange("date", 20180101, 20201231),
    Q.Prefix("all", "tuy"),
    Q.Phrase("unit", ["thi", "uy"]),
]


@pytest.mark.parametrize("query", QUERIES, ids=repr)
def test_engine_matches_what_whoosh_matches(corpus_archive, query):
    index = corpus_archive.search_index
    mask, _ = Evaluator(index.postings(index.searcher())).evaluate(query)
    expected = _whoosh_docs(corpus_archive, query)
    assert expected, "the query should match something in the corpus"
    assert np.flatnonzero(mask).tolist() == expected


def test_posting_arrays_hold_whooshs_weights(corpus_archive):
    index = corpus_archive.search_index
    searcher = index.searcher()
    cache = index.postings(searcher)
    for field, term in [("all", "cong"), ("exact", "đảng")]:
        ids, weights = cache.postings(field, term)
        matcher = Q.Term(field, term).matcher(searcher)
        seen = []
        while matcher.is_active():
            seen.append((matcher.id(), matcher.weight()))
            matcher.next()
        assert [(int(i), float(w)) for i, w in zip(ids, weights)] == seen


def _pairs_of_each_article(archive) -> dict[int, Counter]:
    """Index document number → its adjacent pairs and their counts, from the database."""
    from desktop.core.search.documents import index_documents

    index = archive.search_index
    searcher = index.searcher()
    ids_of = index.article_ids(searcher)
    live = [d for d in range(searcher.doc_count_all()) if not searcher.reader().is_deleted(d)]
    with index.session() as s:
        documents = {int(d["id"]): d for d in index_documents(s, [ids_of[d] for d in live])}
    return {d: SyllableText("pair").counts(documents[ids_of[d]]["pairs"]) for d in live}


def test_pairs_common_and_rare_are_found_with_their_counts(corpus_archive):
    """A pair held by a few articles of a segment lives in a hashed bucket, not a term of
    its own (engine/rarepairs.py): looked up, every pair gives exactly the articles
    holding it, with its count in each, however often it occurs."""
    pairs = _pairs_of_each_article(corpus_archive)
    holders = Counter(p for counts in pairs.values() for p in counts)
    index = corpus_archive.search_index
    cache = index.postings(index.searcher())
    rare = [p for p, n in holders.items() if n == 1][:40]
    middling = [p for p, n in holders.items() if 2 <= n <= 30][:40]
    common = [p for p, _ in holders.most_common(5)]
    assert rare and middling and common
    for pair in rare + middling + common + ["xay_khong", "zzz_qqq"]:
        ids, weights = cache.postings("pairs", pair)
        expected = sorted((d, counts[pair]) for d, counts in pairs.items() if pair in counts)
        assert [(int(i), float(w)) for i, w in zip(ids, weights)] == expected, pair
        assert cache.term_count("pairs", pair) == len(expected)


def _same_terms_as_the_tokenizer(text: str) -> None:
    for form in ("fold", "exact", "pair"):
        assert SyllableText(form).counts(text) == Counter(t.text for t in analyzer(form)(text)), form
    assert fold_terms(text) == [t.text for t in analyzer("fold")(text)]
    whooshs = TEXT(analyzer=analyzer("fold"), phrase=True)
    assert sorted(PhraseText().index(text)) == sorted(whooshs.index(text))


def test_syllable_fields_count_what_the_tokenizer_gives():
    _same_terms_as_the_tokenizer(seed_path("001").read_text("utf-8"))


_PLAIN = list("aăđĐẢ09 -/\n.,_") + ["NQ/TU", "507-QĐ/TU", "số 09-NQ/TU", "x1202-KL/TU", "Đảng", "uỷ"]
_ODD = ["\u00ad", "a\u0301", "Σ", "😀"]  # each sends a text another way


@settings(deadline=None)  # the first call builds the code-point tables: 300 ms on a loaded machine
@given(st.one_of(st.lists(st.sampled_from(_PLAIN), min_size=80, max_size=200),  # long: cut through a table
                 st.lists(st.sampled_from(_PLAIN + _ODD), max_size=150)).map("".join))
def test_bulk_term_cutting_agrees_with_the_tokenizer_on_any_text(text):
    """Indexing cuts terms with faster regexes than the query tokenizer; both must
    give the same terms, around document numbers, soft hyphens and line breaks too."""
    _same_terms_as_the_tokenizer(text)


@given(st.lists(st.sampled_from(_PLAIN + _ODD), max_size=60).map("".join))
def test_document_numbers_are_found_around_slashes_as_the_whole_text_regex_finds_them(text):
    assert doc_spans(text) == [match.span(1) for match in _DOC_SPLIT.finditer(text)]


def test_a_field_of_several_texts_has_no_term_across_them():
    parts = ("Xây dựng", "Đảng bộ", "09-NQ/TU")
    assert SyllableText("pair").counts(parts) == Counter({"xay_dung": 1, "dang_bo": 1})
    assert SyllableText("fold").counts(parts) == Counter(fold_terms("\n".join(parts)))


def test_trashed_and_edited_articles_are_found_as_they_are_now(corpus_archive):
    edited = {h.id for h in corpus_archive.search("sua lai ve chuyen doi so", limit=50, facets=False).hits}
    assert len(edited) == 10
    trashed = {h.id for h in corpus_archive.search("", trashed=True, limit=50, facets=False).hits}
    assert len(trashed) == 10 and not trashed & {h.id for h in corpus_archive.search("dang", limit=500).hits}


def test_long_phrase_is_checked_on_the_text(archive):
    base = ArticleDraft(title="Hội nghị", lead="", body="")
    whole = archive.add_draft(dataclasses.replace(base, title="Bài một", body="Công tác xây dựng Đảng bộ vững mạnh.")).article_id
    scattered = archive.add_draft(
        dataclasses.replace(base, title="Bài hai", body="Tiếp tục xây dựng Đảng trong sạch.\n\nĐảng bộ phường họp.")
    ).article_id
    assert [h.id for h in archive.search('"xay dung dang bo"').hits] == [whole]
    assert {h.id for h in archive.search("xay dung dang bo").hits} == {whole, scattered}


def _postings_by_term(reader) -> dict:
    """Every (field, term) of an index with its postings and statistics, as Whoosh reads them."""
    found = {}
    for field in reader.indexed_field_names():
        for term in reader.lexicon(field):
            info = reader.term_info(field, term)
            matcher = reader.postings(field, term)
            postings = []
            while matcher.is_active():
                postings.append((matcher.id(), matcher.weight(), matcher.value() or b""))
                matcher.next()
            stats = (info.doc_frequency(), info.weight(), info.min_length(), info.max_length(),
                     info.max_weight(), info.min_id(), info.max_id())
            found[field, term] = (postings, stats)
    return found


def _pair_postings(ix, pairs: list[str]) -> dict[str, list]:
    """Each pair's (article number, count) as the engine reads them (term and bucket)."""
    from desktop.core.search.engine.postings import PostingCache

    with ix.searcher() as searcher:
        cache = PostingCache(searcher)
        return {p: [(int(i), float(w)) for i, w in zip(*cache.postings("pairs", p))] for p in pairs}


def _without_pairs(found: dict) -> dict:
    return {key: value for key, value in found.items() if key[0] not in ("pairs", "rarepairs")}


def _index_documents(count: int = 60) -> list[dict]:
    documents = []
    for number, (draft, units, topics) in enumerate(Corpus(seed=11).articles(count)):
        date = draft.published_date
        documents.append({
            "id": str(number), "all": draft.full_text(), "title": draft.title, "exact": draft.lead,
            "pairs": f"{draft.title}\n{draft.body}", "author": draft.author or "", "unit": " ; ".join(units),
            "topic": " ; ".join(topics), "doc": "09-nq/tu" if number % 7 == 0 else "",
            "date": date.year * 10000 + date.month * 100 + date.day, "dated": 1, "trashed": str(number % 2),
        })
    return documents


@pytest.mark.parametrize("blocklimit", [3, 8192])
def test_posting_arrays_are_read_as_whooshs_matchers_read_them(tmp_path, blocklimit):
    """The posting cache reads a term's stored bytes itself (one read, blocks parsed in
    memory, the title's positions left compressed when only ids and counts are wanted):
    for segments of Whoosh's writer and of the fast one, with blocks of three postings
    (inlined terms, several blocks, compressed or not) and of the real size, every term
    of every field gives the ids, weights and values Whoosh's matcher gives."""
    from whoosh.codec.whoosh3 import W3Codec
    from whoosh.filedb.filestore import FileStorage
    from whoosh.writing import SegmentWriter

    from desktop.core.search.engine.postings import leaf_blocks
    from desktop.core.search.index import make_schema
    from desktop.core.search.engine.writer import FastSegmentWriter

    documents = _index_documents(40)
    for writer_class in (SegmentWriter, FastSegmentWriter):
        folder = tmp_path / f"{writer_class.__name__}"
        folder.mkdir()
        ix = FileStorage(str(folder)).create_index(make_schema())
        writer = writer_class(ix, codec=W3Codec(blocklimit=blocklimit))
        for document in documents:
            writer.add_document(**document)
        writer.commit()
        with ix.reader() as reader:
            expected = _postings_by_term(reader)
            fields = set()
            for (field, term), (postings, _) in expected.items():
                if field in ("date", "dated"):  # numbers, read as columns (PostingCache.dates)
                    continue
                text = term.decode("utf-8")
                ids, weights, values = leaf_blocks(reader, field, text, with_values=True)
                assert [(int(i), float(w), v or b"") for i, w, v in zip(ids, weights, values)] == postings
                bare_ids, bare_weights, _ = leaf_blocks(reader, field, text)
                assert bare_ids.tolist() == ids.tolist() and bare_weights.tolist() == weights.tolist()
                fields.add(field)
            assert {"all", "title", "pairs", "doc"} <= fields
            assert leaf_blocks(reader, "all", "khôngcótừnày")[0].tolist() == []
        ix.close()


def test_fast_writer_writes_what_whooshs_writer_writes(tmp_path):
    """Same documents through Whoosh's writer and the fast one, with tiny blocks so that
    terms are inlined, span several blocks, are compressed or not; then a merge with a
    deletion and new documents (a term both merged and new is one term): every term
    reads back with the same postings and statistics, and every pair (rare ones from
    their buckets) with the same postings."""
    from whoosh.codec.whoosh3 import W3Codec
    from whoosh.filedb.filestore import FileStorage
    from whoosh.writing import SegmentWriter

    from desktop.core.search.index import make_schema
    from desktop.core.search.engine.writer import FastSegmentWriter

    documents = _index_documents()
    readings = []
    pairs: list[str] = []
    for writer_class in (SegmentWriter, FastSegmentWriter):
        folder = tmp_path / writer_class.__name__
        folder.mkdir()
        ix = FileStorage(str(folder)).create_index(make_schema())
        for part in (documents[:35], documents[35:]):
            writer = writer_class(ix, codec=W3Codec(blocklimit=3))
            for document in part:
                writer.add_document(**document)
            writer.commit()
        with ix.reader() as reader:
            before = _postings_by_term(reader)
        pairs = pairs or sorted(term.decode() for field, term in before if field == "pairs")
        pairs_before = _pair_postings(ix, pairs)
        writer = writer_class(ix, codec=W3Codec(blocklimit=3))
        writer.delete_by_term("id", "5")
        for document in documents[:2]:
            writer.add_document(**{**document, "id": f"again {document['id']}"})
        writer.commit(optimize=True)
        with ix.reader() as reader:
            readings.append((before, _postings_by_term(reader), pairs_before, _pair_postings(ix, pairs)))
        ix.close()
    (whoosh_before, whoosh_after, whoosh_pairs_before, whoosh_pairs_after) = readings[0]
    (fast_before, fast_after, fast_pairs_before, fast_pairs_after) = readings[1]
    assert len(whoosh_before) > 1000
    assert _without_pairs(fast_before) == _without_pairs(whoosh_before)
    assert _without_pairs(fast_after) == _without_pairs(whoosh_after)
    assert fast_pairs_before == whoosh_pairs_before and fast_pairs_after == whoosh_pairs_after
    assert any(field == "rarepairs" for field, _ in fast_after)  # rare pairs went to buckets
    assert sum(f == "pairs" for f, _ in fast_after) < sum(f == "pairs" for f, _ in whoosh_after) / 2
    assert any(len(postings) > 3 for postings, _ in fast_after.values())  # several blocks were written


def _term_tables(tmp_path, entries: list[tuple[bytes, bytes]], parts: int) -> tuple[bytes, bytes]:
    """The same sorted entries through Whoosh's ``OrderedHashWriter`` (an entry at a time) and
    :class:`BulkTermTable` (in ``parts`` calls): both files' bytes."""
    from whoosh.filedb.filestore import FileStorage
    from whoosh.filedb.filetables import OrderedHashWriter

    from desktop.core.search.engine.whoosh_compat import BulkTermTable

    storage = FileStorage(str(tmp_path))
    whoosh = OrderedHashWriter(storage.create_file("whoosh.trm"))
    whoosh.extras["fieldmap"] = {"all": 0}
    for key, value in entries:
        whoosh.add(key, value)
    whoosh.close()

    class Field:  # what taking_over needs of a whoosh3 field writer: its fresh term table
        _tindex = OrderedHashWriter(storage.create_file("bulk.trm"))

    Field._tindex.extras["fieldmap"] = {"all": 0}
    bulk = BulkTermTable.taking_over(Field)
    assert Field._tindex is bulk
    cut = [len(entries) * i // parts for i in range(parts + 1)]
    for start, end in zip(cut, cut[1:]):
        bulk.add_many([k for k, _ in entries[start:end]], [v for _, v in entries[start:end]])
    bulk.close()
    return (tmp_path / "whoosh.trm").read_bytes(), (tmp_path / "bulk.trm").read_bytes()


@settings(max_examples=30, deadline=None)
@given(words=st.sets(st.text(min_size=1, max_size=12), min_size=0, max_size=400), parts=st.integers(1, 4))
def test_bulk_term_table_reads_as_whooshs_own(tmp_path_factory, words, parts):
    """Any keys: Whoosh's reader finds every key's value, the closest key to any probe and no
    absent key in the bulk-written table exactly as in Whoosh's own, whose entries, directory
    sizes and extras it repeats byte for byte (only the order within a hash table's run of
    colliding slots may differ)."""
    import io

    from whoosh.filedb.filetables import OrderedHashReader
    from whoosh.filedb.structfile import StructFile

    entries = sorted((b"\x00\x00" + w.encode("utf-8"), w.encode("utf-8")[::-1] * 3) for w in words)
    whoosh_bytes, bulk_bytes = _term_tables(tmp_path_factory.mktemp("table"), entries, parts)
    assert len(bulk_bytes) == len(whoosh_bytes)
    readers = [OrderedHashReader(StructFile(io.BytesIO(raw)), len(raw)) for raw in (whoosh_bytes, bulk_bytes)]
    whoosh, bulk = readers
    assert bulk_bytes[: bulk.endofdata] == whoosh_bytes[: whoosh.endofdata]  # header and entries
    assert bulk.extras == whoosh.extras and [n for _, n in bulk.tables] == [n for _, n in whoosh.tables]
    assert bulk_bytes[bulk.indexbase :] == whoosh_bytes[whoosh.indexbase :]  # the ordered positions
    for key, value in entries:
        assert bulk[key] == value
    probes = [k for k, _ in entries] + [b"\x00\x00" + w.encode("utf-8") + b"!" for w in words] + [b"", b"\xff"]
    for probe in probes:
        assert bulk.closest_key(probe) == whoosh.closest_key(probe)
        assert (probe in bulk) == (probe in whoosh)
    assert list(bulk.items()) == list(whoosh.items())


def test_bulk_term_table_wraps_a_full_run_to_the_start():
    """Keys whose hash tables' runs reach the last slot go on from the first, as Whoosh's do."""
    from desktop.core.search.engine.whoosh_compat import _hash_table

    hashes = np.array([(3 << 8) | 7, (3 << 8) | 7, (2 << 8) | 7, (0 << 8) | 7], dtype=np.int64)
    positions = np.array([20, 40, 60, 80], dtype=np.int64)
    table = np.frombuffer(_hash_table(hashes, positions), dtype=[("hash", ">u4"), ("position", ">i8")])
    # 8 slots; homes 3, 3, 2, 0: 2 → slot 2, the two 3s → slots 3 and 4, 0 → slot 0
    assert table["position"].tolist() == [80, 0, 60, 20, 40, 0, 0, 0]
    hashes = np.array([(7 << 8), (7 << 8), (7 << 8), (6 << 8)], dtype=np.int64)
    table = np.frombuffer(_hash_table(hashes, positions), dtype=[("hash", ">u4"), ("position", ">i8")])
    # homes 7, 7, 7, 6: 6 → slot 6, the 7s → slot 7, then wrapped to slots 0 and 1
    assert table["position"].tolist() == [40, 60, 0, 0, 0, 0, 80, 20]


def test_segments_written_an_entry_at_a_time_are_read_and_merged_with_bulk_written_ones(tmp_path, monkeypatch):
    """An office's index holds segments whose term tables were written by Whoosh's own
    ``OrderedHashWriter.add``, an entry at a time (the writer before the bulk term table):
    they read as before beside new ones, searches find the same, and merging old and new
    segments gives what merging old ones gave."""
    from whoosh.codec.whoosh3 import W3Codec
    from whoosh.filedb.filestore import FileStorage
    from whoosh.filedb.filetables import HashWriter, OrderedHashWriter

    from desktop.core.search.engine.whoosh_compat import BulkTermTable, segments
    from desktop.core.search.engine.writer import FastSegmentWriter
    from desktop.core.search.index import make_schema

    documents = _index_documents(50)

    earlier_entries = []

    def entry_at_a_time(table, keys, values):
        earlier_entries.extend(keys)
        for key, value in zip(keys, values):
            OrderedHashWriter.add(table, key, value)

    def index(name: str, bulk_from: int):
        """Three segments, the first ``bulk_from`` written an entry at a time; then all merged."""
        (tmp_path / name).mkdir()
        ix = FileStorage(str(tmp_path / name)).create_index(make_schema())
        with monkeypatch.context() as earlier:
            for number, part in enumerate((documents[:20], documents[20:35], documents[35:])):
                if number == bulk_from:
                    earlier.undo()
                elif number == 0:
                    earlier.setattr(BulkTermTable, "add_many", entry_at_a_time)
                    earlier.setattr(BulkTermTable, "_write_hashes", HashWriter._write_hashes)
                    earlier.setattr(BulkTermTable, "_write_extras", OrderedHashWriter._write_extras)
                writer = FastSegmentWriter(ix, codec=W3Codec(blocklimit=3))
                for document in part:
                    writer.add_document(**document)
                writer.commit(merge=False)
        assert len(segments(ix)) == 3
        with ix.reader() as reader:
            before = _postings_by_term(reader)
        with ix.searcher() as searcher:
            found = [sorted(searcher.docs_for_query(query)) for query in QUERIES]
        writer = FastSegmentWriter(ix, codec=W3Codec(blocklimit=3))
        writer.delete_by_term("id", "3")
        writer.commit(optimize=True)
        with ix.reader() as reader:
            after = _postings_by_term(reader)
        ix.close()
        return before, found, after

    all_earlier, mixed, all_bulk = index("earlier", 3), index("mixed", 2), index("bulk", 0)
    assert len(earlier_entries) > 1000  # the earlier writer did write them
    assert all_earlier[1] == mixed[1] == all_bulk[1] and any(all_earlier[1])
    assert all_earlier[0] == mixed[0] == all_bulk[0]
    assert all_earlier[2] == mixed[2] == all_bulk[2]
    assert len(all_earlier[2]) > 1000


def test_posting_blocks_keep_far_apart_ids_and_fractional_weights():
    """Blocks pickle their numbers in the narrowest array type; ids more than 65,535
    apart and weights that are not counts must still read back exactly as Whoosh reads them."""
    import io
    import pickle
    import struct
    import zlib

    from whoosh.util.numlists import delta_decode

    from desktop.core.search.engine.termfile import _Blocks

    docs = np.array([3, 70_000, 70_001, 200_000, 5, 9, 400, 401, 402], dtype=np.uint32)  # three terms
    weights = np.array([1, 2, 3, 1, 1.5, 2, 7, 7, 300], dtype=np.float32)
    term_starts, term_ends = np.array([0, 4, 6]), np.array([4, 6, 9])
    blocks = _Blocks(term_starts, term_ends, 2, docs, weights, None)
    read_ids, read_weights = [], []
    for start, end in zip(term_starts, term_ends):
        postfile = io.BytesIO()
        blocks.write_next_term(postfile, None, 0, compression=3)
        postfile.seek(0)
        last = False
        while not last:  # Whoosh's reading: each block says its size, negative for a term's last
            (size,) = struct.unpack("!i", postfile.read(4))
            last = size < 0
            raw = io.BytesIO(postfile.read(abs(size)))
            count, last_id, _top, compressed, _, _ = pickle.load(raw)
            data = raw.read()
            deltas, block_weights, _ = pickle.loads(zlib.decompress(data) if compressed else data)
            ids = list(delta_decode(deltas))
            assert len(ids) == count and ids[-1] == last_id
            read_ids += ids
            read_weights += [1.0] * count if block_weights is None else (
                [block_weights] * count if isinstance(block_weights, float) else list(block_weights))
        assert postfile.read() == b""
    assert read_ids == docs.tolist()
    assert read_weights == weights.tolist()


def test_the_engine_refuses_a_whoosh_it_was_not_written_for(monkeypatch):
    """The engine reads Whoosh's private structures; under another Whoosh it must not load at all."""
    import importlib

    import whoosh

    from desktop.core.search.engine import whoosh_compat

    monkeypatch.setattr(whoosh, "__version__", (2, 7, 6))
    with pytest.raises(ImportError, match="written for Whoosh 2.7.5"):
        importlib.reload(whoosh_compat)
    monkeypatch.undo()
    importlib.reload(whoosh_compat)  # the real version loads again


def test_no_module_outside_the_compat_module_touches_whoosh_privates():
    """Whoosh's private names (``_segments``, ``_read_data``…) are reached only through whoosh_compat."""
    import re
    from pathlib import Path

    import desktop

    private = re.compile(r"\._(segments|read_data|data|next_block|perdoc|cached_reader|dbfile|basepos|count|default|"
                         r"typecode|fieldid|tindex|postfile|codec|check_state|check_fields|added|struct)\b|"
                         r"from whoosh[\w.]* import [^\n]*\b_\w+")
    root = Path(desktop.__file__).parent
    offenders = [
        str(path.relative_to(root)) for path in root.rglob("*.py")
        if path.name != "whoosh_compat.py" and "whoosh" in (text := path.read_text(encoding="utf-8"))
        and private.search(text)
    ]
    assert offenders == []
