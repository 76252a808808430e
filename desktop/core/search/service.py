"""Run a search on an archive's index: hits with highlighted snippets, facets, suggestions.

The text it confirms phrases on and cuts snippets from is read through
:mod:`documents`, the one reader of article text for search.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from whoosh import query as Q

from desktop.core.search.documents import folded_texts, hit_texts
from desktop.core.search.engine.evaluator import Evaluator, term_scores
from desktop.core.search.query import TITLE_PHRASE_BOOST, ParsedQuery, QueryError, date_range, parse_query
from desktop.core.search.index import SearchIndex
from desktop.core.search.snippets import Highlighter
from desktop.core.search.sorts import SORTS
from desktop.core.search.suggest import suggest
from desktop.core.search.units import UnitTerms


@dataclass(frozen=True)
class Hit:
    id: int
    score: float
    title: str  # with match markup
    snippet: str  # with match markup, from body and captions
    published_date: dt.date | None
    plain_title: str  # as stored, for machines and for sorting
    strong: bool  # the words stand as typed (see _strong); scattered matches come after


@dataclass
class SearchResult:
    query: str
    total: int  # every match, strong and scattered
    hits: list[Hit]
    strong: int = 0  # the count people read: matches with the words as typed, listed first
    units: dict[int, int] = field(default_factory=dict)  # unit id → matching articles (its sub-units' too)
    tagged: dict[int, int] = field(default_factory=dict)  # unit id → matching articles tagged with it
    predecessors: list[int] = field(default_factory=list)  # units included as predecessors of those chosen
    topics: dict[int, int] = field(default_factory=dict)
    years: dict[int, int] = field(default_factory=dict)
    suggestion: str | None = None


def _filters(
    unit_ids: Sequence[int], topic_ids: Sequence[int], date_from, date_to, trashed: bool,
    units: UnitTerms | None, lineage: bool,
) -> list[Q.Query]:
    filters: list[Q.Query] = [Q.Term("trashed", "1" if trashed else "0")]
    if unit_ids and units is not None:
        filters.append(units.chosen(unit_ids, lineage))
    elif unit_ids:
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
    units: UnitTerms | None = None,
    lineage: bool = True,
) -> tuple[ParsedQuery, Q.Query]:
    """The query for ``text`` and the filters; with ``units``, chosen units (filter or
    ``unit:``) bring their predecessors' articles unless ``lineage`` is off."""
    parsed = parse_query(text, units.named if units is not None else None)
    query = parsed.whoosh()
    filters = _filters(unit_ids, topic_ids, date_from, date_to, trashed, units, lineage)
    return parsed, Q.And([query, *filters]) if filters else query


RERANK_DEPTH = 30  # best candidates whose titles are checked for the whole query as a phrase
VERIFY_CHUNK = 200  # candidates whose text is read at a time to confirm a long phrase (all of them)
VERIFY_FIRST = 20  # for a page: twice what is still missing, at least this many


def search(
    index: SearchIndex,
    text: str,
    *,
    unit_ids: Sequence[int] = (),
    topic_ids: Sequence[int] = (),
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    trashed: bool = False,
    lineage: bool = True,
    lineage_of: Callable[[], object] | None = None,
    sort: str = "relevance",
    limit: int = 50,
    offset: int = 0,
    markup: tuple[str, str] = ("<b>", "</b>"),
    escape_html: bool = True,
    facets: bool = True,
    exact_total: bool = False,
) -> SearchResult:
    """Search the archive.  ``text`` uses the query language in :mod:`query`.

    Every matching article is found and scored at once over cached posting
    arrays (:mod:`engine`): BM25 on the words, plus boosts for words in the
    title, the accents typed and adjacent word pairs; the best few are then
    re-ranked by whether their title holds the whole query.  ``total`` is
    exact, except that quoted phrases of three words or more are confirmed
    on the text only as far as the page needs unless ``facets`` or
    ``exact_total`` asks for all of them.  A unit chosen (``unit_ids`` or
    ``unit:"…"``) brings its predecessors' articles too unless ``lineage`` is
    off or the query says ``unit="…"``; ``lineage_of`` reads the units and
    their links (store/lineage.py), and only when a unit is named.
    """
    filters = dict(unit_ids=unit_ids, topic_ids=topic_ids, date_from=date_from, date_to=date_to, trashed=trashed,
                   lineage=lineage, lineage_of=lineage_of)

    def run() -> SearchResult:
        ranked = _rank(index, text, filters, sort=sort, wanted=offset + limit, complete=facets or exact_total)
        page = [(ranked.ids_of[d], float(ranked.score[d]) if sort == "relevance" else 0.0, bool(ranked.strong[d]))
                for d in ranked.docs[offset : offset + limit].tolist()]
        hits = _hits(index, page, ranked.parsed, markup, escape_html)
        result = SearchResult(query=text, total=ranked.total, hits=hits, strong=ranked.strong_total,
                              predecessors=ranked.predecessors)
        if facets:
            matched = np.zeros(ranked.cache.size, dtype=bool)
            matched[ranked.docs] = True
            _facets(ranked.cache, matched, result)
        if not page and ranked.parsed.words:
            result.suggestion = suggest(ranked.cache, text, ranked.parsed.words)
        return result

    return _recovering(index, run)


