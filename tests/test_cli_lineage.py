"""The command line through the 2025 reorganisation: search, list, tag and reorganisation tables."""

import json

import pytest

from test_cli import run

OLD = "Tỉnh ủy Trà Vinh/Huyện ủy Cầu Ngang"
NEW = "Tỉnh ủy Trà Vinh/Đảng ủy xã Cầu Ngang"


@pytest.fixture
def arch(tmp_path, capsys, seeds):
    path = tmp_path / "kho"
    code, _, err = run(capsys, "--archive", path, "import", *seeds)
    assert code == 0, err
    return path


def _id_of(capsys, arch, year: str) -> int:
    _, out, _ = run(capsys, "--archive", arch, "list", "--year", year, "--json")
    return json.loads(out)[0]["id"]


def test_a_new_unit_finds_the_article_of_its_dissolved_predecessor(arch, capsys):
    """The issue's own steps: mark the Huyện ủy dissolved with a successor, tag an article with it."""
    assert run(capsys, "--archive", arch, "units", "add", NEW, "--founded", "2025-07-01")[0] == 0
    code, _, err = run(capsys, "--archive", arch, "units", "add", OLD, "--dissolved", "2025-07-01", "--successor", NEW)
    assert code == 0, err
    article = _id_of(capsys, arch, "2019")
    assert run(capsys, "--archive", arch, "tag", article, "--unit", OLD)[0] == 0

    code, out, _ = run(capsys, "--archive", arch, "search", 'unit:"Đảng ủy xã Cầu Ngang"')
    assert code == 0
    assert f"#{article} " in out and "1 kết quả" in out
    assert "kèm 1 đơn vị tiền thân: Huyện ủy Cầu Ngang" in out
    assert "1 bài gắn với Tỉnh ủy Trà Vinh › Huyện ủy Cầu Ngang" in out
    _, out, _ = run(capsys, "--archive", arch, "search", 'unit="Đảng ủy xã Cầu Ngang"')
    assert "0 kết quả" in out
    _, out, _ = run(capsys, "--archive", arch, "search", 'unit:"cau ngang"')
    assert "1 kết quả" in out

    _, out, _ = run(capsys, "--archive", arch, "list", "--unit", NEW)
    assert "1/1 bài" in out and "kèm 1 đơn vị tiền thân" in out
    _, out, _ = run(capsys, "--archive", arch, "list", "--unit", NEW, "--no-lineage")
    assert "0/0 bài" in out
    _, out, _ = run(capsys, "--archive", arch, "search", "dang", "--unit", NEW, "--no-lineage")
    assert "0 kết quả" in out

    _, out, _ = run(capsys, "--archive", arch, "units")
    assert "giải thể 01/07/2025" in out and "→ #" in out


def test_tagging_an_article_after_the_dissolution_names_the_successor(arch, capsys):
    run(capsys, "--archive", arch, "units", "add", NEW, "--founded", "2025-07-01")
    run(capsys, "--archive", arch, "units", "add", OLD, "--dissolved", "2019-01-01", "--successor", NEW)
    article = _id_of(capsys, arch, "2023")
    code, _, err = run(capsys, "--archive", arch, "tag", article, "--unit", OLD)
    assert code == 1
    assert "đã giải thể từ 01/01/2019" in err and "Tỉnh ủy Trà Vinh › Đảng ủy xã Cầu Ngang" in err
    _, out, _ = run(capsys, "--archive", arch, "show", article, "--json")
    assert json.loads(out)["units"] == []  # nothing tagged meanwhile
    code, _, _ = run(capsys, "--archive", arch, "tag", article, "--unit", OLD, "--keep-dissolved")
    assert code == 0
    _, out, _ = run(capsys, "--archive", arch, "show", article, "--json")
    assert json.loads(out)["units"] == ["Tỉnh ủy Trà Vinh › Huyện ủy Cầu Ngang"]


def test_tagging_at_a_terminal_asks_and_takes_the_successor(arch, capsys, monkeypatch):
    run(capsys, "--archive", arch, "units", "add", NEW, "--founded", "2025-07-01")
    run(capsys, "--archive", arch, "units", "add", OLD, "--dissolved", "2019-01-01", "--successor", NEW)
    article = _id_of(capsys, arch, "2023")
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda prompt: "c")
    assert run(capsys, "--archive", arch, "tag", article, "--unit", OLD)[0] == 0
    _, out, _ = run(capsys, "--archive", arch, "show", article, "--json")
    assert json.loads(out)["units"] == ["Tỉnh ủy Trà Vinh › Đảng ủy xã Cầu Ngang"]


