"""office server: the change feed and media kept in the database

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 16:50:00

``article_changes`` holds, per article, the number of its last committed
change; each PC's index applies what is past its own mark.  ``media_blobs``
holds photos and originals by SHA-256 when the archive lives on a server;
``server_tasks`` when a job one PC does for all (the daily backup) was done.
Both tables exist on SQLite too (empty: a folder archive keeps its
``index_queue`` and ``media/``), so the schema is one.  On PostgreSQL the
change numbers come from a sequence, and a unit or topic name is unique
among its siblings at the top level too (NULL parents are otherwise
distinct), so two clerks creating the same root at once make one.
"""

from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('article_changes',
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('article_id', name=op.f('pk_article_changes'))
    )
    with op.batch_alter_table('article_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_article_changes_seq'), ['seq'], unique=True)
    op.create_table('media_blobs',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_media_blobs'))
    )
    op.create_table('server_tasks',
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('done_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_server_tasks'))
    )
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('CREATE SEQUENCE article_change_seq')
        op.execute('CREATE UNIQUE INDEX uq_units_root_name ON units (name) WHERE parent_id IS NULL')
        op.execute('CREATE UNIQUE INDEX uq_topics_root_name ON topics (name) WHERE parent_id IS NULL')


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('DROP INDEX uq_topics_root_name')
        op.execute('DROP INDEX uq_units_root_name')
        op.execute('DROP SEQUENCE article_change_seq')
    op.drop_table('server_tasks')
    op.drop_table('media_blobs')
    with op.batch_alter_table('article_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_article_changes_seq'))
    op.drop_table('article_changes')
