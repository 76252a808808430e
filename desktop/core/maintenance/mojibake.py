"""Find and repair legacy-encoded text already stored as gibberish ("Uû ban nh©n d©n").

Text typed in TCVN3 or VNI fonts and pasted without conversion is stored as
the Western characters of its byte codes.  Each field is tried against the
legacy decoders; a repair is proposed only where it reads clearly more
Vietnamese than what is stored, and applied only when asked, through the
normal edit path (so it is in the history and undoable by hand).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from db import models as m
from desktop.core.archive import Archive
from desktop.core.ingest.legacy import repair_mojibake

FIELDS = ("title", "lead", "body", "author")


@dataclass(frozen=True)
class Repair:
    article_id: int
    field: str
    before: str
    after: str
    encoding: str


def find(archive: Archive) -> list[Repair]:
    found: list[Repair] = []
    with archive.session() as s:
        rows = s.execute(select(m.Article.id, *[getattr(m.Article, f) for f in FIELDS])).all()
    for row in rows:
        for field, value in zip(FIELDS, row[1:]):
            if not value:
                continue
            fixed = repair_mojibake(value)
            if fixed:
                found.append(Repair(row[0], field, value, fixed[0], fixed[1]))
    return found


def apply(archive: Archive, repairs: list[Repair]) -> int:
    by_article: dict[int, dict[str, str]] = {}
    for repair in repairs:
        by_article.setdefault(repair.article_id, {})[repair.field] = repair.after
    for article_id, changes in by_article.items():
        archive.update_article(article_id, **changes)
    return len(repairs)
