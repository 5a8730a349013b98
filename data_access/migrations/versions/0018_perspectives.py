"""perspectives: the styrmodell's own list (order, which goal kinds require one) and the
perspectives of indicators

Revision ID: 0018
Revises: 0017
"""
from alembic import op
import sqlalchemy as sa


revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('perspectives') as batch:
        batch.add_column(sa.Column('sort_order', sa.Integer(), server_default='0',
                                   nullable=False))
        batch.add_column(sa.Column('required_for', sa.String(length=200), server_default='',
                                   nullable=False))
    op.create_table(
        'indicator_perspectives',
        sa.Column('indicator_id', sa.Integer(), nullable=False),
        sa.Column('perspective_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['indicator_id'], ['indicators.id'], ondelete='CASCADE',
                                name=op.f('fk_indicator_perspectives_indicator_id_indicators')),
        sa.ForeignKeyConstraint(['perspective_id'], ['perspectives.id'],
                                name=op.f('fk_indicator_perspectives_perspective_id_perspectives')),
        sa.PrimaryKeyConstraint('indicator_id', 'perspective_id',
                                name=op.f('pk_indicator_perspectives')),
    )


def downgrade() -> None:
    op.drop_table('indicator_perspectives')
    with op.batch_alter_table('perspectives') as batch:
        batch.drop_column('required_for')
        batch.drop_column('sort_order')
