"""Old Word ``.doc``, ``.rtf`` and ``.odt``: converted to .docx by LibreOffice when installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from desktop.core.draft import ArticleDraft
from desktop.core.ingest.plaintext import ParseError

CANDIDATES = ("soffice", "libreoffice", r"C:\Program Files\LibreOffice\program\soffice.exe")
TIMEOUT_S = 120


def libreoffice() -> str | None:
    for name in CANDIDATES:
        found = shutil.which(name) or (name if Path(name).is_file() else None)
        if found:
            return found
    return None


def parse_office(path: Path) -> ArticleDraft:
    from desktop.core.ingest.importers.docx import parse_docx

    program = libreoffice()
    if program is None:
        raise ParseError(
            f"cần LibreOffice để đọc tệp {path.suffix} (chưa cài); hãy cài LibreOffice hoặc lưu lại thành .docx"
        )
    with tempfile.TemporaryDirectory(prefix="luutru-office-") as out:
        try:
            subprocess.run(
                [program, "--headless", "--convert-to", "docx", "--outdir", out, str(path)],
                check=True, capture_output=True, timeout=TIMEOUT_S,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
            raise ParseError(f"LibreOffice không chuyển được tệp {path.name} ({exc.__class__.__name__})") from exc
        converted = Path(out) / (path.stem + ".docx")
        if not converted.exists():
            raise ParseError(f"LibreOffice không chuyển được tệp {path.name}")
        return parse_docx(converted)
