"""live articles by date: the list and the calendar read an index, not the rows

Revision ID: 0015
Revises: 0012
Create Date: 2026-12-02 01:40:00

The window's first page, the calendar's month counts and the live article
count filter on ``trashed_at IS NULL`` and order or group by date.  With only
``ix_articles_trashed_at`` SQLite looked up every live row — text and all —
to read its date: 140 ms for 30,000 articles.  An index holding
(trashed_at, published_date, id) answers all three on its own (28 ms).
"""

from alembic import op


revision = '0015'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_articles_live_date', 'articles', ['trashed_at', 'published_date', 'id'])


def downgrade() -> None:
    op.drop_index('ix_articles_live_date', table_name='articles')
