"""The fast index writer and the array query engine agree with Whoosh's own reading of the index."""

import dataclasses

import numpy as np
import pytest
from whoosh import query as Q

from bench.corpus import Corpus
from desktop.core.archive import Archive
from desktop.core.draft import ArticleDraft
from desktop.core.search.analysis import analyzer
from desktop.core.search.engine import Evaluator
from desktop.core.search.service import search
from desktop.core.search.writer import SyllableText
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
    Q.Term("pairs", "xay_dung"),
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
    for field, term in [("all", "cong"), ("exact", "đảng"), ("pairs", "hoi_nghi")]:
        ids, weights = cache.postings(field, term)
        matcher = Q.Term(field, term).matcher(searcher)
        seen = []
        while matcher.is_active():
            seen.append((matcher.id(), matcher.weight()))
            matcher.next()
        assert [(int(i), float(w)) for i, w in zip(ids, weights)] == seen


def test_syllable_fields_count_what_the_tokenizer_gives():
    text = seed_path("001").read_text("utf-8")
    for form in ("fold", "exact", "pair"):
        tokens = [t.text for t in analyzer(form)(text)]
        counts = SyllableText(form).counts(text)
        assert sum(counts.values()) == len(tokens) and set(counts) == set(tokens)


def test_trashed_and_edited_articles_are_found_as_they_are_now(corpus_archive):
    edited = {h.id for h in search(corpus_archive, "sua lai ve chuyen doi so", limit=50, facets=False).hits}
    assert len(edited) == 10
    trashed = {h.id for h in search(corpus_archive, "", trashed=True, limit=50, facets=False).hits}
    assert len(trashed) == 10 and not trashed & {h.id for h in search(corpus_archive, "dang", limit=500).hits}


def test_long_phrase_is_checked_on_the_text(archive):
    base = ArticleDraft(title="Hội nghị", lead="", body="")
    whole = archive.add_draft(dataclasses.replace(base, title="Bài một", body="Công tác xây dựng Đảng bộ vững mạnh.")).article_id
    scattered = archive.add_draft(
        dataclasses.replace(base, title="Bài hai", body="Tiếp tục xây dựng Đảng trong sạch.\n\nĐảng bộ phường họp.")
    ).article_id
    assert [h.id for h in search(archive, '"xay dung dang bo"').hits] == [whole]
    assert {h.id for h in search(archive, "xay dung dang bo").hits} == {whole, scattered}
