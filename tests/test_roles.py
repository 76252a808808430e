"""Who may do what on a server archive: accounts, the role matrix, the audit log.

The role matrix connects as each role both through LuuTru and **directly**
with psycopg and SQLAlchemy, bypassing every check of the app, to show that
the server itself refuses what a role may not do.
"""

import itertools
import os

import psycopg
import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import IntegrityError, ProgrammingError

from db import models as m
from db.roles import POLICY, undecided
from desktop import cli
from desktop.core.archive import Archive
from desktop.core.draft import ArticleDraft
from desktop.core.errors import ArchiveError, Forbidden
from desktop.core.store.permissions import Access
from conftest import SAMPLES, TEMPLATE

PASSWORD = "mat-khau-thu"
_people = itertools.count(1)


def run_cli(capsys, *args) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def account_url(pg_cluster, server_url: str, name: str, password: str = PASSWORD) -> str:
    return pg_cluster.url(make_url(server_url).database, name, password)


def _with_people(pg_cluster, server_url: str) -> dict[str, str]:
    """The samples and one account per role on this server archive (roles are cluster-wide:
    names are unique per test).  Returns role -> that account's URL, "superuser" -> the fixture's."""
    from desktop.core.importing import import_paths

    tag = f"{os.getpid()}_{next(_people)}"
    urls = {"superuser": server_url}
    with Archive.open(server_url) as archive:
        import_paths(archive, sorted(SAMPLES.glob("*.txt"))[:2])
        for role in ("reader", "clerk", "admin"):
            archive.accounts.add(f"{role}_{tag}", role, PASSWORD)
            urls[role] = account_url(pg_cluster, server_url, f"{role}_{tag}")
    return urls


@pytest.fixture
def people(pg_cluster, server_url):
    return _with_people(pg_cluster, server_url)


