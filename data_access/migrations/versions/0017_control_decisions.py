"""control decisions: when each nämnd adopted its riskanalys and internkontrollplan of a year

Revision ID: 0017
Revises: 0016
"""
from alembic import op
import sqlalchemy as sa


revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'control_decisions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('namnd_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('document', sa.String(length=20), nullable=False),
        sa.Column('adopted_on', sa.Date(), nullable=False),
        sa.Column('reference', sa.String(length=100), nullable=False),
        sa.CheckConstraint("document IN ('riskanalys', 'internkontrollplan')",
                           name=op.f('ck_control_decisions_document')),
        sa.ForeignKeyConstraint(['namnd_id'], ['org_units.id'],
                                name=op.f('fk_control_decisions_namnd_id_org_units')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_control_decisions')),
        sa.UniqueConstraint('namnd_id', 'year', 'document',
                            name=op.f('uq_control_decisions_namnd_id_year_document')),
    )


def downgrade() -> None:
    op.drop_table('control_decisions')
