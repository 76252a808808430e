"""accounts and roles: the audit log; on a server, the group roles and account functions

Revision ID: 0010
Revises: 0004
Create Date: 2026-12-01 19:30:00

``audit_log`` (both engines) records sign-ins, exports and prints of
restricted articles, role changes and purges; a trigger refuses to change
or delete a past row.  On PostgreSQL this also creates the three group
roles every account belongs to one of (``luutru_reader`` ⊂ ``luutru_clerk``
⊂ ``luutru_admin``: privileges inherit), makes whoever runs it (``init``,
or the first open after upgrading) the first admin, and adds the
SECURITY DEFINER functions through which admins manage accounts without
holding CREATEROLE themselves.  Roles are cluster-wide: creating them
tolerates their already existing (another database on the same server, or
another PC migrating at the same moment).  The grants themselves are
computed from the models and applied after every upgrade (``db/roles.py``).
"""

from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0014'
branch_labels = None
depends_on = None


GROUPS = ("luutru_reader", "luutru_clerk", "luutru_admin")
APPEND_ONLY = "nhật ký kiểm tra chỉ được ghi thêm, không sửa hay xóa được (the audit log is append-only)"

GROUP_ROLES = """
DO $$
DECLARE
  grp text;
BEGIN
  FOREACH grp IN ARRAY ARRAY['luutru_reader', 'luutru_clerk', 'luutru_admin'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = grp) THEN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolcreaterole OR rolsuper)) THEN
        RAISE EXCEPTION 'tài khoản % cần quyền CREATEROLE để tạo nhóm quyền % (xem docs/office-server.md)',
          current_user, grp;
      END IF;
      BEGIN
        EXECUTE format('CREATE ROLE %I NOLOGIN', grp);
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL;  -- made meanwhile by another database's first open on this server
      END;
    END IF;
  END LOOP;
  IF NOT pg_has_role('luutru_clerk', 'luutru_reader', 'MEMBER') THEN
    GRANT luutru_reader TO luutru_clerk;
  END IF;
  IF NOT pg_has_role('luutru_admin', 'luutru_clerk', 'MEMBER') THEN
    GRANT luutru_clerk TO luutru_admin;
  END IF;
  IF NOT pg_has_role(current_user, 'luutru_admin', 'MEMBER') THEN
    EXECUTE format('GRANT luutru_admin TO %I', current_user);  -- the first admin
  END IF;
END $$;
"""

# Accounts are managed through these, run as their owner (the account that ran init, which
# has CREATEROLE); admins may only execute them.  They touch only LuuTru's own accounts
# (members of a luutru_ group, never a superuser) and only grant LuuTru's three groups.
ACCOUNT_FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION luutru_managed_account(account text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = account) THEN
    RAISE EXCEPTION 'không có tài khoản % (no such account)', account USING ERRCODE = '42704';
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = account AND rolsuper)
     OR NOT EXISTS (SELECT 1 FROM pg_auth_members am JOIN pg_roles g ON g.oid = am.roleid
                    JOIN pg_roles u ON u.oid = am.member
                    WHERE u.rolname = account AND g.rolname IN ('luutru_reader', 'luutru_clerk', 'luutru_admin')) THEN
    RAISE EXCEPTION '% không phải tài khoản LuuTru (not a LuuTru account)', account USING ERRCODE = '42501';
  END IF;
END $f$;

CREATE OR REPLACE FUNCTION luutru_audit(action text, detail text) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
  INSERT INTO public.audit_log (at, account, action, detail)
  VALUES (now() AT TIME ZONE 'utc', session_user, action, detail);
$f$;

