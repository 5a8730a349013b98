"""open data search: each indicator's searched text stored casefolded (indicators.search_text)

The public search compares casefolded words with this column, so å, ä, ö and é match in any
case on SQLite and on PostgreSQL under any locale (see data_access/search.py). Existing rows
are filled here, by the same rule: code, name, description and explanation, casefolded.

Revision ID: 0012
Revises: 0011
"""
from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.add_column(sa.Column('search_text', sa.Text(), nullable=False, server_default=''))
    indicators = sa.table('indicators', sa.column('id'), sa.column('code'), sa.column('name'),
                          sa.column('description'), sa.column('explanation'),
                          sa.column('search_text'))
    bind = op.get_bind()
    rows = bind.execute(sa.select(indicators.c.id, indicators.c.code, indicators.c.name,
                                  indicators.c.description, indicators.c.explanation)).all()
    if rows:
        bind.execute(
            indicators.update().where(indicators.c.id == sa.bindparam('_id')),
            [{'_id': row[0], 'search_text': ' '.join(f or '' for f in row[1:]).casefold()}
             for row in rows])


def downgrade() -> None:
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.drop_column('search_text')
