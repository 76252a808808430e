"""Alembic environment: runs against the engine handed over by db.migrate."""

from alembic import context

from db.models import Base

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    if connection.dialect.name == "postgresql":  # PCs opening a server at once migrate it one at a time
        connection.exec_driver_sql("SELECT pg_advisory_xact_lock(190002)")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite needs table rebuilds for most ALTERs
    )
    with context.begin_transaction():
        context.run_migrations()
