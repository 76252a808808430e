"""``luutru --self-test``: prove a build works, offline, in a temporary archive.

Imports the bundled sample articles, searches with and without diacritics,
exports a PDF with photos, reads a PDF and a scanned page (OCR), drives the real window offscreen, checks every
result and exits 0, or non-zero with the reason.  Meant for the frozen
PyInstaller build, where a missing font, plug-in or data file shows up here
rather than on an office PC.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path


class SelfTestFailure(Exception):
    pass


def _expect(condition: bool, message: str) -> None:
    if not condition:
        raise SelfTestFailure(message)


def _checks(workdir: Path, log) -> None:
    from desktop.core.maintenance.demo import build_demo
    from desktop.core.maintenance.integrity import check
    from desktop.core.pdf.compilation import CompilationOptions, export_pdf
    from desktop.core.pdf.fonts import missing_glyphs

    archive = build_demo(workdir / "archive")
    try:
        _expect(archive.count_articles() == 5, f"expected 5 sample articles, found {archive.count_articles()}")
        log("import: 5 sample articles")
        hits = [h.id for h in archive.search("giao ban thi uy").hits]
        _expect(len(hits) >= 2, f"'giao ban thi uy' found {hits}")
        accented = [h.id for h in archive.search("giao ban Thị ủy").hits]
        _expect(set(accented) == set(hits), "accented and unaccented queries disagree")
        _expect([h.id for h in archive.search("09-NQ/TU").hits] == [1], "document number search failed")
        _expect(len(archive.search('"xây dựng Đảng"').hits) >= 3, "phrase search failed")
        log(f"search: 'giao ban thi uy' → {hits}")
        _expect(not missing_glyphs("ĐẢNG CỘNG SẢN VIỆT NAM ướt ỷ ỹ ỵ Ự ặ ậ ệ ộ ợ"), "font lacks Vietnamese glyphs")
        report = export_pdf(archive, archive.article_ids(), workdir / "selftest.pdf", CompilationOptions(title="Tự kiểm tra"))
        data = (workdir / "selftest.pdf").read_bytes()
        _expect(data.startswith(b"%PDF") and report.pages >= 5, f"PDF not written ({report.pages} pages)")
        _expect(report.photos == 6, f"PDF has {report.photos} photos, expected 6")
        _expect(not report.missing_glyphs, f"PDF lacks glyphs {report.missing_glyphs}")
        log(f"pdf: {report.pages} pages, {report.photos} photos, {len(data) // 1024} KB")
        _expect(check(archive).ok, "integrity check failed")
        _ocr(archive, workdir, log)
        _window(archive, log)
    finally:
        archive.close()


def _ocr(archive, workdir: Path, log) -> None:
    """A Party document typeset as a PDF (text layer), then rendered to a page image
    and read back by Tesseract: the PDF library, OCR and the Vietnamese model work."""
    import pypdfium2
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from desktop.core.importing import import_paths
    from desktop.paths import resources

    pdfmetrics.registerFont(TTFont("SelfTestSerif", str(resources() / "fonts" / "LiberationSerif-Regular.ttf")))
    pdf = canvas.Canvas(str(workdir / "nq.pdf"), pagesize=(595, 842))
    pdf.setFont("SelfTestSerif", 13)
    rows = [(60, 780, "ĐẢNG BỘ THỊ XÃ QUẢNG YÊN"), (330, 780, "ĐẢNG CỘNG SẢN VIỆT NAM"),
            (60, 760, "ĐẢNG ỦY PHƯỜNG MINH THÀNH"), (310, 740, "Quảng Yên, ngày 12 tháng 5 năm 2023"),
            (80, 720, "Số 215-NQ/ĐU"), (255, 680, "NGHỊ QUYẾT"), (140, 660, "về phát triển đảng viên trong doanh nghiệp"),
            (60, 620, "Đảng ủy phường thống nhất đẩy mạnh công tác tạo nguồn, bồi dưỡng quần chúng"),
            (60, 600, "ưu tú trong các doanh nghiệp; phấn đấu kết nạp ít nhất mười đảng viên mới.")]
    for x, y, text in rows:
        pdf.drawString(x, y, text)
    pdf.save()
    with pypdfium2.PdfDocument(str(workdir / "nq.pdf")) as document:
        document[0].render(scale=200 / 72, grayscale=True).to_pil().save(workdir / "nq-scan.png")
    [scan, typeset] = import_paths(archive, [workdir / "nq-scan.png", workdir / "nq.pdf"])
    _expect(scan.status == "imported" and typeset.status in ("imported", "duplicate"),
            f"PDF/OCR import failed: {scan.reason or typeset.reason}")
    scanned = archive.article(scan.article_id)
    _expect(scanned.text_origin == "ocr" and scanned.doc_number == "215-NQ/ĐU",
            f"OCR read {scanned.title!r} (number {scanned.doc_number})")
    log(f"ocr: {scanned.title!r}, confidence {scanned.ocr_confidence:.0f} %; pdf: {typeset.status}")


def _window(archive, log) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings

    from desktop.ui.app import install_translator, make_app
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings

    app = make_app([sys.argv[0]])
    started = time.perf_counter()
    settings = Settings(QSettings(str(archive.root.parent / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(archive, settings, demo=True)
    window.show()
    app.processEvents()
    ready = time.perf_counter() - started
    window.search_box.setText("giao ban thi uy")
    shown = []
    window.list_shown.connect(lambda: shown.append(True))
    window.reload_list()  # the search runs off the GUI thread; the list changes when it answers
    deadline = time.perf_counter() + 60
    while not shown and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.01)
    _expect(window.model.rowCount() >= 2, "the window's search shows no rows")
    _expect(window.pane.title.text() != "", "the article pane is empty")
    for language in ("en", "vi"):
        translators = install_translator(app, language)
        _expect(bool(translators), f"{language} translation missing from the bundle")
        for translator in translators:
            app.removeTranslator(translator)
    window.close()
    log(f"window: ready in {ready * 1000:.0f} ms, search shows {window.model.rowCount()} rows")


def run_self_test() -> int:
    def log(message: str) -> None:
        print(f"self-test: {message}", flush=True)

    started = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="luutru-selftest-") as tmp:
            _checks(Path(tmp), log)
    except SelfTestFailure as exc:
        print(f"self-test FAILED: {exc}", file=sys.stderr, flush=True)
        return 1
    except Exception as exc:  # noqa: BLE001 - any crash is a failure with its reason
        print(f"self-test FAILED: {exc.__class__.__name__}: {exc}", file=sys.stderr, flush=True)
        return 2
    log(f"passed in {time.perf_counter() - started:.1f} s")
    return 0
