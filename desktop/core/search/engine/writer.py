"""Writing the Whoosh index an article at a time, without Whoosh's per-posting Python.

Whoosh's segment writer turns every token into a ``Token`` object, every
posting into a tuple that is pickled to a sorted run file, and then writes
the postings one interpreted call at a time; merging segments reads them
back the same way.  An article has some 900 postings, so that was ~10 ms an
article.  Here:

* :class:`SyllableText` cuts a field's terms in bulk (see analysis.py) and
  counts them with a ``Counter`` (no ``Token`` objects); adjacent pairs are
  counted as numbers (:class:`PairPostings`);
* :class:`GroupedPool` keeps each term's postings in typed arrays as they
  arrive (documents arrive in order, so nothing needs sorting but the terms);
* :class:`FastSegmentWriter` writes each term's postings block by block and
  merges older segments by decoding whole blocks into arrays; beside the
  segment it writes the word list "did you mean" reads (:mod:`wordlists`).

The files written are ordinary ``whoosh3`` segments: Whoosh reads them, and
the tests search them with Whoosh's own queries too.
"""

from __future__ import annotations

from array import array
from collections import Counter, defaultdict
from itertools import count, repeat

import numpy as np
from whoosh.fields import TEXT
from whoosh.formats import Format
from whoosh.system import emptybytes

from desktop.core.search.analysis import BREAK, analyzer, exact_sequence, fold_sequence, fold_terms, pair_counts
from desktop.core.search.engine import rarepairs, wordlists
from desktop.core.search.engine.postings import column_lengths, leaf_blocks, leaf_packed
from desktop.core.search.engine.termfile import FieldPostings, write_field
from desktop.core.search.engine.whoosh_compat import BulkTermTable, SegmentWriterBase, block_settings

ANALYSED = 20_000  # distinct (field, value) analyses a pool remembers
_SEQUENCES = {"fold": fold_sequence, "pair": fold_sequence, "exact": exact_sequence}


def _joined(value: str | tuple[str, ...], sequence) -> list[str]:
    """The terms of a value that is one text or several; no term spans two texts."""
    if isinstance(value, str):
        return sequence(value)
    out: list[str] = []
    for part in value:
        out += sequence(part)
        out.append(BREAK)
    return out


class Counts(Format):
    """A term's count in each article, kept only as the posting's weight.

    Whoosh's ``Frequency`` format stores the count a second time as a 4-byte
    value per posting; nothing reads it (scores use the weight), and in the
    term table it pickled to 60 bytes for each term held by a single article."""

    posting_size = 0


class SyllableText(TEXT):
    """A frequency-only text field whose terms are counted without ``Token`` objects."""

    def __init__(self, form: str):
        super().__init__(analyzer=analyzer(form), phrase=False)
        self.format = Counts()
        self.form = form

    def sequence(self, value: str | tuple[str, ...]) -> list[str]:
        """The value's terms in order (for pairs: its syllables), ``BREAK`` between texts.
        An article's text is shared by several fields and cut once: see ``fold_sequence``."""
        return _joined(value, _SEQUENCES[self.form])

    def counts(self, value: str | tuple[str, ...]) -> Counter:
        """Terms and frequencies of a text, or of several."""
        sequence = self.sequence(value)
        if self.form == "pair":
            return pair_counts(sequence)
        counts = Counter(sequence)
        counts.pop(BREAK, None)
        return counts

    def index(self, value, **kwargs):
        """What Whoosh's own writers (and merges of other indexes) ask for."""
        return [(term.encode("utf-8"), n, float(n), emptybytes) for term, n in self.counts(value).items()]


class PhraseText(TEXT):
    """A folded field with positions (phrases on titles and names), indexed without ``Token`` objects."""

    def __init__(self):
        super().__init__(analyzer=analyzer("fold"), phrase=True)

    def index(self, value, **kwargs):
        positions = defaultdict(list)
        for position, term in enumerate(fold_terms(value)):
            positions[term].append(position)
        encode = self.format.encode
        return [(term.encode("utf-8"), len(at), float(len(at)), encode(at)) for term, at in positions.items()]


