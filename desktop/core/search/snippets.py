"""Highlighted snippets without re-tokenising whole articles.

``fold`` keeps NFC Vietnamese the same length character for character, so
matches found by a regular expression on the folded text mark the same
spans in the original text.  The window with the most distinct query words
becomes the snippet.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from desktop.text import fold

WINDOW = 220


def _pattern(terms: Iterable[str]) -> re.Pattern | None:
    words = sorted({t for t in terms if t}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


class Highlighter:
    def __init__(self, terms: Iterable[str], markup: tuple[str, str] = ("<b>", "</b>"), escape: bool = True):
        self.pattern = _pattern(terms)
        self.start, self.end = markup
        self.escape = escape

    def _esc(self, text: str) -> str:
        return html.escape(text, quote=False) if self.escape else text

    def _matches(self, text: str) -> list[tuple[int, int, str]]:
        if self.pattern is None:
            return []
        folded = fold(text)
        if len(folded) != len(text):
            return []  # not aligned (exotic input): plain text is better than wrong marks
        return [(m.start(), m.end(), m.group(0)) for m in self.pattern.finditer(folded)]

    def _mark(self, text: str, matches, lo: int, hi: int) -> str:
        out, pos = [], lo
        for start, end, _ in matches:
            if start < lo or end > hi:
                continue
            out.append(self._esc(text[pos:start]))
            out.append(f"{self.start}{self._esc(text[start:end])}{self.end}")
            pos = end
        out.append(self._esc(text[pos:hi]))
        return "".join(out)

    def whole(self, text: str) -> str:
        """All of ``text`` with every match marked (for titles)."""
        return self._mark(text, self._matches(text), 0, len(text))

    def snippet(self, text: str) -> str:
        """The best window of ``text`` around the query words, marked; its start if none match."""
        text = " ".join(text.split())
        matches = self._matches(text)
        if not matches:
            cut = text[:WINDOW].rsplit(" ", 1)[0] if len(text) > WINDOW else text
            return self._esc(cut) + ("…" if len(text) > len(cut) else "")
        best, best_score = 0, -1
        for i, (start, _, _) in enumerate(matches):
            window = [m for m in matches[i:] if m[1] <= start + WINDOW]
            score = len({w for _, _, w in window}) * 100 + len(window)
            if score > best_score:
                best, best_score = i, score
        first = matches[best][0]
        lo = max(0, text.rfind(" ", 0, max(0, first - 40)) + 1) if first > 40 else 0
        hi = min(len(text), lo + WINDOW)
        if hi < len(text):
            space = text.rfind(" ", lo, hi)
            hi = space if space > first else hi
        return ("…" if lo else "") + self._mark(text, matches, lo, hi) + ("…" if hi < len(text) else "")
