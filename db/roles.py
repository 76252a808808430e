"""Who may do what on a server archive, enforced by PostgreSQL's own grants.

Every account belongs to one of three group roles, each a member of the one
below, so privileges inherit: ``luutru_reader`` (officials: read, search,
print), ``luutru_clerk`` (add, import, edit, tag, trash and restore),
``luutru_admin`` (also the unit and topic trees, purge, accounts, backups,
the office's settings).  :data:`POLICY` gives, for every table of the
models, what the reader and the clerk may do to it (the admin may do
everything); :func:`apply_grants` turns it into ``GRANT``/``REVOKE``
statements after every upgrade, so a table added by a later migration is
covered the moment its model is, and a table nobody decided about stops the
upgrade (and ``tests/test_roles.py``) instead of being open or closed by
accident.  Nothing is granted to PUBLIC.

The tables belong to ``luutru_admin`` (handed over here), so any admin, not
only the one who ran ``init``, can run later migrations.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from db.models import Base

READER, CLERK, ADMIN = "reader", "clerk", "admin"
ROLES = (READER, CLERK, ADMIN)  # each may do what the ones before it may
GROUP = {role: f"luutru_{role}" for role in ROLES}

READ = frozenset({"SELECT"})
WRITE = frozenset({"SELECT", "INSERT", "UPDATE", "DELETE"})
EVERYTHING = WRITE  # what the admin gets on every table (and owns them besides)

# table -> (the reader's privileges, the clerk's own privileges on top).  A clerk keeps articles
# (no DELETE: that is a purge), writes history only forwards (INSERT on edits), and reads the
# trees.  The audit log takes rows from everybody and shows them to admins only.
POLICY: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "articles": (READ, frozenset({"INSERT", "UPDATE"})),
    "photos": (READ, WRITE),
    "page_scans": (READ, WRITE),
    "page_thumbnails": (READ, WRITE),  # made with the article (import, the thumbnails step)
    "media_files": (READ, frozenset({"INSERT", "UPDATE"})),
    "media_blobs": (READ, frozenset({"INSERT"})),
    "article_units": (READ, frozenset({"INSERT", "DELETE"})),
    "article_topics": (READ, frozenset({"INSERT", "DELETE"})),
    "doc_refs": (READ, WRITE),
    "people": (READ, frozenset({"INSERT", "UPDATE"})),
    "mentions": (READ, WRITE),
    "fingerprints": (READ, WRITE),
    "near_duplicates": (READ, WRITE),
    "index_queue": (READ, WRITE),
    "article_changes": (READ, frozenset({"INSERT", "UPDATE"})),
    "edits": (READ, frozenset({"INSERT"})),
    "units": (READ, frozenset()),
    "topics": (READ, frozenset()),
    "unit_links": (READ, frozenset()),
    "reorganisations": (READ, frozenset()),
    "server_tasks": (READ, frozenset()),
    "audit_log": (frozenset({"INSERT"}), frozenset()),
    "alembic_version": (READ, frozenset()),
}
# Sequences not owned by a column, and the table whose writers need them.
SEQUENCES = {"article_change_seq": "article_changes"}


class Undecided(RuntimeError):
    """A table with no entry in POLICY: someone must decide who may touch it."""


def undecided() -> list[str]:
    return sorted(t for t in [*Base.metadata.tables, "alembic_version"] if t not in POLICY)


def privileges(role: str, table: str) -> frozenset[str]:
    """What ``role`` may do to ``table`` (with what it inherits)."""
    if role == ADMIN:
        return EVERYTHING
    reader, clerk = POLICY[table]
    return reader | clerk if role == CLERK else reader


def needed_role(table: str, privilege: str) -> str:
    """The least role that may do ``privilege`` to ``table`` (admin for anything unknown)."""
    if table in POLICY:
        for role in ROLES:
            if privilege in privileges(role, table):
                return role
    return ADMIN


def statements(conn: Connection) -> list[str]:
    """The GRANT/REVOKE statements that make the server match POLICY (safe to repeat)."""
    missing = undecided()
    if missing:
        raise Undecided(f"no grant decision for table(s) {', '.join(missing)} in db/roles.py POLICY")
    present = set(conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars())
    owned = conn.execute(text(
        "SELECT t.relname, s.relname FROM pg_class s JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i') "
        "JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace n ON n.oid = s.relnamespace "
        "WHERE s.relkind = 'S' AND n.nspname = 'public'")).all()
    sequences = {seq: table for table, seq in owned}  # these follow their table's owner
    loose = {seq: table for seq, table in SEQUENCES.items()
             if conn.execute(text("SELECT to_regclass(:s)"), {"s": seq}).scalar()}
    sequences.update(loose)
    out = ["REVOKE CREATE ON SCHEMA public FROM PUBLIC",
           f"GRANT USAGE ON SCHEMA public TO {GROUP[READER]}",
           f"GRANT CREATE ON SCHEMA public TO {GROUP[ADMIN]}"]  # any admin may run a later migration
    for table in sorted(present & POLICY.keys()):
        out.append(f'ALTER TABLE "{table}" OWNER TO {GROUP[ADMIN]}')
        out.append(f'REVOKE ALL ON TABLE "{table}" FROM PUBLIC, {GROUP[READER]}, {GROUP[CLERK]}')
        reader, clerk = POLICY[table]
        if reader:
            out.append(f'GRANT {", ".join(sorted(reader))} ON TABLE "{table}" TO {GROUP[READER]}')
        if clerk:
            out.append(f'GRANT {", ".join(sorted(clerk))} ON TABLE "{table}" TO {GROUP[CLERK]}')
        out.append(f'GRANT ALL ON TABLE "{table}" TO {GROUP[ADMIN]}')
    for seq, table in sorted(sequences.items()):
        if seq in loose:
            out.append(f'ALTER SEQUENCE "{seq}" OWNER TO {GROUP[ADMIN]}')
        out.append(f'REVOKE ALL ON SEQUENCE "{seq}" FROM PUBLIC, {GROUP[READER]}, {GROUP[CLERK]}')
        for role in (READER, CLERK):
            if "INSERT" in privileges(role, table) and (role == READER or "INSERT" not in privileges(READER, table)):
                out.append(f'GRANT USAGE ON SEQUENCE "{seq}" TO {GROUP[role]}')
        out.append(f'GRANT ALL ON SEQUENCE "{seq}" TO {GROUP[ADMIN]}')
    return out


def apply_grants(conn: Connection) -> None:
    """Bring the server's grants in step with POLICY, in the caller's transaction."""
    for statement in statements(conn):
        conn.exec_driver_sql(statement)


def has_groups(conn: Connection) -> bool:
    """Whether the server has LuuTru's group roles (a server made before accounts has not)."""
    return conn.execute(text("SELECT count(*) FROM pg_roles WHERE rolname = ANY(:names)"),
                        {"names": list(GROUP.values())}).scalar() == len(ROLES)


def role_of(conn: Connection) -> str | None:
    """The signed-in account's role on a server (None: it belongs to no LuuTru group).
    A superuser, and anyone on a server made before accounts existed, is an admin."""
    if not has_groups(conn):
        return ADMIN
    for role in reversed(ROLES):
        if conn.execute(text("SELECT pg_has_role(session_user, :g, 'USAGE')"), {"g": GROUP[role]}).scalar():
            return role
    return None
