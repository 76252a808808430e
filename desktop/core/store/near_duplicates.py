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

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db import models as m
from db.bulk import insert_rows, rows_where_in
from db.engine import in_chunks
from desktop.core.store.fingerprints import MIN_FINGERPRINTS, NEAR

COMMON = 12  # articles sharing a fingerprint before it counts as boilerplate


def record(s: Session, items: Sequence[tuple[int, set[int]]], boilerplate: set[int] | None = None) -> dict[int, int]:
    """Store each (article id, fingerprints) and flag the most similar other article.

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
    kept_sizes: dict[int, int] = {}
    shared_by: dict[int, Counter] = {}
    for article_id, prints in items:
        if len(prints) < MIN_FINGERPRINTS:
            continue
        seen_with: list[int] = []
        kept = 0
        for value in prints:
            if value in common:
                continue
            others = holders[value]
            if len(others) >= COMMON:
                continue
            seen_with += others
            others.append(article_id)
            rows.append((value, article_id))
            kept += 1
        kept_sizes[article_id] = kept
        if kept >= MIN_FINGERPRINTS:
            shared_by[article_id] = Counter(other for other in seen_with if other != article_id)
    insert_rows(s, table, ("value", "article_id"), rows)
    return _flag(s, shared_by, kept_sizes)


def _flag(s: Session, shared_by: dict[int, Counter], kept_sizes: dict[int, int]) -> dict[int, int]:
    candidates = {
        article_id: [(other, count) for other, count in shared.most_common(3) if count >= NEAR * MIN_FINGERPRINTS]
        for article_id, shared in shared_by.items()
    }
    unknown = sorted({other for pairs in candidates.values() for other, _ in pairs} - set(kept_sizes))
    sizes = dict(kept_sizes)
    for chunk in in_chunks(unknown):
        sizes.update(
            s.execute(
                select(m.Fingerprint.__table__.c.article_id, func.count())
                .where(m.Fingerprint.__table__.c.article_id.in_(chunk))
                .group_by(m.Fingerprint.__table__.c.article_id)
            ).all()
        )
    found: dict[int, int] = {}
    for article_id, pairs in candidates.items():
        best = None
        for other, count in pairs:
            similarity = count / max(1, min(kept_sizes[article_id], sizes.get(other, 1)))
            if similarity >= NEAR and (best is None or similarity > best[1]):
                best = (other, similarity)
        if best is not None:
            s.merge(m.NearDuplicate(article_id=article_id, other_id=best[0], similarity=round(min(best[1], 1.0), 3)))
            found[article_id] = best[0]
    return found
