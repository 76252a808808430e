"""A seeded synthetic corpus of Vietnamese Party-office articles for benchmarks.

Text comes from a syllable bigram model trained on the sample articles, so
word frequencies look like real news (huge posting lists for "của", "và",
"công", "tác"), with names, units, document numbers, dates and captions
mixed in.  The same seed always gives the same corpus.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

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
        paragraphs = []
        for p in range(rng.randint(5, 9)):
            sentences = [self._sentence(rng, rng.randint(12, 30)) for _ in range(rng.randint(2, 4))]
            sentences += [self._domain_sentence(rng, domains) for _ in range(rng.randint(2, 3))]
            rng.shuffle(sentences)
            if p == 1:
                sentences.insert(1, f"Thực hiện Nghị quyết số {doc} ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}/{day.year - 1}.")
            paragraphs.append(" ".join(sentences))
        photos = [PhotoDraft(caption=f"{self._sentence(rng, 10).rstrip('.')}", credit=self._name(rng))
                  for _ in range(rng.randint(0, 2))]
        draft = ArticleDraft(title=title, lead=lead, body="\n\n".join(paragraphs), published_date=day,
                             author=self._name(rng), photos=photos)
        draft.extract_references()
        units = rng.sample(UNITS, rng.randint(1, 2))
        topics = rng.sample(TOPICS, rng.randint(1, 2))
        return draft, units, topics

    def articles(self, count: int) -> Iterator[tuple[ArticleDraft, list[str], list[str]]]:
        for number in range(count):
            yield self.article(number)
