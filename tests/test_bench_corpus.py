"""The bench corpora (issue 22 item 6): the realistic one spreads its syllables
as real news does, the harsh one stays as it was, both the same for a seed."""

import unicodedata

from bench.corpus import Corpus, RealisticCorpus, syllable_inventory
from bench.corpus_stats import statistics
from desktop.text import canonical_tone


def test_same_seed_same_articles_other_seed_other_articles():
    one, again, other = RealisticCorpus(7), RealisticCorpus(7), RealisticCorpus(8)
    assert [one.article(n)[0] for n in (0, 5)] == [again.article(n)[0] for n in (0, 5)]
    assert one.article(0)[0].body != other.article(0)[0].body


def test_inventory_syllables_are_nfc_with_the_tone_where_spelling_puts_it():
    syllables = syllable_inventory()
    assert len(syllables) == len(set(syllables)) > 20_000
    for s in syllables:
        assert unicodedata.is_normalized("NFC", s)
        assert canonical_tone(s) == s
    assert {"thủy", "hòa", "nghiệp", "quốc", "đường"} <= set(syllables)
    assert not {"ka", "ghá", "nghà", "cé", "ngí"} & set(syllables)  # k/gh/ngh before i e ê only, c/g/ng never


def test_realistic_corpus_is_less_repetitive_than_the_harsh_one():
    realistic, harsh = statistics(RealisticCorpus(), 300), statistics(Corpus(), 300)
    assert realistic["distinct syllables"] > 5 * harsh["distinct syllables"]
    assert realistic["top-100 share of tokens"] < harsh["top-100 share of tokens"]
    def pairs_per_syllable(stats):
        return stats["distinct adjacent pairs"] / stats["syllables per article"]

    assert pairs_per_syllable(realistic) > 3 * pairs_per_syllable(harsh)
    assert 350 < realistic["syllables per article"] < 600  # real news: 473


def test_realistic_articles_keep_what_the_search_bench_asks_for():
    draft, units, topics = RealisticCorpus().article(3)
    assert draft.title and draft.published_date and units and topics
    assert any("/" in ref.number for ref in draft.doc_refs)  # a document number like 12-NQ/TU
