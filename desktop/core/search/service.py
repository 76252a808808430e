"""Run a search on an archive: hits with highlighted snippets, facets, suggestions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from whoosh import query as Q
from whoosh import collectors, sorting

from db import models as m
from desktop.core.search.analysis import fold_token
from desktop.core.search.query import ParsedQuery, date_range, parse_query
from desktop.core.search.snippets import Highlighter

SORTS = ("relevance", "date_desc", "date_asc")
_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


@dataclass(frozen=True)
class Hit:
    id: int
    score: float
    title: str  # with match markup
    snippet: str  # with match markup, from body and captions
    published_date: dt.date | None


@dataclass
class SearchResult:
    query: str
    total: int
    hits: list[Hit]
    units: dict[int, int] = field(default_factory=dict)  # unit id → matching articles
    topics: dict[int, int] = field(default_factory=dict)
    years: dict[int, int] = field(default_factory=dict)
    suggestion: str | None = None


def _filters(
    unit_ids: Sequence[int], topic_ids: Sequence[int], date_from, date_to, trashed: bool
) -> list[Q.Query]:
    filters: list[Q.Query] = [Q.Term("trashed", "1" if trashed else "0")]
    if unit_ids:
        filters.append(Q.Or([Q.Term("unit_id", str(i)) for i in unit_ids]))
    if topic_ids:
        filters.append(Q.Or([Q.Term("topic_id", str(i)) for i in topic_ids]))
    if date_from or date_to:
        filters.append(date_range(date_from, date_to))
    return filters


def build_query(
    text: str,
    *,
    unit_ids: Sequence[int] = (),
    topic_ids: Sequence[int] = (),
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    trashed: bool = False,
) -> tuple[ParsedQuery, Q.Query]:
    parsed = parse_query(text)
    query = parsed.whoosh()
    filters = _filters(unit_ids, topic_ids, date_from, date_to, trashed)
    return parsed, Q.And([query, *filters]) if filters else query


NARROW_TERMS = 3  # the rarest terms that drive a narrow pass
NARROW_MAX_SHARE = 0.05  # a narrow pass is worth it only if its rarest term is this rare


def _narrow(searcher, field: str, words: list[str], query: Q.Query, limit: int) -> dict[int, float]:
    """Articles holding the rarest few of ``words`` in ``field`` (word pairs, title words)
    that also match the whole query.  Rarest terms first keeps this fast however common
    the single words are; the full query is only verified on what is found."""
    reader = searcher.reader()
    ranked = sorted(set(words), key=lambda w: reader.doc_frequency(field, w))[:NARROW_TERMS]
    if not ranked or reader.doc_frequency(field, ranked[0]) > NARROW_MAX_SHARE * max(1, searcher.doc_count()):
        return {}
    found = {hit.docnum: hit.score for hit in searcher.search(Q.And([Q.Term(field, w) for w in ranked]), limit=limit * 4)}
    return dict(list(_verified(searcher, found, [query]).items())[:limit])


RERANK_DEPTH = 30  # candidates from the fast first pass that the boosts re-rank
BROAD_BUDGET_S = 0.015  # time the broad BM25 pass may take for an interactive page
BUDGET_FROM_DOCS = 5000  # smaller archives always get the complete broad pass


def search(
    archive,
    text: str,
    *,
    unit_ids: Sequence[int] = (),
    topic_ids: Sequence[int] = (),
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    trashed: bool = False,
    sort: str = "relevance",
    limit: int = 50,
    offset: int = 0,
    markup: tuple[str, str] = ("<b>", "</b>"),
    escape_html: bool = True,
    facets: bool = True,
    exact_total: bool = False,
) -> SearchResult:
    """Search the archive.  ``text`` uses the query language in :mod:`query`.

    Relevance ranking runs in two passes: Whoosh's top-k BM25F on the
    required words (which can skip whole posting blocks), plus the articles
    whose title holds every word; then the boosts re-score only those
    candidates.  ``total`` is exact when ``facets`` or ``exact_total`` is
    asked for, otherwise Whoosh's estimate.
    """
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {SORTS}")
    parsed, query = build_query(
        text, unit_ids=unit_ids, topic_ids=topic_ids, date_from=date_from, date_to=date_to, trashed=trashed
    )
    index = archive.search_index
    searcher = index.searcher()
    wanted = offset + limit
    if sort == "relevance":
        depth = max(wanted, RERANK_DEPTH)
        candidates: dict[int, float] = {}
        # Narrow, precise passes first: every typed word pair adjacent; every word in the title.
        # Pair and title postings are short, so these are fast however common the words are.
        if parsed.pairs:
            candidates.update(_narrow(searcher, "pairs", parsed.pairs, query, depth))
        if parsed.title_terms:
            for doc, score in _narrow(searcher, "title", parsed.title_terms, query, 20).items():
                candidates.setdefault(doc, score)
        # The broad pass scores every article holding all the words; on a large archive
        # with common syllables that is slow, so it gets a time budget (what it has not
        # reached by then is counted, not ranked).
        budgeted = not exact_total and wanted <= RERANK_DEPTH and searcher.doc_count() > BUDGET_FROM_DOCS
        results = _broad(searcher, query, depth, budget=BROAD_BUDGET_S if budgeted else None)
        for i in range(results.scored_length()):
            candidates.setdefault(results.docnum(i), results.score(i))
        ranked = _rerank(searcher, _verified(searcher, candidates, parsed.verify), parsed.boosts)
        docnums = sorted(ranked, key=lambda d: (-ranked[d], d))[offset:wanted]
        scores = [ranked[d] for d in docnums]
    else:
        results = _sorted(searcher, query, sort, wanted)
        shown = {results.docnum(i): 0.0 for i in range(offset, min(wanted, results.scored_length()))}
        docnums = [d for d in shown if d in _verified(searcher, shown, parsed.verify)]
        scores = [0.0] * len(docnums)
    page = [(int(searcher.stored_fields(d)["id"]), score) for d, score in zip(docnums, scores)]
    matched = None
    if facets or exact_total:
        matched = list(searcher.docs_for_query(query))
        total = len(matched)
    else:
        total = results.estimated_length() if not results.has_exact_length() else len(results)
        total = max(total, len(candidates) if sort == "relevance" else 0)
        total = max(total, len(page))
    result = SearchResult(query=text, total=total, hits=_hits(archive, page, parsed, markup, escape_html))
    if facets:
        _facets(index, searcher, matched, result)
    if not page and parsed.words:
        result.suggestion = suggest(index, searcher, text, parsed.words)
    return result


def _matching(searcher, query: Q.Query, docs: list[int]):
    """(doc, score) for each of the sorted ``docs`` that ``query`` matches, skipping, not scanning, postings."""
    matcher = query.matcher(searcher)
    for doc in docs:
        if not matcher.is_active():
            return
        if matcher.id() < doc:
            matcher.skip_to(doc)
            if not matcher.is_active():
                return
        if matcher.id() == doc:
            yield doc, matcher.score()


def _broad(searcher, query: Q.Query, limit: int, budget: float | None):
    collector = searcher.collector(limit=limit)
    if budget is None:
        searcher.search_with_collector(query, collector)
        return collector.results()
    timed = collectors.TimeLimitCollector(collector, timelimit=budget, use_alarm=False)
    try:
        searcher.search_with_collector(query, timed)
    except collectors.TimeLimit:
        pass
    return timed.results()


def _rerank(searcher, candidates: dict[int, float], boosts: list[Q.Query]) -> dict[int, float]:
    """Add each boost's score to the candidates that match it."""
    scores = dict(candidates)
    docs = sorted(candidates)
    for boost in boosts:
        for doc, score in _matching(searcher, boost, docs):
            scores[doc] += score
    return scores