@pytest.fixture(scope="module")
def matrix_people(pg_cluster, tmp_path_factory):
    """One archive for the whole matrix: its attempts are all rolled back."""
    name = f"m{os.getpid()}_{next(_people)}"
    pg_cluster.sql(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield _with_people(pg_cluster, pg_cluster.url(name))


def dsn(url: str) -> str:
    return url  # psycopg takes the postgresql:// URL as it is


# ----------------------------------------------------------------- the matrix

# (what, SQL, the roles the server lets do it).  Writes touch no row (WHERE false): the server
# checks privileges on every statement whatever it would change.
DIRECT = [
    ("read articles", "SELECT count(*) FROM articles", {"reader", "clerk", "admin"}),
    ("read photos", "SELECT count(*) FROM photos", {"reader", "clerk", "admin"}),
    ("edit an article", "UPDATE articles SET title = title WHERE false", {"clerk", "admin"}),
    ("add an article", "INSERT INTO articles (title, content_hash) SELECT 'x', 'y' WHERE false", {"clerk", "admin"}),
    ("trash an article", "UPDATE articles SET trashed_at = now() WHERE false", {"clerk", "admin"}),
    ("purge (DELETE FROM articles)", "DELETE FROM articles WHERE false", {"admin"}),
    ("TRUNCATE articles", "TRUNCATE articles CASCADE", {"admin"}),
    ("tag", "INSERT INTO article_units SELECT 1, 1 WHERE false", {"clerk", "admin"}),
    ("untag", "DELETE FROM article_topics WHERE false", {"clerk", "admin"}),
    ("caption a photo", "UPDATE photos SET caption = caption WHERE false", {"clerk", "admin"}),
    ("store a file", "INSERT INTO media_blobs SELECT 'x', ''::bytea WHERE false", {"clerk", "admin"}),
    ("write history", "INSERT INTO edits (article_id, at, who, what) SELECT 1, now(), 'x', 'y' WHERE false",
     {"clerk", "admin"}),
    ("rewrite history", "UPDATE edits SET who = 'someone else' WHERE false", {"admin"}),
    ("erase history", "DELETE FROM edits WHERE false", {"admin"}),
    ("add a unit", "INSERT INTO units (name) SELECT 'x' WHERE false", {"admin"}),
    ("rename a topic", "UPDATE topics SET name = name WHERE false", {"admin"}),
    ("link units", "INSERT INTO unit_links (predecessor_id, successor_id) SELECT 1, 2 WHERE false", {"admin"}),
    ("record a reorganisation", "DELETE FROM reorganisations WHERE false", {"admin"}),
    ("mark the daily backup done", "UPDATE server_tasks SET done_at = now() WHERE false", {"admin"}),
    ("write the audit log", "INSERT INTO audit_log (at, account, action) SELECT now(), 'x', 'y' WHERE false",
     {"reader", "clerk", "admin"}),
    ("read the audit log", "SELECT count(*) FROM audit_log", {"admin"}),
    ("change the schema", "ALTER TABLE articles ADD COLUMN sneaky integer", {"admin"}),
    ("create a table", "CREATE TABLE sneaky (id integer)", {"admin"}),
    ("take the next change number", "SELECT nextval('article_change_seq')", {"clerk", "admin"}),
    ("add an account", "SELECT luutru_add_account('sneaky_x', 'admin', 'whatever-password')", {"admin"}),
    ("make oneself admin", "SELECT luutru_set_role(session_user, 'admin')", {"admin"}),
    ("create a role", "CREATE ROLE sneaky_role", set()),
    ("change the migrations' version", "UPDATE alembic_version SET version_num = version_num WHERE false", {"admin"}),
]


def _attempt_psycopg(url: str, sql: str) -> bool:
    """Run ``sql`` as the URL's account with psycopg; True when the server allowed it (rolled back)."""
    with psycopg.connect(dsn(url)) as conn:
        try:
            conn.execute(sql)
            return True
        except psycopg.errors.InsufficientPrivilege:
            return False
        finally:
            conn.rollback()


@pytest.mark.parametrize("role", ["reader", "clerk", "admin"])
@pytest.mark.parametrize("what,sql,allowed", DIRECT, ids=[d[0] for d in DIRECT])
def test_the_server_refuses_what_the_role_may_not_do_with_psycopg(matrix_people, role, what, sql, allowed):
    assert _attempt_psycopg(matrix_people[role], sql) == (role in allowed), f"{role}: {what}"


@pytest.mark.parametrize("role,allowed", [("reader", False), ("clerk", True), ("admin", True)])
def test_an_orm_session_bypassing_the_app_gets_the_same_answers(people, role, allowed):
    """SQLAlchemy straight at the server: a reader's UPDATE and a clerk's purge are refused there."""
    engine = create_engine(make_url(people[role]).set(drivername="postgresql+psycopg"))
    try:
        with engine.connect() as conn:
            article = conn.execute(text("SELECT id FROM articles ORDER BY id LIMIT 1")).scalar()
            try:
                conn.execute(text("UPDATE articles SET title = 'Đã sửa' WHERE id = :id"), {"id": article})
                updated = True
            except ProgrammingError:
                updated = False
            conn.rollback()
            with pytest.raises(ProgrammingError) if role != "admin" else _nothing():
                conn.execute(text("DELETE FROM articles WHERE id = :id"), {"id": article})
            conn.rollback()
    finally:
        engine.dispose()
    assert updated == allowed


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_nobody_rewrites_the_audit_logs_past_not_even_an_admin(people):
    with Archive.open(people["clerk"]):
        pass  # a sign-in: a row to try to change
    for role in ("reader", "clerk", "admin", "superuser"):
        with psycopg.connect(dsn(people[role])) as conn:
            for sql in ("UPDATE audit_log SET account = 'someone else'", "DELETE FROM audit_log"):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute(sql)
                conn.rollback()


def test_a_clerk_cannot_write_someone_elses_name_into_the_audit_log(people):
    clerk = make_url(people["clerk"]).username
    with psycopg.connect(dsn(people["clerk"])) as conn:
        conn.execute("INSERT INTO audit_log (at, account, action) VALUES ('2001-01-01', 'the-director', 'export')")
        conn.commit()
    with Archive.open(people["admin"]) as archive:
        [forged] = [e for e in archive.audit.entries() if e.action == "export"]
    assert forged.account == clerk and forged.at.year > 2001


def test_every_table_has_a_grant_decision(pg_cluster, server_url):
    """A table added by a later migration without a decision in db/roles.py fails here."""
    assert undecided() == []
    with psycopg.connect(server_url) as conn:
        tables = {r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
        public = conn.execute(
            "SELECT table_name FROM information_schema.role_table_grants WHERE grantee = 'PUBLIC' "
            "AND table_schema = 'public'").fetchall()
    assert tables - POLICY.keys() == set()
    assert public == []


def test_grants_are_applied_again_after_an_upgrade(pg_cluster, server_url):
    """Idempotent: applying twice changes nothing, and a grant lost meanwhile comes back."""
    from db.roles import apply_grants

    engine = create_engine(make_url(server_url).set(drivername="postgresql+psycopg"))
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("REVOKE SELECT ON articles FROM luutru_reader")
            apply_grants(conn)
            apply_grants(conn)
            assert conn.execute(text("SELECT has_table_privilege('luutru_reader', 'articles', 'SELECT')")).scalar()
            assert not conn.execute(text("SELECT has_table_privilege('luutru_clerk', 'articles', 'DELETE')")).scalar()
    finally:
        engine.dispose()


# ------------------------------------------------------------- through LuuTru


def test_each_account_is_told_its_role(people):
    for role in ("reader", "clerk", "admin"):
        with Archive.open(people[role]) as archive:
            assert archive.access.role == role
            assert archive.access.may("read")
            assert archive.access.may("edit") == (role != "reader")
            assert archive.access.may("purge") == (role == "admin")


def test_history_names_the_signed_in_account(people):
    clerk = make_url(people["clerk"]).username
    with Archive.open(people["clerk"]) as archive:
        archive.update_article(1, title="Tiêu đề do văn thư sửa")
        assert archive.history(1)[-1].who == clerk


@pytest.mark.parametrize("role,args,allowed", [
    ("reader", ["list"], True),
    ("reader", ["search", "xay dung dang"], True),
    ("reader", ["show", "1"], True),
    ("reader", ["trash", "1"], False),
    ("reader", ["tag", "1", "--topic", "Xây dựng Đảng", "--create"], False),
    ("clerk", ["trash", "2"], True),
    ("clerk", ["restore", "2"], True),
    ("clerk", ["purge"], False),
    ("clerk", ["units", "add", "Tỉnh ủy Quảng Ninh"], False),
    ("clerk", ["users", "list"], False),
    ("clerk", ["audit"], False),
    ("admin", ["units", "add", "Tỉnh ủy Quảng Ninh"], True),
    ("admin", ["purge"], True),
    ("admin", ["audit"], True),
    ("admin", ["users", "list"], True),
])
def test_the_cli_refuses_a_forbidden_command_in_one_line(people, capsys, role, args, allowed):
    code, out, err = run_cli(capsys, "--archive", people[role], *args)
    if allowed:
        assert code == 0, err
    else:
        needed = "quản trị (admin)" if args[0] in ("purge", "units", "users", "audit") else "văn thư (clerk)"
        assert code == 1 and err.strip().splitlines() == [f"luutru-cli: lỗi: {Forbidden(needed.split('(')[1][:-1])}"]
        assert needed in err


@pytest.mark.parametrize("role,args", [
    ("reader", ["trash", "1"]),
    ("reader", ["restore", "1"]),
    ("clerk", ["purge"]),
    ("clerk", ["units", "add", "Tỉnh ủy Quảng Ninh"]),
    ("clerk", ["users", "add", "nguoi_moi", "--role", "admin", "--password", "mat-khau-dai"]),
    ("clerk", ["audit"]),
])
def test_a_client_skipping_the_check_gets_the_servers_refusal_as_the_same_line(
        people, capsys, monkeypatch, role, args):
    if args[0] == "purge":  # something in the Trash, or a purge has nothing to delete
        assert run_cli(capsys, "--archive", people["clerk"], "trash", "2")[0] == 0
    code, _, checked = run_cli(capsys, "--archive", people[role], *args)
    monkeypatch.setattr(Access, "may", lambda self, action: True)  # a modified client
    code2, _, refused = run_cli(capsys, "--archive", people[role], *args)
    assert code == code2 == 1
    assert refused == checked and "Traceback" not in refused and len(refused.strip().splitlines()) == 1


def test_users_add_list_role_passwd_disable(people, pg_cluster, server_url, capsys, monkeypatch):
    admin = people["admin"]
    name = f"nva_{os.getpid()}_{next(_people)}"
    answers = iter(["mat-khau-moi-1", "mat-khau-moi-1"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    code, out, err = run_cli(capsys, "--archive", admin, "users", "add", name, "--role", "reader")
    assert code == 0, err
    url = account_url(pg_cluster, server_url, name, "mat-khau-moi-1")
    with Archive.open(url) as archive:
        assert archive.access.role == "reader" and archive.user == name
    code, out, _ = run_cli(capsys, "--archive", admin, "users", "list")
    assert any(line.split()[0] == name and "(reader)" in line for line in out.splitlines())
    assert run_cli(capsys, "--archive", admin, "users", "role", name, "--role", "clerk")[0] == 0
    with Archive.open(url) as archive:
        assert archive.access.role == "clerk"
    assert run_cli(capsys, "--archive", admin, "users", "passwd", name, "--password", "mat-khau-moi-2")[0] == 0
    with pytest.raises(ArchiveError):
        Archive.open(url).close()  # the old password no longer works
    url = account_url(pg_cluster, server_url, name, "mat-khau-moi-2")
    Archive.open(url).close()
    assert run_cli(capsys, "--archive", admin, "users", "disable", name)[0] == 0
    with pytest.raises(ArchiveError, match="không kết nối được"):
        Archive.open(url).close()
    code, out, _ = run_cli(capsys, "--archive", admin, "users", "list")
    assert any(line.split()[0] == name and "đã khóa" in line for line in out.splitlines())
    code, out, _ = run_cli(capsys, "--archive", admin, "audit")
    actions = [line.split()[3] for line in out.splitlines() if name in line]
    assert [a for a in actions if a != "sign-in"] == ["account", "role", "password", "disable"]
    assert "sign-in" in actions  # theirs, under their own name


def test_bad_account_requests_are_one_line_each(people, capsys):
    admin = people["admin"]
    for args, says in [
        (["users", "add", "Người Mới", "--role", "clerk", "--password", "mat-khau-dai"], "tên tài khoản"),
        (["users", "add", "ngan", "--role", "clerk", "--password", "ngan"], "8 ký tự"),
        (["users", "disable", "postgres_khong_co"], "không có tài khoản"),
        (["users", "role", "luutru", "--role", "reader"], "không phải tài khoản LuuTru"),
        (["users", "add", make_url(people["clerk"]).username, "--role", "clerk", "--password", "mat-khau-dai"],
         "đã có tài khoản"),
    ]:
        code, _, err = run_cli(capsys, "--archive", admin, *args)
        assert code == 1 and says in err and len(err.strip().splitlines()) == 1, err


def test_the_last_admin_cannot_be_locked_out(pg_cluster, empty_server_url, capsys):
    """On a fresh server the account that ran init is the first admin; it cannot disable or demote
    itself while no other admin can sign in."""
    name = f"first_{os.getpid()}_{next(_people)}"
    pg_cluster.sql(f"CREATE ROLE {name} LOGIN CREATEROLE PASSWORD '{PASSWORD}'")
    database = make_url(empty_server_url).database
    pg_cluster.sql(f"ALTER DATABASE {database} OWNER TO {name}")
    pg_cluster.sql(f"ALTER SCHEMA public OWNER TO {name}", database=database)
    url = pg_cluster.url(database, name, PASSWORD)
    assert run_cli(capsys, "--archive", url, "init")[0] == 0
    # Roles are the cluster's: the admins other tests made count too, so they sit this one out.
    with psycopg.connect(pg_cluster.url()) as conn:
        others = [r[0] for r in conn.execute(
            "SELECT u.rolname FROM pg_roles u JOIN pg_auth_members am ON am.member = u.oid "
            "JOIN pg_roles g ON g.oid = am.roleid WHERE g.rolname = 'luutru_admin' AND u.rolcanlogin "
            "AND u.rolname <> %s", [name])]
    for other in others:
        pg_cluster.sql(f"ALTER ROLE {other} NOLOGIN")
    try:
        with Archive.open(url) as archive:
            assert archive.access.role == "admin"
            with pytest.raises(ArchiveError, match="quản trị viên cuối cùng"):
                archive.accounts.set_enabled(name, False)
            with pytest.raises(ArchiveError, match="quản trị viên cuối cùng"):
                archive.accounts.set_role(name, "clerk")
            archive.accounts.add(f"{name}_b", "clerk", PASSWORD)
    finally:
        for other in others:
            pg_cluster.sql(f"ALTER ROLE {other} LOGIN")
    with Archive.open(pg_cluster.url(database, f"{name}_b", PASSWORD)) as archive:
        assert archive.access.role == "clerk"
        archive.add_draft(ArticleDraft(title="Bài của văn thư", body="Nội dung."))


def test_a_non_admin_is_told_to_let_an_admin_upgrade_the_server(people):
    with psycopg.connect(people["superuser"]) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0004'")  # as if LuuTru were newer than the server
        conn.commit()
    with pytest.raises(ArchiveError, match="quản trị viên"):
        Archive.open(people["clerk"]).close()


# ------------------------------------------------------------------- audit


def test_audit_records_sign_ins_restricted_exports_role_changes_and_purges(people, tmp_path, capsys):
    reader = make_url(people["reader"]).username
    with Archive.open(people["clerk"]) as archive:
        restricted = archive.add_draft(ArticleDraft(title="Báo cáo mật", body="Nội dung.", circulation="Mật")).article_id
        archive.trash([2])
    code, out, err = run_cli(capsys, "--archive", people["reader"], "export-pdf", "--ids", "1", str(restricted),
                             "--with-restricted", "-o", tmp_path / "tap.pdf")
    assert code == 0, err
    assert run_cli(capsys, "--archive", people["admin"], "purge")[0] == 0
    with Archive.open(people["admin"]) as archive:
        entries = archive.audit.entries()
    assert {"sign-in", "export", "purge", "account"} <= {e.action for e in entries}
    [export] = [e for e in entries if e.action == "export"]
    assert export.account == reader and f"#{restricted} (Mật)" in export.detail and "#1 " not in export.detail
    [purge] = [e for e in entries if e.action == "purge"]
    assert purge.detail == "#2"
    code, out, _ = run_cli(capsys, "--archive", people["admin"], "audit", "--since", "2000")
    assert code == 0 and "export" in out and reader in out


def test_reader_opens_and_searches_without_writing(people):
    with Archive.open(people["reader"]) as archive:
        assert archive.count_articles() == 2
        assert archive.search("xay dung dang").total >= 1
        with pytest.raises(Forbidden):
            archive.update_article(1, title="Không được sửa")
        with pytest.raises(Forbidden):
            archive.accounts.add("khong_duoc", "admin", "mat-khau-dai")
        with pytest.raises(Forbidden):
            archive.audit.entries()


# ------------------------------------------------- the single-PC archive (SQLite)


def test_a_single_pc_archive_has_one_implicit_admin(tmp_path, capsys):
    """Nothing changes for the user: every check asks the same question and gets "admin"."""
    from desktop.core.store.lock import current_user
    from desktop.core.store.permissions import ACTIONS

    folder = tmp_path / "kho"
    assert run_cli(capsys, "--archive", folder, "init")[0] == 0
    with Archive.open(folder) as archive:
        assert archive.access.role == "admin"
        assert all(archive.access.may(action) for action in ACTIONS)
        [me] = archive.accounts.list()
        assert (me.name, me.role, me.enabled) == (current_user(), "admin", True)
        with pytest.raises(ArchiveError, match="không có tài khoản riêng"):
            archive.accounts.add("nguoi_moi", "clerk", "mat-khau-dai")
    for args in (["units", "add", "Tỉnh ủy Quảng Ninh"], ["purge"], ["audit"], ["users", "list"]):
        code, _, err = run_cli(capsys, "--archive", folder, *args)
        assert code == 0, err
    code, _, err = run_cli(capsys, "--archive", folder, "users", "add", "x_y", "--role", "clerk", "--password", "12345678")
    assert code == 1 and "không có tài khoản riêng" in err and len(err.strip().splitlines()) == 1


def test_a_single_pc_archive_keeps_an_append_only_audit_log(tmp_path, capsys):
    from desktop.core.store.lock import current_user

    folder = tmp_path / "kho"
    with Archive.open(folder) as archive:
        secret = archive.add_draft(ArticleDraft(title="Báo cáo mật", body="Nội dung.", circulation="Mật")).article_id
        plain = archive.add_draft(ArticleDraft(title="Tin thường", body="Nội dung khác.")).article_id
        archive.trash([plain])
        archive.purge()
    code, _, err = run_cli(capsys, "--archive", folder, "export-pdf", "--ids", str(secret), "--with-restricted",
                           "-o", tmp_path / "mat.pdf")
    assert code == 0, err
    with Archive.open(folder) as archive:
        entries = archive.audit.entries()
        assert [(e.account, e.action) for e in entries] == [(current_user(), "purge"), (current_user(), "export")]
        for sql in ("UPDATE audit_log SET account = 'someone else'", "DELETE FROM audit_log"):
            with pytest.raises(IntegrityError, match="append-only"), archive.session() as s:
                s.execute(text(sql))
        assert len(archive.audit.entries()) == 2


# ------------------------------------------------------------------- window


class MemoryKeyring:
    """An OS keyring stand-in for the tests (the PC's own is never touched)."""

    def __new__(cls):
        from keyring.backend import KeyringBackend

        class Backend(KeyringBackend):
            priority = 1

            def __init__(self):
                super().__init__()
                self.stored = {}

            def get_password(self, service, username):
                return self.stored.get((service, username))

            def set_password(self, service, username, password):
                self.stored[(service, username)] = password

            def delete_password(self, service, username):
                self.stored.pop((service, username), None)

        return Backend()


@pytest.fixture
def keyring_backend():
    import keyring

    before = keyring.get_keyring()
    yield keyring.set_keyring
    keyring.set_keyring(before)


@pytest.fixture
def window_settings(tmp_path):
    from PySide6.QtCore import QSettings

    from desktop.ui.settings import Settings

    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


def _sign_in(dialog, pg_cluster, url: str, password: str = PASSWORD) -> None:
    parsed = make_url(url)
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(pg_cluster.port)
    dialog.database.setText(parsed.database)
    dialog.user.setText(parsed.username)
    dialog.password.setText(password)


def test_a_remembered_password_is_in_the_keyring_never_in_the_settings(
        qtbot, people, pg_cluster, tmp_path, window_settings, keyring_backend, monkeypatch):
    from desktop.ui import app
    from desktop.ui.main_window import MainWindow
    from desktop.ui.server_dialog import ServerDialog

    memory = MemoryKeyring()
    keyring_backend(memory)
    win = MainWindow(Archive.open(tmp_path / "local"), window_settings)
    qtbot.addWidget(win)
    dialog = ServerDialog(win)
    qtbot.addWidget(dialog)
    assert dialog.remember.isEnabled()
    _sign_in(dialog, pg_cluster, people["clerk"])
    dialog.remember.setChecked(True)
    dialog.try_connect()
    assert dialog.archive is not None and dialog.note == ""
    win._switch_to(dialog.archive)
    assert "văn thư (clerk)" in win.statusBar().currentMessage()
    win.close()
    win.archive.close()
    window_settings._q.sync()
    saved = (tmp_path / "settings.ini").read_text(encoding="utf-8")
    assert PASSWORD not in saved and "***" not in saved
    assert list(memory.stored.values()) == [PASSWORD]
    monkeypatch.setattr(ServerDialog, "exec", lambda self: pytest.fail("asked for a password the keyring has"))
    again = app.open_archive(window_settings.last_archive)  # the next start
    try:
        assert again.server and again.user == make_url(people["clerk"]).username
    finally:
        again.close()


def test_without_a_working_keyring_nothing_is_stored_and_the_person_signs_in(
        qtbot, people, pg_cluster, tmp_path, window_settings, keyring_backend, monkeypatch):
    from keyring.backends import fail

    from desktop.ui import app
    from desktop.ui.server_dialog import ServerDialog

    keyring_backend(fail.Keyring())
    dialog = ServerDialog()
    qtbot.addWidget(dialog)
    assert not dialog.remember.isEnabled() and "không có kho khóa" in dialog.remember.toolTip()
    _sign_in(dialog, pg_cluster, people["reader"])
    dialog.try_connect()
    assert dialog.archive is not None
    from desktop.paths import without_password

    remembered = str(without_password(dialog.archive.location))
    dialog.archive.close()
    assert PASSWORD not in remembered
    asked = []

    def sign_in(self):  # the person types the password at start
        asked.append(self.user.text())
        self.password.setText(PASSWORD)
        self.try_connect()
        return self.archive is not None

    monkeypatch.setattr(ServerDialog, "exec", sign_in)
    archive = app.open_archive(remembered)
    try:
        assert asked == [make_url(people["reader"]).username] and archive.access.role == "reader"
    finally:
        archive.close()


@pytest.mark.parametrize("role", ["reader", "clerk", "admin", "single-pc"])
def test_the_window_greys_out_what_the_role_may_not_do_and_says_why(qtbot, people, tmp_path, window_settings, role):
    from PySide6.QtGui import QAction

    from desktop.ui.main_window import MainWindow

    archive = Archive.open(tmp_path / "local" if role == "single-pc" else people[role])
    win = MainWindow(archive, window_settings)
    qtbot.addWidget(win)
    try:
        actions = {a.objectName(): a for a in win.findChildren(QAction) if a.objectName()}
        expect = {
            "exportAction": True, "printAction": True, "findAction": True,
            "importAction": role != "reader", "trashAction": role != "reader", "tagUnitAction": role != "reader",
            "emptyTrashAction": role in ("admin", "single-pc"), "usersAction": role in ("admin", "single-pc"),
            "mergeUnitsAction": role in ("admin", "single-pc"), "backupAction": role in ("admin", "single-pc"),
        }
        for name, enabled in expect.items():
            assert actions[name].isEnabled() == enabled, name
            if not enabled:
                needed = "văn thư (clerk)" if name in ("importAction", "trashAction", "tagUnitAction") else "quản trị (admin)"
                assert f"cần quyền {needed}" in actions[name].toolTip()
                assert f"cần quyền {needed}" == actions[name].statusTip()
        assert win.pane.title.isReadOnly() == (role == "reader")
    finally:
        win.close()
        archive.close()


def test_the_users_dialog_manages_accounts_off_the_window_thread(qtbot, people, pg_cluster, server_url):
    from desktop.ui.users_dialog import UsersDialog

    name = f"gui_{os.getpid()}_{next(_people)}"
    with Archive.open(people["admin"]) as archive:
        dialog = UsersDialog(archive)
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: not dialog.busy and dialog.table.rowCount() >= 3, timeout=20000)
        dialog.add_account(name, "reader", "mat-khau-dai-1")
        qtbot.waitUntil(lambda: not dialog.busy and any(a.name == name for a in dialog.accounts), timeout=20000)
        assert "Đã thêm" in dialog.message.text()
        dialog.set_role(name, "clerk")
        qtbot.waitUntil(lambda: not dialog.busy and {a.name: a.role for a in dialog.accounts}[name] == "clerk",
                        timeout=20000)
        dialog.set_enabled(name, False)
        qtbot.waitUntil(lambda: not dialog.busy and not {a.name: a.enabled for a in dialog.accounts}[name],
                        timeout=20000)
        row = [a.name for a in dialog.accounts].index(name)
        assert dialog.table.item(row, 2).text() == "đã khóa"
        dialog.add_account(name, "reader", "mat-khau-dai-1")  # the server says no: one line, in the dialog
        qtbot.waitUntil(lambda: not dialog.busy and "đã có tài khoản" in dialog.message.text(), timeout=20000)
        dialog.close()
    with pytest.raises(ArchiveError):
        Archive.open(account_url(pg_cluster, server_url, name, "mat-khau-dai-1")).close()


def test_the_audit_dialog_shows_the_log_to_an_admin(qtbot, people):
    from desktop.ui.audit_dialog import AuditDialog

    with Archive.open(people["reader"]):
        pass
    with Archive.open(people["admin"]) as archive:
        dialog = AuditDialog(archive)
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=20000)
        cells = [dialog.table.item(r, c).text() for r in range(dialog.table.rowCount()) for c in range(4)]
        assert make_url(people["reader"]).username in cells and "đăng nhập" in cells
        dialog.close()


def test_every_command_has_a_permission_decision():
    """A subcommand added later without a decision in cli._action fails here."""
    import argparse

    from desktop.core.store.permissions import ACTIONS

    parser = cli.build_parser()
    [commands] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    for name in commands.choices:
        args = argparse.Namespace(command=name, action=None, repair=False, apply=False, undo=False, keep=None,
                                  merge=None)
        assert cli._action(args) in ACTIONS or name in cli.UNCHECKED, name


def test_a_clerks_day_needs_no_more_than_the_clerk_role(people, tmp_path):
    """Every clerk path through LuuTru works with the clerk's grants (and nothing is refused)."""
    import io

    from PIL import Image

    from desktop.core.archive import CaptionChange
    from desktop.core.draft import PhotoDraft
    from desktop.core.importing import import_paths

    picture = io.BytesIO()
    Image.new("RGB", (60, 40), (200, 30, 30)).save(picture, "JPEG")
    with Archive.open(people["admin"]) as admin:
        unit = admin.add_unit("Thị ủy Quảng Yên")
        topic = admin.add_topic("Xây dựng Đảng")
    with Archive.open(people["clerk"]) as clerk:
        [outcome] = import_paths(clerk, sorted(SAMPLES.glob("*.txt"))[2:3])
        assert outcome.status == "imported"
        new = clerk.add_draft(ArticleDraft(title="Hội nghị dân vận", body="Nội dung hội nghị dân vận.",
                                           photos=[PhotoDraft(caption="Quang cảnh", image=picture.getvalue())]),
                              original=b"ban goc", original_name="hoi-nghi.txt")
        article = clerk.article(new.article_id)
        clerk.save_article(new.article_id, {"title": "Hội nghị dân vận năm 2022"},
                           [CaptionChange(article.photos[0].id, "Quang cảnh hội nghị", "Thu Trang")])
        clerk.attach_photo(new.article_id, picture.getvalue(), "Ảnh thứ hai")
        clerk.set_tags([new.article_id], unit_ids=[unit], topic_ids=[topic])
        clerk.untag([new.article_id], topic_ids=[topic])
        original = clerk.article(1)
        copy = clerk.add_draft(ArticleDraft(title=original.title + " (đăng lại)", lead=original.lead,
                                            body=original.body + "\n\nBáo Quảng Ninh đưa tin.",
                                            published_date=original.published_date))
        assert copy.similar_to == 1
        clerk.decide_near_duplicate(copy.article_id, 1, merge=True)
        clerk.trash([new.article_id])
        clerk.restore([new.article_id])
        assert clerk.search("hoi nghi dan van nam 2022").hits[0].id == new.article_id
        assert [e.what for e in clerk.history(new.article_id)][-2:] == ["trash", "restore"]
    with Archive.open(people["reader"]) as reader:
        from desktop.core.pdf.compilation import export_pdf

        assert reader.search("hoi nghi dan van nam 2022").hits[0].id == new.article_id
        report = export_pdf(reader, [new.article_id, 1], tmp_path / "tap.pdf")
        assert report.articles == 2
