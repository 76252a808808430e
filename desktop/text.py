"""Vietnamese text primitives shared by the parser, the search index and the PDF.

Everything entering the archive goes through :func:`nfc`, because decomposed
(NFD) text breaks tokenisers and ReportLab's glyph placement.  Folding for
search is separate and never touches what is stored.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import numpy as np

_TONE_MARKS = {
    "\u0300",  # huyền
    "\u0301",  # sắc
    "\u0303",  # ngã
    "\u0309",  # hỏi
    "\u0323",  # nặng
}
# Vowels that carry a shape mark of their own (ă â ê ô ơ ư) take the tone.
_MODIFIED_VOWELS = set("ăâêôơư")
_VOWELS = set("aăâeêioôơuưy")
# Zero-width characters pasted from web pages.  The soft hyphen (U+00AD) stays:
# it is invisible, and in legacy-font mojibake it is the letter "ư" of TCVN3.
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def nfc(text: str) -> str:
    """Normalise to NFC and drop invisible characters pasted from web pages."""
    return _ZERO_WIDTH.sub("", unicodedata.normalize("NFC", text))


def clean_line(line: str) -> str:
    """Collapse runs of any kind of space (incl. NBSP) and strip the ends."""
    return _SPACES.sub(" ", line).strip()


def _slow_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d")


def _fold_table() -> dict[int, str]:
    table = {}
    for code in list(range(0x00C0, 0x0250)) + list(range(0x1E00, 0x1F00)):
        folded = _slow_fold(chr(code))
        if len(folded) == 1 and folded != chr(code):
            table[code] = folded
    for ch in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        table[ord(ch)] = ch.lower()
    return table


_FOLD = _fold_table()
_COMBINING = re.compile("[\u0300-\u036f]")


def fold(text: str) -> str:
    """Lower-case and remove every diacritic, mapping đ/Đ to d.

    ``đ`` has no Unicode decomposition, so stripping combining marks alone
    would leave it in place and "dang" would never match "Đảng".  For NFC
    Vietnamese the result has the same length as the input, character for
    character, which the snippet highlighter relies on.
    """
    if len(text) > _SHORT:
        mapped = _mapped(text, _fold_codes())
        if mapped is not None:
            return mapped
    folded = text.translate(_FOLD)
    if _COMBINING.search(folded):
        return _slow_fold(folded)  # decomposed input: strip the stray marks
    return folded.lower() if not folded.islower() else folded


def word_text(text: str, folded: bool = False) -> str | None:
    """The text with each character that is not a word character (``\\w``) made a
    space, line breaks kept, and (if ``folded``) each word character folded.

    ``split()`` of the result gives what ``re.findall(r"\\w+")`` gives, in a tenth
    of the time, which matters when every imported article is cut into words
    several times.  None when a character has no one-for-one image (a stray
    combining mark, a character outside the BMP): the caller takes the regex.
    """
    tables = _tables()
    return _mapped(text, tables.folded_words if folded else tables.words)


_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """The ``\\w+`` runs of a text, as ``re.findall`` gives them (through :func:`word_text`)."""
    spaced = word_text(text)
    return spaced.split() if spaced is not None else _WORD.findall(text)


# Below this length ``str.translate`` is quicker than a trip through numpy.
_SHORT = 64
_BMP = 0x10000
_UNSAFE = 0xFFFFFFFF  # no one-for-one image: take the slow way


def _mapped(text: str, table: np.ndarray) -> str | None:
    """The text with each character replaced through ``table``, or None if it cannot be."""
    import numpy as np  # here, not at the top: the command line's --help must not pay for it

    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if not len(codes):
        return text
    if codes.max() >= _BMP:
        return None
    out = table[codes]
    if out.max() == _UNSAFE:
        return None
    return out.tobytes().decode("utf-32-le", "surrogatepass")


class _Tables(NamedTuple):
    folds: np.ndarray  # code point → its fold
    words: np.ndarray  # → itself if a word character, else a space
    folded_words: np.ndarray  # → its fold if a word character, else a space


@cache
def _fold_codes() -> np.ndarray:
    """Code point → its fold: the table :func:`fold` needs (a search needs no other).

    Built on first use, a whole-BMP string at a time (a loop over the 65,536 code
    points took 50 ms on every command that folds a long text; ``str.translate``
    through ``_FOLD`` took 11 ms, numpy's indexing takes well under one).  A
    character whose fold is not one character, or depends on its neighbours
    (capital sigma), is ``_UNSAFE``, and so are combining marks: ``fold`` drops
    them, which joins words.
    """
    import numpy as np

    codes = np.arange(_BMP, dtype=np.uint32)
    translated = codes.copy()  # as str.translate(_FOLD): each of its images is one character
    translated[list(_FOLD)] = [ord(image) for image in _FOLD.values()]
    folds = _code_points(_lower_each(translated.tobytes().decode("utf-32-le", "surrogatepass")))
    folds[(folds == 0) & (codes != 0)] = _UNSAFE  # lower-cases to more than one character
    folds[0x03A3] = _UNSAFE
    folds[0x0300:0x0370] = _UNSAFE
    return folds


@cache
def _tables() -> _Tables:
    """The code-point tables; line breaks map to themselves in the word tables."""
    import numpy as np

    everything = np.arange(_BMP, dtype=np.uint32).tobytes().decode("utf-32-le", "surrogatepass")
    folds = _fold_codes()
    words = _code_points(re.sub(r"\W", " ", everything))  # exactly what a regular expression calls \w
    folded_words = np.where(words != ord(" "), folds, np.uint32(ord(" ")))
    words[0x0300:0x0370] = folded_words[0x0300:0x0370] = _UNSAFE
    words[ord("\n")] = folded_words[ord("\n")] = ord("\n")
    return _Tables(folds, words, folded_words)


def _code_points(text: str) -> np.ndarray:
    import numpy as np

    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).copy()


def _lower_each(text: str) -> str:
    """Each character of ``text`` lower-cased, NUL where that is not one character
    (U+0130 İ gives two): the whole string at once, halves only where lengths differ."""
    whole = text.lower()
    if len(whole) == len(text):
        return whole
    if len(text) <= 64:
        return "".join(low if len(low := ch.lower()) == 1 else "\0" for ch in text)
    half = len(text) // 2
    return _lower_each(text[:half]) + _lower_each(text[half:])


def _split_tone(syllable: str) -> tuple[str, str | None]:
    """Return the syllable without its tone mark (NFC) and the mark itself."""
    tone = None
    kept = []
    for ch in unicodedata.normalize("NFD", syllable):
        if ch in _TONE_MARKS:
            tone = ch
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def _tone_position(base: str) -> int | None:
    """Index of the vowel that carries the tone in traditional placement.

    Traditional placement is what most Vietnamese newspapers use ("hòa",
    "thủy", "khỏe"); the "new" style ("hoà", "thuỷ") is mapped onto it so the
    two spellings become one search term.
    """
    low = base.lower()
    positions = [i for i, ch in enumerate(low) if ch in _VOWELS]
    if not positions:
        return None
    # "qu" and "gi" (before another vowel) are consonants, not vowel nuclei.
    if low.startswith("qu") and len(positions) > 1 and positions[0] == 1:
        positions = positions[1:]
    elif low.startswith("gi") and len(positions) > 1 and positions[0] == 1:
        positions = positions[1:]
    # Only the first contiguous vowel run is the nucleus.
    run = [positions[0]]
    for pos in positions[1:]:
        if pos == run[-1] + 1:
            run.append(pos)
        else:
            break
    modified = [i for i in run if low[i] in _MODIFIED_VOWELS]
    if modified:
        return modified[-1]  # ươ → ơ, and the single modified vowel otherwise
    if len(run) == 1:
        return run[0]
    has_final_consonant = run[-1] + 1 < len(low)
    if has_final_consonant:
        return run[-1]
    if len(run) == 2:
        return run[0]
    return run[1]


def canonical_tone(syllable: str) -> str:
    """Put the tone mark of one syllable where traditional spelling puts it.

    The stored text is never rewritten; this is for search terms only.
    """
    base, tone = _split_tone(syllable)
    if tone is None:
        return unicodedata.normalize("NFC", syllable)
    pos = _tone_position(base)
    if pos is None:
        return unicodedata.normalize("NFC", syllable)
    marked = base[: pos + 1] + tone + base[pos + 1 :]
    return unicodedata.normalize("NFC", marked)


def canonical_tones(text: str) -> str:
    """Apply :func:`canonical_tone` to every word of a text."""
    return _WORD.sub(lambda m: canonical_tone(m.group(0)), text)


# Characters that steer a terminal or the reading order rather than show anything:
# C0 and C1 controls (ESC starts ANSI sequences), direction marks and overrides (U+202E
# shows a file name backwards).  Tab and newline are kept where text may have lines.
_CONTROL_CLASS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROLS = re.compile(f"[{_CONTROL_CLASS}]")
_LINE_CONTROLS = re.compile(f"[{_CONTROL_CLASS}\t\n]")


def strip_controls(text: str, *, one_line: bool = False) -> str:
    """``text`` without control characters (a one-line text's tabs and newlines become spaces)."""
    if one_line:
        text = re.sub(r"[\t\n]+", " ", text)
    return _CONTROLS.sub("", text)


def escape_controls(text: str, *, one_line: bool = False) -> str:
    """``text`` with each control character shown as ``\\uXXXX`` (tabs and newlines too when
    ``one_line``), for printing names and titles that came from outside."""
    pattern = _LINE_CONTROLS if one_line else _CONTROLS
    return pattern.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
