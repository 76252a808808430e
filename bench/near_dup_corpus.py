"""A seeded evaluation set for near-duplicate detection, as an office archive meets it.

Three kinds of article, all written from the same pool of office facts:

* **distinct** articles: each about its own event, in the office's house style
  — the same leaders' names and titles, the standing attendance sentence
  ("Dự hội nghị có các đồng chí: …"), "Ảnh: …" credits, the standard closing;
* **republished** copies of some of them, edited by 5–20 % of their words the way
  a portal re-runs a story: a new headline, a sentence cut or added, words
  changed in a few sentences, paragraphs moved, a "(Theo …)" line;
* **other reports of one event**: two or three papers writing up the same
  meeting from the same facts (who chaired, the figures, the resolution cited,
  sometimes the same quotation), each in its own words.

Sentences come from templates with several phrasings per fact, filled from
:mod:`bench.corpus`'s vocabulary, so two articles share runs of words only
where real ones would: names with titles, document numbers, boilerplate.
The same seed always gives the same set.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from bench.corpus import DOMAIN_VERBS, DOMAIN_WORDS, GIVEN, MIDDLE, SURNAMES, UNITS

PAPERS = ["Báo Quảng Ninh", "Cổng thông tin điện tử thị xã", "Trung tâm Truyền thông và Văn hóa thị xã",
          "Báo Đại đoàn kết", "Tạp chí Xây dựng Đảng", "Đài Phát thanh - Truyền hình tỉnh"]
ROLES = ["Tỉnh ủy viên, Bí thư Thị ủy", "Phó Bí thư Thường trực Thị ủy, Chủ tịch HĐND thị xã",
         "Phó Bí thư Thị ủy, Chủ tịch UBND thị xã", "Ủy viên Ban Thường vụ, Trưởng Ban Tuyên giáo Thị ủy",
         "Ủy viên Ban Thường vụ, Chủ nhiệm Ủy ban Kiểm tra Thị ủy", "Ủy viên Ban Thường vụ, Trưởng Ban Dân vận Thị ủy",
         "Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức Thị ủy", "Phó Chủ tịch UBND thị xã",
         "Chủ tịch Ủy ban MTTQ thị xã", "Bí thư Đảng ủy phường Nam Hòa", "Bí thư Đảng ủy xã Hiệp Hòa"]
MEETINGS = ["hội nghị giao ban công tác xây dựng Đảng", "hội nghị sơ kết 6 tháng đầu năm",
            "hội nghị tổng kết công tác năm", "hội nghị học tập, quán triệt nghị quyết",
            "buổi làm việc với Ban Thường vụ Đảng ủy", "hội nghị đối thoại với nhân dân",
            "lễ khởi công công trình", "hội nghị triển khai nhiệm vụ trọng tâm", "đợt kiểm tra, giám sát chuyên đề",
            "hội nghị biểu dương điển hình tiên tiến"]
PLACES = ["hội trường Thị ủy", "Trung tâm Chính trị thị xã", "trụ sở Đảng ủy phường", "nhà văn hóa khu",
          "hội trường UBND thị xã", "Trung tâm Hội nghị tỉnh"]
CLOSINGS = [
    "Kết luận hội nghị, đồng chí {chair} đề nghị các cấp ủy, tổ chức đảng tiếp tục quán triệt, triển khai "
    "thực hiện nghiêm túc các nghị quyết, chỉ thị của cấp trên, bám sát nhiệm vụ trọng tâm, phấn đấu hoàn "
    "thành thắng lợi các chỉ tiêu năm đề ra.",
    "Phát biểu chỉ đạo, đồng chí {chair} yêu cầu các cơ quan, đơn vị, địa phương phát huy kết quả đạt được, "
    "khắc phục hạn chế, tập trung lãnh đạo, chỉ đạo hoàn thành tốt nhiệm vụ chính trị được giao.",
]


def person(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


@dataclass
class Office:
    """The people an office's articles keep naming, and its house credits."""

    leaders: list[tuple[str, str]]  # (name, role)
    photographers: list[str]

    @classmethod
    def make(cls, rng: random.Random) -> Office:
        return cls([(person(rng), role) for role in ROLES], [person(rng) for _ in range(4)])


@dataclass
class Event:
    meeting: str
    unit: str
    place: str
    day: dt.date
    chair: tuple[str, str]
    guests: list[tuple[str, str]]
    domains: list[str]
    figures: list[int]  # counts
    percent: int
    billions: int
    document: str
    quote: str
    achievements: list[str] = field(default_factory=list)


