"""near duplicate kind: "duplicate" (the same article again, to settle) or "related" (the same event)

Revision ID: 0008
Revises: 0003
Create Date: 2026-12-01 16:30:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Pairs found before are left as duplicates: the clerk settles them as before.
    with op.batch_alter_table('near_duplicates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=20), server_default='duplicate', nullable=False))


def downgrade() -> None:
    op.execute("DELETE FROM near_duplicates WHERE kind = 'related'")
    with op.batch_alter_table('near_duplicates', schema=None) as batch_op:
        batch_op.drop_column('kind')