class SyllablePostings:
    """One syllable field's postings as three flat arrays (term number, document, frequency).

    A document's terms are appended with three C-level ``extend`` calls, and
    the postings are grouped by term once, with one stable sort, when the
    segment is written (documents arrive in order, so each term's documents
    stay in order)."""

    def __init__(self):
        self.numbers: dict[str, int] = {}
        self._fresh = count()  # a gap for a known term is harmless: numbers only sort
        self.terms = array("I")
        self.docs = array("I")
        self.freqs = array("f")

    def add_value(self, docnum: int, field: SyllableText, value) -> int:
        """One document's value of the field; returns the field's length."""
        counts = field.counts(value)
        self.terms.extend(map(self.numbers.setdefault, counts.keys(), self._fresh))
        self.docs.extend(repeat(docnum, len(counts)))
        self.freqs.extend(counts.values())
        return counts.total()

    def extend(self, term: str, docnums: np.ndarray, weights: np.ndarray) -> None:
        number = self.numbers.setdefault(term, next(self._fresh))
        self.terms.frombytes(np.full(len(docnums), number, dtype=np.uint32).tobytes())
        self.docs.frombytes(docnums.astype(np.uint32).tobytes())
        self.freqs.frombytes(weights.astype(np.float32).tobytes())

    def grouped(self):
        """(terms in byte order, starts, ends, documents, frequencies): term ``i`` owns
        ``documents[starts[i]:ends[i]]``, and the terms' runs follow one another."""
        keyed = sorted((term.encode("utf-8"), number) for term, number in self.numbers.items())
        rank = np.zeros(max(self.numbers.values(), default=0) + 1, dtype=np.int64)
        rank[np.fromiter((number for _, number in keyed), dtype=np.int64, count=len(keyed))] = np.arange(len(keyed))
        ranks = rank[np.frombuffer(self.terms, dtype=np.uint32)]
        return _grouped_by_rank([term for term, _ in keyed], ranks, self.docs, self.freqs)


def _grouped_by_rank(terms: list[bytes], ranks: np.ndarray, docs: array, freqs: array):
    """Postings (``ranks[i]``: the place of posting ``i``'s term in ``terms``) grouped by term.
    The sort is stable: documents arrive in order, so each term's documents stay in order."""
    order = np.argsort(ranks, kind="stable")
    ranks = ranks[order]
    wanted = np.arange(len(terms))
    starts = np.searchsorted(ranks, wanted, side="left")
    ends = np.searchsorted(ranks, wanted, side="right")
    docs = np.frombuffer(docs, dtype=np.uint32)[order]
    freqs = np.frombuffer(freqs, dtype=np.float32)[order]
    return terms, starts, ends, docs, freqs


