"""Units through the 2025 reorganisation: merges, splits, chains, and what search and lists make of them.

The sample articles (ids 1–5) are tagged: 1 with the old Huyện ủy (2019),
2 with an old commune, 3 with the new Đảng ủy xã, 4 with an unrelated unit.
"""

import datetime as dt

import pytest

from desktop.core.archive import ArchiveError, ArticleFilter
from desktop.core.views import ReorganisationStep as Step

JULY = dt.date(2025, 7, 1)


@pytest.fixture
def province(seeded):
    """Tỉnh ủy Trà Vinh with Huyện ủy Cầu Ngang (two communes) and Huyện ủy Trà Cú."""
    a = seeded
    tv = a.add_unit("Tỉnh ủy Trà Vinh")
    district = a.add_unit("Huyện ủy Cầu Ngang", tv, kind="Huyện ủy")
    town = a.add_unit("Đảng ủy thị trấn Cầu Ngang", district)
    hiep_my = a.add_unit("Đảng ủy xã Hiệp Mỹ Đông", district)
    other = a.add_unit("Huyện ủy Trà Cú", tv)
    a.tag([1], unit_ids=[district])
    a.tag([2], unit_ids=[town])
    a.tag([4], unit_ids=[other])
    a.ids = dict(tv=tv, district=district, town=town, hiep_my=hiep_my, other=other)
    return a


def _new(a, name="Đảng ủy xã Cầu Ngang"):
    return a.find_path("unit", f"Tỉnh ủy Trà Vinh/{name}")


def ids(archive, text, **kw):
    return {h.id for h in archive.search(text, limit=50, **kw).hits}


def test_merge_links_dissolves_and_creates_the_new_unit(province):
    a, u = province, province.ids
    a.merge_units([u["district"], u["town"]], "Tỉnh ủy Trà Vinh/Đảng ủy xã Cầu Ngang", JULY)
    new = _new(a)
    graph = a.lineage()
    assert graph.predecessors(new) == [u["district"], u["town"]]
    assert graph.units[new].founded == JULY
    assert graph.units[u["district"]].dissolved == JULY
    assert graph.units[u["town"]].dissolved == JULY
    assert graph.units[u["hiep_my"]].dissolved is None


def test_split_gives_one_unit_several_successors(province):
    a, u = province, province.ids
    a.split_unit(u["district"], ["Tỉnh ủy Trà Vinh/Đảng ủy xã Cầu Ngang", "Tỉnh ủy Trà Vinh/Đảng ủy xã Mỹ Long"], JULY)
    graph = a.lineage()
    assert [graph.units[s].name for s in graph.successors(u["district"])] == [
        "Đảng ủy xã Cầu Ngang", "Đảng ủy xã Mỹ Long"]
    assert {link.kind for link in graph.links} == {"split"}
    # Both successors reach the old Huyện ủy's article.
    assert 1 in ids(a, 'unit:"Đảng ủy xã Mỹ Long"')
    assert 1 in ids(a, 'unit:"Đảng ủy xã Cầu Ngang"')


def test_a_chain_reaches_back_through_every_step(province):
    a, u = province, province.ids
    a.merge_units([u["town"]], "Tỉnh ủy Trà Vinh/Đảng ủy xã Cầu Ngang", JULY)  # A → B
    b = _new(a)
    a.merge_units([b], "Tỉnh ủy Trà Vinh/Đảng ủy xã Cầu Ngang mới", dt.date(2026, 1, 1), kind="rename")  # B → C
    c = _new(a, "Đảng ủy xã Cầu Ngang mới")
    assert a.lineage().predecessors(c) == [b, u["town"]]
    assert a.lineage().current_successors(u["town"]) == [c]
    assert a.article_ids(ArticleFilter(unit_ids=[c])) == [2]


