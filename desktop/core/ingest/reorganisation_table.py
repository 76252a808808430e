"""Read a reorganisation table (CSV or XLSX) the way provincial guidance sends it.

Each row: old unit path, new unit path, date, kind (and optionally the new
unit's kind, e.g. "Đảng ủy xã").  A header row is recognised by its words,
with or without diacritics ("Đơn vị cũ", "don vi moi", "Ngày", "Hình thức",
or English "old", "new", "date", "kind"); without one the columns are taken
in that order.  Rows that cannot be read are reported by number, never skipped
silently.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from desktop.core.dates import parse_period
from desktop.core.errors import ArchiveError
from desktop.core.ingest.encoding import decode_text
from desktop.core.views import ReorganisationStep as Step
from desktop.text import fold, nfc

COLUMNS = {
    "old": ("don vi cu", "old", "old unit", "truoc", "don vi truoc"),
    "new": ("don vi moi", "new", "new unit", "sau", "don vi sau"),
    "date": ("ngay", "date", "ngay hieu luc", "hieu luc"),
    "kind": ("hinh thuc", "kind", "type", "loai sap xep"),
    "unit_kind": ("loai don vi", "unit kind", "cap"),
}
KIND_WORDS = {
    "merge": ("sap nhap", "hop nhat", "merge", "gop"),
    "split": ("chia tach", "tach", "split"),
    "rename": ("doi ten", "rename"),
}


def read_rows(path: Path) -> list[list[str]]:
    """The table's cells as text, row by row (dates from XLSX as dd/mm/yyyy)."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
            raise ArchiveError(f"không đọc được tệp Excel '{path.name}': {exc}") from exc
        return [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    try:
        text, _ = decode_text(path.read_bytes())
    except OSError as exc:
        raise ArchiveError(f"không đọc được '{path}': {exc.strerror or exc}") from exc
    dialect = csv.excel
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        pass
    return [row for row in csv.reader(io.StringIO(text), dialect)]


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _column_of(header: str) -> str | None:
    folded = " ".join(fold(header).split())
    return next((name for name, words in COLUMNS.items() if folded in words), None)


def _kind(text: str) -> str | None:
    folded = " ".join(fold(text).split())
    return next((kind for kind, words in KIND_WORDS.items() if folded in words), None)


def read_table(path: Path) -> tuple[list[Step], list[str]]:
    """The steps of a reorganisation table and the problems of the rows that could not be read."""
    rows = [[nfc(c).strip() for c in row] for row in read_rows(Path(path))]
    order = ["old", "new", "date", "kind", "unit_kind"]
    first = 1
    if rows and sum(_column_of(c) is not None for c in rows[0]) >= 2:
        order = [_column_of(c) or "" for c in rows[0]]
        first = 2
        missing = {"old", "new", "date"} - set(order)
        if missing:
            raise ArchiveError(f"bảng thiếu cột: {', '.join(sorted(missing))} (need old, new, date)")
    records, problems = [], []
    for number, row in enumerate(rows[first - 1 :], start=first):
        if not any(row):
            continue
        cells = {name: row[i] for i, name in enumerate(order) if name and i < len(row)}
        period = parse_period(cells.get("date", ""))
        if period is None or period[0] != period[1]:
            problems.append(f"dòng {number}: không hiểu ngày '{cells.get('date', '')}' (use 01/07/2025)")
            continue
        kind = _kind(cells["kind"]) if cells.get("kind") else ""
        if kind is None:
            problems.append(f"dòng {number}: không hiểu hình thức '{cells['kind']}' (sáp nhập, chia tách, đổi tên)")
            continue
        records.append((number, cells, period[0], kind))
    # A row without a kind: a split if its old unit goes to several new ones, else a merge.
    targets: dict[str, set[str]] = {}
    for _, cells, _, _ in records:
        targets.setdefault(cells.get("old", ""), set()).add(cells.get("new", ""))
    steps = [
        Step(cells.get("old", ""), cells.get("new", ""), date,
             kind or ("split" if len(targets[cells.get("old", "")]) > 1 else "merge"),
             row=number, unit_kind=cells.get("unit_kind") or None)
        for number, cells, date, kind in records
    ]
    return steps, problems
