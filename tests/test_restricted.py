"""Restricted articles on the office server: row-level security on every read path (issue 20 item 3).

An office archive holds one public article and one of each mark.  Login roles
connect as different people: ``khach`` cleared for nothing, ``canbo`` for
"Lưu hành nội bộ", ``mat`` for "Mật".  The articles are stored by the test
cluster's superuser, whom the policies do not restrict.
"""

import datetime as dt
import io
import itertools
import time
import unicodedata

import psycopg
import pytest
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import make_url

from desktop import cli
from desktop.core.archive import Archive
from desktop.core.draft import ArticleDraft, PhotoDraft
from desktop.core.errors import ArchiveError, NotFound
from desktop.core.pdf.compilation import CompilationOptions, export_pdf
from desktop.core.store.storing import Incoming

PASSWORD = "mat-khau-thu"
STAFF = "luutru_test_staff"
# Login roles of the tests and the marks each is cleared for (the roles helper's `users add` makes them later).
ACCOUNTS = {"khach": (), "canbo": ("luutru_mark_internal",), "mat": ("luutru_mark_secret",)}

PUBLIC = ArticleDraft(title="Hội nghị giao ban công tác dân vận quý ba",
                      body="Thị ủy giao ban công tác dân vận, bàn việc xây dựng nông thôn mới.")
INTERNAL = ArticleDraft(title="Thông báo kết luận giao ban thường trực", circulation="Lưu hành nội bộ",
                        body="Giao ban thường trực kết luận về việc chuẩn bị hội nghị cán bộ chủ chốt.")
SECRET = ArticleDraft(title="Báo cáo vụ việc tại kho bạc xã Hòa Bình", circulation="Mật",
                      body="Đoàn kiểm tra xác minh sai phạm của ông Trương Văn Khoát theo Kết luận 15-KL/TU. "
                           "Qua kiểm tra sổ sách, đoàn phát hiện nhiều khoản chi không có chứng từ hợp lệ, "
                           "việc quản lý quỹ tiền mặt không chặt chẽ, báo cáo quyết toán chậm so với quy định. "
                           "Đoàn đề nghị cấp ủy xem xét trách nhiệm của tập thể và cá nhân có liên quan.")
TOP = ArticleDraft(title="Phương án nhân sự đại hội nhiệm kỳ tới", circulation="Tối mật",
                   body="Danh sách dự kiến giới thiệu bầu cử vào ban thường vụ.")
SECRET_WORD = "khoat"  # only the "Mật" article holds it ("Khoát")
SECRET_CAPTION = "Hiện trường kho bạc xã"


def jpeg(colour) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture(scope="session")
def accounts(pg_cluster):
    """The test login roles, made once per cluster (roles are the cluster's, not a database's)."""
    cluster_sql = pg_cluster.sql
    cluster_sql(f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{STAFF}') "
                f"THEN CREATE ROLE {STAFF} NOLOGIN; END IF; END $$")
    for name, marks in ACCOUNTS.items():
        cluster_sql(f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{name}') "
                    f"THEN CREATE ROLE {name} LOGIN PASSWORD '{PASSWORD}' IN ROLE {STAFF}; END IF; END $$")
        for mark in marks:
            cluster_sql(f"GRANT {mark} TO {name}")
    return ACCOUNTS