def test_cycles_are_refused_and_nothing_is_half_done(province):
    a, u = province, province.ids
    a.merge_units([u["town"]], "Tỉnh ủy Trà Vinh/Đảng ủy xã Cầu Ngang", JULY)
    new = _new(a)
    with pytest.raises(ArchiveError, match="cycle"):
        a.merge_units([new], "Tỉnh ủy Trà Vinh/Huyện ủy Cầu Ngang/Đảng ủy thị trấn Cầu Ngang", JULY)
    with pytest.raises(ArchiveError, match="cycle"):
        a.link_units(new, new)
    plan = a.plan_reorganisation([Step("Tỉnh ủy Trà Vinh/Huyện ủy Trà Cú", "Tỉnh ủy Trà Vinh/X", JULY, "merge", row=2),
                                  Step("Tỉnh ủy Trà Vinh/X", "Tỉnh ủy Trà Vinh/Huyện ủy Trà Cú", JULY, "merge", row=3)])
    assert plan.problems == ["dòng 3: 'Tỉnh ủy Trà Vinh › X' → 'Tỉnh ủy Trà Vinh › Huyện ủy Trà Cú' "
                             "tạo thành vòng lặp (cycle)"]
    assert len(a.lineage().links) == 1


def test_search_list_and_facets_follow_lineage_and_can_be_switched_off(province):
    a, u = province, province.ids
    a.merge_units([u["district"]], "Tỉnh ủy Trà Vinh/Đảng ủy xã Cầu Ngang", JULY)
    new = _new(a)
    a.tag([3], unit_ids=[new])
    # The old Huyện ủy's own article, its commune that went with it, and the new unit's.
    assert ids(a, 'unit:"Đảng ủy xã Cầu Ngang"') == {1, 2, 3}
    assert ids(a, 'unit="Đảng ủy xã Cầu Ngang"') == {3}
    assert ids(a, "dang", unit_ids=[new]) == {1, 2, 3}
    assert ids(a, "dang", unit_ids=[new], lineage=False) == {3}
    assert set(a.article_ids(ArticleFilter(unit_ids=[new]))) == {1, 2, 3}
    assert a.article_ids(ArticleFilter(unit_ids=[new], lineage=False)) == [3]
    result = a.search('unit:"Đảng ủy xã Cầu Ngang"')
    assert result.predecessors == [u["district"]]
    assert result.tagged == {u["district"]: 1, u["town"]: 1, new: 1}  # which unit each was tagged with
    assert set(a.matching_ids("", unit_ids=[new])) == {1, 2, 3}


def test_unit_names_fold_as_search_does(province):
    a, u = province, province.ids
    a.merge_units([u["district"]], "Tỉnh ủy Trà Vinh/Đảng ủy xã Cầu Ngang", JULY)
    graph = a.lineage()
    assert set(graph.find("cau ngang")) == {u["district"], u["town"], _new(a)}
    assert ids(a, 'unit:"cau ngang"') == {1, 2}
    assert ids(a, "unit:\"dang uy xa cau ngang\"") == {1, 2}


def test_a_commune_with_its_own_successor_is_followed_through_its_own_link(province):
    a, u = province, province.ids
    # Hiệp Mỹ Đông went elsewhere; the town went with the Huyện ủy's work into Cầu Ngang.
    a.merge_units([u["hiep_my"]], "Tỉnh ủy Trà Vinh/Đảng ủy xã Hiệp Mỹ", JULY)
    a.merge_units([u["district"]], "Tỉnh ủy Trà Vinh/Đảng ủy xã Cầu Ngang", JULY)
    a.tag([5], unit_ids=[u["hiep_my"]])
    scope = a.unit_scope([_new(a)])
    assert u["hiep_my"] not in scope.units and u["town"] in scope.units
    assert ids(a, 'unit:"Đảng ủy xã Hiệp Mỹ"') == {5}


def test_tagging_with_a_dissolved_unit_after_its_end_is_reported_with_the_successor(province):
    a, u = province, province.ids
    a.merge_units([u["district"]], "Tỉnh ủy Trà Vinh/Đảng ủy xã Cầu Ngang", JULY)
    assert a.dissolved_tags([u["district"], u["other"]], dt.date(2025, 8, 1)) == {u["district"]: [_new(a)]}
    assert a.dissolved_tags([u["district"]], dt.date(2019, 5, 1)) == {}  # an article of its time


