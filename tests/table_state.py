"""What a database holds, for comparing two states: checksums per table, and contents by
natural key (surrogate ids replaced by the codes they stand for)."""

from __future__ import annotations

import hashlib

from sqlalchemy import create_engine, select

from data_access.db import database_url
from data_access.models import Base

# What records that an import was tried (the import log and the audit trail), not data.
IMPORT_RECORDS = {"import_runs", "audit_events", "kolada_revisions"}
# Who loaded what, and when: not part of the data an export carries.
# The organisation profile is set by `rodtrad profil` or its page, not imported.
# The search index points at objects by their ids (not a foreign key a natural key replaces),
# and is rebuilt from the data by every load (tests/test_search.py checks it).
NOT_DATA = IMPORT_RECORDS | {"users", "user_namnder", "login_events", "saml_replay",
                             "organisation_profile", "profile_comparison_areas",
                             "search_entries"}
LOAD_TIMES = {"loaded_at"}


def _rows(conn, table) -> list[tuple]:
    return [tuple(row) for row in conn.execute(select(table).order_by(*table.primary_key.columns))]


def checksums(url: str, skip: set[str] = frozenset()) -> dict[str, str]:
    """sha256 of every table's rows in primary-key order (tables in `skip` left out)."""
    engine = create_engine(database_url(url))
    with engine.connect() as conn:
        sums = {table.name: hashlib.sha256(repr(_rows(conn, table)).encode()).hexdigest()
                for table in Base.metadata.sorted_tables if table.name not in skip}
    engine.dispose()
    return sums


def _natural_key(table) -> list[str]:
    """The columns naming a row of a table other rows point at."""
    for candidates in (["code"], ["number"], ["year", "kind"]):
        if all(c in table.c for c in candidates):
            return candidates
    raise LookupError(f"no natural key for {table.name}")


def contents(url: str) -> dict[str, list[tuple]]:
    """Every data table's rows, ids replaced by natural keys, load times left out, sorted."""
    engine = create_engine(database_url(url))
    result = {}
    with engine.connect() as conn:
        names: dict[str, dict] = {}
        for table in Base.metadata.sorted_tables:
            if "id" in table.c and table.name not in NOT_DATA:
                key = [table.c[c] for c in _natural_key_or_none(table)]
                if key:
                    names[table.name] = {row[0]: tuple(row[1:]) for row in
                                         conn.execute(select(table.c.id, *key))}
        for table in Base.metadata.sorted_tables:
            if table.name in NOT_DATA:
                continue
            result[table.name] = sorted(
                (_readable(table, row, names) for row in conn.execute(select(table)).mappings()),
                key=repr)
    engine.dispose()
    return result


def _natural_key_or_none(table) -> list[str]:
    try:
        return _natural_key(table)
    except LookupError:
        return []


def _readable(table, row, names: dict) -> tuple:
    values = []
    for column in table.c:
        if column.name in LOAD_TIMES or (column.name == "id" and column.primary_key
                                          and len(table.primary_key.columns) == 1):
            continue
        value = row[column.name]
        for fk in column.foreign_keys:
            value = None if value is None else names[fk.column.table.name][value]
        values.append((column.name, value))
    return tuple(values)
