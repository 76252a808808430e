"""unit lineage: merges and splits instead of one successor

Revision ID: 0004
Revises: 0008
Create Date: 2026-12-01 16:30:00

Each unit's ``successor_id`` becomes a ``unit_links`` row (kind "merge",
dated with the unit's dissolution), then the column is dropped.  On SQLite
the drop rebuilds ``units``; env.py turns foreign keys off for the run so
the rebuild's DROP TABLE does not cascade into ``article_units``.
"""

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('reorganisations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('who', sa.String(length=200), nullable=False),
    sa.Column('source', sa.String(length=500), nullable=False),
    sa.Column('undo', sa.Text(), nullable=False),
    sa.Column('undone_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reorganisations'))
    )
    op.create_table('unit_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('predecessor_id', sa.Integer(), nullable=False),
    sa.Column('successor_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('reorganisation_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['predecessor_id'], ['units.id'], name=op.f('fk_unit_links_predecessor_id_units'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['successor_id'], ['units.id'], name=op.f('fk_unit_links_successor_id_units'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reorganisation_id'], ['reorganisations.id'], name=op.f('fk_unit_links_reorganisation_id_reorganisations'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_links')),
    sa.UniqueConstraint('predecessor_id', 'successor_id', name='uq_unit_links_pair')
    )
    with op.batch_alter_table('unit_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unit_links_predecessor_id'), ['predecessor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_unit_links_successor_id'), ['successor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_unit_links_reorganisation_id'), ['reorganisation_id'], unique=False)

    op.execute(
        "INSERT INTO unit_links (predecessor_id, successor_id, date, kind) "
        "SELECT id, successor_id, dissolved, 'merge' FROM units "
        "WHERE successor_id IS NOT NULL AND successor_id <> id"
    )
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.drop_constraint('fk_units_successor_id_units', type_='foreignkey')
        batch_op.drop_column('successor_id')


def downgrade() -> None:
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.add_column(sa.Column('successor_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_units_successor_id_units', 'units', ['successor_id'], ['id'], ondelete='SET NULL')
    # One pointer keeps one link: the earliest successor of each unit.
    op.execute(
        "UPDATE units SET successor_id = (SELECT l.successor_id FROM unit_links l "
        "WHERE l.predecessor_id = units.id ORDER BY l.id LIMIT 1)"
    )
    op.drop_table('unit_links')
    op.drop_table('reorganisations')
