"""latest measurements: each indicator's latest total value at each unit that reports it

Revision ID: 0005
Revises: 0004
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('latest_measurements',
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=10), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('value_total', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicators.id'], name=op.f('fk_latest_measurements_indicator_id_indicators'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['org_units.id'], name=op.f('fk_latest_measurements_unit_id_org_units')),
    sa.PrimaryKeyConstraint('indicator_id', 'unit_id', name=op.f('pk_latest_measurements'))
    )
    # Existing data gets its latest values at once (a database loaded before this revision).
    op.execute("""
        INSERT INTO latest_measurements (indicator_id, unit_id, period, period_end, value_total)
        SELECT indicator_id, unit_id, period, period_end, value_total FROM (
            SELECT indicator_id, unit_id, period, period_end, value_total,
                   ROW_NUMBER() OVER (PARTITION BY indicator_id, unit_id
                                      ORDER BY period_end DESC, id DESC) AS newest
            FROM measurements WHERE value_total IS NOT NULL
        ) ranked WHERE newest = 1
    """)


def downgrade() -> None:
    op.drop_table('latest_measurements')
