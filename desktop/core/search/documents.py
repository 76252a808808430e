"""What the index holds for each article, read from the database with plain queries.

The index writer re-reads every queued article.  Loading them as ORM objects
with their photos, units, topics, people and cited documents cost a third
of a millisecond an article, as much as writing its postings; six plain
selects for a batch return only the columns the index needs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import models as m
from desktop.core.search.analysis import doc_token


def doc_parts(number: str) -> list[str]:
    """Searchable parts of a document number: "09-NQ/TU" → ["nq/tu", "nq", "tu"]."""
    folded = doc_token(number)
    if "-" not in folded:
        return []
    _, _, suffix = folded.partition("-")
    return [suffix, *[p for p in suffix.split("/") if p]]


def _ancestors(node_id: int, parents: dict[int, int | None]) -> list[int]:
    chain = []
    while node_id is not None and node_id not in chain:
        chain.append(node_id)
        node_id = parents.get(node_id)
    return chain


def _grouped(rows) -> dict[int, list[tuple]]:
    """Rows whose first column is an article id, grouped by it (order kept)."""
    out: dict[int, list[tuple]] = defaultdict(list)
    for article_id, *rest in rows:
        out[article_id].append(tuple(rest))
    return out


def index_documents(s: Session, ids: Sequence[int]) -> list[dict]:
    """The index document of each existing article among ``ids``."""
    A, P, D, M = (m.Article.__table__.c, m.Photo.__table__.c, m.DocRef.__table__.c, m.Mention.__table__.c)
    units, topics = m.article_units.c, m.article_topics.c
    unit_rows = s.execute(select(m.Unit.id, m.Unit.parent_id, m.Unit.name)).all()
    topic_rows = s.execute(select(m.Topic.id, m.Topic.parent_id, m.Topic.name)).all()
    unit_parents = {i: parent for i, parent, _ in unit_rows}
    unit_names = {i: name for i, _, name in unit_rows}
    topic_parents = {i: parent for i, parent, _ in topic_rows}
    topic_names = {i: name for i, _, name in topic_rows}
    articles = s.execute(
        select(A.id, A.title, A.lead, A.body, A.author, A.published_date, A.trashed_at).where(A.id.in_(ids))
    ).all()
    photos = _grouped(s.execute(
        select(P.article_id, P.caption, P.credit).where(P.article_id.in_(ids)).order_by(P.article_id, P.position)
    ))
    tagged_units = _grouped(s.execute(select(units.article_id, units.unit_id).where(units.article_id.in_(ids))))
    tagged_topics = _grouped(s.execute(select(topics.article_id, topics.topic_id).where(topics.article_id.in_(ids))))
    numbers = _grouped(s.execute(
        select(D.article_id, D.number).where(D.article_id.in_(ids)).order_by(D.article_id, D.id)
    ))
    people = _grouped(s.execute(
        select(M.article_id, m.Person.name, M.title)
        .join(m.Person, m.Person.id == M.person_id)
        .where(M.article_id.in_(ids))
        .order_by(M.article_id, M.person_id)
    ))
    documents = []
    for article_id, title, lead, body, author, date, trashed_at in articles:
        unit_ids = [u for (u,) in tagged_units.get(article_id, ())]
        topic_ids = [t for (t,) in tagged_topics.get(article_id, ())]
        all_units = {i for u in unit_ids for i in _ancestors(u, unit_parents)}
        all_topics = {i for t in topic_ids for i in _ancestors(t, topic_parents)}
        captions = "\n".join(" ".join(filter(None, p)) for p in photos.get(article_id, ()))
        text = "\n".join(filter(None, (lead, body, captions)))
        units = " ; ".join(sorted(unit_names[u] for u in unit_ids))
        topics_text = " ; ".join(sorted(topic_names[t] for t in topic_ids))
        named = " ; ".join(name + (f", {role}" if role else "") for name, role in people.get(article_id, ()))
        cited = [n for (n,) in numbers.get(article_id, ()) if "-" in n]
        documents.append({
            "id": str(article_id),
            # Several texts, not one joined string: the article's text is cut into terms once
            # for both "all" and "pairs" (see SyllableText.counts).
            "all": (title, text, author or "", units, topics_text, named),
            "title": title,
            "exact": "\n".join(filter(None, (title, lead, captions))),
            "pairs": (title, text),
            "author": author or "",
            # A unit's ancestors are searchable by name too: "Tỉnh ủy" finds its Thị ủy's work.
            "unit": " ; ".join(unit_names[i] for i in sorted(all_units) if i in unit_names),
            "topic": topics_text,
            "person": named,
            "doc": ",".join(doc_token(n) for n in cited),
            "kyhieu": ",".join(sorted({p for n in cited for p in doc_parts(n)})),
            "unit_id": ",".join(str(i) for i in sorted(all_units)),
            "unit_tag": ",".join(str(i) for i in sorted(unit_ids)),
            "topic_id": ",".join(str(i) for i in sorted(all_topics)),
            "date": date.year * 10000 + date.month * 100 + date.day if date else 0,
            "dated": 1 if date else 0,
            "trashed": "1" if trashed_at is not None else "0",
        })
    return documents
