"""search index: every unit, goal, indicator, risk, uppdrag and saving measure with its
searched text, and the full-text index over it (PostgreSQL: GIN on to_tsvector('swedish');
SQLite: the FTS5 table search_fts of the stemmed words). Filled by `rodtrad migrate` from
the stored data.

Revision ID: 0022
Revises: 0021
"""
from alembic import op
import sqlalchemy as sa


revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'search_entries',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('object_id', sa.Integer(), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_search_entries')),
    )
    op.create_index('ix_search_entries_kind_object', 'search_entries', ['kind', 'object_id'])
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("CREATE INDEX ix_search_entries_fulltext ON search_entries "
                   "USING gin (to_tsvector('swedish', body))")
    else:
        # Contentless: it holds only the stemmed words' index; the rowid is the entry's id.
        # Prefix indexes for the first letters of a word, what is typed first and matches most.
        op.execute("CREATE VIRTUAL TABLE search_fts USING fts5(body, content='', "
                   "prefix='2 3 4', tokenize='unicode61 remove_diacritics 0')")


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        op.execute("DROP TABLE search_fts")
    op.drop_table('search_entries')
