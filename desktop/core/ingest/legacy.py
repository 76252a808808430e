"""Legacy Vietnamese encodings: TCVN3 (ABC, ".VnTime"), VNI-Windows, VISCII, CP1258.

Offices still have files typed with the old 8-bit fonts.  This module
decodes them, encodes Unicode back (to make test files and to repair
mojibake), and guesses which encoding a file uses by how many valid
Vietnamese syllables each candidate decoding yields.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from desktop.core.ingest.legacy_tables import TCVN3, VISCII
from desktop.text import words

# ----------------------------------------------------------------- 8-bit tables

_TCVN3_ENCODE = {ch: bytes([i]) for i, ch in enumerate(TCVN3) if i >= 0x80 or ch.isascii()}
_VISCII_ENCODE = {ch: bytes([i]) for i, ch in enumerate(VISCII)}
# Byte → character as str.translate tables over the bytes read as Latin-1 (one C pass).
_TCVN3_DECODE = {i: ch for i, ch in enumerate(TCVN3) if ch != chr(i)}
_VISCII_DECODE = {i: ch for i, ch in enumerate(VISCII) if ch != chr(i)}


def decode_tcvn3(data: bytes, *, uppercase: bool = False) -> str:
    """TCVN3 bytes to NFC text.  ``uppercase`` is for the ".VnTimeH" fonts, which draw
    the lowercase codes as capitals."""
    text = unicodedata.normalize("NFC", data.decode("latin-1").translate(_TCVN3_DECODE))
    return text.upper() if uppercase else text


def encode_tcvn3(text: str) -> bytes:
    """NFC text to TCVN3; letters TCVN3 lacks are written as base letter + combining tone byte."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch in _TCVN3_ENCODE:
            out += _TCVN3_ENCODE[ch]
            continue
        base, *marks = unicodedata.normalize("NFD", ch)
        composed = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in "\u0302\u0306\u031b"))
        tones = [m for m in marks if m in _TONES]
        if composed not in _TCVN3_ENCODE or any(t not in _TCVN3_ENCODE for t in tones):
            raise UnicodeEncodeError("tcvn3", text, 0, 1, f"{ch!r} has no TCVN3 code")
        out += _TCVN3_ENCODE[composed] + b"".join(_TCVN3_ENCODE[t] for t in tones)
    return bytes(out)


def decode_viscii(data: bytes) -> str:
    return data.decode("latin-1").translate(_VISCII_DECODE)


def encode_viscii(text: str) -> bytes:
    try:
        return b"".join(_VISCII_ENCODE[ch] for ch in unicodedata.normalize("NFC", text))
    except KeyError as exc:
        raise UnicodeEncodeError("viscii", text, 0, 1, f"{exc.args[0]!r} has no VISCII code") from None


def decode_cp1258(data: bytes) -> str:
    """CP1258 writes tones as combining marks; the result is composed to NFC."""
    return unicodedata.normalize("NFC", data.decode("cp1258"))


# ------------------------------------------------------------------------ VNI

_TONES = {"\u0301": "sắc", "\u0300": "huyền", "\u0309": "hỏi", "\u0303": "ngã", "\u0323": "nặng"}
# VNI-Windows writes a letter as a base character followed by one mark
# character (as the VNI fonts lay them out in the CP1252 code page).
_VNI_SINGLE = {"Ñ": "Đ", "ñ": "đ", "Ô": "Ơ", "ô": "ơ", "Ö": "Ư", "ö": "ư",
               "Ì": "Ì", "ì": "ì", "Í": "Í", "í": "í", "Æ": "Ỉ", "æ": "ỉ", "Ó": "Ĩ", "ó": "ĩ",
               "Ò": "Ị", "ò": "ị", "Î": "Ỵ", "î": "ỵ"}
