"""users.session_version (sessions that end on the server) and an index for login throttling

Revision ID: 0007
Revises: 0006
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_version', sa.Integer(), nullable=False,
                                      server_default='0'))
    op.create_index('ix_login_events_address_at', 'login_events', ['address', 'at'])


def downgrade() -> None:
    op.drop_index('ix_login_events_address_at', table_name='login_events')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('session_version')