def event(rng: random.Random, office: Office) -> Event:
    domains = rng.sample(sorted(DOMAIN_WORDS), 2)
    day = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 9))
    chair, *guests = rng.sample(office.leaders, 4)
    words = [w for d in domains for w in DOMAIN_WORDS[d]]
    achievements = rng.sample(words, 6)
    quote = (f"Phải {rng.choice(DOMAIN_VERBS)} {achievements[0]}, coi đây là nhiệm vụ "
             f"{rng.choice(['trọng tâm', 'then chốt', 'thường xuyên', 'cấp bách'])} của cả hệ thống chính trị, "
             f"{rng.choice(['không để', 'tránh để', 'kiên quyết không để'])} tình trạng {achievements[1]} kéo dài")
    document = f"{rng.randint(1, 1800):02d}-{rng.choice(['NQ', 'KL', 'CT', 'KH'])}/{rng.choice(['TU', 'TW', 'HU'])}"
    return Event(rng.choice(MEETINGS), rng.choice(UNITS), rng.choice(PLACES), day, chair, guests, domains,
                 [rng.randint(3, 480) for _ in range(3)], rng.randint(52, 99), rng.randint(2, 900),
                 document, quote, achievements)


def _d(day: dt.date) -> str:
    return f"{day.day}/{day.month}/{day.year}"


def _who(x: tuple[str, str], style: int) -> str:
    name, role = x
    return [f"đồng chí {name}, {role}", f"đồng chí {role} {name}", f"ông {name} ({role})"][style % 3]


def report(rng: random.Random, office: Office, e: Event, *, paper: str, boilerplate: bool) -> tuple[str, str]:
    """One paper's write-up of an event: (title, text).  Each fact takes one of several
    phrasings, sentences are filled out with the paper's own words, and the order varies."""
    s = rng.randrange(3)
    a = e.achievements
    title = rng.choice([
        f"{e.unit}: {e.meeting[0].upper()}{e.meeting[1:]}",
        f"{e.unit} {rng.choice(DOMAIN_VERBS)} {a[0]}",
        f"{rng.choice(DOMAIN_VERBS).capitalize()} {a[0]}, {a[2]}",
        f"{e.meeting[0].upper()}{e.meeting[1:]} năm {e.day.year}",
        f"Tạo chuyển biến về {a[1]} tại {e.unit}",
    ])
    lead = rng.choice([
        f"Ngày {_d(e.day)}, tại {e.place}, {e.unit} tổ chức {e.meeting}. {_who(e.chair, s).capitalize()} chủ trì.",
        f"Sáng {_d(e.day)}, {e.unit} đã tổ chức {e.meeting} nhằm đánh giá kết quả thực hiện nhiệm vụ và bàn giải "
        f"pháp thời gian tới. Chủ trì có {_who(e.chair, s)}.",
        f"{_who(e.chair, s).capitalize()} vừa chủ trì {e.meeting} của {e.unit}, diễn ra tại {e.place} "
        f"hôm {_d(e.day)}.",
        f"Chiều {_d(e.day)}, {e.meeting} của {e.unit} được tổ chức với sự tham dự của đại diện các cơ quan, "
        f"đơn vị; {_who(e.chair, s)} chủ trì.",
    ])
    facts = [
        rng.choice([
            f"Theo báo cáo, từ đầu năm đến nay đã có {e.figures[0]} đảng viên mới được kết nạp, đạt {e.percent}% kế hoạch.",
            f"Công tác phát triển đảng viên đạt {e.percent}% chỉ tiêu với {e.figures[0]} quần chúng ưu tú được kết nạp.",
            f"Đơn vị đã kết nạp {e.figures[0]} đảng viên, bằng {e.percent}% chỉ tiêu cả năm.",
        ]),
        rng.choice([
            f"Tổng nguồn lực huy động cho {a[2]} đạt khoảng {e.billions} tỷ đồng.",
            f"Khoảng {e.billions} tỷ đồng đã được huy động để {rng.choice(DOMAIN_VERBS)} {a[2]}.",
            f"Việc {a[2]} được đầu tư gần {e.billions} tỷ đồng, chủ yếu từ nguồn xã hội hóa.",
        ]),
        rng.choice([
            f"Các đơn vị đã triển khai có hiệu quả Nghị quyết số {e.document} về {a[3]}.",
            f"Việc thực hiện Nghị quyết số {e.document} có nhiều chuyển biến, nhất là trong {a[3]}.",
            f"Thực hiện Nghị quyết {e.document}, {e.unit} tập trung {a[3]} và {a[4]}.",
        ]),
        rng.choice([
            f"{e.figures[1]} tập thể và {e.figures[2]} cá nhân được đề nghị khen thưởng.",
            f"Có {e.figures[2]} cá nhân, {e.figures[1]} tập thể được biểu dương.",
            f"Dịp này, {e.figures[1]} tập thể, {e.figures[2]} cá nhân có thành tích xuất sắc được khen.",
        ]),
        rng.choice([
            f"Bên cạnh đó vẫn còn hạn chế về {a[1]}, {a[5]}.",
            f"Tuy nhiên, {a[1]} và {a[5]} còn chậm, chưa đáp ứng yêu cầu.",
            f"Hội nghị cũng chỉ ra những tồn tại trong {a[5]}, {a[1]} cần sớm khắc phục.",
        ]),
    ]
    own = [_filler(rng, e.domains) for _ in range(rng.randint(8, 16))]  # this paper's own sentences
    if rng.random() < 0.5:
        facts.append(f"“{e.quote}”, {_who(e.chair, s)} nhấn mạnh.")
    sentences = facts + own
    rng.shuffle(sentences)
    paragraphs = [lead]
    while sentences:
        take = rng.randint(2, 4)
        paragraphs.append(" ".join(sentences[:take]))
        sentences = sentences[take:]
    if boilerplate:
        guests = "; ".join(f"{n}, {r}" for n, r in e.guests)
        paragraphs.insert(1, f"Dự hội nghị có các đồng chí: {guests}; lãnh đạo các ban xây dựng Đảng, "
                             f"Ủy ban MTTQ và các đoàn thể chính trị - xã hội thị xã.")
        paragraphs.insert(2, f"Quang cảnh hội nghị. Ảnh: {rng.choice(office.photographers)}")
        paragraphs.append(rng.choice(CLOSINGS).format(chair=_who(e.chair, 0)))
        paragraphs.append(f"{rng.choice(office.photographers)} - {paper}")
    return title, "\n\n".join(paragraphs)


