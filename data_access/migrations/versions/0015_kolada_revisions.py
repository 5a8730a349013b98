"""kolada revisions: the stored values each Kolada import changed or removed, since Kolada
revises its figures without notice

Revision ID: 0015
Revises: 0014
"""
from alembic import op
import sqlalchemy as sa


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'kolada_revisions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('run_id', sa.Integer(), nullable=False),
        sa.Column('indicator_code', sa.String(length=40), nullable=False),
        sa.Column('area_code', sa.String(length=10), nullable=False),
        sa.Column('area_name', sa.String(length=100), nullable=False),
        sa.Column('period', sa.String(length=10), nullable=False),
        sa.Column('gender', sa.String(length=1), nullable=False),
        sa.Column('old_value', sa.Float(), nullable=True),
        sa.Column('new_value', sa.Float(), nullable=True),
        sa.Column('deleted', sa.Boolean(), nullable=False),
        sa.CheckConstraint("gender IN ('T', 'K', 'M')", name=op.f('ck_kolada_revisions_gender')),
        sa.ForeignKeyConstraint(['run_id'], ['import_runs.id'], ondelete='CASCADE',
                                name=op.f('fk_kolada_revisions_run_id_import_runs')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_kolada_revisions')),
    )
    op.create_index('ix_kolada_revisions_run', 'kolada_revisions', ['run_id'])


def downgrade() -> None:
    op.drop_index('ix_kolada_revisions_run', table_name='kolada_revisions')
    op.drop_table('kolada_revisions')
