"""The window through the 2025 reorganisation (demo: Huyện ủy Cầu Ngang → Đảng ủy xã Cầu Ngang on 01/07/2025)."""

import datetime as dt

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QPlainTextEdit  # noqa: E402

from desktop.core.archive import ArticleFilter  # noqa: E402

from desktop.ui import lineage_dialogs  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.ui.settings import Settings  # noqa: E402
from desktop.ui.sidebar import Scope  # noqa: E402
from helpers.windows import counted, listed, open_window, search_in  # noqa: E402

OLD = "Tỉnh ủy Trà Vinh/Huyện ủy Cầu Ngang"
NEW = "Tỉnh ủy Trà Vinh/Đảng ủy xã Cầu Ngang"


def sidebar_labels(win):
    return [item.text(0) for item in win.sidebar._items()]


def item_of(win, unit_id):
    return next(i for i in win.sidebar._items() if i.data(0, Qt.ItemDataRole.UserRole + 10) == Scope("unit", unit_id))


def test_choosing_the_new_unit_includes_its_predecessor_and_can_leave_it_out(qtbot, window, demo):
    new, old = demo.find_path("unit", NEW), demo.find_path("unit", OLD)
    tagged_old = demo.article_ids(ArticleFilter(unit_ids=[old], lineage=False))
    assert window.sidebar.select_scope(Scope("unit", new))
    assert window.model.ids() == tagged_old and tagged_old
    assert window.lineage_bar.isVisible()
    assert "kèm 1 đơn vị tiền thân" in window.lineage_bar.text() and "Huyện ủy Cầu Ngang" in window.lineage_bar.text()
    window.lineage_bar.linkActivated.emit("off")
    assert window.model.ids() == []
    assert "chỉ đơn vị này" in window.lineage_bar.text()
    search_in(qtbot, window, "dang")
    assert window.model.ids() == []  # the search box obeys the switch too
    listed(qtbot, window, lambda: window.lineage_bar.linkActivated.emit("on"))
    assert window.model.ids() == tagged_old


def test_dissolved_units_are_greyed_dated_point_to_successors_and_can_be_hidden(window, demo):
    old = demo.find_path("unit", OLD)
    item = item_of(window, old)
    assert item.text(0) == "Huyện ủy Cầu Ngang (1) · 01/07/2025 → Đảng ủy xã Cầu Ngang"
    assert item.foreground(0).color() == Qt.GlobalColor.gray
    window.findChild(type(window.save_action), "showDissolvedAction").trigger()
    assert not any(label.startswith("Huyện ủy Cầu Ngang") for label in sidebar_labels(window))
    assert any(label.startswith("Đảng ủy xã Cầu Ngang") for label in sidebar_labels(window))
    window.findChild(type(window.save_action), "showDissolvedAction").trigger()
    assert any(label.startswith("Huyện ủy Cầu Ngang") for label in sidebar_labels(window))


def test_an_old_unit_shows_where_its_work_went(window, demo):
    old, new = demo.find_path("unit", OLD), demo.find_path("unit", NEW)
    window.sidebar.select_scope(Scope("unit", old))
    assert "Đã giải thể 01/07/2025" in window.lineage_bar.text()
    assert f'href="unit:{new}"' in window.lineage_bar.text()
    window.lineage_bar.linkActivated.emit(f"unit:{new}")
    assert window.sidebar.current_scope() == Scope("unit", new)


def test_merge_dialog_previews_applies_and_undo_takes_it_back(qtbot, window, demo, monkeypatch):
    before = demo.find_path("unit", "Tỉnh ủy Quảng Ninh/Thị ủy Quảng Yên")
    dialog = lineage_dialogs.merge_units(window)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    for i in range(dialog.sources.count()):
        if dialog.sources.item(i).text() in ("Tỉnh ủy Quảng Ninh › Thị ủy Quảng Yên",
                                             "Tỉnh ủy Quảng Ninh › Thị ủy Quảng Yên › Đảng ủy phường Nam Hòa"):
            dialog.sources.item(i).setCheckState(Qt.CheckState.Checked)
    dialog.target.setCurrentText("Tỉnh ủy Quảng Ninh/Đảng ủy phường Quảng Yên")
    preview = dialog.preview.toPlainText()
    assert "Tạo đơn vị: Tỉnh ủy Quảng Ninh › Đảng ủy phường Quảng Yên" in preview
    assert "Giải thể từ 01/07/2025: Tỉnh ủy Quảng Ninh › Thị ủy Quảng Yên" in preview
    assert ok.isEnabled()
    ok.click()
    qtbot.waitUntil(lambda: any(label.startswith("Đảng ủy phường Quảng Yên (") for label in sidebar_labels(window)),
                    timeout=10000)
    merged = demo.find_path("unit", "Tỉnh ủy Quảng Ninh/Đảng ủy phường Quảng Yên")
    assert demo.lineage().predecessors(merged)[0] == before
    window.sidebar.select_scope(Scope("unit", merged))
    assert set(window.model.ids()) == {1, 2, 5}  # the Thị ủy's and the ward's articles

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    lineage_dialogs.undo_last(window)
    qtbot.waitUntil(lambda: not any(label.startswith("Đảng ủy phường Quảng Yên (") for label in sidebar_labels(window)),
                    timeout=10000)
    assert demo.lineage().units[before].dissolved is None