def grant_tables(pg_cluster, database: str) -> None:
    """What the roles helper's grants will do: let the staff read and write the archive's tables."""
    for statement in (f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {STAFF}",
                      f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {STAFF}"):
        pg_cluster.sql(statement, database)


_pcs = itertools.count()


class Office:
    """The server archive and a way to sit down at a PC of one's own as one of the accounts."""

    def __init__(self, pg_cluster, url: str, monkeypatch, tmp_path):
        self.cluster, self.url, self.monkeypatch, self.tmp_path = pg_cluster, url, monkeypatch, tmp_path
        self.database = make_url(url).database
        self.ids: dict[str, int] = {}
        self.open: list[Archive] = []

    def url_of(self, account: str) -> str:
        return self.cluster.url(self.database, user=account, password=PASSWORD)

    def pc(self, account: str, *, cache: str | None = None) -> Archive:
        """``account`` opens the archive on a PC of its own (or the named PC's cache)."""
        self.monkeypatch.setenv("XDG_CACHE_HOME", str(self.tmp_path / (cache or f"pc-{next(_pcs)}")))
        archive = Archive.open(self.url_of(account))
        self.open.append(archive)
        return archive

    def sql(self, account: str, statement: str, params=()) -> list[tuple]:
        """``statement`` run directly by ``account`` (no LuuTru in between)."""
        with psycopg.connect(self.url_of(account)) as conn:
            cur = conn.execute(statement, params)
            rows = cur.fetchall() if cur.description else [(cur.rowcount,)]
            conn.commit()
            return rows


@pytest.fixture
def office(pg_cluster, server_url, accounts, monkeypatch, tmp_path):
    office = Office(pg_cluster, server_url, monkeypatch, tmp_path)
    grant_tables(pg_cluster, office.database)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "pc-admin"))
    with Archive.open(server_url) as admin:
        unit = admin.find_path("unit", "Tỉnh ủy Quảng Ninh/Thị ủy Quảng Yên", create=True)
        topic = admin.find_path("topic", "Xây dựng Đảng", create=True)
        for key, draft, year in (("public", PUBLIC, 2023), ("internal", INTERNAL, 2023), ("secret", SECRET, 2024),
                                 ("top", TOP, 2025)):
            draft = ArticleDraft(**{**draft.__dict__, "photos": [], "published_date": dt.date(year, 5, 10)})
            draft.extract_references()
            if key == "secret":
                draft.photos = [PhotoDraft(caption=SECRET_CAPTION, image=jpeg("red"))]
            office.ids[key] = admin.add_draft(draft).article_id
        admin.tag(list(office.ids.values()), unit_ids=[unit], topic_ids=[topic])
        admin.update_article(office.ids["secret"], title=SECRET.title + " (đã xác minh)")  # history with old/new
        office.unit, office.topic = unit, topic
    secret, public = office.ids["secret"], office.ids["public"]
    pg_cluster.sql(f"INSERT INTO page_scans (article_id, page, width, height, confidence, words) "
                   f"VALUES ({secret}, 0, 100, 100, 90, '[]')", office.database)
    pg_cluster.sql(f"INSERT INTO page_thumbnails (article_id, image) VALUES ({secret}, 'jpeg')", office.database)
    pg_cluster.sql(f"INSERT INTO near_duplicates (article_id, other_id, similarity, kind, found_at) "
                   f"VALUES ({secret}, {public}, 0.9, 'duplicate', now())", office.database)
    yield office
    for archive in office.open:
        archive.close()


def visible(office: Office, *keys: str) -> set[int]:
    return {office.ids[k] for k in keys}


def search_ids(archive: Archive, text: str) -> set[int]:
    return {h.id for h in archive.search(text, limit=100).hits}


# ------------------------------------------------------------- direct SQL