CREATE OR REPLACE FUNCTION luutru_set_role(account text, role text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
DECLARE
  grp text := 'luutru_' || role;
  other text;
BEGIN
  IF role IS NULL OR role NOT IN ('reader', 'clerk', 'admin') THEN
    RAISE EXCEPTION 'vai trò phải là reader, clerk hoặc admin (role must be reader, clerk or admin)';
  END IF;
  PERFORM public.luutru_managed_account(account);
  IF grp <> 'luutru_admin' AND pg_has_role(account, 'luutru_admin', 'MEMBER')
     AND (SELECT count(*) FROM pg_auth_members am JOIN pg_roles g ON g.oid = am.roleid
          JOIN pg_roles u ON u.oid = am.member
          WHERE g.rolname = 'luutru_admin' AND u.rolcanlogin AND u.rolname <> account) = 0 THEN
    RAISE EXCEPTION '% là quản trị viên cuối cùng (the last admin)', account;
  END IF;
  FOREACH other IN ARRAY ARRAY['luutru_reader', 'luutru_clerk', 'luutru_admin'] LOOP
    IF other <> grp AND EXISTS (SELECT 1 FROM pg_auth_members am JOIN pg_roles g ON g.oid = am.roleid
                                JOIN pg_roles u ON u.oid = am.member
                                WHERE g.rolname = other AND u.rolname = account) THEN
      EXECUTE format('REVOKE %I FROM %I', other, account);
    END IF;
  END LOOP;
  EXECUTE format('GRANT %I TO %I', grp, account);
  PERFORM public.luutru_audit('role', account || ': ' || role);
END $f$;

CREATE OR REPLACE FUNCTION luutru_add_account(account text, role text, verifier text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
BEGIN
  IF account !~ '^[a-z][a-z0-9_.]{1,62}$' THEN
    RAISE EXCEPTION 'tên tài khoản chỉ gồm chữ thường không dấu, số, _ và . (account names: a-z, 0-9, _ .)';
  END IF;
  IF account LIKE 'luutru\_%' OR account LIKE 'pg\_%' THEN
    RAISE EXCEPTION 'tên % dành cho hệ thống (reserved name)', account;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = account) THEN
    RAISE EXCEPTION 'đã có tài khoản % (account exists)', account USING ERRCODE = '42710';
  END IF;
  IF role IS NULL OR role NOT IN ('reader', 'clerk', 'admin') THEN
    RAISE EXCEPTION 'vai trò phải là reader, clerk hoặc admin (role must be reader, clerk or admin)';
  END IF;
  EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', account, verifier);
  EXECUTE format('GRANT %I TO %I', 'luutru_' || role, account);
  PERFORM public.luutru_audit('account', account || ': ' || role);
END $f$;

CREATE OR REPLACE FUNCTION luutru_set_password(account text, verifier text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
BEGIN
  PERFORM public.luutru_managed_account(account);
  EXECUTE format('ALTER ROLE %I PASSWORD %L', account, verifier);
  PERFORM public.luutru_audit('password', account);
END $f$;

CREATE OR REPLACE FUNCTION luutru_set_login(account text, enabled boolean) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
BEGIN
  PERFORM public.luutru_managed_account(account);
  IF NOT enabled AND pg_has_role(account, 'luutru_admin', 'MEMBER')
     AND (SELECT count(*) FROM pg_auth_members am JOIN pg_roles g ON g.oid = am.roleid
          JOIN pg_roles u ON u.oid = am.member
          WHERE g.rolname = 'luutru_admin' AND u.rolcanlogin AND u.rolname <> account) = 0 THEN
    RAISE EXCEPTION '% là quản trị viên cuối cùng (the last admin)', account;
  END IF;
  EXECUTE format('ALTER ROLE %I %s', account, CASE WHEN enabled THEN 'LOGIN' ELSE 'NOLOGIN' END);
  PERFORM public.luutru_audit(CASE WHEN enabled THEN 'enable' ELSE 'disable' END, account);
END $f$;
"""
FUNCTIONS = ("luutru_managed_account(text)", "luutru_audit(text, text)", "luutru_set_role(text, text)",
             "luutru_add_account(text, text, text)", "luutru_set_password(text, text)",
             "luutru_set_login(text, boolean)")
ADMIN_FUNCTIONS = FUNCTIONS[2:]  # the audit helper and the check run only inside them

AUDIT_GUARD = f"""
CREATE OR REPLACE FUNCTION luutru_audit_guard() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $f$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION '{APPEND_ONLY}' USING ERRCODE = '42501';
  END IF;
  IF NOT pg_has_role(session_user, 'luutru_admin', 'MEMBER') THEN  -- nobody else writes another's name or time
    NEW.account := session_user;
    NEW.at := now() AT TIME ZONE 'utc';
  END IF;
  RETURN NEW;
END $f$;
CREATE TRIGGER audit_log_guard BEFORE INSERT OR UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION luutru_audit_guard();
"""


def upgrade() -> None:
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('account', sa.String(length=200), nullable=False),
    sa.Column('action', sa.String(length=50), nullable=False),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_at'), ['at'], unique=False)
    if op.get_bind().dialect.name != 'postgresql':
        for event in ('UPDATE', 'DELETE'):
            op.execute(f"CREATE TRIGGER audit_log_no_{event.lower()} BEFORE {event} ON audit_log "
                       f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END")
        return
    op.execute(GROUP_ROLES)
    op.execute(AUDIT_GUARD)
    op.execute(ACCOUNT_FUNCTIONS)
    for function in FUNCTIONS:
        op.execute(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
    for function in ADMIN_FUNCTIONS:
        op.execute(f"GRANT EXECUTE ON FUNCTION {function} TO luutru_admin")


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('DROP TRIGGER audit_log_guard ON audit_log')
        for function in ("luutru_audit_guard()", *reversed(FUNCTIONS)):
            op.execute(f'DROP FUNCTION {function}')
        # The group roles stay: they are the cluster's, other databases may use them.
    else:
        op.execute('DROP TRIGGER audit_log_no_update')
        op.execute('DROP TRIGGER audit_log_no_delete')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_at'))
    op.drop_table('audit_log')
