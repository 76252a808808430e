"""article versions: edit conflicts between clerks

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 19:30:00

Every article gets ``version`` (1 for what is already stored), moved on by
each change to its fields, captions or tags; a save that started from an
older version is refused by its own UPDATE (desktop/core/store/versions.py).
Each history row records the version its change made, so a refused save can
say who changed the article since, and when.
"""

from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('articles', sa.Column('version', sa.Integer(), nullable=False, server_default='1'))
    op.add_column('edits', sa.Column('version', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('edits', schema=None) as batch_op:
        batch_op.drop_column('version')
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_column('version')