def test_the_server_itself_hides_restricted_rows_from_an_uncleared_account(office):
    secret = office.ids["secret"]
    assert {r[0] for r in office.sql("khach", "SELECT id FROM articles")} == visible(office, "public")
    assert {r[0] for r in office.sql("canbo", "SELECT id FROM articles")} == visible(office, "public", "internal")
    assert {r[0] for r in office.sql("mat", "SELECT id FROM articles")} == visible(
        office, "public", "internal", "secret")  # "Tối mật" needs more
    for table in ("photos", "edits", "doc_refs", "mentions", "fingerprints", "article_units", "article_topics",
                  "page_scans", "page_thumbnails", "near_duplicates"):
        seen = {r[0] for r in office.sql("khach", f"SELECT article_id FROM {table}")}
        assert secret not in seen, table
        assert secret in {r[0] for r in office.sql("mat", f"SELECT article_id FROM {table}")}, table
    assert office.sql("khach", "SELECT count(*) FROM photos WHERE caption = %s", (SECRET_CAPTION,)) == [(0,)]
    assert office.sql("khach", "SELECT count(*) FROM media_blobs") == [(0,)]  # the photo is the "Mật" article's
    assert office.sql("mat", "SELECT count(*) FROM media_blobs") == [(1,)]
    # Writing what one cannot read changes nothing; giving a mark one is not cleared for is refused.
    assert office.sql("khach", "UPDATE articles SET title = 'x' WHERE id = %s", (secret,)) == [(0,)]
    assert office.sql("khach", "DELETE FROM articles WHERE id = %s", (secret,)) == [(0,)]
    assert office.sql("khach", "UPDATE photos SET caption = 'x'") == [(0,)]
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        office.sql("khach", "UPDATE articles SET circulation = 'Mật' WHERE id = %s", (office.ids["public"],))
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        office.sql("canbo", "INSERT INTO articles (title, lead, body, circulation, content_hash, created_at, "
                            "updated_at) VALUES ('t', '', '', 'Mật', 'h', now(), now())")
    assert office.sql("mat", "SELECT title FROM articles WHERE id = %s", (secret,))[0][0].endswith("(đã xác minh)")
    # The change feed keeps every article's number: an uncleared PC must see the change that hides one.
    assert secret in {r[0] for r in office.sql("khach", "SELECT article_id FROM article_changes")}


def test_every_table_that_holds_an_articles_rows_is_under_row_level_security(office):
    """A table added later with an article_id column (a thumbnail of a "Mật" page...) must not leak."""
    from db.models import Base

    own_rows = {name for name, table in Base.metadata.tables.items() if "article_id" in table.columns}
    feed = {"article_changes", "index_queue"}  # ids and numbers only: an uncleared PC must see what to drop
    guarded = {r[0] for r in office.sql("mat", "SELECT relname FROM pg_class WHERE relrowsecurity")}
    assert own_rows - feed - guarded == set()


def test_an_unknown_mark_needs_the_highest_clearance(office):
    office.sql("mat", "UPDATE articles SET circulation = 'Lưu hành nội bộ' WHERE id = %s", (office.ids["secret"],))
    assert office.ids["secret"] in {r[0] for r in office.sql("canbo", "SELECT id FROM articles")}
    with pytest.raises(psycopg.errors.InsufficientPrivilege):  # "Mật" cleared is not cleared for a misspelt mark
        office.sql("mat", "UPDATE articles SET circulation = 'Mât' WHERE id = %s", (office.ids["public"],))


# ------------------------------------------------------------ read paths


def test_an_uncleared_account_lists_counts_and_opens_only_public_articles(office):
    khach, mat = office.pc("khach"), office.pc("mat")
    assert set(khach.article_ids()) == visible(office, "public")
    assert khach.count_articles() == 1
    assert {r.id for r in khach.list_articles()} == visible(office, "public")
    assert khach.rows([office.ids["secret"]]) == []
    assert khach.months() == [(2023, 5, 1)]
    assert mat.months() == [(2024, 5, 1), (2023, 5, 2)]
    with pytest.raises(NotFound):
        khach.article(office.ids["secret"])
    assert khach.history(office.ids["secret"]) == []
    assert khach.scans(office.ids["secret"]) == [] and len(mat.scans(office.ids["secret"])) == 1
    assert khach.near_duplicates() == [] and len(mat.near_duplicates()) == 1
    (unit,) = [n for n in khach.unit_tree()[0].children]
    assert unit.count == 1  # the unit's count is of what the account may read
    assert mat.count_articles() == 3
    assert mat.history(office.ids["secret"])  # cleared: the history with its old and new titles
    assert mat.unit_tree()[0].children[0].count == 3


