"""organisation profile: who the organisation is (name, kind, Kolada area, open-data
publisher) and the areas it is compared with

Revision ID: 0013
Revises: 0012
"""
from alembic import op
import sqlalchemy as sa


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'organisation_profile',
        sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('kolada_area', sa.String(length=4), nullable=False),
        sa.Column('publisher', sa.String(length=200), nullable=False),
        sa.Column('compare_riket', sa.Boolean(), nullable=False),
        sa.Column('compare_all_regions', sa.Boolean(), nullable=False),
        sa.Column('compare_own_kommuner', sa.Boolean(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('updated_by', sa.String(length=100), nullable=False),
        sa.CheckConstraint('id = 1', name=op.f('ck_organisation_profile_single')),
        sa.CheckConstraint("kind IN ('region', 'kommun')",
                           name=op.f('ck_organisation_profile_kind')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation_profile')),
    )
    op.create_table(
        'profile_comparison_areas',
        sa.Column('code', sa.String(length=4), nullable=False),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint('code', name=op.f('pk_profile_comparison_areas')),
    )


def downgrade() -> None:
    op.drop_table('profile_comparison_areas')
    op.drop_table('organisation_profile')
