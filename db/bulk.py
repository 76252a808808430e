"""Many-row reads and writes in the driver's own terms, for the import's hot paths.

SQLAlchemy builds and checks every bound value, and wraps every result row,
in Python: microseconds each, which for the tens of thousands of fingerprint values an
import batch looks up and stores cost more than the database work.  These
helpers hand one SQL string and plain tuples to the DB-API cursor, in the
same session transaction, and work on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Table
from sqlalchemy.orm import Session

from db.engine import in_chunks


def _marker(s: Session) -> str:
    return "?" if s.get_bind().dialect.paramstyle == "qmark" else "%s"


def _cursor(s: Session):
    """A DB-API cursor on the session's connection, so inside its transaction."""
    return s.connection().connection.cursor()


def rows_where_in(s: Session, table: Table, columns: Sequence[str], key: str, values: Iterable) -> list[tuple]:
    """``SELECT columns FROM table WHERE key IN values``, in chunks the drivers accept."""
    marker, found = _marker(s), []
    cursor = _cursor(s)
    try:
        for chunk in in_chunks(list(values)):
            cursor.execute(
                f"SELECT {', '.join(columns)} FROM {table.name} WHERE {key} IN ({', '.join([marker] * len(chunk))})",
                tuple(chunk),
            )
            found += cursor.fetchall()
    finally:
        cursor.close()
    return found


def insert_rows(s: Session, table: Table, columns: Sequence[str], rows: Sequence[tuple]) -> None:
    """``INSERT`` many rows with one executemany."""
    if rows:
        marker = _marker(s)
        sql = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join([marker] * len(columns))})"
        cursor = _cursor(s)
        try:
            cursor.executemany(sql, list(rows))
        finally:
            cursor.close()
