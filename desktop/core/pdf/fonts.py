"""The bundled Vietnamese serif and a glyph-coverage guard.

Liberation Serif (SIL OFL, metric-compatible with Times New Roman, the face
office documents use) covers every Vietnamese letter.  Text is NFC before
layout; a character the font still lacks is replaced by its letter without
diacritics (or "?") and reported, rather than drawn as an empty box.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.paths import resources
from desktop.text import fold, nfc

FAMILY = "LuuTruSerif"
FACES = {
    FAMILY: "LiberationSerif-Regular.ttf",
    f"{FAMILY}-Bold": "LiberationSerif-Bold.ttf",
    f"{FAMILY}-Italic": "LiberationSerif-Italic.ttf",
    f"{FAMILY}-BoldItalic": "LiberationSerif-BoldItalic.ttf",
}


@lru_cache(maxsize=1)
def register_fonts() -> str:
    folder = resources() / "fonts"
    for name, filename in FACES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / filename)))
    addMapping(FAMILY, 0, 0, FAMILY)
    addMapping(FAMILY, 1, 0, f"{FAMILY}-Bold")
    addMapping(FAMILY, 0, 1, f"{FAMILY}-Italic")
    addMapping(FAMILY, 1, 1, f"{FAMILY}-BoldItalic")
    return FAMILY


@lru_cache(maxsize=1)
def _covered() -> frozenset[int]:
    register_fonts()
    covered = None
    for name in FACES:
        chars = set(pdfmetrics.getFont(name).face.charToGlyph)
        covered = chars if covered is None else covered & chars
    return frozenset(covered or ())


def missing_glyphs(text: str) -> set[str]:
    covered = _covered()
    return {ch for ch in set(text) if not ch.isspace() and ord(ch) not in covered}


def printable(text: str, missing: set[str] | None = None) -> str:
    """NFC text with every character the font lacks replaced (and added to ``missing``)."""
    text = nfc(text)
    covered = _covered()
    out = []
    for ch in text:
        if ch.isspace() or ord(ch) in covered:
            out.append(ch)
            continue
        if unicodedata.category(ch) in ("Cf", "Cc"):
            continue
        if missing is not None:
            missing.add(ch)
        plain = fold(ch)
        out.append(plain if all(ord(c) in covered for c in plain) and plain else "?")
    return "".join(out)
