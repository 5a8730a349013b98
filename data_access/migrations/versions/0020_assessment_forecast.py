"""assessment forecast: the goal owner's helårsprognos (will the goal be reached by year end)

Revision ID: 0020
Revises: 0019
"""
from alembic import op
import sqlalchemy as sa


revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('forecast', sa.String(length=12), nullable=True))
        batch_op.create_check_constraint(
            op.f('ck_assessments_forecast'), "forecast IN ('uppfylls', 'delvis', 'uppfylls_ej')")


def downgrade() -> None:
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_assessments_forecast'), type_='check')
        batch_op.drop_column('forecast')
