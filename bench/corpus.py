"""Seeded synthetic corpora of Vietnamese Party-office articles for benchmarks.

:class:`Corpus`, the harsh case: text from a syllable bigram model trained on
the sample articles, so its ~1,000 syllables occur in nearly every article
(huge posting lists for "của", "và", "công", "tác").
:class:`RealisticCorpus`: the same articles' shape, with most sentences drawn
from a generated lexicon so that the syllable statistics match real news
(``python -m bench.corpus_stats`` prints them next to the targets).
Both mix in names, units, document numbers, dates and captions; the same
seed always gives the same corpus.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import random
import re
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from desktop.core.draft import ArticleDraft, PhotoDraft

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "resources" / "sample"

SURNAMES = "Nguyễn Trần Lê Phạm Hoàng Vũ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trịnh Mai".split()
MIDDLE = "Văn Thị Đức Minh Ngọc Thanh Hữu Quốc Xuân Thu Kim Hồng".split()
GIVEN = "Công Bằng Thắng Hưởng Chiến Dung Trang Hồng Nguyên Ánh Cường Đằng Hiếu Bình Chung Ngà Lan Hải Sơn Tuấn".split()
TITLES = ["Bí thư Thị ủy", "Phó Bí thư Thường trực Thị ủy", "Chủ tịch UBND thị xã", "Trưởng Ban Tuyên giáo Thị ủy",
          "Chủ nhiệm Ủy ban Kiểm tra Thị ủy", "Bí thư Đảng ủy phường", "Trưởng Ban Dân vận Thị ủy"]
UNITS = ["Thị ủy Quảng Yên", "Ban Tuyên giáo", "Ban Tổ chức", "Ủy ban Kiểm tra", "Ban Dân vận", "Đảng ủy phường Nam Hòa",
         "Đảng ủy phường Quảng Yên", "Đảng ủy xã Hiệp Hòa", "Đảng ủy xã Sông Khoai", "Huyện ủy Cầu Ngang",
         "Thành ủy Cao Lãnh", "Đảng ủy phường Yên Giang"]
TOPICS = ["Xây dựng Đảng", "Tuyên giáo", "Dân vận", "Kiểm tra, giám sát", "Tổ chức cán bộ", "Kinh tế - xã hội",
          "Quốc phòng - an ninh", "Chuyển đổi số"]
DOC_KINDS = ["NQ", "KL", "CT", "QĐ", "HD", "KH"]
DOC_LEVELS = ["TW", "TU", "TU", "TU", "HU", "ĐU"]
# Vocabulary by field of work: each article draws mostly from one or two, so a word's
# document frequency looks like a real archive's (common Party words everywhere,
# field words in a fraction).
DOMAINS = {
    "nông nghiệp": "sản xuất nông nghiệp, cây ăn quả, chăn nuôi, thủy sản, nuôi trồng, hợp tác xã, tiêu thụ nông sản, "
                   "giống cây trồng, vùng nguyên liệu, mô hình trang trại, phòng chống dịch bệnh gia súc, thủy lợi, "
                   "đê điều, hạn hán, xâm nhập mặn, OCOP, sản phẩm chủ lực, liên kết chuỗi giá trị",
    "giáo dục": "trường học, giáo viên, học sinh, năm học mới, phổ cập giáo dục, chuẩn quốc gia, khuyến học, "
                "học bổng, cơ sở vật chất, thi tốt nghiệp, giáo dục mầm non, bán trú, xóa mù chữ, thư viện",
    "y tế": "trạm y tế, bảo hiểm y tế, tiêm chủng, khám chữa bệnh, bác sĩ, dân số kế hoạch hóa gia đình, "
            "vệ sinh an toàn thực phẩm, sốt xuất huyết, chăm sóc sức khỏe ban đầu, người cao tuổi, dinh dưỡng",
    "hạ tầng": "giao thông nông thôn, bê tông hóa, cầu cống, đường liên xã, giải phóng mặt bằng, tái định cư, "
               "khu công nghiệp, cảng biển, quy hoạch chung, điện chiếu sáng, nước sạch, thoát nước, chỉnh trang đô thị",
    "văn hóa": "thiết chế văn hóa, nhà văn hóa, lễ hội truyền thống, di tích lịch sử, gia đình văn hóa, "
               "thể dục thể thao, văn nghệ quần chúng, bảo tồn, du lịch cộng đồng, làng nghề, ẩm thực, tín ngưỡng",
    "quốc phòng": "dân quân tự vệ, tuyển quân, giao nhận quân, diễn tập khu vực phòng thủ, biên giới, biển đảo, "
                  "lực lượng vũ trang, hậu phương quân đội, công an xã, trật tự an toàn giao thông, phòng cháy chữa cháy",
    "xã hội": "an sinh xã hội, hộ nghèo, hộ cận nghèo, nhà đại đoàn kết, người có công, thương binh liệt sĩ, "
              "việc làm, xuất khẩu lao động, trẻ em, bình đẳng giới, phòng chống bạo lực gia đình, cứu trợ, thiên tai",
    "chuyển đổi số": "chính quyền số, dịch vụ công trực tuyến, định danh điện tử, thanh toán không dùng tiền mặt, "
                     "hồ sơ điện tử, phần mềm, cơ sở dữ liệu, an toàn thông tin, mạng xã hội, tổ công nghệ số cộng đồng",
    "tài chính": "thu ngân sách, đầu tư công, giải ngân, thuế, tín dụng chính sách, ngân hàng, tiết kiệm, "
                 "chống lãng phí, thực hành tiết kiệm, quyết toán, kiểm toán, tài sản công, đấu giá quyền sử dụng đất",
    "môi trường": "rác thải sinh hoạt, bảo vệ môi trường, trồng rừng, cây xanh, biến đổi khí hậu, ô nhiễm, "
                  "khai thác khoáng sản, tài nguyên nước, đất đai, xử lý vi phạm, nhựa dùng một lần, vệ sinh đường làng",
}
DOMAIN_WORDS = {k: [w.strip() for w in v.split(",")] for k, v in DOMAINS.items()}
DOMAIN_VERBS = ["đẩy mạnh", "tập trung", "quan tâm", "nâng cao hiệu quả", "triển khai", "rà soát", "hoàn thành",
                "tháo gỡ khó khăn về", "kiểm tra việc thực hiện", "tổng kết", "xây dựng kế hoạch về", "huy động nguồn lực cho"]
TITLE_OPENERS = ["Thị ủy", "Ban Thường vụ Thị ủy", "Đảng ủy phường", "Hội nghị", "Ủy ban Kiểm tra Thị ủy",
                 "Ban Tuyên giáo", "Đoàn công tác Tỉnh ủy", "Thường trực Thị ủy"]


def _train() -> tuple[dict[str, list[str]], list[str]]:
    text = " ".join(p.read_text("utf-8") for p in sorted(SAMPLES.glob("*.txt")))
    words = re.findall(r"\w+|[.,;:]", text)
    chain: dict[str, list[str]] = defaultdict(list)
    for a, b in zip(words, words[1:]):
        chain[a].append(b)
    starts = [b for a, b in zip(words, words[1:]) if a == "." and b[0].isupper()]
    return chain, starts


class Corpus:
    def __init__(self, seed: int = 20261123):
        self.seed = seed
        self.chain, self.starts = _train()

    def _sentence(self, rng: random.Random, length: int) -> str:
        word = rng.choice(self.starts)
        out = [word]
        while len(out) < length:
            options = self.chain.get(word)
            if not options:
                word = rng.choice(self.starts)
            else:
                word = rng.choice(options)
            if word == "." and len(out) < length // 2:
                continue
            if word == ".":
                break
            out.append(word)
        sentence = " ".join(out).replace(" ,", ",").replace(" ;", ";").replace(" :", ":").strip(",;: ")
        return sentence[:1].upper() + sentence[1:] + "."

    def _domain_sentence(self, rng: random.Random, domains: list[str]) -> str:
        words = DOMAIN_WORDS[rng.choice(domains)]
        picked = rng.sample(words, 3)
        subject = rng.choice(UNITS + ["các địa phương", "các cơ quan, đơn vị", "cấp ủy cơ sở"])
        return f"{subject} {rng.choice(DOMAIN_VERBS)} {picked[0]}, {picked[1]} và {picked[2]}."

    def _body(self, rng: random.Random, domains: list[str], doc: str, year: int) -> str:
        paragraphs = []
        for p in range(rng.randint(5, 9)):
            sentences = [self._sentence(rng, rng.randint(12, 30)) for _ in range(rng.randint(2, 4))]
            sentences += [self._domain_sentence(rng, domains) for _ in range(rng.randint(2, 3))]
            rng.shuffle(sentences)
            if p == 1:
                sentences.insert(1, f"Thực hiện Nghị quyết số {doc} ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}/{year - 1}.")
            paragraphs.append(" ".join(sentences))
        return "\n\n".join(paragraphs)

    def _name(self, rng: random.Random) -> str:
        return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"

    def _doc(self, rng: random.Random, year: int) -> str:
        return f"{rng.randint(1, 1800):02d}-{rng.choice(DOC_KINDS)}/{rng.choice(DOC_LEVELS)}"

    def article(self, number: int) -> tuple[ArticleDraft, list[str], list[str]]:
        """The draft, its unit names and its topic names."""
        rng = random.Random(self.seed * 1_000_003 + number)
        day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 11))
        domains = rng.sample(sorted(DOMAIN_WORDS), 2)
        title_words = self._sentence(rng, rng.randint(6, 10)).rstrip(".").split()
        title = (f"{rng.choice(TITLE_OPENERS)} {rng.choice(DOMAIN_VERBS)} {rng.choice(DOMAIN_WORDS[domains[0]])} "
                 f"{' '.join(title_words[:rng.randint(3, 7)])}")
        name, role = self._name(rng), rng.choice(TITLES)
        doc = self._doc(rng, day.year)
        lead = (f"Ngày {day.day}/{day.month}/{day.year}, {rng.choice(UNITS)} tổ chức hội nghị. "
                f"Đồng chí {name}, {role} chủ trì. " + self._sentence(rng, 25))
        body = self._body(rng, domains, doc, day.year)
        photos = [PhotoDraft(caption=f"{self._sentence(rng, 10).rstrip('.')}", credit=self._name(rng))
                  for _ in range(rng.randint(0, 2))]
        draft = ArticleDraft(title=title, lead=lead, body=body, published_date=day,
                             author=self._name(rng), photos=photos)
        draft.extract_references()
        units = rng.sample(UNITS, rng.randint(1, 2))
        topics = rng.sample(TOPICS, rng.randint(1, 2))
        return draft, units, topics

    def articles(self, count: int) -> Iterator[tuple[ArticleDraft, list[str], list[str]]]:
        for number in range(count):
            yield self.article(number)


_FORKED: Corpus | None = None  # the corpus a generating worker inherited


def _generate_range(start: int, stop: int) -> list:
    return [_FORKED.article(number) for number in range(start, stop)]


def generated(corpus: Corpus, count: int, workers: int = 2, chunk: int = 1000, first: int = 0) -> list:
    """``list(corpus.articles(count))[first:]``, made by ``workers`` forked processes: each
    article has its own seed, so the list is the same (and a bigger corpus begins with a
    smaller one); 300,000 articles take some fifteen minutes of CPU."""
    global _FORKED
    if workers < 2 or count - first <= chunk:
        return [corpus.article(number) for number in range(first, count)]
    _FORKED = corpus
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            parts = pool.map(_generate_range, range(first, count, chunk),
                             [min(start + chunk, count) for start in range(first, count, chunk)])
            return [article for part in parts for article in part]
    finally:
        _FORKED = None


# ------------------------------------------------------------ realistic corpus
#
# The corpus above draws every sentence from a bigram chain over the ~800 word
# types of the sample articles, so nearly every syllable occurs in nearly every
# article: the harsh case for an index.  Real news spreads its words far wider.
# The realistic corpus keeps the same articles' shape (titles, leads, names,
# document numbers, units, dates) but writes most body sentences from a
# Zipf-Mandelbrot model over a generated lexicon of Vietnamese words, each one
# to three syllables made of onsets × rhymes × tones.

ONSETS = ("", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p", "ph",
          "qu", "r", "s", "t", "th", "tr", "v", "x")
RHYMES = ("a ai am an ang anh ao au ay ă ăm ăn ăng âm ân âng âu ây e em en eng eo ê êm ên ênh êu i ia im in inh iu "
          "iêm iên iêng iêu o oa oai oan oang oanh oay oăn oăng oe oen oi om on ong oong ô ôi ôm ôn ông ơ ơi ơm ơn u "
          "ua uân uâng uây uê uênh ui um un ung uy uya uyên uyêt uynh uôi uôm uôn uông uơ ư ưa ưi ưm ưn ưng ươi ươm "
          "ươn ương ươu yêm yên yêu "
          # ending in a stop: these take only the acute or the dot below
          "ac ach ap at ăc ăp ăt âc âp ât ep et êch êt ip it ich iêc iêp iêt oac oach oat oăc oăt oc op ot ôc ôp ôt "
          "ơp ơt uc up ut uât uyêt uôc uôt ưc ưt ươc ươp ươt").split()
TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")  # level, sắc, huyền, hỏi, ngã, nặng
_FRONT = ("i", "e", "ê", "y")


def _spelled(onset: str, rhyme: str) -> bool:
    """Whether the onset may stand before the rhyme (c/k, g/gh, ng/ngh, gi, qu)."""
    front = rhyme.startswith(_FRONT)
    if onset in ("k", "gh", "ngh"):
        return front
    if onset in ("c", "g", "ng"):
        return not front
    if onset == "qu":
        return not rhyme.startswith(("o", "u"))
    if onset == "gi":
        return not rhyme.startswith(("i", "y"))
    if onset == "":
        return not rhyme.startswith("u") or len(rhyme) == 1 or rhyme[1] not in "aâêơy"
    return True


# What real news has besides Vietnamese syllables: numbers, and syllables of
# foreign names and loanwords ("covid", "smart", "online").
FOREIGN_ONSETS = ("", "b", "br", "c", "cl", "cr", "d", "f", "fl", "g", "gr", "j", "l", "m", "n", "p", "pl", "pr",
                  "s", "sh", "sm", "st", "t", "tr", "w", "z")
FOREIGN_RHYMES = ("a", "e", "i", "o", "u", "ea", "ee", "oo", "ou", "ai", "ay", "ie")
FOREIGN_CODAS = ("", "n", "ng", "t", "p", "ck", "rt", "ll", "ss", "x", "d", "m", "rd", "nt")
NUMBERS = 8_000  # "0" … "7999"


def syllable_inventory() -> list[str]:
    """Every valid-looking Vietnamese syllable (onset × rhyme × the tones its ending
    allows, some 16,000), then foreign syllables and numbers (some 13,000)."""
    from desktop.text import canonical_tone

    out = []
    for onset in ONSETS:
        for rhyme in RHYMES:
            if not _spelled(onset, rhyme):
                continue
            stop = rhyme.endswith(("c", "ch", "p", "t"))
            for tone in (TONES[1], TONES[5]) if stop else TONES:
                out.append(canonical_tone(onset + rhyme + tone))
    out += [o + r + c for o in FOREIGN_ONSETS for r in FOREIGN_RHYMES for c in FOREIGN_CODAS]
    out += [str(n) for n in range(NUMBERS)]
    return list(dict.fromkeys(out))  # "qua" is both qu+a and q+ua: once


@dataclass(frozen=True)
class Shape:
    """The realistic model's knobs, tuned so that 10,000 articles match real news."""

    words: int = 120_000  # lexicon size (entries of one to four syllables)
    word_s: float = 1.1  # Zipf-Mandelbrot exponent over word ranks
    word_q: float = 20.0  # its rank offset: flattens the head
    syllable_s: float = 1.0  # Zipf exponent over syllables when making words
    syllable_q: float = 30.0
    # Shares of lexicon entries with one, two, three and four syllables (the longer
    # ones stand for set phrases: "phát triển kinh tế", "xây dựng Đảng").
    syllables: tuple[float, ...] = (0.2, 0.5, 0.15, 0.15)
    # A sparse bigram model: with chance `follow` a word is one of the `successors`
    # its predecessor usually has, so pairs recur as in real text.
    follow: float = 0.6
    successors: int = 40
    seed_sentences: float = 0.45  # share of body sentences from the sample articles' bigram chain
    length: tuple[int, int] = (130, 610)  # body syllables per article, uniform


