"""When the index's segments are merged: by tiers of size, never all at once.

Whoosh's default policy (``MERGE_SMALL``) merges every segment below a
Fibonacci-shaped threshold, and with the 10,000-article segments of a long
import that threshold is passed at 26 segments: one commit then rewrites
260,000 articles (three minutes on an office PC, a third of a 300,000-article
import).  Queries read each term's postings from every segment, but that
costs little per segment (posting lists are decoded into arrays once per
searcher), so segments are merged only in tiers of similar size, as
log-structured indexes do:

* segments are grouped by the power of ten of their article count; a tier
  below the import segment's size is merged into one segment once it holds
  ``FANOUT`` segments (edits and small imports make many tiny segments);
* import-sized segments are left alone until there are more than
  ``MOST_LARGE`` of them, and then the smallest ``FANOUT`` are merged;
* a segment with a third of its articles deleted (edited or purged since) is
  rewritten, so deleted postings do not pile up;
* with ``expunge`` every segment holding a deleted article is rewritten: a
  server PC's index withdrew an article its account may no longer see, and
  the words only that article held must leave the term dictionary (which
  did-you-mean reads) at once, not at some later merge.

On a server PC, where a clerk's save must be searchable on the other PCs
within seconds while another PC imports, no commit merges (:func:`nothing`):
the merges are built apart (:func:`build_apart`), from segments that are never
changed once written, without the index's write lock, and swapped in by a
commit that only rewrites the table of contents, carrying over the deletions
made meanwhile (:class:`Apart`).  A save waits for one short pass, never for
a merge.  Small segments are merged by indexing their articles again from the
database rather than by reading back their postings: reading a term costs
about a millisecond whatever its postings, and a segment of a few articles
holds thousands of terms (ten one-article segments took 8 s to merge, their
ten articles 0.1 s to index).

Compacting (``luutru-cli compact-index``, after a long import) merges further,
on request: the smallest segments into one of at most ``limit`` articles, again
and again.  Each segment repeats the lexicon of every field and the bucket
terms of rare pairs, so fewer segments make a smaller index; the limit bounds
the memory a merge holds (all of the new segment's postings).
"""

from __future__ import annotations

import math
from collections import defaultdict

from whoosh.reading import SegmentReader

FANOUT = 10
REREAD_DOCS = 1_000  # segments up to this size are merged by indexing their articles again
MOST_LARGE = 60
DELETED_SHARE = 1 / 3


def tier(articles: int) -> int:
    return int(math.log10(articles)) if articles > 0 else 0


def chosen(segments: list, large: int, expunge: bool = False) -> list:
    """The segments to merge, out of ``segments`` (``large``: the import segment's size)."""
    share = 0 if expunge else DELETED_SHARE
    picked = [s for s in segments if s.deleted_count() and s.deleted_count() >= share * s.doc_count_all()]
    top = tier(large)
    tiers = defaultdict(list)
    for segment in segments:
        if segment not in picked:
            tiers[min(tier(segment.doc_count_all()), top)].append(segment)
    for level, members in tiers.items():
        if level < top and len(members) >= FANOUT:
            picked += members
        elif level == top and len(members) > MOST_LARGE:
            picked += sorted(members, key=lambda s: s.doc_count_all())[:FANOUT]
    return picked


def _merging(pick):
    """A Whoosh merge policy (``writer.commit(mergetype=…)``) that merges the segments
    ``pick(segments)`` names into the commit's new segment and keeps the rest."""

    def merge(writer, segments):
        picked = pick(list(segments))
        for segment in picked:
            reader = SegmentReader(writer.storage, writer.schema, segment)
            writer.add_reader(reader)
            reader.close()
        return [s for s in segments if s not in picked]

    return merge


def nothing(_writer, segments) -> list:
    """The merge policy of a commit that must be quick: every segment stays."""
    return list(segments)