def test_searches_counts_facets_snippets_and_suggestions_hold_nothing_restricted(office):
    khach, mat = office.pc("khach"), office.pc("mat")
    result = khach.search("giao ban", limit=100)
    assert {h.id for h in result.hits} == visible(office, "public")
    assert result.total == result.strong == 1
    assert result.units[office.unit] == 1 and result.topics[office.topic] == 1 and result.years == {2023: 1}
    assert mat.search("xa", limit=100).years.get(2024) == 1  # the facet counts the "Mật" article for "mat"
    assert search_ids(mat, "giao ban") == visible(office, "public", "internal")
    assert search_ids(khach, "kho bac hoa binh") == set()
    assert search_ids(khach, "15-KL/TU") == set()
    assert search_ids(khach, 'person:"Trương Văn Khoát"') == set()
    assert search_ids(mat, "15-KL/TU") == visible(office, "secret")
    (hit,) = mat.search("khoat", limit=100).hits
    assert "<b>Khoát</b>" in hit.snippet  # the cleared account's snippet; khach has no hit to cut one from
    # Did-you-mean draws on the index's words: the cleared account is offered the secret word, not khach.
    assert SECRET_WORD in (mat.search("khaot").suggestion or "")
    assert SECRET_WORD not in (khach.search("khaot").suggestion or "")


def test_a_pdf_export_by_an_uncleared_account_holds_no_restricted_article(office, tmp_path):
    khach, mat = office.pc("khach"), office.pc("mat")
    options = CompilationOptions(include_restricted=True)
    out = tmp_path / "khach.pdf"
    export_pdf(khach, khach.article_ids(), out, options)
    text = unicodedata.normalize("NFC", " ".join(p.extract_text() for p in PdfReader(out).pages))
    assert "Hội nghị giao ban" in text and "kho bạc" not in text and "Thông báo kết luận" not in text
    with pytest.raises(NotFound):  # naming a restricted article does not get it in either
        export_pdf(khach, [office.ids["secret"]], tmp_path / "x.pdf", options)
    export_pdf(mat, mat.article_ids(), tmp_path / "mat.pdf", options)
    cleared = unicodedata.normalize("NFC", " ".join(p.extract_text() for p in PdfReader(tmp_path / "mat.pdf").pages))
    assert "kho bạc" in cleared


# ------------------------------------------------------------ local index


def test_an_uncleared_pcs_own_index_holds_only_what_its_account_may_read(office):
    khach = office.pc("khach")
    assert khach.rebuild_index() == 1
    index = khach.search_index
    stored = {int(fields["id"]) for fields in index.searcher().all_stored_fields()}
    assert stored == visible(office, "public")
    assert SECRET_WORD not in index.postings(index.searcher()).terms("all")


def test_an_article_restricted_after_indexing_leaves_the_uncleared_pcs_results_and_words(office):
    mat = office.pc("mat")
    mat.update_article(office.ids["secret"], circulation=None)
    for n in range(6):  # one segment of many articles: withdrawing one alone would not get it merged away
        mat.add_draft(ArticleDraft(title=f"Tin phường số {n}", body=f"Phường tổ chức lễ ra quân lần {n}."))
    khach = office.pc("khach")
    assert search_ids(khach, "kho bac hoa binh") == visible(office, "secret")  # public for now: indexed
    assert SECRET_WORD in (khach.search("khaot").suggestion or "")
    mat.update_article(office.ids["secret"], circulation="Mật")
    assert search_ids(khach, "kho bac hoa binh") == set()
    assert khach.search("giao ban").total == 1
    assert SECRET_WORD not in (khach.search("khaot").suggestion or "")  # its words left the dictionary too
    index = khach.search_index
    assert SECRET_WORD not in index.postings(index.searcher()).terms("all")