def _filler(rng: random.Random, domains: list[str]) -> str:
    words = DOMAIN_WORDS[rng.choice(domains)]
    x, y, z = rng.sample(words, 3)
    subject = rng.choice(UNITS + ["các địa phương", "các cơ quan, đơn vị", "cấp ủy cơ sở", "Mặt trận và các đoàn thể",
                                  "nhiều chi bộ", "người dân", "các hộ gia đình", "ngành chức năng"])
    return rng.choice([
        f"{subject} {rng.choice(DOMAIN_VERBS)} {x}, {y} và {z}.",
        f"Trong {rng.choice(['quý', 'tháng', 'năm', 'giai đoạn'])} qua, {subject.lower() if subject[0].islower() else subject} "
        f"đã {rng.choice(DOMAIN_VERBS)} {x}, gắn với {y}.",
        f"Nhiều mô hình về {x} được nhân rộng, góp phần {rng.choice(DOMAIN_VERBS)} {y}.",
        f"Đáng chú ý, {x} tăng {rng.randint(2, 40)}% so với cùng kỳ, trong khi {y} {rng.choice(['giảm', 'ổn định', 'chuyển biến rõ'])}.",
        f"{subject} kiến nghị cấp trên quan tâm {x}, hỗ trợ {y} để {z} đạt kết quả cao hơn.",
        f"Việc {x} được {subject.lower() if subject[0].islower() else subject} {rng.choice(DOMAIN_VERBS)} thường xuyên, "
        f"nhất là ở {rng.choice(UNITS)}.",
    ])


def republish(rng: random.Random, title: str, text: str, share: float, paper: str) -> tuple[str, str, float]:
    """A copy of (title, text) re-run with about ``share`` of its words edited.
    Returns the copy and the share actually edited (words changed, cut or added over the original's)."""
    paragraphs = [p.split(". ") for p in text.split("\n\n")]
    total = len(text.split())
    changed = 0
    if rng.random() < 0.6:
        title = rng.choice([f"{title} - Theo {paper}", f"{paper}: {title}",
                            " ".join(title.split()[: max(3, len(title.split()) - 2)]) + " hiệu quả"])
    while changed < share * total:
        op = rng.random()
        p = rng.randrange(len(paragraphs))
        sentences = paragraphs[p]
        i = rng.randrange(len(sentences))
        words = sentences[i].split()
        if changed + 25 > share * total:
            op = 0.6  # near the share asked for: a few words, not a whole sentence
        if op < 0.3 and len(sentences) > 1:  # a sentence cut
            changed += len(words)
            del sentences[i]
        elif op < 0.55:  # a sentence added
            added = _filler(rng, rng.sample(sorted(DOMAIN_WORDS), 1)).rstrip(".")
            changed += len(added.split())
            sentences.insert(i, added)
        elif op < 0.9 and len(words) > 4:  # a few words changed in a sentence
            for _ in range(rng.randint(1, 3)):
                j = rng.randrange(len(words))
                words[j] = rng.choice(["đã", "cũng", "tiếp tục", "bước đầu", "rất", "khá", "thêm", "được"])
                changed += 1
            sentences[i] = " ".join(words)
        elif len(paragraphs) > 2:  # paragraphs moved: few words, but runs across the joins change
            a, b = rng.sample(range(1, len(paragraphs)), 2)
            paragraphs[a], paragraphs[b] = paragraphs[b], paragraphs[a]
            changed += 4
    if rng.random() < 0.5:
        paragraphs.append([f"(Theo {paper})"])
    return title, "\n\n".join(". ".join(s) for s in paragraphs if s), changed / total