_VNI_TONE = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_VNI_HAT = {"â": "", "á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}  # ^ + tone
_VNI_BREVE = {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}  # ˘ + tone
_VNI_VOWELS = set("aeiouyAEIOUYơưƠƯ")


def _mark(ch: str) -> tuple[str, str] | None:
    """(modifier, tone) combining marks for a VNI mark character, either case."""
    low = ch.lower()
    if low in _VNI_TONE:
        return "", _VNI_TONE[low]
    if low in _VNI_HAT:
        return "\u0302", _VNI_HAT[low]
    if low in _VNI_BREVE:
        return "\u0306", _VNI_BREVE[low]
    return None


def _vni_pair(base: str, mark_char: str) -> str:
    """What a base character followed by a VNI mark character reads as."""
    modifier, tone = _mark(mark_char)
    base = _VNI_SINGLE.get(base, base)
    if (modifier == "\u0306" and base.lower() != "a") or (modifier == "\u0302" and base.lower() not in "aeo"):
        return base + mark_char  # "ê" after another vowel is not a breve, nor a hat
    return unicodedata.normalize("NFC", base + modifier + tone)


_VNI_MARKS = "".join(c + c.upper() for c in (*_VNI_TONE, *_VNI_HAT, *_VNI_BREVE))
_VNI_BASES = "".join(_VNI_VOWELS) + "".join(k for k, v in _VNI_SINGLE.items() if v in _VNI_VOWELS)
_VNI_TABLE = {base + mark: _vni_pair(base, mark) for base in _VNI_BASES for mark in _VNI_MARKS} | _VNI_SINGLE
_VNI_TOKENS = re.compile(f"[{re.escape(_VNI_BASES)}][{re.escape(_VNI_MARKS)}]|[{re.escape(''.join(_VNI_SINGLE))}]")


def vni_to_unicode(text: str) -> str:
    """VNI-Windows text (as CP1252 characters, e.g. "Ñaûng") to NFC ("Đảng"): a vowel
    and the mark character after it become one letter, one regular-expression pass."""
    return unicodedata.normalize("NFC", _VNI_TOKENS.sub(lambda m: _VNI_TABLE[m.group()], text))


def decode_vni(data: bytes) -> str:
    return vni_to_unicode(data.decode("cp1252", errors="replace"))


_VNI_SINGLE_BACK = {v: k for k, v in _VNI_SINGLE.items()}
_TONE_BACK = {v: k for k, v in _VNI_TONE.items()}
_HAT_BACK = {v: k for k, v in _VNI_HAT.items()}
_BREVE_BACK = {v: k for k, v in _VNI_BREVE.items()}


def unicode_to_vni(text: str) -> str:
    """NFC text to VNI-Windows characters (encode with CP1252 to get the file's bytes)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in _VNI_SINGLE_BACK:
            out.append(_VNI_SINGLE_BACK[ch])
            continue
        decomposed = unicodedata.normalize("NFD", ch)
        base, marks = decomposed[0], decomposed[1:]
        if not marks or base.lower() not in "aeiouyd":
            out.append(ch)
            continue
        tone = next((m for m in marks if m in _TONES), "")
        upper = base.isupper()
        if "\u031b" in marks:  # horn: ơ ư
            horned = _VNI_SINGLE_BACK[unicodedata.normalize("NFC", base + "\u031b")]
            out.append(horned + (_TONE_BACK[tone] if tone else ""))
            continue
        if "\u0302" in marks:
            mark = _HAT_BACK[tone]
        elif "\u0306" in marks:
            mark = _BREVE_BACK[tone]
        else:
            mark = _TONE_BACK[tone] if tone else ""
        out.append(base + (mark.upper() if upper else mark))
    return "".join(out)


def encode_vni(text: str) -> bytes:
    return unicode_to_vni(text).encode("cp1252")


# ----------------------------------------------------------- syllable scoring

_ONSET = r"(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnpqrstvx])?"
_NUCLEUS = (
    r"(?:uyê|ươ|uô|iê|yê|oa|oă|oe|uê|uy|ưa|ua|ia|"
    r"a|ă|â|e|ê|i|o|ô|ơ|u|ư|y)"
)
_CODA = r"(?:ch|ng|nh|[cmnpt]|[iyou])?"
_SYLLABLE = re.compile(rf"^{_ONSET}{_NUCLEUS}{_CODA}$")
_WORDS = re.compile(r"[^\W\d_]+")
_VIETNAMESE_ONLY = set("ăâđêôơưĂÂĐÊÔƠƯ")


def _strip_tone(word: str) -> tuple[str, int]:
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for ch in decomposed if ch in _TONES)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES)), tones


@lru_cache(maxsize=100_000)
def is_syllable(word: str) -> bool:
    base, tones = _strip_tone(word)
    return tones <= 1 and bool(_SYLLABLE.match(base))


def vietnamese_score(text: str) -> float:
    """How Vietnamese a text reads: accented syllables count for, broken words against.

    Plain ASCII words are neutral (English, numbers, unaccented syllables),
    so the score separates a right decoding from mojibake.
    """
    good = bad = 0
    text = unicodedata.normalize("NFC", text)
    runs = Counter(words(text))  # \w runs; the letter runs inside them are the words
    for run, times in runs.items():  # each once
        if run.isascii():
            continue
        for word in (run,) if run.isalpha() else _WORDS.findall(run):
            if word.isascii():
                continue
            if is_syllable(word):
                good += times
            else:
                bad += times
    if "\ufffd" in text:
        bad += text.count("\ufffd")
    total = good + bad
    return 0.0 if total == 0 else (good - 2 * bad) / total


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    score: float


DECODERS = {
    "utf-8": lambda data: data.decode("utf-8"),
    "cp1258": decode_cp1258,
    "tcvn3": decode_tcvn3,
    "vni": decode_vni,
    "viscii": decode_viscii,
}


SAMPLE_BYTES = 20_000  # enough text to tell encodings apart
GLANCE_BYTES = 3_000  # what each candidate is first scored on: a wrong decoding already reads as junk
GLANCE_MARGIN = 0.5  # candidates this far below the best glance are not scored further


def detect(data: bytes) -> Decoded:
    """The candidate decoding that reads most like Vietnamese (UTF-8 wins ties).

    Legacy bytes almost never form valid UTF-8, so a file that decodes as
    UTF-8 and reads as Vietnamese is taken at once; the others are scored
    on a sample.  Scoring costs most on mojibake (every junk word is looked
    up), so every candidate is first scored on a glance at the start, and
    only those near the best glance on the whole sample.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        score = vietnamese_score(text[:SAMPLE_BYTES])
        if score > 0.5:
            return Decoded(text, "utf-8", score)
    sample = data[:SAMPLE_BYTES]
    decoded: dict[str, str] = {}
    for name, decoder in DECODERS.items():
        try:
            decoded[name] = decoder(data if name == "utf-8" else sample)  # a cut may split a UTF-8 sequence
        except (UnicodeDecodeError, ValueError):
            continue
    if not decoded:
        raise ValueError("không giải mã được văn bản (no encoding fits)")
    glance = {name: vietnamese_score(text[:GLANCE_BYTES]) for name, text in decoded.items()}
    near = max(glance.values()) - GLANCE_MARGIN
    best: tuple[float, str] | None = None
    for name, text in decoded.items():  # in DECODERS' order: the first of equal scores wins
        if glance[name] < near:
            continue
        score = vietnamese_score(text[:SAMPLE_BYTES]) if len(text) > GLANCE_BYTES else glance[name]
        if best is None or score > best[0] + 1e-9:
            best = (score, name)
    score, name = best
    return Decoded(decoded[name] if len(sample) == len(data) or name == "utf-8" else DECODERS[name](data), name, score)


def repair_mojibake(text: str) -> tuple[str, str] | None:
    """If ``text`` is legacy-encoded text that was read as CP1252 ("Uû ban nh©n d©n"),
    return (repaired text, encoding); None when no repair reads better."""
    current = vietnamese_score(text)
    candidates = []
    try:
        raw = text.encode("cp1252")
    except UnicodeEncodeError:
        raw = None
    if raw is not None:
        candidates += [("tcvn3", decode_tcvn3(raw)), ("viscii", decode_viscii(raw))]
    candidates.append(("vni", vni_to_unicode(text)))
    best = max(candidates, key=lambda c: vietnamese_score(c[1]))
    if best[1] != text and vietnamese_score(best[1]) > max(current, 0.0) + 0.2:
        return best[1], best[0]
    return None