def test_a_window_pcs_indexer_drops_an_article_when_it_becomes_restricted(office):
    khach, mat = office.pc("khach"), office.pc("mat")
    mat.update_article(office.ids["secret"], circulation=None)
    khach.index_in_background()
    assert khach.wait_for_index(120)
    assert search_ids(khach, "kho bac hoa binh") == visible(office, "secret")
    mat.update_article(office.ids["secret"], circulation="Mật")
    assert khach.wait_for_index(30)
    for _ in range(50):
        if not search_ids(khach, "kho bac hoa binh"):
            break
        time.sleep(0.2)
    assert search_ids(khach, "kho bac hoa binh") == set()


def test_a_clearance_granted_or_revoked_rebuilds_the_pcs_index(office, capsys):
    khach = office.pc("khach", cache="desk")
    assert search_ids(khach, "kho bac hoa binh") == set()
    try:
        assert cli.main(["--archive", office.url, "clearance", "grant", "khach", "mat"]) == 0
        assert search_ids(khach, "kho bac hoa binh") == visible(office, "secret")
        assert cli.main(["--archive", office.url, "clearance", "revoke", "khach", "Mật"]) == 0
        assert search_ids(khach, "kho bac hoa binh") == set()
        assert search_ids(khach, "giao ban") == visible(office, "public")
    finally:
        office.cluster.sql("REVOKE luutru_mark_secret FROM khach")


def test_two_accounts_on_one_pc_never_share_an_index(office):
    khach = office.pc("khach", cache="shared-pc")
    mat = office.pc("mat", cache="shared-pc")
    assert khach.root != mat.root
    assert search_ids(mat, "kho bac hoa binh") == visible(office, "secret")
    assert search_ids(khach, "kho bac hoa binh") == set()


# ------------------------------------------------------------ writing and the CLI


def test_an_uncleared_clerk_cannot_mark_an_article_above_their_clearance(office):
    canbo = office.pc("canbo")
    with pytest.raises(ArchiveError, match="mức mật|Mật"):
        canbo.update_article(office.ids["public"], circulation="Mật")
    assert canbo.article(office.ids["public"]).circulation is None  # nothing changed
    canbo.update_article(office.ids["public"], circulation="Lưu hành nội bộ")  # a mark they hold: allowed
    assert office.sql("khach", "SELECT count(*) FROM articles") == [(0,)]


def test_clearance_command_lists_grants_and_revokes(office, capsys):
    assert cli.main(["--archive", office.url, "clearance", "list"]) == 0
    out = capsys.readouterr().out
    assert "khach: chỉ bài công khai" in out
    assert "canbo: Lưu hành nội bộ" in out
    assert "mat: Lưu hành nội bộ; Mật" in out
    assert cli.main(["--archive", office.url, "clearance", "grant", "khach", "bí mật quốc gia"]) == 1
    assert "không có mức mật" in capsys.readouterr().err
    assert cli.main(["--archive", office.url, "clearance", "grant", "nobody", "secret"]) == 1
    assert "không có tài khoản" in capsys.readouterr().err
    assert cli.main(["--archive", office.url_of("khach"), "clearance", "grant", "khach", "secret"]) == 1
    assert "không được phép" in capsys.readouterr().err  # one may not clear oneself
    assert office.sql("khach", "SELECT count(*) FROM articles") == [(1,)]
    try:  # a group's clearance reaches its members; revoking a member's own grant says so
        office.cluster.sql(f"GRANT luutru_mark_internal TO {STAFF}")
        assert cli.main(["--archive", office.url, "clearance", "revoke", "khach", "noi bo"]) == 1
        assert STAFF in capsys.readouterr().err
    finally:
        office.cluster.sql(f"REVOKE luutru_mark_internal FROM {STAFF}")


def test_clearance_on_a_folder_archive_is_one_line(tmp_path, capsys):
    assert cli.main(["--archive", str(tmp_path / "kho"), "init"]) == 0
    assert cli.main(["--archive", str(tmp_path / "kho"), "clearance", "list"]) == 1
    assert "chỉ có trên máy chủ" in capsys.readouterr().err