def test_split_dialog_refuses_a_cycle_and_splits(qtbot, window, demo):
    dialog = lineage_dialogs.split_unit(window)
    dialog.source.setCurrentText("Tỉnh ủy Đồng Tháp › Thành ủy Cao Lãnh")
    dialog.targets.setPlainText("Tỉnh ủy Đồng Tháp/Đảng ủy phường Cao Lãnh\nTỉnh ủy Đồng Tháp/Đảng ủy phường Mỹ Ngãi\n")
    assert "Liên kết (chia tách, 01/07/2025)" in dialog.preview.toPlainText()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: any(label.startswith("Đảng ủy phường Mỹ Ngãi (") for label in sidebar_labels(window)),
                    timeout=10000)
    ward = demo.find_path("unit", "Tỉnh ủy Đồng Tháp/Đảng ủy phường Mỹ Ngãi")
    window.sidebar.select_scope(Scope("unit", ward))
    assert window.model.ids() == [4]
    # Merging the new ward back into the old city would close a cycle: the dialog says so.
    again = lineage_dialogs.merge_units(window)
    for i in range(again.sources.count()):
        if again.sources.item(i).text() == "Tỉnh ủy Đồng Tháp › Đảng ủy phường Mỹ Ngãi":
            again.sources.item(i).setCheckState(Qt.CheckState.Checked)
    again.target.setCurrentText("Tỉnh ủy Đồng Tháp/Thành ủy Cao Lãnh")
    assert "vòng lặp" in again.preview.toPlainText()
    assert not again.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    again.reject()


def test_tagging_with_a_dissolved_unit_asks_and_takes_the_successor(qtbot, window, demo, monkeypatch):
    old, new = demo.find_path("unit", OLD), demo.find_path("unit", NEW)
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes)
    window.apply_tags([5], "unit", {old}, replace=False)  # article 5 is of 2023, while the Huyện ủy existed
    qtbot.waitUntil(lambda: old in [u.id for u in demo.article(5).units], timeout=10000)
    assert asked == []  # an article of its time is tagged without a question
    window.apply_tags([5], "unit", {old}, replace=True)
    assert asked == []  # nor is a tag the article already has asked about again
    demo.update_article(1, published_date=dt.date(2025, 9, 1))
    window.apply_tags([1], "unit", {old}, replace=True)
    assert "đã giải thể từ 01/07/2025" in asked[0] and "Đảng ủy xã Cầu Ngang" in asked[0]
    qtbot.waitUntil(lambda: [u.id for u in demo.article(1).units] == [new], timeout=10000)


def test_a_reorganisation_table_is_previewed_then_applied(qtbot, window, demo, tmp_path):
    table = tmp_path / "dong-thap.csv"
    table.write_text("Đơn vị cũ,Đơn vị mới,Ngày,Hình thức\n"
                     "Tỉnh ủy Đồng Tháp/Thành ủy Cao Lãnh,Tỉnh ủy Đồng Tháp/Đảng ủy phường Cao Lãnh,01/07/2025,sáp nhập\n",
                     encoding="utf-8")
    dialog = lineage_dialogs.import_table(window, table)
    text = dialog.findChild(QPlainTextEdit, "reorganisePreview").toPlainText()
    assert "Tạo đơn vị: Tỉnh ủy Đồng Tháp › Đảng ủy phường Cao Lãnh" in text
    dialog.accept()
    qtbot.waitUntil(lambda: any(label.startswith("Đảng ủy phường Cao Lãnh (") for label in sidebar_labels(window)),
                    timeout=10000)
    assert demo.reorganisations()[0].source == "dong-thap.csv"


def test_the_new_unit_counts_its_predecessors_articles_apart(window, demo):
    item = item_of(window, demo.find_path("unit", NEW))
    assert item.text(0) == "Đảng ủy xã Cầu Ngang (0+1)"
    assert item.toolTip(0) == "0 bài của đơn vị này, 1 bài của đơn vị tiền thân"


def test_english_interface_for_lineage(qtbot, demo, tmp_path):
    from PySide6.QtWidgets import QApplication

    from desktop.ui.app import install_translator

    (translator,) = install_translator(QApplication.instance(), "en")
    try:
        settings = Settings(QSettings(str(tmp_path / "en.ini"), QSettings.Format.IniFormat))
        win = open_window(qtbot, demo, settings, demo=True)
        counted(qtbot, win)
        tools = win.menuBar().actions()[2].menu()
        assert "Reorganise units" in [a.text() for a in tools.actions()]
        win.sidebar.select_scope(Scope("unit", demo.find_path("unit", NEW)))
        assert "with 1 predecessor units" in win.lineage_bar.text() and "this unit only" in win.lineage_bar.text()
        assert item_of(win, demo.find_path("unit", NEW)).toolTip(0) == "0 articles of this unit, 1 of its predecessors"
    finally:
        QApplication.instance().removeTranslator(translator)