TABLE = """Đơn vị cũ,Đơn vị mới,Ngày,Hình thức,Loại đơn vị
Tỉnh ủy Trà Vinh/Huyện ủy Cầu Ngang,Tỉnh ủy Trà Vinh/Đảng ủy xã Cầu Ngang,01/07/2025,sáp nhập,Đảng ủy xã
Tỉnh ủy Trà Vinh/Huyện ủy Cầu Ngang/Xã Mỹ Long Nam,Tỉnh ủy Trà Vinh/Đảng ủy xã Cầu Ngang,01/07/2025,sap nhap,Đảng ủy xã
"""


def test_reorganisation_table_preview_apply_undo(arch, capsys, tmp_path):
    run(capsys, "--archive", arch, "units", "add", OLD + "/Xã Mỹ Long Nam")
    table = tmp_path / "sap-xep.csv"
    table.write_text(TABLE, encoding="utf-8")

    code, out, _ = run(capsys, "--archive", arch, "reorganise", table)
    assert code == 0
    assert "Tạo đơn vị: Tỉnh ủy Trà Vinh › Đảng ủy xã Cầu Ngang" in out
    assert "Giải thể từ 01/07/2025: Tỉnh ủy Trà Vinh › Huyện ủy Cầu Ngang" in out
    assert "--apply" in out
    _, out, _ = run(capsys, "--archive", arch, "units")
    assert "Đảng ủy xã Cầu Ngang" not in out  # the preview changed nothing

    code, out, err = run(capsys, "--archive", arch, "reorganise", table, "--apply")
    assert code == 0, err
    _, out, _ = run(capsys, "--archive", arch, "units")
    assert "Đảng ủy xã Cầu Ngang [0]  (Đảng ủy xã)" in out and out.count("giải thể 01/07/2025") == 2

    code, out, _ = run(capsys, "--archive", arch, "reorganise", "--undo")
    assert code == 0 and "Đã hoàn tác" in out
    _, out, _ = run(capsys, "--archive", arch, "units")
    assert "Đảng ủy xã Cầu Ngang" not in out and "giải thể" not in out
    _, out, _ = run(capsys, "--archive", arch, "reorganise")
    assert "sap-xep.csv, 2 liên kết (đã hoàn tác)" in out


def test_a_table_with_bad_rows_changes_nothing(arch, capsys, tmp_path):
    run(capsys, "--archive", arch, "units", "add", OLD)
    table = tmp_path / "bad.csv"
    table.write_text(TABLE + "Tỉnh ủy Trà Vinh/Không có,Tỉnh ủy Trà Vinh/X,2025,sáp nhập,\n", encoding="utf-8")
    code, _, err = run(capsys, "--archive", arch, "reorganise", table, "--apply")
    assert code == 1
    assert "dòng 4: không hiểu ngày '2025'" in err
    assert "dòng 3: không có đơn vị 'Tỉnh ủy Trà Vinh › Huyện ủy Cầu Ngang › Xã Mỹ Long Nam'" in err
    _, out, _ = run(capsys, "--archive", arch, "units")
    assert "Đảng ủy xã" not in out


def test_xlsx_table_with_real_dates(arch, capsys, tmp_path):
    import datetime as dt

    from openpyxl import Workbook

    run(capsys, "--archive", arch, "units", "add", OLD)
    book = Workbook()
    sheet = book.active
    sheet.append(["Đơn vị cũ", "Đơn vị mới", "Ngày hiệu lực", "Hình thức"])
    sheet.append([OLD, NEW, dt.datetime(2025, 7, 1), "Sáp nhập"])
    sheet.append([OLD, "Tỉnh ủy Trà Vinh/Đảng ủy xã Mỹ Long", dt.datetime(2025, 7, 1), None])
    book.save(tmp_path / "t.xlsx")
    code, out, err = run(capsys, "--archive", arch, "reorganise", tmp_path / "t.xlsx", "--apply")
    assert code == 0, err
    assert "Liên kết (chia tách, 01/07/2025): Tỉnh ủy Trà Vinh › Huyện ủy Cầu Ngang → Tỉnh ủy Trà Vinh › Đảng ủy xã Mỹ Long" in out
