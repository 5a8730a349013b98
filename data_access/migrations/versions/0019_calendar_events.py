"""calendar events: the årshjul's decisions, reports, deadlines and meetings

Revision ID: 0019
Revises: 0018
"""
from alembic import op
import sqlalchemy as sa


revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None

KINDS = ("plan", "tertialrapport", "delarsrapport", "arsredovisning", "rapportering",
         "sammantrade", "internkontroll")


def upgrade() -> None:
    kinds = ", ".join(f"'{k}'" for k in KINDS)
    op.create_table(
        'calendar_events',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=40), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('start_time', sa.Time(), nullable=True),
        sa.Column('end_time', sa.Time(), nullable=True),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('title', sa.String(length=300), nullable=False),
        sa.Column('namnd_id', sa.Integer(), nullable=True),
        sa.Column('followup', sa.String(length=12), nullable=True),
        sa.Column('place', sa.String(length=200), nullable=False),
        sa.CheckConstraint(f"kind IN ({kinds})", name=op.f('ck_calendar_events_kind')),
        sa.CheckConstraint("end_time IS NULL OR start_time IS NOT NULL",
                           name=op.f('ck_calendar_events_end_after_start')),
        sa.ForeignKeyConstraint(['namnd_id'], ['org_units.id'],
                                name=op.f('fk_calendar_events_namnd_id_org_units')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_events')),
        sa.UniqueConstraint('code', name=op.f('uq_calendar_events_code')),
    )
    op.create_index('ix_calendar_events_day', 'calendar_events', ['day'])
    op.create_index('ix_calendar_events_namnd_id', 'calendar_events', ['namnd_id'])


def downgrade() -> None:
    op.drop_index('ix_calendar_events_namnd_id', table_name='calendar_events')
    op.drop_index('ix_calendar_events_day', table_name='calendar_events')
    op.drop_table('calendar_events')
