import datetime as dt

import pytest

from desktop.core.dates import find_date, parse_date_line, parse_period


@pytest.mark.parametrize(
    "line, date, time",
    [
        ("26/10/2022 20:25", dt.date(2022, 10, 26), dt.time(20, 25)),
        ("Thứ Sáu, 22/02/2019, 08:04 [GMT+7]", dt.date(2019, 2, 22), dt.time(8, 4)),
        ("20/09/2023 14:51 Số lượt xem: 175", dt.date(2023, 9, 20), dt.time(14, 51)),
        ("Thứ Tư, ngày 26 tháng 10 năm 2022", dt.date(2022, 10, 26), None),
        ("Cập nhật: 08:30 ngày 05/01/2024", dt.date(2024, 1, 5), dt.time(8, 30)),
        ("2022-10-26 20:25", dt.date(2022, 10, 26), dt.time(20, 25)),
    ],
)
def test_datelines_in_the_formats_seen(line, date, time):
    assert parse_date_line(line) == (date, time)


def test_a_sentence_mentioning_a_date_is_not_a_dateline():
    line = "Chiều ngày 19/9/2023, Thị ủy tổ chức hội nghị giao ban"
    assert parse_date_line(line) == (None, None)
    assert find_date(line) == (dt.date(2023, 9, 19), None)


def test_impossible_dates_are_ignored():
    assert parse_date_line("31/02/2022") == (None, None)


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("2022", dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
        ("2022-10", dt.date(2022, 10, 1), dt.date(2022, 10, 31)),
        ("02/2024", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("01/2019..06/2019", dt.date(2019, 1, 1), dt.date(2019, 6, 30)),
        ("26/10/2022", dt.date(2022, 10, 26), dt.date(2022, 10, 26)),
    ],
)
def test_periods(text, start, end):
    assert parse_period(text) == (start, end)


def test_bad_period_is_none():
    assert parse_period("2022-13") is None
    assert parse_period("hôm qua") is None
