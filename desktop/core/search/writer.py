"""Writing the Whoosh index an article at a time, without Whoosh's per-posting Python.

Whoosh's segment writer turns every token into a ``Token`` object, every
posting into a tuple that is pickled to a sorted run file, and then writes
the postings one interpreted call at a time; merging segments reads them
back the same way.  An article has some 900 postings, so that was ~10 ms an
article.  Here:

* :class:`SyllableText` counts a field's terms with one regular-expression
  pass and a ``Counter`` (no ``Token`` objects);
* :class:`GroupedPool` keeps each term's postings in typed arrays as they
  arrive (documents arrive in order, so nothing needs sorting but the terms);
* :class:`FastSegmentWriter` writes each term's postings block by block and
  merges older segments by decoding whole blocks into arrays.

The files written are ordinary ``whoosh3`` segments: Whoosh reads them, and
the tests search them with Whoosh's own queries too.
"""

from __future__ import annotations

from array import array
from collections import Counter
from struct import Struct

import numpy as np
from whoosh.fields import TEXT
from whoosh.system import emptybytes
from whoosh.writing import SegmentWriter

from desktop.core.search.analysis import analyzer, exact_terms, fold_terms, pair_terms
from desktop.core.search.postings import column_lengths, leaf_blocks

_UINT = Struct("!I").pack
_TERMS = {"fold": fold_terms, "pair": pair_terms, "exact": exact_terms}


class SyllableText(TEXT):
    """A frequency-only text field whose terms are counted without ``Token`` objects."""

    def __init__(self, form: str):
        super().__init__(analyzer=analyzer(form), phrase=False)
        self.form = form

    def counts(self, value: str) -> Counter:
        return Counter(_TERMS[self.form](value))

    def index(self, value, **kwargs):
        """What Whoosh's own writers (and merges of other indexes) ask for."""
        return [(term.encode("utf-8"), n, float(n), _UINT(n)) for term, n in self.counts(value).items()]


class GroupedPool:
    """Postings grouped by (field, term) in arrays, in the order documents arrive.

    Frequency-only fields keep no values: a posting's value is its frequency,
    which is its weight, so the values are packed from the weights when written."""

    def __init__(self):
        # field → term → (docnums, weights, values or None); syllable terms are kept as
        # str (encoding each posting's term would cost more than the posting), others as bytes.
        self.fields: dict[str, dict] = {}

    @property
    def fieldnames(self) -> set[str]:
        return set(self.fields)

    def _terms(self, fieldname: str) -> dict:
        terms = self.fields.get(fieldname)
        if terms is None:
            terms = self.fields[fieldname] = {}
        return terms

    def add_counts(self, fieldname: str, docnum: int, counts: Counter) -> int:
        """One document's terms and frequencies; returns the field's length."""
        terms = self._terms(fieldname)
        for term, n in counts.items():
            group = terms.get(term)
            if group is None:
                group = terms[term] = (array("I"), array("f"), None)
            group[0].append(docnum)
            group[1].append(n)
        return counts.total()

    def add(self, item) -> None:
        fieldname, tbytes, docnum, weight, vbytes = item
        terms = self._terms(fieldname)
        group = terms.get(tbytes)
        if group is None:
            group = terms[tbytes] = (array("I"), array("f"), [])
        group[0].append(docnum)
        group[1].append(weight)
        group[2].append(vbytes or emptybytes)

    def extend(self, fieldname: str, term, docnums, weights, values: list | None) -> None:
        terms = self._terms(fieldname)
        group = terms.get(term)
        if group is None:
            group = terms[term] = (array("I"), array("f"), None if values is None else [])
        group[0].extend(docnums)
        group[1].extend(weights)
        if group[2] is not None:
            group[2].extend(values)

    def sorted_groups(self):
        """(field, term bytes, group) in the order the terms file needs."""
        for fieldname in sorted(self.fields):
            terms = self.fields[fieldname]
            keyed = sorted((t.encode("utf-8") if isinstance(t, str) else t, t) for t in terms)
            for tbytes, term in keyed:
                yield fieldname, tbytes, terms[term]

    def cleanup(self) -> None:
        self.fields.clear()


class FastSegmentWriter(SegmentWriter):
    """A ``SegmentWriter`` with the grouped pool, block-wise posting writes and array merges."""

    def __init__(self, ix, **kwargs):
        super().__init__(ix, **kwargs)
        self.pool.cleanup()
        self.pool = GroupedPool()

    def add_document(self, **fields):
        """Whoosh's ``add_document`` for this schema (no boosts, vectors or spelling fields),
        with syllable fields counted in bulk."""
        self._check_state()
        names = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(self.schema, names)
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
                    length = pool.add_counts(name, docnum, field.counts(value))
                elif field.indexed:
                    for tbytes, freq, weight, vbytes in field.index(value):
                        length += freq if field.scorable else 0
                        pool.add((name, tbytes, docnum, weight, vbytes))
                perdoc.add_field(name, field, value if field.stored else None, length)
                if field.column_type:
                    perdoc.add_column_value(name, field.column_type, field.to_column_value(value))
        except Exception:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

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
                self.pool.extend(fieldname, term, ids.astype(np.uint32).tolist(), weights.tolist(), values)

    def _flush_segment(self):
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
        fieldwriter = self.fieldwriter
        current = None
        field_lengths = None
        for fieldname, tbytes, (docnums, weights, values) in self.pool.sorted_groups():
            if fieldname != current:
                if current is not None:
                    fieldwriter.finish_field()
                fieldobj = self.schema[fieldname]
                fieldwriter.start_field(fieldname, fieldobj)
                current = fieldname
                field_lengths = self._field_lengths(lengths, fieldname) if fieldobj.scorable else None
            fieldwriter.start_term(tbytes)
            writer = fieldwriter._postwriter
            limit = writer._blocklimit
            lens = field_lengths[np.frombuffer(docnums, dtype=np.uint32)] if field_lengths is not None else None
            if values is None:  # frequencies: the packed weights, one bytes string per block
                packed = np.frombuffer(weights, dtype=np.float32).astype(">u4").tobytes()
            for start in range(0, len(docnums), limit):
                end = start + limit
                writer._ids = docnums[start:end]
                writer._weights = weights[start:end]
                writer._values = [packed[start * 4 : end * 4]] if values is None else values[start:end]
                writer._maxweight = max(writer._weights)
                if lens is not None:
                    block = lens[start:end]
                    writer._minlength, writer._maxlength = int(block.min()), int(block.max())
                if end < len(docnums):
                    writer._write_block()
            fieldwriter.finish_term()
        if current is not None:
            fieldwriter.finish_field()
        self.pool.cleanup()
