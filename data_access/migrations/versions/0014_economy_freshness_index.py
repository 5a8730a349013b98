"""economy freshness index: the latest month of utfall is read by an index seek

Each economy page says how fresh its figures are (the latest month with utfall); without an
index on (kind, year, month) that read scanned every unit's monthly totals.

Revision ID: 0014
Revises: 0013
"""
from alembic import op


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_economy_month_totals_kind_year_month', 'economy_month_totals',
                    ['kind', 'year', 'month'])


def downgrade() -> None:
    op.drop_index('ix_economy_month_totals_kind_year_month', table_name='economy_month_totals')