class PairPostings:
    """The pair field's postings, each pair kept as two syllable numbers until the segment is written.

    An article has some 800 adjacent pairs; making each a string to count it
    cost more than all the rest of indexing the article.  Here a document's
    pairs are numbers (left syllable << 32 | right) counted by one sort, and
    only the distinct pairs of a whole segment become strings.  Pairs read
    back from an older segment (a merge) arrive as strings: they are kept as
    one number with ``WHOLE`` on the right.
    """

    WHOLE = 0xFFFFFFFF

    def __init__(self):
        self.numbers: dict[str, int] = {}
        self._stops = np.zeros(1024, dtype=bool)  # a number is a BREAK or a document number
        self.codes = array("Q")
        self.docs = array("I")
        self.freqs = array("f")

    def _number_all(self, terms) -> None:
        new = set(terms).difference(self.numbers)
        if not new:
            return
        first = len(self.numbers)
        self.numbers.update(zip(new, count(first)))
        if first + len(new) > len(self._stops):
            self._stops = np.resize(self._stops, 2 * (first + len(new)))
        self._stops[first : first + len(new)] = [term == BREAK or "-" in term for term in new]

    def add_value(self, docnum: int, field: SyllableText, value) -> int:
        """One document's value of the field; returns its number of pairs (the field's length)."""
        sequence = field.sequence(value)
        if len(sequence) < 2:
            return 0
        self._number_all(sequence)
        ids = np.fromiter(map(self.numbers.__getitem__, sequence), dtype=np.uint64, count=len(sequence))
        stops = self._stops[ids]
        codes = ((ids[:-1] << 32) | ids[1:])[~(stops[:-1] | stops[1:])]
        if not len(codes):
            return 0
        codes.sort()
        first = np.empty(len(codes), dtype=bool)
        first[0] = True
        np.not_equal(codes[1:], codes[:-1], out=first[1:])
        starts = np.flatnonzero(first)
        self.codes.frombytes(codes[starts].tobytes())
        self.docs.extend(repeat(docnum, len(starts)))
        self.freqs.frombytes(np.diff(starts, append=len(codes)).astype(np.float32).tobytes())
        return len(codes)

    def extend(self, term: str, docnums: np.ndarray, weights: np.ndarray) -> None:
        self._number_all((term,))
        code = (self.numbers[term] << 32) | self.WHOLE
        self.codes.frombytes(np.full(len(docnums), code, dtype=np.uint64).tobytes())
        self.docs.frombytes(docnums.astype(np.uint32).tobytes())
        self.freqs.frombytes(weights.astype(np.float32).tobytes())

    def grouped(self):
        """As :meth:`SyllablePostings.grouped`; a pair from a merge and the same pair
        counted here become one term."""
        names = [""] * len(self.numbers)
        for term, number in self.numbers.items():
            names[number] = term
        codes = np.frombuffer(self.codes, dtype=np.uint64)
        order = np.argsort(codes, kind="stable")  # the postings are runs of sorted codes: quicker than unique()
        in_order = codes[order]
        firsts = np.flatnonzero(np.diff(in_order, prepend=in_order[:1] + 1))
        whole = self.WHOLE
        strings = [
            names[code >> 32] if code & whole == whole else f"{names[code >> 32]}_{names[code & whole]}"
            for code in in_order[firsts].tolist()
        ]
        terms = sorted(set(strings))
        rank_of = {term: rank for rank, term in enumerate(terms)}
        run_ranks = np.fromiter(map(rank_of.__getitem__, strings), dtype=np.int64, count=len(strings))
        ranks = np.empty(len(codes), dtype=np.int64)
        ranks[order] = np.repeat(run_ranks, np.diff(firsts, append=len(codes)))
        return _grouped_by_rank([t.encode("utf-8") for t in terms], ranks, self.docs, self.freqs)


