"""economy month totals covering index: a unit's figures of a year are read from the index alone

Ekonomi's table of the units one level down sums each unit's months of a year (budget,
utfall, prognos, costs): hundreds of units, tens of rows each. Through the primary key every
row was also fetched from the table, so PostgreSQL's planner preferred scanning the whole
table (x10: 30 ms of one view's SQL); with the amounts in the index it reads the index alone.

Revision ID: 0026
Revises: 0025
"""
from alembic import op


revision = '0026'
down_revision = '0025'
branch_labels = None
depends_on = None

COLUMNS = ['unit_id', 'year', 'kind', 'month', 'amount_tkr', 'cost_tkr']


def upgrade() -> None:
    op.create_index('ix_economy_month_totals_unit_year_amounts', 'economy_month_totals',
                    COLUMNS)


def downgrade() -> None:
    op.drop_index('ix_economy_month_totals_unit_year_amounts',
                  table_name='economy_month_totals')
