"""First-page thumbnails: a small picture of a PDF's or a scan's first page for the article list.

Revision ID: 0014
Revises: 0004

A table of its own, not a column of ``articles``: the list reads it only for the
rows on screen, and the many queries that load whole articles never carry it.
Articles imported before this revision get theirs from the maintenance step
``luutru-cli thumbnails`` (Tools › Ảnh trang đầu cho bài cũ).
"""

from alembic import op
import sqlalchemy as sa


revision = '0014'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('page_thumbnails',
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('image', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_page_thumbnails_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', name=op.f('pk_page_thumbnails'))
    )


def downgrade() -> None:
    op.drop_table('page_thumbnails')