def test_an_uncleared_clerk_importing_a_restricted_articles_text_gets_one_line_and_the_rest_stored(office):
    khach = office.pc("khach")
    copy = ArticleDraft(title=SECRET.title + " (đã xác minh)", body=SECRET.body)  # the stored text, unmarked
    fresh = ArticleDraft(title="Tin mới của phường", body="Phường ra quân làm sạch môi trường.")
    copied, stored = khach.add_drafts([Incoming(copy), Incoming(fresh)])
    assert isinstance(copied, ArchiveError) and "không được đọc" in str(copied)
    assert not stored.duplicate and khach.article(stored.article_id).title == fresh.title
    (alone,) = khach.add_drafts([Incoming(copy)])
    assert isinstance(alone, ArchiveError)
    assert office.sql("mat", "SELECT count(*) FROM articles WHERE circulation IS NULL") == [(2,)]


def test_a_server_backup_needs_an_account_that_reads_every_mark(office, tmp_path):
    from desktop.core.maintenance.backup import auto_backup, backup

    mat = office.pc("mat")  # cleared for "Mật", not for "Tối mật"
    with pytest.raises(ArchiveError, match="sao lưu"):
        backup(mat, tmp_path / "mat.zip")
    assert not (tmp_path / "mat.zip").exists()
    assert auto_backup(mat, tmp_path / "auto") is None  # left to a PC whose account reads everything
    assert list((tmp_path / "auto").glob("*.zip")) == []


def test_a_folder_archives_one_user_reads_every_mark(tmp_path):
    with Archive.open(tmp_path / "kho") as archive:
        ids = {archive.add_draft(draft).article_id for draft in (PUBLIC, INTERNAL, SECRET, TOP)}
        assert set(archive.article_ids()) == ids
        assert search_ids(archive, "kho bac hoa binh") == {archive.add_draft(SECRET).article_id}  # a duplicate
        assert archive.clearance.sees_everything()


def test_a_url_without_a_user_gets_the_cache_folder_of_the_account_postgresql_would_sign_in_as(monkeypatch, tmp_path):
    from desktop.paths import server_cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("PGUSER", "lan")
    lan = server_cache("postgresql://may-chu:5432/luutru")
    assert lan == server_cache("postgresql://lan@may-chu:5432/luutru")
    monkeypatch.setenv("PGUSER", "hung")
    assert server_cache("postgresql://may-chu:5432/luutru") != lan


def test_init_by_an_account_that_may_not_make_the_clearance_roles_is_one_line(pg_cluster, capsys, pc_cache):
    """The roles are the cluster's: on a fresh one, ``init`` needs CREATEROLE (or postgres) once."""
    from helpers.pgcluster import Cluster

    fresh = Cluster(pg_cluster.bin).start()
    try:
        fresh.sql(f"CREATE ROLE clerk LOGIN PASSWORD '{PASSWORD}'")
        fresh.sql("CREATE DATABASE kho OWNER clerk")
        assert cli.main(["--archive", fresh.url("kho", user="clerk", password=PASSWORD), "init"]) == 1
        err = capsys.readouterr().err
        assert "CREATEROLE" in err and "không mong đợi" not in err and len(err.splitlines()) == 1
        fresh.sql("ALTER ROLE clerk CREATEROLE")
        assert cli.main(["--archive", fresh.url("kho", user="clerk", password=PASSWORD), "init"]) == 0
        with psycopg.connect(fresh.url("kho")) as conn:  # the clearance roles, with 'Lưu hành nội bộ' for all
            assert conn.execute("SELECT pg_has_role('luutru_reader', 'luutru_mark_internal', 'MEMBER'), "
                                "pg_has_role('luutru_reader', 'luutru_mark_secret', 'MEMBER')").fetchone() == (True, False)
    finally:
        fresh.stop()
