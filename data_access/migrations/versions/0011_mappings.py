"""mappings: an external system's ids and names for our enheter, indicators, goals and
kostnadsslag

Revision ID: 0011
Revises: 0010
"""
from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'mappings',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('source', sa.String(length=40), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('external', sa.String(length=300), nullable=False),
        sa.Column('code', sa.String(length=40), nullable=False),
        sa.CheckConstraint("kind IN ('enhet', 'indikator', 'mal', 'kostnadsslag')",
                           name=op.f('ck_mappings_kind')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_mappings')),
        sa.UniqueConstraint('source', 'kind', 'external',
                            name=op.f('uq_mappings_source_kind_external')),
    )


def downgrade() -> None:
    op.drop_table('mappings')
