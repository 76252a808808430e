"""How often each Vietnamese syllable is written, to tell a misread from a real word.

``resources/lexicon/vie_syllables.txt`` lists about 3,300 syllables, the most
written first (from Tesseract's own Vietnamese word list, Apache-2.0; its header
says how it was made).  A syllable's rank is its place there, looked up by its
letters and its tone whatever vowel the tone is written on, so ``hoà`` and ``hòa``
are one syllable.  None means not listed: a misread, or a rare word.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from desktop.paths import resources

TONES = {"\u0300": "huyền", "\u0301": "sắc", "\u0303": "ngã", "\u0309": "hỏi", "\u0323": "nặng"}


def strip_tone(syllable: str) -> tuple[str, str | None]:
    """(the letters without tone mark, the tone's combining mark, None, or "many")."""
    decomposed = unicodedata.normalize("NFD", syllable)
    tones = [ch for ch in decomposed if ch in TONES]
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in TONES))
    return base, (tones[0] if len(tones) == 1 else None if not tones else "many")


@cache
def _spellings() -> dict[tuple[str, str | None], str]:
    """Each listed syllable by its letters and tone, in the table's order (most written first)."""
    spellings: dict[tuple[str, str | None], str] = {}
    with open(resources() / "lexicon" / "vie_syllables.txt", encoding="utf-8") as table:
        for line in table:
            if line.strip() and not line.startswith("#"):
                spellings.setdefault(strip_tone(line.strip()), line.strip())
    return spellings


@cache
def _ranks() -> dict[tuple[str, str | None], int]:
    return {key: place for place, key in enumerate(_spellings())}


def rank(syllable: str) -> int | None:
    """0 for the most written syllable, larger for rarer ones; None if not listed (any case)."""
    return _ranks().get(strip_tone(syllable.lower()))


def spelled(syllable: str) -> str:
    """The listed syllable as the table writes it (its tone on the usual vowel: ``biêủ``
    made by changing one mark is ``biểu``), lower case; ``syllable`` itself if unlisted."""
    return _spellings().get(strip_tone(syllable.lower()), syllable.lower())