def _recovering(index: SearchIndex, run):
    """``run()``; if it fails because an index file is damaged, once more on a rebuilt index
    (the database is the truth) rather than an error or a wrong count."""
    try:
        return run()
    except QueryError:
        raise
    except Exception:
        if not index.recover():
            raise
    return run()


@dataclass
class _Ranked:
    parsed: ParsedQuery
    cache: object
    ids_of: object
    docs: np.ndarray  # article numbers in the index, in result order
    score: np.ndarray
    total: int
    strong: np.ndarray  # by article number: the words stand as typed
    strong_total: int
    predecessors: list[int]


def _rank(index: SearchIndex, text: str, filters: dict, *, sort: str, wanted: int | None, complete: bool) -> _Ranked:
    """Every match, in order as far as ``wanted`` (None: all).  With ``complete`` every long
    phrase is confirmed, otherwise only as many as ``wanted`` (``total`` counts the rest)."""
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {SORTS}")
    filters = dict(filters)
    lineage_of = filters.pop("lineage_of", None)
    units = UnitTerms(lineage_of) if lineage_of is not None else None
    parsed, query = build_query(text, units=units, **filters)
    searcher = index.searcher()
    cache = index.postings(searcher)
    mask, score = Evaluator(cache).evaluate(query)
    found = np.flatnonzero(mask)
    strong = _strong(cache, parsed)
    if sort == "relevance":
        for boost in parsed.boosts:
            if isinstance(boost, Q.Term):
                ids, values = term_scores(cache, boost.fieldname, boost.text)
                score[ids] += values * boost.boost
            elif isinstance(boost, Q.NumericRange):  # dated in a period typed among the words
                dated, _ = Evaluator(cache).evaluate(boost)
                score[dated] += boost.boost
        phrases_first = bool(parsed.verify) or wanted is None
        depth = None if phrases_first else max(wanted, RERANK_DEPTH)
        order = np.concatenate([_by_score(part, score, depth) for part in _split(found, strong)])
    else:
        dates = cache.dates()
        order = np.concatenate([_by_date(part, dates, newest_first=sort == "date_desc") for part in _split(found, strong)])
    ids_of = index.article_ids(searcher)
    phrases = [_phrase_pattern(q.words) for q in parsed.verify]
    kept, checked = _confirmed(index, ids_of, order, phrases, None if complete else wanted)
    if sort == "relevance" and parsed.title_terms:
        kept = _title_phrase_first(index, ids_of, kept, score, strong, parsed.title_terms)
    total = len(kept) + len(order) - checked  # unchecked candidates are counted as matches
    strong_total = int(np.count_nonzero(strong[kept]) + np.count_nonzero(strong[order[checked:]]))
    return _Ranked(parsed, cache, ids_of, kept, score, total, strong, strong_total,
                   units.predecessors if units else [])


def _strong(cache, parsed: ParsedQuery) -> np.ndarray:
    """Which articles hold the query's words as typed: every adjacent pair typed stands
    somewhere in the article, or every word is in its title.  Unquoted words match an
    article that holds each syllable anywhere ("giao ban thi uy" finds every article
    naming a "ban" and the "Thị ủy"), so only these are counted as the result; the rest
    follow as scattered matches.  One word, a phrase, a document number or fields alone
    make every match strong, and so do alternatives (OR), whose words need not all be there.
    A year or month among the words may be the article's date instead, so it is left out."""
    pairs = [p for p in parsed.pairs if not any(part.isdigit() for part in p.split("_"))]
    if not pairs or parsed.any_of:
        return np.ones(cache.size, dtype=bool)
    strong = _holding_every(cache, "pairs", pairs)
    strong |= _holding_every(cache, "title", {t for t in parsed.title_terms if not t.isdigit()})
    return strong


def _holding_every(cache, field: str, terms) -> np.ndarray:
    """Which articles hold every one of ``terms`` in ``field``: one count array, not a mask a term."""
    terms = list(terms)
    held = np.zeros(cache.size, dtype=np.uint8 if len(terms) < 256 else np.uint16)
    for term in terms:
        held[cache.postings(field, term)[0]] += 1  # a term's ids are distinct
    return held == len(terms)


