"""saml_replay: IDs of SAML messages that signed someone in, kept until they expire

Revision ID: 0010
Revises: 0009
"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'saml_replay',
        sa.Column('message_id', sa.String(length=300), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('message_id', name=op.f('pk_saml_replay')),
    )
    op.create_index('ix_saml_replay_expires_at', 'saml_replay', ['expires_at'])


def downgrade() -> None:
    op.drop_index('ix_saml_replay_expires_at', table_name='saml_replay')
    op.drop_table('saml_replay')
