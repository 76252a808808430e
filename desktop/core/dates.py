"""Dates as Vietnamese web pages and documents write them."""

from __future__ import annotations

import datetime as dt
import re

_NUMERIC = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})(?!\d)"
    r"(?:\s*,?\s*(?:lúc\s*)?(?P<H>\d{1,2})\s*[:hH]\s*(?P<M>\d{2}))?"
)
_ISO = re.compile(
    r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<H>\d{2}):(?P<M>\d{2}))?"
)
_SPELLED = re.compile(
    r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s*,?\s+năm\s+(?P<y>\d{4})", re.IGNORECASE
)
_TIME_FIRST = re.compile(r"(?P<H>\d{1,2})\s*[:hH]\s*(?P<M>\d{2})")
_WEEKDAY = re.compile(r"\b(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s+nhật|cn)\b", re.IGNORECASE)
# What may stand on a date line besides the date itself.
_DATE_LINE_NOISE = re.compile(
    r"\[?\s*gmt\s*[+-]\s*\d+\s*\]?|\(?\s*gmt\s*[+-]\s*\d+\s*\)?|số\s+lượt\s+xem\s*:?\s*[\d.,]+|lượt\s+xem\s*:?\s*[\d.,]+"
    r"|cập\s+nhật\s*:?|ngày\s+đăng\s*:?|đăng\s+ngày\s*:?|ngày\s+xuất\s+bản\s*:?|lúc|ngày|giờ|sáng|chiều|tối",
    re.IGNORECASE,
)


def _build(d: str, m: str, y: str, hh: str | None = None, mm: str | None = None):
    try:
        date = dt.date(int(y), int(m), int(d))
    except ValueError:
        return None, None
    time = None
    if hh is not None and mm is not None:
        try:
            time = dt.time(int(hh), int(mm))
        except ValueError:
            time = None
    return date, time


def find_date(text: str) -> tuple[dt.date | None, dt.time | None]:
    """The first date (and time, if given) written anywhere in ``text``."""
    for pattern in (_NUMERIC, _ISO, _SPELLED):
        match = pattern.search(text)
        if match:
            groups = match.groupdict()
            date, time = _build(groups["d"], groups["m"], groups["y"], groups.get("H"), groups.get("M"))
            if date is not None:
                if time is None:
                    before = _TIME_FIRST.search(text[: match.start()])
                    if before:
                        _, time = _build(groups["d"], groups["m"], groups["y"], before["H"], before["M"])
                return date, time
    return None, None


def parse_date_line(line: str) -> tuple[dt.date | None, dt.time | None]:
    """Date and time of a line that holds nothing but a dateline.

    "26/10/2022 20:25", "Thứ Sáu, 22/02/2019, 08:04 [GMT+7]",
    "20/09/2023 14:51 Số lượt xem: 175", "Thứ Tư, ngày 26 tháng 10 năm 2022".
    A sentence that merely mentions a date is not a dateline.
    """
    date, time = find_date(line)
    if date is None:
        return None, None
    rest = _NUMERIC.sub(" ", line)
    rest = _ISO.sub(" ", rest)
    rest = _SPELLED.sub(" ", rest)
    rest = _TIME_FIRST.sub(" ", rest)
    rest = _DATE_LINE_NOISE.sub(" ", rest)
    rest = _WEEKDAY.sub(" ", rest)
    rest = re.sub(r"[\s,|\-–/()\[\]:.]+", "", rest)
    if rest:
        return None, None
    return date, time


_PERIOD_YEAR = re.compile(r"^(\d{4})$")
_PERIOD_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$|^(\d{1,2})/(\d{4})$")
_PERIOD_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$|^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def parse_period(text: str) -> tuple[dt.date, dt.date] | None:
    """A date range from "2022", "2022-10", "10/2022", "2022-10-26", "26/10/2022"
    or two of those joined by "..", e.g. "01/2019..06/2019"."""
    text = text.strip()
    if ".." in text:
        left, _, right = text.partition("..")
        start = parse_period(left) if left.strip() else (dt.date.min, dt.date.min)
        end = parse_period(right) if right.strip() else (dt.date.max, dt.date.max)
        if start is None or end is None:
            return None
        return start[0], end[1]
    try:
        if m := _PERIOD_YEAR.match(text):
            year = int(m[1])
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if m := _PERIOD_MONTH.match(text):
            year, month = (int(m[1]), int(m[2])) if m[1] else (int(m[4]), int(m[3]))
            return dt.date(year, month, 1), _month_end(year, month)
        if m := _PERIOD_DAY.match(text):
            if m[1]:
                day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            else:
                day = dt.date(int(m[6]), int(m[5]), int(m[4]))
            return day, day
    except ValueError:
        return None
    return None


def local_time(stored: dt.datetime) -> dt.datetime:
    """A time the archive stored (in UTC, without a zone, so every PC and the server
    agree) as this PC's clock shows it, for people to read."""
    return stored.replace(tzinfo=dt.timezone.utc).astimezone().replace(tzinfo=None)


def stored_time(local: dt.datetime) -> dt.datetime:
    """The stored (UTC) form of a time typed on this PC, to compare with stored times."""
    return local.astimezone(dt.timezone.utc).replace(tzinfo=None)
