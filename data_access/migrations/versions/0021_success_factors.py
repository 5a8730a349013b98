"""framgångsfaktorer: a goal kind between nämndmål and förvaltningsmål, and the organisation
profile's switch saying whether the organisation uses them

Revision ID: 0021
Revises: 0020
"""
from alembic import op
import sqlalchemy as sa


revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None

OLD_KINDS = ('malbild', 'malomrade', 'namndmal', 'forvaltningsmal', 'omradesmal', 'enhetsmal')
NEW_KINDS = ('malbild', 'malomrade', 'namndmal', 'framgangsfaktor', 'forvaltningsmal',
             'omradesmal', 'enhetsmal')


def _kinds(kinds: tuple[str, ...]) -> str:
    return "kind IN ({})".format(", ".join(f"'{kind}'" for kind in kinds))


def _replace_kind_check(kinds: tuple[str, ...]) -> None:
    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_goals_kind'), type_='check')
        batch_op.create_check_constraint(op.f('ck_goals_kind'), _kinds(kinds))


def upgrade() -> None:
    _replace_kind_check(NEW_KINDS)
    with op.batch_alter_table('organisation_profile', schema=None) as batch_op:
        batch_op.add_column(sa.Column('uses_success_factors', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


FACTORS = "(SELECT id FROM goals WHERE kind = 'framgangsfaktor')"
PARENT_OF = "(SELECT f.parent_id FROM goals f WHERE f.id = {table}.{column})"


def downgrade() -> None:
    # What hangs under a framgångsfaktor (goals, uppdrag) moves up to its nämndmål; the
    # factors themselves and their links go.
    for table, column in (('goals', 'parent_id'), ('uppdrag', 'goal_id')):
        op.execute(sa.text(f"UPDATE {table} SET {column} = "
                           f"{PARENT_OF.format(table=table, column=column)} "
                           f"WHERE {column} IN {FACTORS}"))
    for table, column in (('goal_perspectives', 'goal_id'), ('goal_agenda2030', 'goal_id'),
                          ('goal_indicators', 'goal_id'), ('goal_statuses', 'goal_id'),
                          ('assessments', 'goal_id'), ('risk_goals', 'goal_id'),
                          ('goal_closure', 'ancestor_id'), ('goal_closure', 'descendant_id')):
        op.execute(sa.text(f"DELETE FROM {table} WHERE {column} IN {FACTORS}"))
    op.execute(sa.text("DELETE FROM goals WHERE kind = 'framgangsfaktor'"))
    with op.batch_alter_table('organisation_profile', schema=None) as batch_op:
        batch_op.drop_column('uses_success_factors')
    _replace_kind_check(OLD_KINDS)
