"""search index: PostgreSQL's GIN index on the searched text without a pending list
(fastupdate off), and the entries pending in it moved into the index.

With fastupdate on, the entries a rebuild inserts wait in the index's pending list until a
VACUUM (or autovacuum) moves them, and every search reads that list through: after an
import, the look-up of a common word took milliseconds instead of a fraction of one. Off,
a rebuild inserts into the index itself (slower, once per import). SQLite: nothing.

Revision ID: 0025
Revises: 0024
"""
from alembic import op


revision = '0025'
down_revision = '0024'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("ALTER INDEX ix_search_entries_fulltext SET (fastupdate = off)")
        op.execute("SELECT gin_clean_pending_list('ix_search_entries_fulltext'::regclass)")


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("ALTER INDEX ix_search_entries_fulltext RESET (fastupdate)")
