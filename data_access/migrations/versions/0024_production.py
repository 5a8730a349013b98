"""production follow-up: monthly (or per period) production plans for an indicator at a unit,
and productivity measures (the cost of chosen kostnadsslag per produced unit)

Revision ID: 0024
Revises: 0023
"""
from alembic import op
import sqlalchemy as sa


revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'production_plans',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('indicator_id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('period', sa.String(length=10), nullable=False),
        sa.Column('period_end', sa.Date(), nullable=False),
        sa.Column('value', sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(['indicator_id'], ['indicators.id'], ondelete='CASCADE',
                                name=op.f('fk_production_plans_indicator_id_indicators')),
        sa.ForeignKeyConstraint(['unit_id'], ['org_units.id'],
                                name=op.f('fk_production_plans_unit_id_org_units')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_production_plans')),
        sa.UniqueConstraint('indicator_id', 'unit_id', 'period',
                            name=op.f('uq_production_plans_indicator_id_unit_id_period')),
    )
    op.create_index('ix_production_plans_indicator_end', 'production_plans',
                    ['indicator_id', 'period_end'])
    op.create_index(op.f('ix_production_plans_unit_id'), 'production_plans', ['unit_id'])
    op.create_table(
        'productivity_measures',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=40), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('indicator_id', sa.Integer(), nullable=False),
        sa.Column('sort_order', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['indicator_id'], ['indicators.id'], ondelete='CASCADE',
                                name=op.f('fk_productivity_measures_indicator_id_indicators')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_productivity_measures')),
        sa.UniqueConstraint('code', name=op.f('uq_productivity_measures_code')),
    )
    op.create_index(op.f('ix_productivity_measures_indicator_id'), 'productivity_measures',
                    ['indicator_id'])
    op.create_table(
        'productivity_categories',
        sa.Column('productivity_id', sa.Integer(), nullable=False),
        sa.Column('category_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['category_id'], ['cost_categories.id'], ondelete='CASCADE',
                                name=op.f('fk_productivity_categories_category_id_cost_categories')),
        sa.ForeignKeyConstraint(['productivity_id'], ['productivity_measures.id'],
                                ondelete='CASCADE',
                                name=op.f('fk_productivity_categories_productivity_id_productivity_measures')),
        sa.PrimaryKeyConstraint('productivity_id', 'category_id',
                                name=op.f('pk_productivity_categories')),
    )


def downgrade() -> None:
    op.drop_table('productivity_categories')
    op.drop_index(op.f('ix_productivity_measures_indicator_id'), table_name='productivity_measures')
    op.drop_table('productivity_measures')
    op.drop_index(op.f('ix_production_plans_unit_id'), table_name='production_plans')
    op.drop_index('ix_production_plans_indicator_end', table_name='production_plans')
    op.drop_table('production_plans')
