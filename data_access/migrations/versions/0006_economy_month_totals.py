"""economy month totals: each unit's subtree summed per month and kind, costs apart

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('economy_month_totals',
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('month', sa.Integer(), nullable=False),
    sa.Column('amount_tkr', sa.Float(), nullable=False),
    sa.Column('cost_tkr', sa.Float(), nullable=False),
    sa.CheckConstraint("kind IN ('budget', 'utfall', 'prognos')", name=op.f('ck_economy_month_totals_kind')),
    sa.CheckConstraint('month BETWEEN 1 AND 12', name=op.f('ck_economy_month_totals_month')),
    sa.ForeignKeyConstraint(['unit_id'], ['org_units.id'], name=op.f('fk_economy_month_totals_unit_id_org_units')),
    sa.PrimaryKeyConstraint('unit_id', 'year', 'kind', 'month', name=op.f('pk_economy_month_totals'))
    )
    # Existing data gets its month totals at once (a database loaded before this revision).
    op.execute("""
        INSERT INTO economy_month_totals (unit_id, year, kind, month, amount_tkr, cost_tkr)
        SELECT t.unit_id, t.year, t.kind, t.month,
               ROUND(CAST(SUM(t.amount_tkr) AS NUMERIC), 3),
               ROUND(CAST(SUM(CASE WHEN c.kind = 'kostnad' THEN t.amount_tkr ELSE 0.0 END)
                          AS NUMERIC), 3)
        FROM economy_totals t JOIN cost_categories c ON c.id = t.category_id
        GROUP BY t.unit_id, t.year, t.kind, t.month
    """)


def downgrade() -> None:
    op.drop_table('economy_month_totals')