def test_names_as_they_were_at_a_date(province):
    a, u = province, province.ids
    a.merge_units([u["district"]], "Tỉnh ủy Trà Vinh/Đảng ủy xã Cầu Ngang", JULY)
    graph = a.lineage()
    new = _new(a)
    assert graph.label_at(new, dt.date(2019, 1, 1)) == "Huyện ủy Cầu Ngang (nay: Đảng ủy xã Cầu Ngang)"
    assert graph.label_at(new, dt.date(2025, 9, 1)) == "Đảng ủy xã Cầu Ngang"
    assert graph.label_at(u["district"], dt.date(2019, 1, 1)) == "Huyện ủy Cầu Ngang"
    assert graph.lineage_line(new) == "Đảng ủy xã Cầu Ngang, gồm cả đơn vị tiền thân: Huyện ủy Cầu Ngang (đến 01/07/2025)"


def test_a_unit_that_absorbs_another_keeps_its_own_name(province):
    a, u = province, province.ids
    a.merge_units([u["hiep_my"]], u["town"], JULY)  # the town carries on with the commune's work
    graph = a.lineage()
    assert graph.units[u["town"]].dissolved is None
    assert graph.label_at(u["town"], dt.date(2019, 1, 1)) == "Đảng ủy thị trấn Cầu Ngang"


def test_compilation_prints_names_of_the_time_and_a_cover_line_naming_the_lineage(province, tmp_path):
    import unicodedata

    from pypdf import PdfReader

    from desktop.core.pdf.compilation import CompilationOptions, export_pdf

    a, u = province, province.ids
    a.merge_units([u["district"]], "Tỉnh ủy Trà Vinh/Đảng ủy xã Cầu Ngang", JULY)
    new = _new(a)
    a.tag([5], unit_ids=[new])  # a 2023 article a clerk tagged with the new unit
    ids = a.article_ids(ArticleFilter(unit_ids=[new]), order="date_asc")
    assert set(ids) == {1, 2, 5}
    out = tmp_path / "cau-ngang.pdf"
    export_pdf(a, ids, out, CompilationOptions(title="Cầu Ngang 2019–2025", lineage_unit=new))
    pages = [" ".join(unicodedata.normalize("NFC", p.extract_text()).split()) for p in PdfReader(out).pages]
    assert "Đảng ủy xã Cầu Ngang, gồm cả đơn vị tiền thân: Huyện ủy Cầu Ngang (đến 01/07/2025)" in pages[0]
    body = " ".join(pages[1:])
    assert "Huyện ủy Cầu Ngang (nay: Đảng ủy xã Cầu Ngang)" in body  # article 5, dated before the merge
    assert "Đảng ủy thị trấn Cầu Ngang" in body  # article 2 keeps its commune


def test_undo_is_refused_once_an_article_is_tagged_with_a_unit_it_created(province):
    a, u = province, province.ids
    a.merge_units([u["district"]], "Tỉnh ủy Trà Vinh/Đảng ủy xã Cầu Ngang", JULY)
    new = _new(a)
    a.tag([3], unit_ids=[new])
    with pytest.raises(ArchiveError, match="tagged since"):
        a.undo_reorganisation()
    assert a.lineage().predecessors(new) == [u["district"]]  # nothing half undone
    a.untag([3], unit_ids=[new])
    a.undo_reorganisation()
    assert a.lineage().units[u["district"]].dissolved is None and not a.lineage().links
    with pytest.raises(ArchiveError, match="nothing to undo"):
        a.undo_reorganisation()


def test_the_lineage_is_read_again_only_after_units_or_links_change(province):
    a, u = province, province.ids
    first = a.lineage()
    assert a.lineage() is first  # kept while nothing changed
    a.update_unit(u["town"], dissolved=JULY)
    second = a.lineage()
    assert second is not first and second.units[u["town"]].dissolved == JULY
    a.merge_units([u["town"]], u["hiep_my"], JULY)
    assert a.lineage().successors(u["town"]) == [u["hiep_my"]]
    a.undo_reorganisation()
    assert a.lineage().successors(u["town"]) == []
