"""Alembic environment: runs against the engine handed over by db.migrate.

On SQLite, foreign keys are off while migrations run: a column drop rebuilds
its table, and dropping the old copy with foreign keys on would cascade
deletes into the rows that point at it (tags, links).  When a migration ran,
rows left pointing nowhere that were not so before stop it (rolled back);
foreign keys are turned back on afterwards.  All of a run's migrations
are one transaction on both engines (on SQLite an explicit BEGIN, since
the driver would otherwise commit each CREATE TABLE by itself), so a crash
part-way leaves the schema as it was.
"""

from alembic import context
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from db.models import Base


def _dangling(connection) -> set[tuple]:
    return {tuple(row) for row in connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()}


engine = context.config.attributes["engine"]
with engine.connect() as connection:
    sqlite = connection.dialect.name == "sqlite"
    start = MigrationContext.configure(connection).get_current_revision()
    head = ScriptDirectory.from_config(context.config).get_current_head()
    before = _dangling(connection) if sqlite and start != head else set()
    if sqlite:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")  # a no-op inside a transaction: before it
    connection.commit()
    try:
        with connection.begin():
            if sqlite:  # pysqlite runs DDL outside any transaction unless told: a crash would leave half a schema
                connection.exec_driver_sql("BEGIN")
            if connection.dialect.name == "postgresql":  # PCs opening a server at once migrate it one at a time
                connection.exec_driver_sql("SELECT pg_advisory_xact_lock(190002)")
            context.configure(
                connection=connection,
                target_metadata=Base.metadata,
                render_as_batch=True,  # SQLite needs table rebuilds for most ALTERs
            )
            with context.begin_transaction():
                context.run_migrations()
            if sqlite and MigrationContext.configure(connection).get_current_revision() != start:
                broken = _dangling(connection) - before
                if broken:
                    raise RuntimeError(f"migration left rows pointing nowhere: {sorted(broken)[:5]}")
    finally:
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()