class GroupedPool:
    """Postings grouped by (field, term), in the order documents arrive.

    Syllable fields keep flat arrays (:class:`SyllablePostings`,
    :class:`PairPostings`); the few positional fields (title, names) keep a
    group of arrays per term."""

    def __init__(self, schema):
        self.schema = schema
        self.syllables: dict[str, SyllablePostings | PairPostings] = {}
        # field → term bytes → (docnums, weights, values)
        self.fields: dict[str, dict] = {}
        self.rare = rarepairs.RarePostings()  # the pairs field's rare pairs, filled as it is written
        self._analysed: dict[tuple[str, object], list] = {}  # (field, value) → its postings

    @property
    def fieldnames(self) -> set[str]:
        names = set(self.fields) | set(self.syllables)
        if rarepairs.FIELD in self.schema and ("pairs" in names or self.rare.docs):
            names.add(rarepairs.FIELD)
        return names

    def _terms(self, fieldname: str) -> dict:
        terms = self.fields.get(fieldname)
        if terms is None:
            terms = self.fields[fieldname] = {}
        return terms

    def _syllables(self, fieldname: str) -> SyllablePostings | PairPostings:
        postings = self.syllables.get(fieldname)
        if postings is None:
            pairs = self.schema[fieldname].form == "pair"
            postings = self.syllables[fieldname] = PairPostings() if pairs else SyllablePostings()
        return postings

    def add_syllables(self, fieldname: str, docnum: int, value) -> int:
        """One document's value of a syllable field; returns the field's length."""
        return self._syllables(fieldname).add_value(docnum, self.schema[fieldname], value)

    def add_value(self, fieldname: str, docnum: int, field, value) -> int:
        """One document's value of a field Whoosh analyses; returns the field's length.
        Most such values repeat from article to article (an empty author, a date, a unit's
        name and its ids), so each distinct value is analysed once."""
        if value == "":
            return 0
        key = (fieldname, value)
        postings = self._analysed.get(key) if isinstance(value, (str, int)) else None
        if postings is None:
            postings = list(field.index(value))
            if not field.unique and isinstance(value, (str, int)):  # an id never repeats
                if len(self._analysed) >= ANALYSED:
                    self._analysed.clear()
                self._analysed[key] = postings
        return self.add_postings(fieldname, docnum, postings, field.scorable)

    def add_postings(self, fieldname: str, docnum: int, postings, scorable: bool) -> int:
        """One document's ``(term bytes, frequency, weight, value)`` postings; returns the field's length."""
        terms = self._terms(fieldname)
        length = 0
        for tbytes, freq, weight, vbytes in postings:
            length += freq
            group = terms.get(tbytes)
            if group is None:
                group = terms[tbytes] = (array("I"), array("f"), [])
            group[0].append(docnum)
            group[1].append(weight)
            group[2].append(vbytes or emptybytes)
        return length if scorable else 0

    def extend(self, fieldname: str, term, docnums: np.ndarray, weights: np.ndarray, values: list | None) -> None:
        if values is None:
            self._syllables(fieldname).extend(term, docnums, weights)
            return
        terms = self._terms(fieldname)
        group = terms.get(term)
        if group is None:
            group = terms[term] = (array("I"), array("f"), [])
        group[0].extend(docnums.astype(np.uint32).tolist())
        group[1].extend(weights.tolist())
        group[2].extend(values)

    def cleanup(self) -> None:
        self.fields.clear()
        self.syllables.clear()
        self.rare = rarepairs.RarePostings()
        self._analysed.clear()


