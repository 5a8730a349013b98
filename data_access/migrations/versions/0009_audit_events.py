"""audit_events: the audit log (granskningslogg) of sign-ins, page views, downloads, imports
and user changes

Revision ID: 0009
Revises: 0008
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'audit_events',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('username', sa.String(length=100), nullable=False),
        sa.Column('kind', sa.String(length=30), nullable=False),
        sa.Column('method', sa.String(length=10), nullable=False),
        sa.Column('target', sa.String(length=2000), nullable=False),
        sa.Column('role', sa.String(length=20), nullable=False),
        sa.Column('namnder', sa.String(length=500), nullable=False),
        sa.Column('address', sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_events')),
    )
    op.create_index('ix_audit_events_at', 'audit_events', ['at'])
    op.create_index('ix_audit_events_username', 'audit_events', ['username'])
    op.create_index('ix_audit_events_kind_at', 'audit_events', ['kind', 'at'])


def downgrade() -> None:
    op.drop_index('ix_audit_events_kind_at', table_name='audit_events')
    op.drop_index('ix_audit_events_username', table_name='audit_events')
    op.drop_index('ix_audit_events_at', table_name='audit_events')
    op.drop_table('audit_events')
