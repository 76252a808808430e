"""Store fingerprints and flag near-duplicates, for a whole batch of articles at once.

A run of words that many articles share ("Ban Chấp hành Đảng bộ tỉnh khóa
…", a portal's standing sentence) says nothing about whether two articles
are the same story.  Once a fingerprint is held by ``COMMON`` articles it is
neither stored again nor counted, so the lookup reads at most ``COMMON``
rows a fingerprint and stays as fast at 300,000 articles as at 300.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import filterfalse, repeat

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import models as m
from db.bulk import insert_rows, rows_where_in
from db.engine import in_chunks
from desktop.core.views import RelatedArticle
from desktop.core.store.fingerprints import MIN_FINGERPRINTS
from desktop.core.store.resemblance import kind_of, resemblance, runs

COMMON = 12  # articles sharing a fingerprint before it counts as boilerplate
CANDIDATES = 3  # articles sharing most fingerprints with a new one, compared on their whole text
SHARED = 2  # sampled fingerprints in common (about sixteen runs of five words) that make a candidate
RARE = 3  # a fingerprint held by at most this many other articles is the event's own, not a house phrase
RARE_SHARED = 3  # such fingerprints two related reports must share
LIKELY = 0.25  # share of an article's fingerprints a copy holds at least (half its runs, sampled, with room)


def record(s: Session, items: Sequence[tuple[int, set[int]]], boilerplate: set[int] | None = None) -> dict[int, int]:
    """Store each (article id, fingerprints) and flag the most similar other article
    as a near-duplicate, and other reports of the same event as related.

    Items are compared with the stored articles and with the items before
    them, so copies inside one imported folder are found too.  Returns
    article id → the article it nearly duplicates.  ``boilerplate`` is the
    caller's memory of fingerprints already held by ``COMMON`` stored
    articles: they are not looked up again (this set is added to).
    """
    table = m.Fingerprint.__table__
    common = boilerplate if boilerplate is not None else set()
    values = sorted(set().union(*(prints for _, prints in items)) - common)
    holders: dict[int, list[int]] = defaultdict(list)
    for value, article_id in rows_where_in(s, table, ("value", "article_id"), "value", values):
        holders[value].append(article_id)
    common.update(value for value, others in holders.items() if len(others) >= COMMON)
    rows: list[tuple[int, int]] = []
    shared_by: dict[int, Counter] = {}
    rare_by: dict[int, Counter] = {}
    kept_by: dict[int, int] = {}
    for article_id, prints in items:
        if len(prints) < MIN_FINGERPRINTS:
            continue
        seen_with: list[int] = []
        rare_with: list[int] = []
        # Most of an article's fingerprints no other article holds: those are taken in bulk
        # (filtered against the dict: set.difference would walk all of it).
        fresh = set(filterfalse(holders.__contains__, prints.difference(common)))
        for value in fresh:
            holders[value] = [article_id]
        rows.extend(zip(fresh, repeat(article_id)))
        kept = len(fresh)
        known = prints.difference(fresh, common)  # held by other articles already
        for value in filter(known.__contains__, prints):  # in the order the loop always took them
            others = holders[value]
            if len(others) >= COMMON:
                continue
            seen_with += others
            if len(others) <= RARE:
                rare_with += others
            others.append(article_id)
            rows.append((value, article_id))
            kept += 1
        if kept >= MIN_FINGERPRINTS:
            shared_by[article_id] = Counter(other for other in seen_with if other != article_id)
            rare_by[article_id] = Counter(other for other in rare_with if other != article_id)
            kept_by[article_id] = kept
    insert_rows(s, table, ("value", "article_id"), rows)
    return _flag(s, shared_by, rare_by, kept_by)


def _flag(s: Session, shared_by: dict[int, Counter], rare_by: dict[int, Counter], kept: dict[int, int]) -> dict[int, int]:
    """Compare each article with the few sharing most fingerprints, on their whole text:
    the closest copy becomes a "duplicate" to settle; others resembling it are "related"
    if they also share runs few other articles hold (the event's names, figures, quotations),
    not only the office's standing sentences."""
    candidates = {
        article_id: [other for other, count in shared.most_common(CANDIDATES)
                     if count >= SHARED and (count >= LIKELY * kept[article_id] or rare_by[article_id][other] >= RARE_SHARED)]
        for article_id, shared in shared_by.items()
    }
    candidates = {article_id: others for article_id, others in candidates.items() if others}
    texts = _runs(s, set(candidates) | {other for others in candidates.values() for other in others})
    found: dict[int, int] = {}
    for article_id, others in candidates.items():
        mine = texts.get(article_id, set())
        scored = sorted(((resemblance(mine, texts.get(other, set())), other) for other in others), reverse=True)
        for score, other in scored:
            kind = kind_of(score)
            if kind == "related" and rare_by[article_id][other] < RARE_SHARED:
                kind = None
            if kind is None:
                continue
            if kind == "duplicate" and article_id in found:
                kind = "related"  # one copy to settle at a time; a copy of a copy is still shown
            if kind == "duplicate":
                found[article_id] = other
            s.merge(m.NearDuplicate(article_id=article_id, other_id=other, similarity=round(score, 3), kind=kind))
    return found


def _runs(s: Session, article_ids: set[int]) -> dict[int, set[str]]:
    """Each article's runs of words, from the text its fingerprints were made of."""
    table = m.Article.__table__
    found: dict[int, set[str]] = {}
    for chunk in in_chunks(sorted(article_ids)):
        for article_id, lead, body in s.execute(select(table.c.id, table.c.lead, table.c.body).where(table.c.id.in_(chunk))):
            found[article_id] = runs(f"{lead}\n{body}")
    return found


def related(s: Session, article_id: int) -> list[RelatedArticle]:
    """Articles found related to this one, either way round, most alike first (none in the Trash)."""
    pairs = m.NearDuplicate.__table__
    found: dict[int, float] = {}
    for a, b, score in s.execute(
        select(pairs.c.article_id, pairs.c.other_id, pairs.c.similarity)
        .where(pairs.c.kind == "related", (pairs.c.article_id == article_id) | (pairs.c.other_id == article_id))
    ):
        other = b if a == article_id else a
        found[other] = max(score, found.get(other, 0.0))
    articles = m.Article.__table__
    rows = s.execute(
        select(articles.c.id, articles.c.title, articles.c.published_date)
        .where(articles.c.id.in_(sorted(found)), articles.c.trashed_at.is_(None))
    ).all()
    return sorted((RelatedArticle(i, title, day, found[i]) for i, title, day in rows), key=lambda r: (-r.similarity, r.id))
