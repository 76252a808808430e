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


def upgrade() -> None:
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('doc_number', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('doc_kind', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('doc_issuer', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('text_origin', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('ocr_confidence', sa.Double(), nullable=True))
        batch_op.create_index(batch_op.f('ix_articles_original_sha256'), ['original_sha256'], unique=False)
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
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_articles_original_sha256'))
        batch_op.drop_column('ocr_confidence')
        batch_op.drop_column('text_origin')
        batch_op.drop_column('doc_issuer')
        batch_op.drop_column('doc_kind')
        batch_op.drop_column('doc_number')
