"""restricted articles: clearance roles and row-level security (server archives)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 19:30:00

An article marked "Lưu hành nội bộ", "Mật", "Tối mật" or "Tuyệt mật" is
visible on a server only to accounts cleared for its mark: members of the
group roles ``luutru_mark_internal`` ⊂ ``luutru_mark_secret`` ⊂
``luutru_mark_topsecret`` (each higher role is a member of the lower one, so
clearance for "Mật" includes "Lưu hành nội bộ").  Roles are cluster-wide:
they are created only when missing, and a second archive database on the
same cluster shares them.  The function roles (``luutru_reader``,
``luutru_clerk``, ``luutru_admin``), where they exist, are given
"Lưu hành nội bộ": every account of the office reads it.

``luutru_may_read(mark)`` says whether the current account may read a mark
(an unknown mark needs the highest clearance: a typo never publishes an
article); ``luutru_article_visible(id)`` whether it may see article ``id``,
asked by the policies of every table carrying an article's text, tags or
photos.  It reads ``articles`` under its own policy, which names no other
table, so the policies never recurse.  Rows can be written only where they
can be read: an account cannot give a mark it is not cleared for.  FORCE
makes the tables' owner (the account that ran ``init``) obey the policies too.

``article_changes`` stays readable by everyone (ids and numbers only): a PC
must see that an article it indexed changed, re-read it, find nothing and
drop it from its index.  ``media_blobs`` holds a file that only restricted
articles use for those cleared for them; a file also used by a visible
article is visible (the same bytes).  SQLite archives have one user: nothing
changes there but the index on ``photos.sha256`` the blob policy needs.
"""

from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

# Tables whose rows belong to one article (column article_id).
ARTICLE_TABLES = ('photos', 'page_scans', 'page_thumbnails', 'doc_refs', 'mentions', 'fingerprints',
                  'article_units', 'article_topics', 'edits')

ROLES = """
DO $$
DECLARE
    name text;
    lower_name text;
BEGIN
    FOREACH name IN ARRAY ARRAY['luutru_mark_internal', 'luutru_mark_secret', 'luutru_mark_topsecret'] LOOP
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = name) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', name);
            EXCEPTION
                WHEN duplicate_object OR unique_violation THEN NULL;  -- another database's migration made it
                WHEN insufficient_privilege THEN
                    RAISE EXCEPTION 'tài khoản % không có quyền tạo vai trò % (needs CREATEROLE, or run once as postgres)',
                        current_user, name;
            END;
        END IF;
    END LOOP;
    FOREACH name IN ARRAY ARRAY['luutru_mark_secret', 'luutru_mark_topsecret'] LOOP
        lower_name := CASE name WHEN 'luutru_mark_secret' THEN 'luutru_mark_internal' ELSE 'luutru_mark_secret' END;
        IF NOT EXISTS (SELECT FROM pg_auth_members am JOIN pg_roles r ON r.oid = am.roleid
                       JOIN pg_roles mbr ON mbr.oid = am.member
                       WHERE r.rolname = lower_name AND mbr.rolname = name) THEN
            EXECUTE format('GRANT %I TO %I', lower_name, name);
        END IF;
    END LOOP;
    -- The office's default: everyone who works in LuuTru reads "Lưu hành nội bộ" (docs/office-server.md).
    FOREACH name IN ARRAY ARRAY['luutru_reader', 'luutru_clerk', 'luutru_admin'] LOOP
        IF EXISTS (SELECT FROM pg_roles WHERE rolname = name) AND NOT pg_has_role(name, 'luutru_mark_internal', 'MEMBER') THEN
            EXECUTE format('GRANT luutru_mark_internal TO %I', name);
        END IF;
    END LOOP;
END $$
"""

FUNCTIONS = """
CREATE OR REPLACE FUNCTION luutru_mark_role(mark text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN mark IS NULL OR btrim(mark) = '' THEN NULL
        WHEN lower(btrim(mark)) = 'lưu hành nội bộ' THEN 'luutru_mark_internal'
        WHEN lower(btrim(mark)) = 'mật' THEN 'luutru_mark_secret'
        ELSE 'luutru_mark_topsecret'
    END
$$;

CREATE OR REPLACE FUNCTION luutru_may_read(mark text) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT mark IS NULL OR luutru_mark_role(mark) IS NULL OR pg_has_role(luutru_mark_role(mark), 'MEMBER')
$$;

CREATE OR REPLACE FUNCTION luutru_article_visible(article integer) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM articles WHERE id = article)
$$;
"""


def _policies() -> list[str]:
    statements = [
        "CREATE POLICY luutru_clearance ON articles USING (luutru_may_read(circulation))",
        "CREATE POLICY luutru_clearance ON near_duplicates "
        "USING (luutru_article_visible(article_id) AND luutru_article_visible(other_id))",
        # A blob is read where a visible photo or article uses it; storing one (before the rows
        # naming it, in a transaction of its own) is open to all who may write.
        "CREATE POLICY luutru_read ON media_blobs FOR SELECT USING ("
        "EXISTS (SELECT 1 FROM photos p WHERE p.sha256 = media_blobs.sha256) "
        "OR EXISTS (SELECT 1 FROM articles a WHERE a.original_sha256 = media_blobs.sha256))",
        "CREATE POLICY luutru_store ON media_blobs FOR INSERT WITH CHECK (true)",
    ]
    statements += [f"CREATE POLICY luutru_clearance ON {table} USING (luutru_article_visible(article_id))"
                   for table in ARTICLE_TABLES]
    for table in ('articles', 'near_duplicates', 'media_blobs', *ARTICLE_TABLES):
        statements += [f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
                       f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY"]
    return statements


def upgrade() -> None:
    with op.batch_alter_table('photos', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_photos_sha256'), ['sha256'], unique=False)
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute(ROLES)
    op.execute(FUNCTIONS)
    for statement in _policies():
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        for table in ('articles', 'near_duplicates', *ARTICLE_TABLES):
            op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
            op.execute(f"DROP POLICY luutru_clearance ON {table}")
        op.execute("ALTER TABLE media_blobs NO FORCE ROW LEVEL SECURITY")
        op.execute("ALTER TABLE media_blobs DISABLE ROW LEVEL SECURITY")
        op.execute("DROP POLICY luutru_read ON media_blobs")
        op.execute("DROP POLICY luutru_store ON media_blobs")
        op.execute("DROP FUNCTION luutru_article_visible(integer)")
        op.execute("DROP FUNCTION luutru_may_read(text)")
        op.execute("DROP FUNCTION luutru_mark_role(text)")
        # The roles are the cluster's, possibly shared with other archives: they stay.
    with op.batch_alter_table('photos', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_photos_sha256'))
