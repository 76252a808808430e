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
from db.trees import Tree
from desktop.core.search.analysis import doc_token
from desktop.text import fold


def doc_parts(number: str) -> list[str]:
    """Searchable parts of a document number: "09-NQ/TU" → ["nq/tu", "nq", "tu"]."""
    folded = doc_token(number)
    if "-" not in folded:
        return []
    _, _, suffix = folded.partition("-")
    return [suffix, *[p for p in suffix.split("/") if p]]


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
    unit_tree, topic_tree = Tree.load(s, m.Unit), Tree.load(s, m.Topic)
    unit_names, topic_names = unit_tree.name, topic_tree.name
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
        all_units = {i for u in unit_ids for i in unit_tree.ancestors(u)}
        all_topics = {i for t in topic_ids for i in topic_tree.ancestors(t)}
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


# A search's reads name the tables' columns, not the mapped classes: a process whose first
# queries are a search (the command line, the window's first search) then never pays for
# configuring every mapper (docs/startup.md).  desktop/core/search/quick_index.py issues the
# same two reads through sqlite3.


def folded_texts(s: Session, article_ids: list[int], *, body: bool) -> dict[int, str]:
    """Each article's title (and, with ``body``, its lead, body and captions), folded:
    what a quoted phrase is confirmed on."""
    A, P = m.Article.__table__.c, m.Photo.__table__.c
    columns = [A.id, A.title] + ([A.lead, A.body] if body else [])
    texts = {row[0]: list(row[1:]) for row in s.execute(select(*columns).where(A.id.in_(article_ids)))}
    if body:
        for article_id, caption, credit in s.execute(
            select(P.article_id, P.caption, P.credit).where(P.article_id.in_(article_ids))
        ):
            texts[article_id] += [caption, credit or ""]
    return {k: fold("\n".join(filter(None, v)).replace("\u00ad", "")) for k, v in texts.items()}


def hit_texts(s: Session, ids: list[int]) -> tuple[dict[int, list], dict[int, list[str]]]:
    """Title, lead, body and date of each hit, and its captions in order: what snippets are cut from."""
    A, P = m.Article.__table__.c, m.Photo.__table__.c
    texts = {
        row.id: [row.title, row.lead, row.body, row.published_date]
        for row in s.execute(select(A.id, A.title, A.lead, A.body, A.published_date).where(A.id.in_(ids)))
    }
    captions: dict[int, list[str]] = {}
    for article_id, caption in s.execute(
        select(P.article_id, P.caption).where(P.article_id.in_(ids)).order_by(P.position)
    ):
        captions.setdefault(article_id, []).append(caption)
    return texts, captions
