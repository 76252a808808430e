"""PDF and OCR: a Party document's own number, kind and issuer; where an article's
text came from and how sure OCR was; the words OCR read on each page.

Revision ID: 0005
Revises: 0008
"""

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0008'
branch_labels = None
depends_on = None


# Plain ALTER TABLE, no batch: on SQLite a batch operation rebuilds ``articles``, and with
# foreign keys on, dropping the old table deletes every photo, reference and pair hanging
# off it.  SQLite has dropped columns natively since 3.35 (Python 3.11 ships 3.40+).
COLUMNS = (
    ('doc_number', sa.String(length=100)),
    ('doc_kind', sa.String(length=100)),
    ('doc_issuer', sa.String(length=300)),
    ('text_origin', sa.String(length=20)),
    ('ocr_confidence', sa.Double()),
)


def upgrade() -> None:
    for name, kind in COLUMNS:
        op.add_column('articles', sa.Column(name, kind, nullable=True))
    op.create_index(op.f('ix_articles_original_sha256'), 'articles', ['original_sha256'], unique=False)
    op.create_table('page_scans',
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('page', sa.Integer(), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('confidence', sa.Double(), nullable=False),
    sa.Column('words', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_page_scans_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'page', name=op.f('pk_page_scans'))
    )


def downgrade() -> None:
    op.drop_table('page_scans')
    op.drop_index(op.f('ix_articles_original_sha256'), table_name='articles')
    for name, _kind in reversed(COLUMNS):
        op.drop_column('articles', name)
