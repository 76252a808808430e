"""near duplicates

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 21:46:58.896082
"""

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('fingerprints',
    sa.Column('value', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_fingerprints_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('value', 'article_id', name=op.f('pk_fingerprints'))
    )
    with op.batch_alter_table('fingerprints', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fingerprints_article_id'), ['article_id'], unique=False)

    op.create_table('near_duplicates',
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('other_id', sa.Integer(), nullable=False),
    sa.Column('similarity', sa.Double(), nullable=False),
    sa.Column('decision', sa.String(length=20), nullable=True),
    sa.Column('found_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_near_duplicates_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['other_id'], ['articles.id'], name=op.f('fk_near_duplicates_other_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'other_id', name=op.f('pk_near_duplicates'))
    )


def downgrade() -> None:
    op.drop_table('near_duplicates')
    with op.batch_alter_table('fingerprints', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fingerprints_article_id'))

    op.drop_table('fingerprints')
