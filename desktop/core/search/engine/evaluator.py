"""Evaluate a query over whole posting arrays: which articles match, and their BM25 scores.

The queries are the Whoosh query objects that :mod:`query` builds; each is
answered with numpy operations on :class:`PostingCache` arrays instead of
Whoosh's per-posting matchers, so the cost of a common syllable is one
vectorised pass, not one interpreted step per article.  Scores are BM25
(k1 = 1.2, b = 0.75) per field, as Whoosh's default scorer computes them.
Query kinds this module does not know (rare: positional phrases on the small
name fields) are answered by Whoosh itself and cached for the searcher.
"""

from __future__ import annotations

import numpy as np
from whoosh import query as Q

from desktop.core.search.engine.postings import PostingCache

K1, B = 1.2, 0.75
UNSCORED = frozenset({"trashed", "unit_id", "unit_tag", "topic_id", "date", "dated", "id", "doc", "kyhieu"})


def term_scores(cache: PostingCache, field: str, term: str) -> tuple[np.ndarray, np.ndarray]:
    """(article numbers, BM25 of ``term`` in ``field`` for each), computed once per searcher:
    the article count and lengths it depends on only change with the index."""
    ids, weights = cache.postings(field, term)
    if not len(ids):
        return ids, weights
    (scores,) = cache.derived(("bm25", field, term), lambda: (_bm25(cache, field, ids, weights),))
    return ids, scores


def _bm25(cache: PostingCache, field: str, ids: np.ndarray, weights: np.ndarray) -> np.ndarray:
    df = len(ids)
    weights = weights.astype(np.float32, copy=False)  # the cache keeps counts as bytes
    idf = np.log(1.0 + (cache.count - df + 0.5) / (df + 0.5))
    norm = _norms(cache, field)[ids]
    return (idf * weights * (K1 + 1.0) / (weights + norm)).astype(np.float32)


def _norms(cache: PostingCache, field: str) -> np.ndarray:
    """BM25's length normalisation of every article in ``field``, once per searcher (it was
    worked out again for each posting of each term read)."""
    return cache.derived_object(
        ("bm25 norms", field),
        lambda: K1 * (1.0 - B + B * cache.lengths(field) / cache.average_length(field)),
    )


def _flattened(q: Q.Query) -> list[Q.Query]:
    """The subqueries of an And (Or), with those of And (Or) subqueries in their place: the
    words' And inside the filters' And is then one pass, not three more arrays.  (Scores
    add up the same: a compound query's own boost was never applied.)"""
    found = []
    for sub in q.subqueries:
        found += _flattened(sub) if type(sub) is type(q) else [sub]
    return found


class Evaluator:
    """One query's evaluation against one searcher's cache."""

    def __init__(self, cache: PostingCache):
        self.cache = cache
        self.size = cache.size

    def evaluate(self, query: Q.Query) -> tuple[np.ndarray, np.ndarray]:
        """(mask of matching live articles, score of each article)."""
        mask, score = self._eval(query)
        mask &= self.cache.live  # every mask _eval returns is its own
        return mask, score

    def _zeros(self) -> np.ndarray:
        return np.zeros(self.size, dtype=np.float32)

    def _eval(self, q: Q.Query) -> tuple[np.ndarray, np.ndarray]:
        boost = getattr(q, "boost", 1.0)
        if isinstance(q, Q.Term):
            mask, score = np.zeros(self.size, dtype=bool), self._zeros()
            mask[self._add_term(q, score)] = True
            return mask, score
        if isinstance(q, (Q.And, Q.Or)):
            return self._combine(q, every=isinstance(q, Q.And))
        if isinstance(q, Q.AndNot):
            mask, score = self._eval(q.a)
            excluded, _ = self._eval(q.b)
            mask[excluded] = False
            return mask, score
        if isinstance(q, Q.Every):
            return self.cache.live.copy(), self._zeros()
        if isinstance(q, Q.NumericRange) and q.fieldname == "date":
            dates = self.cache.dates()
            mask = dates >= (q.start if q.start is not None else 0)
            if q.end is not None:
                mask &= dates <= q.end
            return mask, self._zeros()
        if isinstance(q, Q.Prefix):
            mask = np.zeros(self.size, dtype=bool)
            reader = self.cache.searcher.reader()
            for term in reader.expand_prefix(q.fieldname, q.text):
                word = term.decode("utf-8") if isinstance(term, bytes) else term
                mask[self.cache.postings(q.fieldname, word)[0]] = True
            return mask, np.where(mask, np.float32(boost), np.float32(0))
        return self._by_whoosh(q)

    def _add_term(self, q: Q.Term, score: np.ndarray) -> np.ndarray:
        """Add the term's scores into ``score`` (in place); return the articles holding it."""
        if q.fieldname in UNSCORED:
            return self.cache.postings(q.fieldname, q.text)[0]
        ids, values = term_scores(self.cache, q.fieldname, q.text)
        boost = getattr(q, "boost", 1.0)
        score[ids] += values if boost == 1.0 else values * boost
        return ids

    def _combine(self, q: Q.Query, *, every: bool) -> tuple[np.ndarray, np.ndarray]:
        """And (``every``) or Or of the subqueries.  Their terms add into one score array and
        one count of terms held per article, instead of a mask and a score array each:
        arrays over the whole archive are what a query over common words costs most at
        300,000 articles (a fresh megabyte is a few hundred page faults)."""
        subqueries = _flattened(q)
        terms = [sub for sub in subqueries if isinstance(sub, Q.Term)]
        rest = [sub for sub in subqueries if not isinstance(sub, Q.Term)]
        score = self._zeros()
        if terms:
            held = np.zeros(self.size, dtype=np.uint8 if len(terms) < 256 else np.uint32)
            for term in terms:
                held[self._add_term(term, score)] += 1  # a term's ids are distinct
            mask = held == len(terms) if every else held > 0
        else:
            mask = np.full(self.size, every, dtype=bool)
        for sub in rest:
            sub_mask, sub_score = self._eval(sub)
            if every:
                mask &= sub_mask
            else:
                mask |= sub_mask
            score += sub_score
        return mask, score

    def _by_whoosh(self, q: Q.Query) -> tuple[np.ndarray, np.ndarray]:
        """Positional phrases on the name fields: the terms narrow it, Whoosh confirms."""
        mask = np.zeros(self.size, dtype=bool)
        docs = self.cache.whoosh_docs(q)
        if docs:
            mask[np.fromiter(docs, dtype=np.int64, count=len(docs))] = True
        score = self._zeros()
        if isinstance(q, Q.Phrase) and q.fieldname not in UNSCORED:
            for word in q.words:
                ids, values = term_scores(self.cache, q.fieldname, word)
                score[ids] += values * getattr(q, "boost", 1.0)
        return mask, np.where(mask, score, np.float32(0))
