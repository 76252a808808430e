"""Vietnamese analysis for the Whoosh index.

Tokens are syllables.  Three forms are indexed:

* ``fold``:  lower-case, no diacritics, đ → d ("Đảng" → "dang"), so that
  queries typed without accents match; this is the field queries run on.
* ``exact``: lower-case with the tone mark in canonical position ("hoà" and
  "hòa" → "hòa"), so an accented query ranks exact-accent matches first.
* ``pair``:  adjacent folded syllables joined ("xay_dung").  Vietnamese words
  are mostly two syllables, so a pair is close to a word: far rarer than
  either syllable, which makes phrases and adjacency cheap to find.

Document numbers ("09-NQ/TU", "507-QĐ/TU") are single tokens, folded.
No stemming and no stop words: "án", "thể", "ở" are real syllables.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from whoosh.analysis import Token, Tokenizer

from desktop.text import canonical_tone, fold, word_text

DOC_NUMBER = r"\d{1,5}[a-zA-Z]?\s?-\s?[A-Za-zĐđ]{1,6}(?:\s?/\s?[A-Za-zĐđ]{1,10}){1,2}"
_TOKENS = re.compile(rf"(?P<doc>{DOC_NUMBER})(?![\w/])|(?P<word>\w[\w\u00ad]*)")
_DOC_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=200_000)
def fold_token(token: str) -> str:
    return fold(token)


@lru_cache(maxsize=200_000)
def exact_token(token: str) -> str:
    return canonical_tone(token.lower())


def doc_token(text: str) -> str:
    """The one search term of a document number: "507 - QĐ/TU" → "507-qd/tu"."""
    return fold(_DOC_SPACES.sub("", text))


def raw_tokens(text: str):
    """(kind, text, start, end) for each token of NFC text."""
    for match in _TOKENS.finditer(unicodedata.normalize("NFC", text)):
        kind = "doc" if match.group("doc") else "word"
        yield kind, match.group(0).replace("\u00ad", ""), match.start(), match.end()  # soft hyphens are invisible


class VietnameseTokenizer(Tokenizer):
    """Emits one of the three forms; see the module docstring."""

    def __init__(self, form: str = "fold"):
        if form not in ("fold", "exact", "pair"):
            raise ValueError(form)
        self.form = form

    def __eq__(self, other):
        return isinstance(other, VietnameseTokenizer) and other.form == self.form

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        mode="",
        **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        value = unicodedata.normalize("NFC", value)  # the offsets below are into NFC text
        pos = start_pos
        exact, pair = self.form == "exact", self.form == "pair"
        previous: tuple[str, int] | None = None  # (folded syllable, where it ended)
        for kind, text, start, end in raw_tokens(value):
            term = doc_token(text) if kind == "doc" else (exact_token(text) if exact else fold_token(text))
            if pair:
                # A document number or a line break ends a run of syllables.
                before = previous if previous and "\n" not in value[previous[1] : start] else None
                previous = (term, end) if kind == "word" else None
                if before is None or kind != "word":
                    continue
                term = f"{before[0]}_{term}"
            token.text = term
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = text
            if positions:
                token.pos = pos
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            pos += 1
            yield token


# The same terms as the tokenizer gives, produced in bulk for indexing (see writer.py).
# A document number can only start where a word could not have started before it;
# without soft hyphens that is "not right after a word character", so the text can be
# cut at document numbers and the pieces between cut into words on their own.
_DOC_SPLIT = re.compile(rf"(?<!\w)({DOC_NUMBER})(?![\w/])")
_WORDS_AND_BREAKS = re.compile(r"\w+|\n")
_TOKENS_AND_BREAKS = re.compile(rf"(?P<doc>{DOC_NUMBER})(?![\w/])|(?P<word>\w[\w\u00ad]*)|(\n)")
BREAK = "\n"
# Every document number has a "/" at most _DOC_TO_SLASH characters from its start and is
# at most _DOC_LONGEST long (both read off DOC_NUMBER), so only the text around a "/" need
# be tried: a regex that tries every position of an article costs more than all the rest.
_DOC_TO_SLASH = 16
_DOC_LONGEST = 41
_SHORT = 200  # below this, a regex match per word costs less than a trip through numpy


@lru_cache(maxsize=200_000)
def _fold_word(word: str) -> str:
    return fold_token(word.replace("\u00ad", ""))


@lru_cache(maxsize=200_000)
def _exact_word(word: str) -> str:
    return exact_token(word.replace("\u00ad", ""))


def _doc(text: str) -> str:
    return doc_token(text.replace("\u00ad", ""))


def doc_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each document number, as ``_DOC_SPLIT`` finds them in the whole text."""
    spans: list[tuple[int, int]] = []
    end = 0
    slash = text.find("/")
    while slash != -1:
        match = _DOC_SPLIT.search(text, max(end, slash - _DOC_TO_SLASH), slash + _DOC_LONGEST + 2)
        if match and match.start() <= slash:  # a later start is found again at its own "/"
            spans.append(match.span())
            end = match.end()
            slash = text.find("/", end)
        else:
            slash = text.find("/", slash + 1)
    return spans


