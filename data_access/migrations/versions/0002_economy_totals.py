"""economy totals: each unit's subtree summed per category, month and kind

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('economy_totals',
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('month', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('amount_tkr', sa.Float(), nullable=False),
    sa.CheckConstraint("kind IN ('budget', 'utfall', 'prognos')", name=op.f('ck_economy_totals_kind')),
    sa.CheckConstraint('month BETWEEN 1 AND 12', name=op.f('ck_economy_totals_month')),
    sa.ForeignKeyConstraint(['category_id'], ['cost_categories.id'], name=op.f('fk_economy_totals_category_id_cost_categories')),
    sa.ForeignKeyConstraint(['unit_id'], ['org_units.id'], name=op.f('fk_economy_totals_unit_id_org_units')),
    sa.PrimaryKeyConstraint('unit_id', 'year', 'kind', 'month', 'category_id', name=op.f('pk_economy_totals'))
    )
    # Existing data gets its totals at once (a database loaded before this revision).
    op.execute("""
        INSERT INTO economy_totals (unit_id, year, kind, month, category_id, amount_tkr)
        SELECT c.ancestor_id, e.year, e.kind, e.month, e.category_id,
               ROUND(CAST(SUM(e.amount_tkr) AS NUMERIC), 3)
        FROM economy_entries e JOIN org_unit_closure c ON c.descendant_id = e.unit_id
        GROUP BY c.ancestor_id, e.year, e.kind, e.month, e.category_id
    """)


def downgrade() -> None:
    op.drop_table('economy_totals')
