"""Tell the same article republished from another report of the same event.

Sampled fingerprints (:mod:`fingerprints`) only find candidates: two papers'
reports of one meeting share the leaders' names and titles, the figures, the
resolution cited, often the same quotation and the office's standing sentences,
so a short report can share half its sampled runs with a long one.  The
candidates are therefore compared on their whole text: the share of all runs
of five words that the two hold in common, over the *larger* set, so that a
brief made from a long article's opening paragraph is not called a copy of it.
The office's standing lines (who attended, photo credits, bylines) are left
out: two short articles of one office may share more of those than of their
stories.

On the evaluation set in ``bench/near_dup_bench.py`` (republished copies edited
by 5–20 % of their words; other reports of one event; distinct articles with
the office's boilerplate) copies score 0.70 and above, other reports of the
same event at most about 0.47; see docs/import.md for the measured figures.
"""

from __future__ import annotations

import re

from desktop.core.store.fingerprints import RUN
from desktop.text import fold, words

DUPLICATE = 0.5  # share of the larger article's runs held by both: the same article, lightly edited
RELATED = 0.2  # below DUPLICATE: the same event, or the same story written again


# The office's standing lines, folded: who attended ("Dự hội nghị có các đồng chí: …",
# "Tham dự buổi làm việc có …"), photo and source credits.  Two short articles from
# one office can share more of these than of their stories.
_HOUSE_LINE = re.compile(
    r"^\W*(?:(?:cung |den |toi )?(?:tham )?du (?:hoi nghi|buoi|le|chuong trinh|phien|ky hop|dai hoi|doan)[^.;]{0,60}?"
    r"(?:\bco\b|:)|anh\s*:|nguon\s*:|quang canh\b)"
)
BYLINE_WORDS = 8  # a line this short is a byline, a credit or a caption, not the story


def runs(text: str) -> set[str]:
    """Every run of RUN words in the story's lines, folded (standing lines and bylines left out)."""
    story = "\n".join(line for line in fold(text).splitlines()
                      if line.count(" ") >= BYLINE_WORDS - 1 and not _HOUSE_LINE.match(line))
    found = words(story)
    return set(map(" ".join, zip(*(found[i:] for i in range(RUN)))))


def resemblance(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / max(len(a), len(b))


def kind_of(score: float) -> str | None:
    """"duplicate" (ask keep or merge), "related" (show, never ask) or None."""
    if score >= DUPLICATE:
        return "duplicate"
    if score >= RELATED:
        return "related"
    return None