def _verified(searcher, candidates: dict[int, float], checks: list[Q.Query]) -> dict[int, float]:
    """The candidates that also match every check (exact long phrases)."""
    for check in checks:
        keep = {doc for doc, _ in _matching(searcher, check, sorted(candidates))}
        candidates = {doc: score for doc, score in candidates.items() if doc in keep}
    return candidates


def matching_ids(archive, text: str, *, sort: str = "date_asc", **filters) -> list[int]:
    """Every matching article id (for exporting or listing a whole result)."""
    if sort == "relevance":
        return [h.id for h in search(archive, text, limit=100_000, facets=False, **filters).hits]
    _, query = build_query(text, **filters)
    searcher = archive.search_index.searcher()
    results = _sorted(searcher, query, sort, None)
    return [int(r["id"]) for r in results]


def _sorted(searcher, query: Q.Query, sort: str, limit: int | None):
    by_date = sorting.MultiFacet(
        [sorting.FieldFacet("dated", reverse=True), sorting.FieldFacet("date", reverse=sort == "date_desc")]
    )
    return searcher.search(query, limit=limit, sortedby=by_date)


def _hits(archive, page, parsed: ParsedQuery, markup, escape_html: bool) -> list[Hit]:
    if not page:
        return []
    ids = [article_id for article_id, _ in page]
    with archive.session() as s:
        texts = {
            row.id: [row.title, row.lead, row.body, row.published_date]
            for row in s.execute(
                select(m.Article.id, m.Article.title, m.Article.lead, m.Article.body, m.Article.published_date)
                .where(m.Article.id.in_(ids))
            )
        }
        captions: dict[int, list[str]] = {}
        for article_id, caption in s.execute(
            select(m.Photo.article_id, m.Photo.caption).where(m.Photo.article_id.in_(ids)).order_by(m.Photo.position)
        ):
            captions.setdefault(article_id, []).append(caption)
    highlighter = Highlighter(parsed.words, markup, escape_html)
    hits = []
    for article_id, score in page:
        if article_id not in texts:
            continue
        title, lead, body, date = texts[article_id]
        text = "\n".join([lead, body, *captions.get(article_id, [])])
        hits.append(Hit(article_id, float(score or 0.0), highlighter.whole(title), highlighter.snippet(text), date))
    return hits