def _words_and_breaks(words: str) -> list[str]:
    """``split()`` of a text made by ``word_text``, with ``BREAK`` for each line break."""
    lines = words.split(BREAK)
    out = lines[0].split()
    for line in lines[1:]:
        out.append(BREAK)
        out += line.split()
    return out


def _exact_words_and_breaks(words: str) -> list[str]:
    return list(map(_exact_word, _words_and_breaks(words)))


def _sequence(text: str, folded: bool) -> list[str]:
    """Terms in order (folded or exact), with ``BREAK`` for each line break.  Document-number
    terms always contain "-" and words never do, which is how the callers tell them apart."""
    text = unicodedata.normalize("NFC", text)
    word_form = _fold_word if folded else _exact_word
    if "\u00ad" in text:  # soft hyphens join words: take the tokenizer's own regex
        return [_doc(d) if d else (word_form(w) if w else BREAK) for d, w, _ in _TOKENS_AND_BREAKS.findall(text)]
    words = word_text(text, folded) if len(text) > _SHORT else None
    if words is None:  # short, or a character without a one-for-one image: the regex
        pieces = _DOC_SPLIT.split(text)
        out = list(map(word_form, _WORDS_AND_BREAKS.findall(pieces[0])))
        for at in range(1, len(pieces), 2):
            out.append(doc_token(pieces[at]))
            out.extend(map(word_form, _WORDS_AND_BREAKS.findall(pieces[at + 1])))
        return out
    cut = _words_and_breaks if folded else _exact_words_and_breaks
    out = []
    start = 0
    for doc_start, doc_end in doc_spans(text):
        out += cut(words[start:doc_start])
        out.append(doc_token(text[doc_start:doc_end]))
        start = doc_end
    out += cut(words[start:])
    return out


@lru_cache(maxsize=8)  # an article's text feeds several fields: cut it once
def fold_sequence(text: str) -> list[str]:
    return _sequence(text, folded=True)


def fold_terms(text: str) -> list[str]:
    return list(filter(BREAK.__ne__, fold_sequence(text)))


def exact_sequence(text: str) -> list[str]:
    return _sequence(text, folded=False)


_pair = "{}_{}".format


def pair_counts(sequence: list[str]) -> Counter:
    """Adjacent folded syllables of a sequence; a document number or a line break ends a run."""
    counts = Counter(map(_pair, sequence, sequence[1:]))
    for joined in [joined for joined in counts if BREAK in joined or "-" in joined]:
        del counts[joined]
    return counts


def analyzer(form: str) -> VietnameseTokenizer:
    return VietnameseTokenizer(form)