class Apart:
    """A merged segment written without the write lock, waiting to be swapped in."""

    def __init__(self, writer, picked: list, deleted_before: list[set], docmaps: list, merged):
        self.writer = writer
        self.picked = picked
        self.deleted_before = deleted_before  # each picked segment's deletions when it was read
        self.docmaps = docmaps  # each picked segment's (first new docnum, {old docnum: new} or None: in order)
        self.merged = merged

    def swap(self, _writer, segments) -> list:
        """A merge policy for a commit under the write lock: the picked segments replaced by the
        merged one, with what was deleted from them since they were read deleted from it too.
        Nothing changes if one of them is gone (compacted meanwhile)."""
        self.writer.release()  # from here the merged files live or die with this commit's contents
        current = {segment.segment_id(): segment for segment in segments}
        names = [segment.segment_id() for segment in self.picked]
        if not all(name in current for name in names):
            return list(segments)
        for name, (base, docmap), before in zip(names, self.docmaps, self.deleted_before):
            for old in set(current[name].deleted_docs()) - before:
                new = docmap.get(old) if docmap is not None else base + old
                if new is not None:  # None: the article had left the database already
                    self.merged.delete_document(new)
        kept = [segment for segment in segments if segment.segment_id() not in names]
        return kept + [self.merged] if self.merged.doc_count() else kept

    def abandon(self) -> None:
        """Not swapped in: the next commit deletes its files."""
        self.writer.release()


def build_apart(writer, pick, documents, turn) -> Apart | None:
    """Merge the segments ``pick`` names among ``writer``'s (a writer made without the lock)
    into a new segment, without touching the table of contents; None if none is picked.
    Segments of up to ``REREAD_DOCS`` articles are indexed again from ``documents(ids)``
    (the index's documents of those article ids still in the database), larger ones
    merged by their postings.  ``turn()`` is called between segments and between
    articles: it waits while a pass of saves runs (they go first) and raises
    :class:`MergeCancelled` to drop the merge."""
    picked = pick(list(writer.segments))
    if not picked:
        writer.abandon_apart()
        return None
    try:
        before, docmaps = [], []
        for segment in picked:
            turn()
            before.append(set(segment.deleted_docs()))
            reader = SegmentReader(writer.storage, writer.schema, segment)
            try:
                if segment.doc_count_all() <= REREAD_DOCS:
                    docmaps.append((writer.docnum, _reread(writer, reader, documents, turn)))
                else:
                    writer.add_reader(reader)
                    docmaps.append(writer.docmaps[-1])
            finally:
                reader.close()
        merged = writer.finish_apart()
    except BaseException:
        writer.abandon_apart()
        raise
    return Apart(writer, picked, before, docmaps, merged)


def _reread(writer, reader, documents, turn) -> dict[int, int]:
    """Add the segment's live articles to ``writer`` as the database has them now; returns
    {old docnum: new docnum}.  An article changed since is replaced again by the change's
    own pass; one gone from the database is left out (its change deletes nothing more)."""
    live = [(docnum, int(fields["id"])) for docnum, fields in reader.iter_docs()]
    docs = {int(doc["id"]): doc for doc in documents([article for _, article in live])}
    docmap = {}
    for docnum, article in live:
        turn()
        if article in docs:
            docmap[docnum] = writer.docnum
            writer.add_document(**docs[article])
    return docmap


class MergeCancelled(Exception):
    """The index is being closed, rebuilt or compacted: the merge apart is dropped."""


def policy(large: int, expunge: bool = False):
    """The merge policy for import segments of ``large`` articles (see :func:`chosen`)."""
    return _merging(lambda segments: chosen(segments, large, expunge))


def compact_group(segments: list, limit: int) -> list:
    """The smallest segments whose live articles together are at most ``limit`` (two at
    least, or none: nothing left to compact)."""
    group, total = [], 0
    for segment in sorted(segments, key=lambda s: s.doc_count()):
        if total + segment.doc_count() > limit:
            break
        group.append(segment)
        total += segment.doc_count()
    return group if len(group) >= 2 else []


def compacting(limit: int):
    """The merge policy that merges :func:`compact_group` into the commit's segment."""
    return _merging(lambda segments: compact_group(segments, limit))