def _facets(index, searcher, matched: list[int], result: SearchResult) -> None:
    docs = set(matched)
    if not docs:
        return
    cache = index.facet_cache(searcher)
    for field_name, target in (("unit_id", result.units), ("topic_id", result.topics)):
        for term, postings in cache.terms(field_name).items():
            count = len(docs & postings)
            if count:
                target[int(term)] = count
    dates = cache.dates()
    for docnum in docs:
        key = dates[docnum] if docnum < len(dates) else 0
        if key:
            result.years[key // 10000] = result.years.get(key // 10000, 0) + 1


def _edits(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
    inserts = {a + c + b for a, b in splits for c in _ALPHABET}
    return deletes | swaps | replaces | inserts


def suggest(index, searcher, text: str, words: list[str]) -> str | None:
    """"Did you mean": each unknown word replaced by its most frequent neighbour
    one edit away (two for longer words) in the index's vocabulary."""
    reader = searcher.reader()
    vocabulary = index.facet_cache(searcher).vocabulary()
    changed = False
    replacements: dict[str, str] = {}
    for word in words:
        if "/" in word or word in vocabulary:
            continue
        candidates = _edits(word) & vocabulary
        if not candidates and len(word) > 4:
            candidates = {w2 for w1 in _edits(word) for w2 in _edits(w1)} & vocabulary
        if candidates:
            replacements[word] = max(candidates, key=lambda w: (reader.doc_frequency("all", w), w))
            changed = True
    if not changed:
        return None
    out = []
    for token in text.split():
        folded = fold_token(token)
        out.append(replacements.get(folded, token))
    return " ".join(out)