def _split(found: np.ndarray, strong: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Strong matches, then scattered ones (each kept in its order)."""
    flags = strong[found]
    return found[flags], found[~flags]


def _by_score(found: np.ndarray, score: np.ndarray, depth: int | None) -> np.ndarray:
    """``found`` best first (ties by article number), sorted only ``depth`` deep (None: all);
    a page never reaches further, and on a large archive the full sort is the slow part."""
    if depth is not None and len(found) > depth:
        part = np.argpartition(-score[found], depth - 1)
        best, rest = found[part[:depth]], found[part[depth:]]
    else:
        best, rest = found, found[:0]
    best = best[np.lexsort((best, -score[best]))]
    return np.concatenate([best, rest])


def _by_date(found: np.ndarray, dates: np.ndarray, *, newest_first: bool) -> np.ndarray:
    """Dated articles by date (undated last), ties by article number."""
    keys = dates[found]
    return found[np.lexsort((found, -keys if newest_first else keys, keys == 0))]


def _phrase_pattern(words: list[str]) -> re.Pattern:
    """Folded words one after another, whatever punctuation or spacing lies between."""
    parts = [r"\s?".join(map(re.escape, w)) if "/" in w or "-" in w else re.escape(w) for w in words]
    return re.compile(r"(?<!\w)" + r"[\W_]+".join(parts) + r"(?!\w)")


def _folded_texts(index, article_ids: list[int], *, body: bool) -> dict[int, str]:
    with index.session() as s:
        return folded_texts(s, article_ids, body=body)


def _confirmed(index, ids_of, order: np.ndarray, phrases: list[re.Pattern], wanted: int | None):
    """The ordered candidates whose text holds every long quoted phrase, read a chunk at a
    time until ``wanted`` are confirmed (all when None); and how many were checked."""
    if not phrases:
        return order, len(order)
    kept: list[int] = []
    checked = 0
    while checked < len(order) and (wanted is None or len(kept) < wanted):
        size = VERIFY_CHUNK if wanted is None else max(VERIFY_FIRST, 2 * (wanted - len(kept)))
        chunk = order[checked : checked + size]
        texts = _folded_texts(index, [int(ids_of[d]) for d in chunk], body=True)
        kept += [d for d in chunk.tolist() if all(p.search(texts.get(int(ids_of[d]), "")) for p in phrases)]
        checked += len(chunk)
    return np.asarray(kept, dtype=np.int64), checked


def _title_phrase_first(index, ids_of, ranked: np.ndarray, score: np.ndarray, strong: np.ndarray,
                        words: list[str]) -> np.ndarray:
    """Re-rank the best candidates: a title holding the whole query as typed wins a bonus
    (strong matches stay before scattered ones)."""
    head, tail = ranked[:RERANK_DEPTH], ranked[RERANK_DEPTH:]
    if not len(head):
        return ranked
    pattern = _phrase_pattern(words)
    titles = _folded_texts(index, [int(ids_of[d]) for d in head], body=False)
    bonus = TITLE_PHRASE_BOOST * len(words)
    for d in head.tolist():
        if pattern.search(titles.get(int(ids_of[d]), "")):
            score[d] += bonus
    head = head[np.lexsort((head, -score[head], ~strong[head]))]
    return np.concatenate([head, tail])


def matching_ids(index: SearchIndex, text: str, *, sort: str = "date_asc", **filters) -> list[int]:
    """Every matching article id (for exporting or listing a whole result)."""
    def run() -> list[int]:
        ranked = _rank(index, text, filters, sort=sort, wanted=None, complete=True)
        return [ranked.ids_of[d] for d in ranked.docs.tolist()]

    return _recovering(index, run)


def _hits(index: SearchIndex, page, parsed: ParsedQuery, markup, escape_html: bool) -> list[Hit]:
    if not page:
        return []
    with index.session() as s:
        texts, captions = hit_texts(s, [article_id for article_id, _, _ in page])
    highlighter = Highlighter(parsed.words, markup, escape_html)
    hits = []
    for article_id, score, is_strong in page:
        if article_id not in texts:
            continue
        title, lead, body, date = texts[article_id]
        text = "\n".join([lead, body, *captions.get(article_id, [])])
        hits.append(Hit(article_id, float(score or 0.0), highlighter.whole(title), highlighter.snippet(text), date,
                        plain_title=title, strong=is_strong))
    return hits


def _facets(cache, matched: np.ndarray, result: SearchResult) -> None:
    if not matched.any():
        return
    for field_name, target in (("unit_id", result.units), ("unit_tag", result.tagged), ("topic_id", result.topics)):
        for term in cache.terms(field_name):
            count = int(np.count_nonzero(matched[cache.postings(field_name, term)[0]]))
            if count:
                target[int(term)] = count
    years, counts = np.unique(cache.dates()[matched] // 10000, return_counts=True)
    result.years.update({int(y): int(c) for y, c in zip(years, counts) if y})