class FastSegmentWriter(SegmentWriterBase):
    """A ``SegmentWriter`` with the grouped pool, block-wise posting writes and array merges."""

    def __init__(self, ix, **kwargs):
        super().__init__(ix, **kwargs)
        self.pool.cleanup()
        self.pool = GroupedPool(self.schema)
        BulkTermTable.taking_over(self.fieldwriter)  # write_field adds a field's terms at once
        self.docmaps: list[tuple[int, dict | None]] = []  # per merged segment: (first new docnum, old → new)

    def write_per_doc(self, fieldnames, reader):
        """Whoosh's, remembering where the segment's documents went (see merging.apart)."""
        base = self.docnum
        docmap = super().write_per_doc(fieldnames, reader)
        self.docmaps.append((base, docmap))
        return docmap

    def add_document(self, **fields):
        """Whoosh's ``add_document`` for this schema (no boosts, vectors or spelling fields),
        with syllable fields counted in bulk."""
        names = sorted(name for name in fields if not name.startswith("_"))
        self.check_fields(names)
        docnum, perdoc, pool = self.docnum, self.perdocwriter, self.pool
        perdoc.start_doc(docnum)
        try:
            for name in names:
                value = fields[name]
                if value is None:
                    continue
                field = self.schema[name]
                length = 0
                if isinstance(field, SyllableText):
                    length = pool.add_syllables(name, docnum, value)
                elif field.indexed:
                    length = pool.add_value(name, docnum, field, value)
                perdoc.add_field(name, field, value if field.stored else None, length)
                if field.column_type:
                    perdoc.add_column_value(name, field.column_type, field.to_column_value(value))
        except Exception:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self.document_added()

    # Merging: whole blocks of an old segment's postings at a time.
    def add_postings_to_pool(self, reader, startdoc, docmap):
        remap = None
        if docmap is not None:
            remap = np.full(reader.doc_count_all(), -1, dtype=np.int64)
            for old, new in docmap.items():
                remap[old] = new
        for fieldname in reader.indexed_field_names():
            if fieldname not in self.schema:
                continue
            if fieldname == rarepairs.FIELD:
                self._add_rare_to_pool(reader, startdoc, remap)
                continue
            for tbytes in reader.lexicon(fieldname):
                ids, weights, values = leaf_blocks(reader, fieldname, tbytes, with_values=True)
                if not len(ids):
                    continue
                if remap is None:
                    ids = ids + startdoc
                else:
                    ids = remap[ids]
                    keep = ids >= 0
                    if not keep.all():
                        ids, weights = ids[keep], weights[keep]
                        values = [v for v, k in zip(values, keep.tolist()) if k]
                term = tbytes
                if isinstance(self.schema[fieldname], SyllableText):
                    values, term = None, tbytes.decode("utf-8")
                self.pool.extend(fieldname, term, ids, weights, values)

    def _add_rare_to_pool(self, reader, startdoc: int, remap: np.ndarray | None) -> None:
        for bucket in reader.lexicon(rarepairs.FIELD):
            ids, weights, values = leaf_packed(reader, rarepairs.FIELD, bucket, rarepairs.VALUE)
            ids = ids + startdoc if remap is None else remap[ids]
            keep = ids >= 0
            self.pool.rare.extend(bucket, ids[keep], weights[keep], values[keep])

    def write_segment(self):
        self.perdocwriter.close()
        lengths = self.per_document_reader() if self.codec.length_stats else None
        try:
            self._write_groups(lengths)
        finally:
            self.fieldwriter.close()
            if lengths is not None:
                lengths.close()

    def _field_lengths(self, lengths, fieldname: str) -> np.ndarray:
        out = np.zeros(self.docnum + 1, dtype=np.int64)
        if lengths is not None:
            found = column_lengths(lengths, fieldname, len(out))
            out[: len(found)] = found
        return out

    def _write_groups(self, lengths) -> None:
        pool = self.pool
        blocklimit, compression = block_settings(self.fieldwriter)
        for fieldname in sorted(pool.fieldnames):
            fieldobj = self.schema[fieldname]
            if fieldname == rarepairs.FIELD:
                postings = FieldPostings(*pool.rare.grouped())
            elif fieldname == "pairs" and rarepairs.FIELD in self.schema:
                postings = FieldPostings(*_common_pairs(pool.syllables[fieldname].grouped(), pool.rare))
            elif fieldname in pool.syllables:
                postings = FieldPostings(*pool.syllables[fieldname].grouped())
            else:
                postings = FieldPostings.from_groups(pool.fields[fieldname])
            field_lengths = self._field_lengths(lengths, fieldname) if fieldobj.scorable else None
            write_field(self.fieldwriter, fieldname, fieldobj, postings, field_lengths, blocklimit, compression)
            if fieldname == wordlists.FIELD:
                counts = (postings.ends - postings.starts).tolist()
                words = wordlists.WordList.of((t.decode("utf-8"), n) for t, n in zip(postings.terms, counts))
                wordlists.write(self.storage, self.newsegment, words)
        pool.cleanup()


def _common_pairs(grouped, rare: rarepairs.RarePostings):
    """The pairs that keep a term of their own; the rare ones are handed to ``rare``."""
    terms, starts, ends, docs, freqs = grouped
    starts, ends = np.asarray(starts), np.asarray(ends)
    is_rare = ends - starts <= rarepairs.RARE
    rare.add_pairs([t for t, r in zip(terms, is_rare.tolist()) if r], starts[is_rare],
                   ends[is_rare], docs, freqs)
    return terms, starts, np.where(is_rare, starts, ends), docs, freqs  # a term with no postings is left out
