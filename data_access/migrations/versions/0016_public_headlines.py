"""public headlines: each published indicator's headline value and målvärde, pre-computed
after every load (filled by `rodtrad migrate` from the stored values)

Revision ID: 0016
Revises: 0015
"""
from alembic import op
import sqlalchemy as sa


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'public_headlines',
        sa.Column('indicator_id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('period', sa.String(length=10), nullable=False),
        sa.Column('period_end', sa.Date(), nullable=False),
        sa.Column('value', sa.Float(), nullable=False),
        sa.Column('target', sa.Float(), nullable=True),
        sa.Column('upper', sa.Float(), nullable=True),
        sa.Column('tolerance', sa.Float(), nullable=True),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.CheckConstraint("status IN ('green', 'yellow', 'red', 'grey')",
                           name=op.f('ck_public_headlines_status')),
        sa.ForeignKeyConstraint(['indicator_id'], ['indicators.id'],
                                name=op.f('fk_public_headlines_indicator_id_indicators'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['unit_id'], ['org_units.id'],
                                name=op.f('fk_public_headlines_unit_id_org_units')),
        sa.PrimaryKeyConstraint('indicator_id', name=op.f('pk_public_headlines')),
    )


def downgrade() -> None:
    op.drop_table('public_headlines')
