"""The query language officials type, turned into a Whoosh query.

    xay dung dang              all words, with or without diacritics
    "giao ban thị ủy"          a phrase
    dân vận -tết               exclude a word
    kiểm tra OR giám sát       either
    tuyên*                     prefix
    unit:"Thị ủy" topic:"dân vận" author:"Thu Trang" person:"Nguyễn Văn Công"
    unit="Thị ủy"              the unit alone, without the units it came from
    doc:09-NQ/TU  kyhieu:NQ/TU  số 1202-KL/TU
    2022   10/2022   2022-10   01/2019..06/2019   date:2022

Words must all match (in the catch-all ``all`` field, folded).  A year or a
month typed among words ("tổng kết năm 2020", "tháng 10/2022") matches an
article dated then *or* one whose text holds it: a report on 2020 is often
published in 2021, and officials type titles as they read them.  Articles
dated in the period rank higher.  ISO months (2022-10), ranges (``..``) and
``date:`` are strict date filters.  The best
candidates are then re-ranked by boosts: words in the title, the accented
form typed (so an accented query ranks exact-accent matches first), query
words standing next to each other, and the whole query standing in a title.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from whoosh import query as Q

from desktop.core.dates import parse_period
from desktop.core.errors import QueryError
from desktop.core.search.analysis import DOC_NUMBER, doc_token, exact_token, fold_terms, fold_token
from desktop.text import nfc

# Field names, folded: "đơnvị:" and "donvi:" both reach "unit".
FIELD_ALIASES = {
    "unit": "unit", "donvi": "unit",
    "topic": "topic", "chude": "topic",
    "author": "author", "tacgia": "author",
    "person": "person", "nguoi": "person",
    "doc": "doc", "so": "doc", "sohieu": "doc",
    "kyhieu": "kyhieu",
    "date": "date", "ngay": "date",
    "title": "title", "tieude": "title",
}
_CLAUSE = re.compile(
    r"""(?P<neg>-)?(?:(?P<field>[^\s:"()]+):|(?P<only>(?i:unit|donvi|đơnvị))=)?"""
    r"""(?:"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+))""",
    re.UNICODE,
)
UnitResolver = Callable[[str, bool], "Q.Query | None"]
"""A ``unit:`` value → the query of the units it names (True: with their predecessors), or None."""
_DOC_ONLY = re.compile(rf"^{DOC_NUMBER}$")
_DATEISH = re.compile(r"^(?:\d{4}|\d{4}-\d{1,2}(?:-\d{1,2})?|\d{1,2}/\d{4}|\d{1,2}/\d{1,2}/\d{4})?(?:\.\.(?:\d{4}|\d{4}-\d{1,2}(?:-\d{1,2})?|\d{1,2}/\d{4}|\d{1,2}/\d{1,2}/\d{4})?)?$")


TITLE_BOOST = 3.0
EXACT_BOOST = 2.0
PAIR_BOOST = 1.5
TITLE_PHRASE_BOOST = 6.0
DATE_BOOST = 2.0  # an article dated in a year or month typed among the words
_TEXT_PERIOD = re.compile(r"\d{4}|\d{1,2}/\d{4}|\d{1,2}/\d{1,2}/\d{4}")


# Every word costs a term lookup in every segment: a pasted page would take seconds.
MAX_QUERY_WORDS = 64
MAX_QUERY_CHARS = 1000
_WORDS = re.compile(r"\w+")


@dataclass
class ParsedQuery:
    must: list[Q.Query] = field(default_factory=list)
    any_of: list[list[Q.Query]] = field(default_factory=list)  # OR groups
    must_not: list[Q.Query] = field(default_factory=list)
    boosts: list[Q.Query] = field(default_factory=list)  # Term and date-range boosts, added to scores (service)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    words: list[str] = field(default_factory=list)  # folded free-text terms: snippets, "did you mean"
    title_terms: list[str] = field(default_factory=list)  # for finding a known item by its title
    verify: list[Q.Query] = field(default_factory=list)  # exact phrases, checked on the hits shown
    pairs: list[str] = field(default_factory=list)  # adjacent word pairs typed, for the strict first pass

    @property
    def empty(self) -> bool:
        return not (self.must or self.any_of or self.must_not) and self.date_from is None and self.date_to is None

    def whoosh(self) -> Q.Query:
        """What a document must match; boosts are applied by re-ranking (see service)."""
        required: list[Q.Query] = list(self.must)
        required += [Q.Or(group) for group in self.any_of]
        if self.date_from or self.date_to:
            required.append(date_range(self.date_from, self.date_to))
        if not required:
            required = [Q.Every()]
        base: Q.Query = required[0] if len(required) == 1 else Q.And(required)
        if self.must_not:
            base = Q.AndNot(base, Q.Or(self.must_not))
        return base


def date_key(day: dt.date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


def date_range(start: dt.date | None, end: dt.date | None, boost: float = 1.0) -> Q.NumericRange:
    # Open ends are None: Whoosh's numeric tiers mis-handle a huge sentinel upper bound.
    # The lower bound is never below 1, so undated articles (date 0) stay out of ranges.
    low = date_key(start) if start and start > dt.date.min else 1
    high = date_key(end) if end and end < dt.date.max else None
    return Q.NumericRange("date", low, high, boost=boost)


def _all_of(terms: list[str]) -> Q.Query:
    return Q.Term("all", terms[0]) if len(terms) == 1 else Q.And([Q.Term("all", t) for t in terms])


def _words_query(text: str, parsed: ParsedQuery, *, phrase: bool,
                 periods: list[str] = ()) -> tuple[Q.Query | None, list[Q.Query]]:
    """The required query for free text and its score boosts.  ``periods`` are the years
    and months among the words: each is either the article's date or words of its text."""
    terms = fold_terms(text)
    if not terms:
        return None, []
    raw = [t for t in re.findall(rf"{DOC_NUMBER}|\w+", nfc(text))]
    boosts: list[Q.Query] = []
    for original, term in zip(raw, terms):
        if "/" not in term:
            accented = exact_token(original)
            if accented != term:
                boosts.append(Q.Term("exact", accented, boost=EXACT_BOOST))
        boosts.append(Q.Term("title", term, boost=TITLE_BOOST))
    # Adjacent words outrank scattered ones; the whole query standing in a title outranks both.
    pairs = [f"{a}_{b}" for a, b in zip(terms, terms[1:]) if "/" not in a + b]
    boosts += [Q.Term("pairs", p, boost=PAIR_BOOST) for p in pairs]
    if len(terms) > 1:
        parsed.title_terms += terms  # the whole query standing in a title: see service._title_phrase_first
        parsed.pairs += pairs
    parsed.words += terms
    if phrase and len(terms) > 1:
        # Every adjacent pair present finds a phrase without reading positions;
        # longer phrases are checked word by word on the page shown (``verify``).
        if len(terms) > 2 or not pairs:
            parsed.verify.append(Q.Phrase("all", terms))
        if not pairs:  # document numbers make no pairs: their words must all be there
            return Q.And([Q.Term("all", t) for t in terms]), boosts
        return (Q.And([Q.Term("pairs", p) for p in pairs]) if len(pairs) > 1 else Q.Term("pairs", pairs[0])), boosts
    plain = list(terms)
    either: list[Q.Query] = []
    for period in periods:
        start, end = parse_period(period)
        period_terms = fold_terms(period)
        for term in period_terms:
            plain.remove(term)
        either.append(Q.Or([date_range(start, end), _all_of(period_terms)]))
        boosts.append(date_range(start, end, boost=DATE_BOOST))
    required = [Q.Term("all", t) for t in plain] + either
    return (required[0] if len(required) == 1 else Q.And(required)), boosts


def _field_query(name: str, value: str) -> Q.Query:
    if name in ("doc",):
        return Q.Term("doc", doc_token(value))
    if name == "kyhieu":
        return Q.Term("kyhieu", doc_token(value.lstrip("-")))
    terms = fold_terms(value)
    if not terms:
        raise QueryError(f"'{name}:' cần một giá trị (needs a value)")
    if len(terms) == 1:
        return Q.Term(name, terms[0])
    return Q.Phrase(name, terms)


def parse_query(text: str, units: UnitResolver | None = None) -> ParsedQuery:
    """Parse the user's query (raises :class:`QueryError` on a bad field or date).

    ``units`` resolves ``unit:"…"`` (with predecessors) and ``unit="…"`` (without)
    to unit ids; without it, or when it knows no such unit, names are matched as text.
    """
    parsed = ParsedQuery()
    text = nfc(text or "").strip()
    if len(text) > MAX_QUERY_CHARS or len(_WORDS.findall(text)) > MAX_QUERY_WORDS:
        raise QueryError(f"câu tìm quá dài: tối đa {MAX_QUERY_WORDS} từ, {MAX_QUERY_CHARS} ký tự (query too long)")
    clauses = []
    for match in _CLAUSE.finditer(text):
        if match.group(0).strip():
            clauses.append(match)
    i = 0
    pending_or: list[Q.Query] | None = None
    while i < len(clauses):
        c = clauses[i]
        neg, phrase, word = c["neg"], c["phrase"], c["word"]
        fname = c["field"] or c["only"]
        value = phrase if phrase is not None else word
        if word == "OR" and not fname and not neg:
            i += 1
            continue
        # "số 09-NQ/TU": the "số" belongs to the number, not the text.
        if word and fold_token(word) == "so" and i + 1 < len(clauses) and _DOC_ONLY.match(clauses[i + 1]["word"] or ""):
            i += 1
            continue
        clause_q: Q.Query | None = None
        boosts: list[Q.Query] = []
        if fname:
            key = FIELD_ALIASES.get(fold_token(fname))
            if key is None:
                raise QueryError(f"không hiểu trường '{fname}:' (unknown field)")
            if key == "date":
                _apply_period(parsed, value)
                i += 1
                continue
            if key == "unit" and units is not None:
                clause_q = units(value, not c["only"]) or _field_query(key, value)
            elif key == "title":
                terms = fold_terms(value)
                clause_q = Q.Phrase("title", terms) if len(terms) > 1 else Q.Term("title", terms[0]) if terms else None
            else:
                clause_q = _field_query(key, value)
        elif phrase is not None:
            clause_q, boosts = _words_query(phrase, parsed, phrase=True)
        elif _DOC_ONLY.match(value):
            token = doc_token(value)
            parsed.words.append(token)
            clause_q = Q.Or([Q.Term("all", token), Q.Term("doc", token)])
        elif not neg and _is_period(value) and not _is_text_period(value):
            _apply_period(parsed, value)
            i += 1
            continue
        elif value.endswith("*") and len(value) > 1:
            stem = fold_token(value.rstrip("*"))
            clause_q = Q.Prefix("all", stem)
        else:
            # A run of plain words is one clause, so adjacent words can boost as pairs.
            run = [value]
            while pending_or is None and not _is_or(clauses, i + 1) and _plain(clauses, i + 1) and not _is_or(clauses, i + 2):
                i += 1
                run.append(clauses[i]["word"])
            periods = [w for w in run if _is_text_period(w)]
            clause_q, boosts = _words_query(" ".join(run), parsed, phrase=False, periods=periods)
        i += 1
        if clause_q is None:
            continue
        if neg:
            parsed.must_not.append(clause_q)
            continue
        parsed.boosts += boosts
        is_or_next = i < len(clauses) and clauses[i]["word"] == "OR" and not clauses[i]["field"]
        if pending_or is not None:
            pending_or.append(clause_q)
            if not is_or_next:
                parsed.any_of.append(pending_or)
                pending_or = None
        elif is_or_next:
            pending_or = [clause_q]
        else:
            parsed.must.append(clause_q)
    if pending_or:
        parsed.any_of.append(pending_or)
    return parsed


def _is_or(clauses, i: int) -> bool:
    return i < len(clauses) and clauses[i]["word"] == "OR" and not clauses[i]["field"] and not clauses[i]["neg"]


def _is_period(word: str) -> bool:
    return ".." in word or bool(_DATEISH.match(word) and re.search(r"\d{4}", word))


def _is_text_period(word: str) -> bool:
    """A year or a Vietnamese-style month or day, which titles and text hold as words too."""
    return bool(_TEXT_PERIOD.fullmatch(word)) and parse_period(word) is not None


def _plain(clauses, i: int) -> bool:
    """Whether clause ``i`` is a plain word that can join the run before it."""
    if i >= len(clauses):
        return False
    c = clauses[i]
    word = c["word"]
    if c["neg"] or c["field"] or c["only"] or c["phrase"] is not None or not word or word == "OR":
        return False
    if _DOC_ONLY.match(word) or (_is_period(word) and not _is_text_period(word)) or word.endswith("*"):
        return False
    return not (fold_token(word) == "so" and i + 1 < len(clauses) and _DOC_ONLY.match(clauses[i + 1]["word"] or ""))


def _apply_period(parsed: ParsedQuery, value: str) -> None:
    period = parse_period(value)
    if period is None:
        raise QueryError(f"không hiểu khoảng thời gian '{value}' (try 2022, 2022-10, 01/2019..06/2019)")
    start, end = period
    parsed.date_from = max(start, parsed.date_from) if parsed.date_from else start
    parsed.date_to = min(end, parsed.date_to) if parsed.date_to else end

