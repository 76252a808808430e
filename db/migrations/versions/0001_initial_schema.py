"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 20:31:21.351743
"""

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('index_queue',
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('queued_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('article_id', name=op.f('pk_index_queue'))
    )
    op.create_table('media_files',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('extension', sa.String(length=16), nullable=False),
    sa.Column('original_name', sa.String(length=512), nullable=True),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_media_files'))
    )
    op.create_table('people',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_people')),
    sa.UniqueConstraint('name', name=op.f('uq_people_name'))
    )
    op.create_table('topics',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['topics.id'], name=op.f('fk_topics_parent_id_topics'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_topics')),
    sa.UniqueConstraint('parent_id', 'name', name='uq_topics_parent_name')
    )
    with op.batch_alter_table('topics', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_topics_parent_id'), ['parent_id'], unique=False)

    op.create_table('units',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=100), nullable=True),
    sa.Column('founded', sa.Date(), nullable=True),
    sa.Column('dissolved', sa.Date(), nullable=True),
    sa.Column('successor_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['parent_id'], ['units.id'], name=op.f('fk_units_parent_id_units'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['successor_id'], ['units.id'], name=op.f('fk_units_successor_id_units'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_units')),
    sa.UniqueConstraint('parent_id', 'name', name='uq_units_parent_name')
    )
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_units_parent_id'), ['parent_id'], unique=False)

    op.create_table('articles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=1000), nullable=False),
    sa.Column('lead', sa.Text(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('published_date', sa.Date(), nullable=True),
    sa.Column('published_time', sa.Time(), nullable=True),
    sa.Column('author', sa.String(length=200), nullable=True),
    sa.Column('source_name', sa.String(length=300), nullable=True),
    sa.Column('source_url', sa.String(length=2000), nullable=True),
    sa.Column('circulation', sa.String(length=50), nullable=True),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('original_sha256', sa.String(length=64), nullable=True),
    sa.Column('trashed_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['original_sha256'], ['media_files.sha256'], name=op.f('fk_articles_original_sha256_media_files')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_articles')),
    sa.UniqueConstraint('content_hash', name=op.f('uq_articles_content_hash'))
    )
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_articles_author'), ['author'], unique=False)
        batch_op.create_index(batch_op.f('ix_articles_published_date'), ['published_date'], unique=False)
        batch_op.create_index('ix_articles_title', ['title'], unique=False)
        batch_op.create_index(batch_op.f('ix_articles_trashed_at'), ['trashed_at'], unique=False)

    op.create_table('article_topics',
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_article_topics_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['topic_id'], ['topics.id'], name=op.f('fk_article_topics_topic_id_topics'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'topic_id', name=op.f('pk_article_topics'))
    )
    with op.batch_alter_table('article_topics', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_article_topics_topic_id'), ['topic_id'], unique=False)

    op.create_table('article_units',
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_article_units_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_article_units_unit_id_units'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'unit_id', name=op.f('pk_article_units'))
    )
    with op.batch_alter_table('article_units', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_article_units_unit_id'), ['unit_id'], unique=False)

    op.create_table('doc_refs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=100), nullable=True),
    sa.Column('level', sa.String(length=20), nullable=True),
    sa.Column('issued', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_doc_refs_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_doc_refs'))
    )
    with op.batch_alter_table('doc_refs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_doc_refs_article_id'), ['article_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_doc_refs_number'), ['number'], unique=False)

    op.create_table('mentions',
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_mentions_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_mentions_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'person_id', name=op.f('pk_mentions'))
    )
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mentions_person_id'), ['person_id'], unique=False)

    op.create_table('photos',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.Column('width', sa.Integer(), nullable=True),
    sa.Column('height', sa.Integer(), nullable=True),
    sa.Column('caption', sa.Text(), nullable=False),
    sa.Column('credit', sa.String(length=300), nullable=True),
    sa.Column('alt', sa.Text(), nullable=True),
    sa.Column('thumbnail', sa.LargeBinary(), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_photos_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sha256'], ['media_files.sha256'], name=op.f('fk_photos_sha256_media_files')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_photos'))
    )
    with op.batch_alter_table('photos', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_photos_article_id'), ['article_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('photos', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_photos_article_id'))

    op.drop_table('photos')
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mentions_person_id'))

    op.drop_table('mentions')
    with op.batch_alter_table('doc_refs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_doc_refs_number'))
        batch_op.drop_index(batch_op.f('ix_doc_refs_article_id'))

    op.drop_table('doc_refs')
    with op.batch_alter_table('article_units', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_article_units_unit_id'))

    op.drop_table('article_units')
    with op.batch_alter_table('article_topics', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_article_topics_topic_id'))

    op.drop_table('article_topics')
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_articles_trashed_at'))
        batch_op.drop_index('ix_articles_title')
        batch_op.drop_index(batch_op.f('ix_articles_published_date'))
        batch_op.drop_index(batch_op.f('ix_articles_author'))

    op.drop_table('articles')
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_units_parent_id'))

    op.drop_table('units')
    with op.batch_alter_table('topics', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_topics_parent_id'))

    op.drop_table('topics')
    op.drop_table('people')
    op.drop_table('media_files')
    op.drop_table('index_queue')