class RealisticCorpus(Corpus):
    """Articles whose syllable statistics match real Vietnamese news (see ``bench.corpus_stats``)."""

    def __init__(self, seed: int = 20261123, shape: Shape = Shape()):
        super().__init__(seed)
        self.shape = shape
        rng = np.random.default_rng(seed)
        syllables = syllable_inventory()
        rng.shuffle(syllables)
        ranks = np.arange(1, len(syllables) + 1)
        weights = 1.0 / (ranks + shape.syllable_q) ** shape.syllable_s
        longest = len(shape.syllables)
        lengths = rng.choice(np.arange(1, longest + 1), size=shape.words, p=shape.syllables)
        parts = rng.choice(len(syllables), size=(shape.words, longest), p=weights / weights.sum())
        self.lexicon = [" ".join(syllables[i] for i in row[:n]) for row, n in zip(parts, lengths)]
        word_ranks = np.arange(1, shape.words + 1)
        word_weights = 1.0 / (word_ranks + shape.word_q) ** shape.word_s
        self.word_cdf = np.cumsum(word_weights / word_weights.sum())
        self.word_lengths = lengths
        self._next: dict[int, np.ndarray] = {}

    def _lexicon_sentence(self, rng: np.random.Generator, length: int) -> str:
        """About ``length`` syllables of words from the Zipf-Mandelbrot lexicon, each
        word (with chance ``follow``) one of its predecessor's usual successors."""
        word = self._zipf_word(rng)
        out, count = [], 0
        while True:
            out.append(self.lexicon[word])
            count += self.word_lengths[word]
            if count >= length:
                break
            if rng.random() < self.shape.follow:
                word = self._successors(word)[rng.integers(self.shape.successors)]
            else:
                word = self._zipf_word(rng)
        text = " ".join(out)
        return text[:1].upper() + text[1:] + "."

    def _zipf_word(self, rng: np.random.Generator) -> int:
        return min(int(self.word_cdf.searchsorted(rng.random(), side="right")), len(self.lexicon) - 1)

    def _successors(self, word: int) -> np.ndarray:
        """The words that usually follow ``word`` ("phát triển" → "kinh tế"), the same for a seed.
        Drawn in one call: the same numbers as ``successors`` draws of :meth:`_zipf_word`."""
        found = self._next.get(word)
        if found is None:
            rng = np.random.default_rng((self.seed, word))
            drawn = self.word_cdf.searchsorted(rng.random(self.shape.successors), side="right")
            found = self._next[word] = np.minimum(drawn, len(self.lexicon) - 1)
        return found

    def _body(self, rng: random.Random, domains: list[str], doc: str, year: int) -> str:
        budget = rng.randint(*self.shape.length)
        draws = np.random.default_rng(rng.getrandbits(64))
        paragraphs, sentences, spent = [], [], 0
        sentences.append(f"Thực hiện Nghị quyết số {doc} ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}/{year - 1}.")
        sentences.append(self._domain_sentence(rng, domains))
        while spent < budget:
            length = rng.randint(10, 30)
            if rng.random() < self.shape.seed_sentences:
                sentences.append(self._sentence(rng, length))
            else:
                sentences.append(self._lexicon_sentence(draws, length))
            spent += length
            if len(sentences) >= rng.randint(4, 7):
                paragraphs.append(" ".join(sentences))
                sentences = []
        if sentences:
            paragraphs.append(" ".join(sentences))
        return "\n\n".join(paragraphs)
