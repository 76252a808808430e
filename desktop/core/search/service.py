"""Run a search on an archive: hits with highlighted snippets, facets, suggestions."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload
from whoosh import highlight as hl
from whoosh import query as Q
from whoosh import sorting

from db import models as m
from desktop.core.search.analysis import analyzer, fold_token
from desktop.core.search.query import ParsedQuery, date_range, parse_query

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


class _MarkFormatter(hl.Formatter):
    """Wraps matches in the given markers; escapes HTML when asked (for Qt rich text)."""

    def __init__(self, start: str, end: str, escape: bool):
        self.start, self.end, self.escape = start, end, escape
        self.between = " … "

    def _text(self, text):
        return html.escape(text, quote=False) if self.escape else text

    def format_token(self, text, token, replace=False):
        return f"{self.start}{self._text(hl.get_text(text, token, replace))}{self.end}"


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
) -> SearchResult:
    """Search the archive.  ``text`` uses the query language in :mod:`query`."""
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {SORTS}")
    parsed, query = build_query(
        text, unit_ids=unit_ids, topic_ids=topic_ids, date_from=date_from, date_to=date_to, trashed=trashed
    )
    index = archive.search_index
    searcher = index.searcher()
    results = _run(searcher, query, sort, offset + limit)
    page = [(int(r["id"]), r.score if sort == "relevance" else 0.0) for r in results[offset : offset + limit]]
    total = len(results) if results.has_exact_length() else results.estimated_length()
    if facets or not results.has_exact_length():
        matched = list(searcher.docs_for_query(query))
        total = len(matched)
    result = SearchResult(query=text, total=total, hits=_hits(archive, page, parsed, markup, escape_html))
    if facets:
        _facets(index, searcher, matched, result)
    if total == 0 and parsed.words:
        result.suggestion = suggest(index, searcher, text, parsed.words)
    return result


def matching_ids(archive, text: str, *, sort: str = "date_asc", **filters) -> list[int]:
    """Every matching article id (for exporting or listing a whole result)."""
    _, query = build_query(text, **filters)
    results = _run(archive.search_index.searcher(), query, sort, None)
    return [int(r["id"]) for r in results]


def _run(searcher, query: Q.Query, sort: str, limit: int | None):
    if sort == "relevance":
        return searcher.search(query, limit=limit)
    by_date = sorting.MultiFacet(
        [sorting.FieldFacet("dated", reverse=True), sorting.FieldFacet("date", reverse=sort == "date_desc")]
    )
    return searcher.search(query, limit=limit, sortedby=by_date)


def _hits(archive, page, parsed: ParsedQuery, markup, escape_html: bool) -> list[Hit]:
    if not page:
        return []
    ids = [article_id for article_id, _ in page]
    with archive.session() as s:
        articles = {
            a.id: a
            for a in s.scalars(
                select(m.Article).where(m.Article.id.in_(ids)).options(selectinload(m.Article.photos))
            )
        }
        texts = {
            a.id: (a.title, "\n".join([a.lead, a.body, *[p.caption for p in a.photos]]), a.published_date)
            for a in articles.values()
        }
    terms = frozenset(parsed.words)
    formatter = _MarkFormatter(*markup, escape=escape_html)
    fold_an = analyzer("fold")
    hits = []
    for article_id, score in page:
        if article_id not in texts:
            continue
        title, body, date = texts[article_id]
        title_hl = hl.highlight(title, terms, fold_an, hl.WholeFragmenter(), formatter) if terms else ""
        snippet = ""
        if terms:
            snippet = hl.highlight(body, terms, fold_an, hl.ContextFragmenter(maxchars=220, surround=60), formatter, top=2)
        if not title_hl:
            title_hl = html.escape(title, quote=False) if escape_html else title
        if not snippet:
            first = body[:200].rsplit(" ", 1)[0] + ("…" if len(body) > 200 else "")
            snippet = html.escape(first, quote=False) if escape_html else first
        hits.append(Hit(article_id, float(score or 0.0), title_hl, " ".join(snippet.split()), date))
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
