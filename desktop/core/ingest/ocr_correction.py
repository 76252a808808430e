"""Vietnamese corrections for OCR output.

Document numbers are mended first: OCR reads the ``/`` of ``09-NQ/TU`` as
``I``, ``l``, ``1`` or ``|``, ``Đ`` as ``D`` or ``Ð``, and ``0`` as ``O``; a
reading whose kind and issuing level are known codes is put right.  Then each
word is checked against the shape of a Vietnamese syllable (onset, rhyme,
and the rule that a syllable ending in p/t/c/ch takes only the sắc or nặng
tone): a word that fails is *doubtful*, for the clerk's review.  A word is
corrected only where one change of tone mark or vowel shape gives a syllable
that the frequency table (:mod:`syllable_table`) shows to be the clear reading,
and never when the word as read is itself a syllable people write.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from desktop.core.docrefs import KINDS, LEVELS
from desktop.core.ingest.syllable_table import TONES, rank, spelled, strip_tone
from desktop.text import nfc

_ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
           "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "")
_RHYMES = set("""
a ai ao au ay am an ang anh ap at ac ach ăm ăn ăng ăp ăt ăc âu ây âm ân âng âp ât âc
e eo em en eng ep et ec ê êu êm ên ênh êp êt êch
i ia iu im in inh ip it ich iêu iêm iên iêng iêp iêt iêc
o oa oe oi om on ong op ot oc oai oao oay oam oan oang oanh oap oat oac oach oăm oăn oăng oăt oăc oen oeo oet ooc oong
ô ôi ôm ôn ông ôp ôt ôc ơ ơi ơm ơn ơp ơt
u ua ui um un ung up ut uc uân uâng uât uây uê uênh uêch uy uya uyên uyêt uych uynh uyt uyu uôi uôm uôn uông uôt uôc uơ
ư ưa ưi ưu ưm ưn ưng ưt ưc ươi ươu ươm ươn ương ươp ươt ươc
y yêu yên yêt yêm
""".split())
_STOP_FINALS = ("p", "t", "c", "ch")
_SHAPES = {"a": "ăâ", "ă": "aâ", "â": "aă", "e": "ê", "ê": "e", "o": "ôơ", "ô": "oơ", "ơ": "oô", "u": "ư", "ư": "u",
           "d": "đ", "đ": "d"}
_LETTERS = re.compile(r"^[^\W\d_]+$")
_NUMBER = re.compile(
    r"(?<![\w/])(?P<num>[0-9OoIl]{1,4}[a-z]?)\s*[-–—~]\s*(?P<tail>[A-ZĐÐ][A-ZĐÐ/|Il1!\\⁄]{2,15})(?![\w/])"
)
_SEPARATORS = "/|Il1!\\⁄"
_PUNCTUATION = ".,;:!?…\"'“”()[]«»-–—"
COMMON_RANK = 2000  # a reading put instead of a misread is among the 2,000 most written syllables
CLEARER = 10  # and written ten times as often as the next such reading (ranks go as 1/frequency)
_LOOKALIKES = {"I": "L", "l": "L", "0": "Đ", "Ð": "Đ"}  # what OCR reads for the letters of a code


@cache
def is_syllable(word: str) -> bool:
    """Whether ``word`` (letters only, any case) is a well-formed Vietnamese syllable."""
    base, tone = strip_tone(word.lower())
    if tone == "many":
        return False
    for onset in _ONSETS:
        if not base.startswith(onset):
            continue
        rhyme = base[len(onset):]
        if onset == "gi" and rhyme == "":
            return True  # "gì"
        if onset == "qu" and rhyme[:1] in ("u", "o"):
            continue
        if rhyme in _RHYMES:
            return tone in (None, "\u0301", "\u0323") or not rhyme.endswith(_STOP_FINALS)
    return False


def is_doubtful(word: str, confidence: float | None = None) -> bool:
    """A word worth a clerk's look: read with low confidence, or lower-case letters
    that make no Vietnamese syllable (abbreviations, numbers and names in capitals pass)."""
    if confidence is not None and confidence < 60:
        return True
    core = word.strip(".,;:!?…\"'“”()[]«»-–—")
    if not core or not _LETTERS.match(core) or core.isupper():
        return False
    return not is_syllable(core)


def _letters(word: str) -> list[tuple[str, str]]:
    """Each letter as (letter with its shape mark, its tone mark or "")."""
    out = []
    for ch in word:
        parts = unicodedata.normalize("NFD", ch)
        out.append((unicodedata.normalize("NFC", "".join(p for p in parts if p not in TONES)),
                    "".join(p for p in parts if p in TONES)))
    return out


def _spell(letters: list[tuple[str, str]]) -> str:
    return "".join(unicodedata.normalize("NFC", letter + tone) for letter, tone in letters)


def _variants(word: str) -> set[str]:
    """Words one tone mark or one vowel shape away from ``word``."""
    letters = _letters(word)
    found = set()
    vowels = [i for i, (letter, _) in enumerate(letters) if letter.lower() in "aăâeêioôơuưy"]
    toned = [i for i, (_, tone) in enumerate(letters) if tone]
    for tone in ["", *TONES]:
        for place in vowels:
            changed = [(letter, "") for letter, _ in letters]
            changed[place] = (changed[place][0], tone)
            found.add(_spell(changed))
    for index, (letter, tone) in enumerate(letters):
        for other in _SHAPES.get(letter.lower(), ""):
            changed = list(letters)
            changed[index] = (other.upper() if letter.isupper() else other, tone)
            found.add(_spell(changed))
    if len(toned) > 1:
        found = {v for v in found if v}
    return found - {word}


def correct_word(word: str) -> str:
    """``word`` itself, or the one reading a tone-mark or vowel-shape slip makes clear.

    A syllable the table lists (one written in real text) is never changed.  One
    that is no syllable at all, or one never written, becomes the syllable one tone
    mark or one shape away from it (OCR reads hỏi as sắc, drops the dot of nặng,
    reads đ for d) when that is common and written far more than any other such
    reading: ``đân`` is ``dân``, not ``đan``.  Where two readings are about as likely
    (``nhiêm``: ``nhiệm`` or ``nhiễm``) the word stays as read, for the clerk."""
    start = len(word) - len(word.lstrip(_PUNCTUATION))
    end = len(word.rstrip(_PUNCTUATION))
    core = word[start:end]
    if not core or not _LETTERS.match(core) or (core.isupper() and len(core) > 1):
        return word  # abbreviations and numbers; capitals are left to the clerk
    if is_syllable(core) and rank(core) is not None:
        return word
    readings: dict[tuple[str, str | None], tuple[int, str]] = {}
    for variant in _variants(core):
        place = rank(variant) if is_syllable(variant) else None
        if place is not None and place < COMMON_RANK:
            readings.setdefault(strip_tone(variant.lower()), (place, spelled(variant)))
    ranked = sorted(readings.values())
    if ranked and (len(ranked) == 1 or ranked[1][0] + 1 >= CLEARER * (ranked[0][0] + 1)):
        return word[:start] + _cased(ranked[0][1], core) + word[end:]
    valid = {v for v in _variants(core) if is_syllable(v)}
    if not is_syllable(core) and len(valid) == 1:
        return word[:start] + valid.pop() + word[end:]  # no syllable as read, one as it can be meant
    return word


def _cased(syllable: str, like: str) -> str:
    return syllable[:1].upper() + syllable[1:] if like[:1].isupper() else syllable


def _code(text: str, known: dict[str, str]) -> str | None:
    """``text`` as a known code, reading look-alikes (``Ð``, ``I`` for ``L``) and ``D`` as
    ``Đ`` where that makes one."""
    alike = "".join(_LOOKALIKES.get(ch, ch) for ch in text)
    for reading in (text.replace("Ð", "Đ"), alike, re.sub("[DĐ]{2,}", "Đ", alike)):  # "ĐÐU": one Đ read twice
        positions = [i for i, ch in enumerate(reading) if ch == "D"]
        for mask in range(2 ** len(positions)):
            chars = list(reading)
            for bit, index in enumerate(positions):
                if mask >> bit & 1:
                    chars[index] = "Đ"
            if "".join(chars) in known:
                return "".join(chars)
    return None


def _mend_number(match: re.Match) -> str:
    number = match["num"].replace("O", "0").replace("o", "0").replace("I", "1").replace("l", "1")
    if not any(ch.isdigit() for ch in match["num"]):
        return match.group(0)
    tail = match["tail"]
    cuts = sorted((i for i, ch in enumerate(tail) if ch in _SEPARATORS), key=lambda i: tail[i] != "/")
    for index in cuts:  # a real slash first: "QĐI/TW" is Quy định, not "QĐ" cut at the I
        kind, level = _code(tail[:index], KINDS), _code(tail[index + 1:].lstrip(_SEPARATORS), LEVELS)
        if kind and level:
            return f"{number}-{kind}/{level}"
    return match.group(0)


def correct_numbers(text: str) -> str:
    """Document numbers in ``text`` as they were printed (``09-NQITU`` → ``09-NQ/TU``)."""
    return _NUMBER.sub(_mend_number, text)


def correct_line(text: str) -> str:
    """An OCR line with its document numbers mended and clear tone slips corrected."""
    return " ".join(correct_word(word) for word in correct_numbers(nfc(text)).split(" "))
