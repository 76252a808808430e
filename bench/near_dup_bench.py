"""Near-duplicate benchmark: copies caught, false flags, other reports of one event.

    python -m bench.near_dup_bench                  # 2,000 distinct articles
    python -m bench.near_dup_bench --distinct 500   # a quick look

Builds the seeded set of :mod:`bench.near_dup_corpus` (distinct articles in an
office's house style, republished copies edited by 5–20 % of their words, two
or three papers' reports of one event), imports it into a fresh archive in
batches as a folder import does (copies after their originals, shuffled), and
reads back what the archive flagged:

* copies caught: a copy flagged as the near-duplicate of its original;
* false duplicate flags per 1,000 distinct articles: any other pair flagged as
  a duplicate (the other reports of an event count as distinct articles);
* reports of one event shown as related, and unrelated pairs shown as related.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from bench.near_dup_corpus import PAPERS, Office, event, report, republish
from db import models as m
from desktop.core.archive import Archive
from desktop.core.draft import ArticleDraft
from desktop.core.store.storing import Incoming

BATCH = 200


@dataclass
class Item:
    title: str
    text: str
    event: int  # the event written up
    copy_of: Item | None = None  # the original, for a republished copy
    edited: float = 0.0


def build_set(distinct: int, copies: int, events: int, seed: int) -> list[Item]:
    """Items in import order: every copy comes after its original."""
    rng = random.Random(seed)
    office = Office.make(rng)
    items: list[Item] = []
    for n in range(distinct):
        e = event(rng, office)
        items.append(Item(*report(rng, office, e, paper=rng.choice(PAPERS), boilerplate=rng.random() < 0.7), event=n))
    for n in range(events):
        e = event(rng, office)
        for paper in rng.sample(PAPERS, rng.randint(2, 3)):
            items.append(Item(*report(rng, office, e, paper=paper, boilerplate=rng.random() < 0.7), event=distinct + n))
    order = list(range(len(items)))
    rng.shuffle(order)
    items = [items[i] for i in order]
    for original in rng.sample(items, copies):
        title, text, edited = republish(rng, original.title, original.text, rng.uniform(0.05, 0.20), rng.choice(PAPERS))
        position = rng.randint(next(i for i, x in enumerate(items) if x is original) + 1, len(items))
        items.insert(position, Item(title, text, original.event, copy_of=original, edited=edited))
    return items


def run(distinct: int, copies: int, events: int, seed: int) -> dict:
    items = build_set(distinct, copies, events, seed)
    with tempfile.TemporaryDirectory() as tmp, Archive.open(Path(tmp) / "archive") as archive:
        started = time.perf_counter()
        ids: list[int] = []
        for start in range(0, len(items), BATCH):
            batch = items[start : start + BATCH]
            drafts = [Incoming(ArticleDraft(title=i.title, lead="", body=i.text)) for i in batch]
            ids += [r.article_id for r in archive.add_drafts(drafts, index=False)]
        seconds = time.perf_counter() - started
        with archive.session() as s:
            flagged = s.execute(select(m.NearDuplicate.article_id, m.NearDuplicate.other_id, m.NearDuplicate.kind)).all()
    by_id = dict(zip(ids, items))
    id_of = {id(item): article_id for article_id, item in by_id.items()}
    copies_list = [(article_id, item) for article_id, item in by_id.items() if item.copy_of is not None]
    duplicates = {(a, b) for a, b, kind in flagged if kind == "duplicate"}
    related = {(a, b) for a, b, kind in flagged if kind == "related"}
    caught = sum((article_id, id_of[id(item.copy_of)]) in duplicates for article_id, item in copies_list)

    def true_pair(a: int, b: int) -> bool:
        x, y = by_id[a], by_id[b]
        return (x.copy_of is not None and id_of[id(x.copy_of)] == b) or (y.copy_of is not None and id_of[id(y.copy_of)] == a)

    false_duplicates = [(a, b) for a, b in duplicates if not true_pair(a, b)]
    same_event_pairs = sum(n * (n - 1) // 2 for n in _report_counts(items, distinct).values())
    same_event_related = {tuple(sorted((a, b))) for a, b in related | duplicates
                          if by_id[a].event == by_id[b].event and by_id[a].event >= distinct
                          and by_id[a].copy_of is None and by_id[b].copy_of is None}
    unrelated_related = [(a, b) for a, b in related if by_id[a].event != by_id[b].event]
    originals = len(items) - len(copies_list)
    return {
        "articles": len(items), "distinct": originals, "copies": len(copies_list),
        "edited": (min(i.edited for _, i in copies_list), max(i.edited for _, i in copies_list)),
        "caught": caught / len(copies_list),
        "false_duplicates": len(false_duplicates),
        "false_per_1000": 1000 * len(false_duplicates) / originals,
        "same_event_pairs": same_event_pairs, "same_event_related": len(same_event_related),
        "unrelated_related_per_1000": 1000 * len(unrelated_related) / originals,
        "seconds": seconds,
    }


def _report_counts(items: list[Item], distinct: int) -> dict[int, int]:
    counts: dict[int, int] = {}
    for item in items:
        if item.copy_of is None and item.event >= distinct:
            counts[item.event] = counts.get(item.event, 0) + 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--distinct", type=int, default=2000, help="articles each about its own event")
    parser.add_argument("--copies", type=int, default=None, help="republished copies (default: a fifth of --distinct)")
    parser.add_argument("--events", type=int, default=None, help="events written up by 2-3 papers (default: a sixth)")
    parser.add_argument("--seed", type=int, default=20261201)
    args = parser.parse_args()
    copies = args.copies if args.copies is not None else args.distinct // 5
    events = args.events if args.events is not None else args.distinct // 6
    r = run(args.distinct, copies, events, args.seed)
    print(f"{r['articles']} articles imported in {r['seconds']:.1f} s: {r['distinct']} distinct "
          f"(incl. other reports of {events} events), {r['copies']} republished copies "
          f"edited {r['edited'][0]:.0%}-{r['edited'][1]:.0%}")
    print(f"copies caught as near-duplicates: {r['caught']:.1%}")
    print(f"false duplicate flags: {r['false_duplicates']} ({r['false_per_1000']:.2f} per 1,000 distinct articles)")
    print(f"other reports of one event shown as related: {r['same_event_related']} of {r['same_event_pairs']} pairs")
    print(f"unrelated articles shown as related: {r['unrelated_related_per_1000']:.2f} per 1,000 distinct articles")


if __name__ == "__main__":
    main()
