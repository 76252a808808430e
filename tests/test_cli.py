import io
import json
import os
import subprocess
import sys

import pytest

from conftest import SAMPLES
from desktop import cli


def run(capsys, *args):
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def arch(tmp_path, capsys, seeds):
    path = tmp_path / "kho"
    code, out, err = run(capsys, "--archive", path, "import", *seeds)
    assert code == 0, err
    assert "Đã nhập 5, trùng 0, lỗi 0" in out
    return path


def test_import_list_show_give_the_right_fields(arch, capsys):
    code, out, _ = run(capsys, "--archive", arch, "list", "--json")
    rows = {r["title"]: r for r in json.loads(out)}
    assert rows["Thị ủy giao ban công tác Đảng, đoàn thể 9 tháng năm 2023"]["date"] == "2023-09-20"
    assert rows["TX Quảng Yên: Nhiều giải pháp xây dựng Đảng bộ trong sạch, vững mạnh"]["author"] == "Nguyễn Dung"
    assert sorted(r["photos"] for r in rows.values()) == [0, 0, 2, 2, 2]
    ids = {r["title"][:12]: r["id"] for r in rows.values()}

    code, out, _ = run(capsys, "--archive", arch, "show", ids["TX Quảng Yên"], "--json")
    detail = json.loads(out)
    assert detail["date"] == "2019-02-22" and detail["time"] == "08:04"
    assert detail["photos"][0]["credit"] == "Nguyễn Chiến"
    assert [d["number"] for d in detail["documents"]][:4] == ["18-NQ/TW", "19-NQ/TW", "19-NQ/TU", "507-QĐ/TU"]

    code, out, _ = run(capsys, "--archive", arch, "show", ids["Đẩy mạnh tuy"])
    assert code == 0
    assert "Ngày:      26/10/2022 20:25" in out
    assert "Tác giả:   Thu Trang" in out
    assert "[Ảnh 1] Quang cảnh hội nghị" in out
    assert "Nghị quyết số 09-NQ/TU, ngày 17/12/2021" in out
    assert "Kết luận số 1202-KL/TU, ngày 20/07/2022" in out


def test_reimport_reports_duplicates(arch, capsys, seeds):
    code, out, _ = run(capsys, "--archive", arch, "import", *seeds)
    assert code == 0 and "trùng 5" in out


def test_broken_files_get_one_line_each_and_change_nothing(arch, capsys, tmp_path):
    junk = tmp_path / "junk.txt"
    junk.write_bytes(os.urandom(4096).replace(b"\n", b"\x00"))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:
        handle.write("Tiêu đề\n".encode())
        handle.write(("Đảng bộ xã " * 1000 + "\n").encode() * 3600)  # ~50 MB
    assert huge.stat().st_size > 50_000_000
    before = sorted((p.relative_to(arch), p.stat().st_size) for p in (arch / "media").rglob("*"))
    code, out, err = run(capsys, "--archive", arch, "import", junk, empty, huge)
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 3
    assert "nhị phân" in lines[0] and "rỗng" in lines[1] and "quá lớn" in lines[2]
    assert "lỗi 3" in out
    after = sorted((p.relative_to(arch), p.stat().st_size) for p in (arch / "media").rglob("*"))
    assert after == before
    code, out, _ = run(capsys, "--archive", arch, "list")
    assert out.strip().endswith("5/5 bài")


def test_errors_are_one_line_with_nonzero_exit(tmp_path, capsys, arch):
    code, out, err = run(capsys, "--archive", tmp_path / "none", "list")
    assert code == 1 and err.count("\n") == 1 and "init" in err
    code, out, err = run(capsys, "--archive", arch, "show", "999")
    assert code == 1 and "999" in err and "Traceback" not in err
    code, out, err = run(capsys, "--archive", arch, "tag", "1", "--unit", "Không có")
    assert code == 1 and "Không có" in err


def test_tag_units_topics_and_filter(arch, capsys):
    code, _, err = run(capsys, "--archive", arch, "units", "add", "Tỉnh ủy Quảng Ninh/Thị ủy Quảng Yên", "--kind", "Thị ủy")
    assert code == 0, err
    code, _, err = run(capsys, "--archive", arch, "tag", "1", "5", "--unit", "Tỉnh ủy Quảng Ninh/Thị ủy Quảng Yên",
                       "--topic", "Xây dựng Đảng", "--create")
    assert code == 0, err
    code, out, _ = run(capsys, "--archive", arch, "list", "--unit", "Tỉnh ủy Quảng Ninh", "--json")
    assert sorted(r["id"] for r in json.loads(out)) == [1, 5]
    code, out, _ = run(capsys, "--archive", arch, "units")
    assert "Thị ủy Quảng Yên [2]  (Thị ủy)" in out
    code, out, _ = run(capsys, "--archive", arch, "list", "--year", "2023", "--topic", "Xây dựng Đảng", "--json")
    assert [r["id"] for r in json.loads(out)] == [5]


def test_trash_and_restore(arch, capsys):
    run(capsys, "--archive", arch, "trash", "2")
    code, out, _ = run(capsys, "--archive", arch, "list", "--trash", "--json")
    assert [r["id"] for r in json.loads(out)] == [2]
    run(capsys, "--archive", arch, "restore", "2")
    code, out, _ = run(capsys, "--archive", arch, "list", "--json")
    assert len(json.loads(out)) == 5


def test_output_survives_a_terminal_without_vietnamese(monkeypatch):
    stream = io.TextIOWrapper(io.BytesIO(), encoding="cp1252")
    cli._out("Thị ủy giao ban công tác Đảng", stream)
    stream.flush()
    assert stream.buffer.getvalue().decode("cp1252").strip() == "Thi uy giao ban công tác Dang"


def test_entry_point_runs_in_a_subprocess_with_ascii_locale(arch):
    env = dict(os.environ, PYTHONIOENCODING="ascii", PYTHONUTF8="0")
    proc = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "--archive", str(arch), "list"],
        capture_output=True, env=env, cwd=SAMPLES.parent.parent,
    )
    assert proc.returncode == 0, proc.stderr
    assert b"Thi uy giao ban cong tac Dang" in proc.stdout


def test_search_json_gives_plain_title_and_separate_highlight(arch, capsys):
    """Machines read the title as stored; the highlighted one is a field of its own."""
    code, out, _ = run(capsys, "--archive", arch, "search", "giao ban thi uy", "--json")
    payload = json.loads(out)
    first = payload["hits"][0]
    assert first["title"] == "Thị ủy giao ban công tác Đảng, đoàn thể 9 tháng năm 2023"
    assert "<b>" in first["title_html"] and "<b>" not in json.dumps([h["title"] for h in payload["hits"]])


def test_search_counts_strong_matches_and_marks_scattered_ones(arch, capsys):
    code, out, _ = run(capsys, "--archive", arch, "search", "giao ban thi uy", "--json")
    payload = json.loads(out)
    assert payload["total"] == 5 and payload["strong"] < payload["total"]
    assert payload["scattered"] == payload["total"] - payload["strong"]
    kinds = [h["match"] for h in payload["hits"]]
    assert kinds == sorted(kinds, key=lambda k: k != "strong") and kinds.count("strong") == payload["strong"]
    code, out, _ = run(capsys, "--archive", arch, "search", "giao ban thi uy")
    lines = out.splitlines()
    assert lines[-1] == f"{payload['strong']} kết quả (thêm {payload['scattered']} bài có các từ nằm rải rác)"
    assert "--- các từ nằm rải rác, không liền nhau:" in lines
