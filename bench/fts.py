"""The FTS5 side of the benches: a typed query as an FTS5 ``MATCH`` expression.

Kept apart from ``search_bench`` so that a process measuring FTS5 alone
(``memory_bench``) loads nothing of LuuTru.
"""


def fts_query(text: str) -> str:
    """Words as quoted terms (all must match); a quoted phrase as it is."""
    text = " ".join(text.replace('"', ' " ').split())
    if text.count('"') >= 2:
        return text
    return " ".join(f'"{w}"' for w in text.split())
