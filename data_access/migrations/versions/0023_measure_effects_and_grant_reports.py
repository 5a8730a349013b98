"""resultatförbättrande åtgärder: decision, responsible, alternatives, effect per month (tkr and
årsarbetare) and watched quality indicators; riktade statsbidrag: conditions, agency and the
reports owed to the agency

Revision ID: 0023
Revises: 0022
"""
from alembic import op
import sqlalchemy as sa


revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None

MEASURE_COLUMNS = (
    ('decision_dnr', sa.String(length=60)),
    ('decision_paragraph', sa.String(length=40)),
    ('responsible', sa.String(length=200)),
    ('alternatives', sa.Text()),
)
GRANT_COLUMNS = (('conditions', sa.Text()), ('agency', sa.String(length=200)))


def upgrade() -> None:
    with op.batch_alter_table('saving_measures', schema=None) as batch_op:
        for name, type_ in MEASURE_COLUMNS:
            batch_op.add_column(sa.Column(name, type_, nullable=False, server_default=''))
        batch_op.add_column(sa.Column('decided_on', sa.Date(), nullable=True))
    with op.batch_alter_table('state_grants', schema=None) as batch_op:
        for name, type_ in GRANT_COLUMNS:
            batch_op.add_column(sa.Column(name, type_, nullable=False, server_default=''))
    op.create_table(
        'measure_months',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('measure_id', sa.Integer(), nullable=False),
        sa.Column('month', sa.Integer(), nullable=False),
        sa.Column('planned_tkr', sa.Float(), nullable=False),
        sa.Column('achieved_tkr', sa.Float(), nullable=True),
        sa.Column('planned_fte', sa.Float(), nullable=False),
        sa.Column('achieved_fte', sa.Float(), nullable=True),
        sa.CheckConstraint('month BETWEEN 1 AND 12', name=op.f('ck_measure_months_month')),
        sa.ForeignKeyConstraint(['measure_id'], ['saving_measures.id'], ondelete='CASCADE',
                                name=op.f('fk_measure_months_measure_id_saving_measures')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_measure_months')),
        sa.UniqueConstraint('measure_id', 'month', name=op.f('uq_measure_months_measure_id_month')),
    )
    op.create_table(
        'measure_indicators',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('measure_id', sa.Integer(), nullable=False),
        sa.Column('indicator_id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=True),
        sa.Column('consequence', sa.Text(), server_default='', nullable=False),
        sa.ForeignKeyConstraint(['indicator_id'], ['indicators.id'], ondelete='CASCADE',
                                name=op.f('fk_measure_indicators_indicator_id_indicators')),
        sa.ForeignKeyConstraint(['measure_id'], ['saving_measures.id'], ondelete='CASCADE',
                                name=op.f('fk_measure_indicators_measure_id_saving_measures')),
        sa.ForeignKeyConstraint(['unit_id'], ['org_units.id'],
                                name=op.f('fk_measure_indicators_unit_id_org_units')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_measure_indicators')),
        sa.UniqueConstraint('measure_id', 'indicator_id',
                            name=op.f('uq_measure_indicators_measure_id_indicator_id')),
    )
    op.create_index(op.f('ix_measure_indicators_indicator_id'), 'measure_indicators',
                    ['indicator_id'], unique=False)
    op.create_table(
        'grant_reports',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('grant_id', sa.Integer(), nullable=False),
        sa.Column('due_on', sa.Date(), nullable=False),
        sa.Column('title', sa.String(length=300), nullable=False),
        sa.Column('submitted_on', sa.Date(), nullable=True),
        sa.Column('comment', sa.Text(), server_default='', nullable=False),
        sa.ForeignKeyConstraint(['grant_id'], ['state_grants.id'], ondelete='CASCADE',
                                name=op.f('fk_grant_reports_grant_id_state_grants')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_grant_reports')),
        sa.UniqueConstraint('grant_id', 'due_on', name=op.f('uq_grant_reports_grant_id_due_on')),
    )


def downgrade() -> None:
    op.drop_table('grant_reports')
    op.drop_index(op.f('ix_measure_indicators_indicator_id'), table_name='measure_indicators')
    op.drop_table('measure_indicators')
    op.drop_table('measure_months')
    with op.batch_alter_table('state_grants', schema=None) as batch_op:
        for name, _ in GRANT_COLUMNS:
            batch_op.drop_column(name)
    with op.batch_alter_table('saving_measures', schema=None) as batch_op:
        batch_op.drop_column('decided_on')
        for name, _ in reversed(MEASURE_COLUMNS):
            batch_op.drop_column(name)
