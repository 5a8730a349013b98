"""The search index behind the search in the header: every unit, goal, indicator, risk,
uppdrag and saving measure with its searched text (SearchEntry), rebuilt after every load.

Full-text matching with Swedish stemming and prefixes (what is being typed):
- PostgreSQL: `to_tsvector('swedish', body) @@ to_tsquery('swedish', 'ord:* & ...')`, served
  by the GIN index on that expression (migration 0022);
- SQLite (no Swedish stemmer in FTS5): the contentless FTS5 table `search_fts` holds each
  entry's words stemmed here (`data_access.search.stem`) under the entry's id, and a search
  stems its words the same way and asks for each stem as a prefix (`"stam"*`).

The index only says which objects match (`matches`: looked up once for every kind, the ids
of each kind's matching objects): `data_access.queries.search` reads what a hit shows from
the object's own table, under the viewer's row rule, so it never shows more than the viewer
may see.

PostgreSQL's GIN index has no pending list (fastupdate off, migration 0025): with one, the
entries a rebuild inserts wait there until a VACUUM, and every search reads through them.
"""

from __future__ import annotations

from sqlalchemy import (
    ColumnElement,
    Integer,
    String,
    any_,
    bindparam,
    cast,
    column,
    delete,
    func,
    insert,
    literal_column,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from data_access.models import (
    Goal,
    Indicator,
    OrgUnit,
    Risk,
    SavingMeasure,
    SearchEntry,
    Uppdrag,
)
from data_access.search import stem, words

# Kind -> (model, its searched fields), in the order the results list the kinds.
SEARCHED = {
    "enhet": (OrgUnit, ("code", "name")),
    "mal": (Goal, ("code", "title", "description")),
    "indikator": (Indicator, ("code", "name", "description")),
    "risk": (Risk, ("code", "title", "description")),
    "uppdrag": (Uppdrag, ("code", "title", "description")),
    "atgard": (SavingMeasure, ("code", "title", "comment")),
}
MAX_WORDS = 8  # words of a search that count (the rest are ignored)
FTS_TABLE = "search_fts"  # SQLite only; no model describes it (nor its shadow tables)
GIN_INDEX = "ix_search_entries_fulltext"  # PostgreSQL only; an expression no model holds


def outside_models(name: str | None, type_: str, _parent_names=None) -> bool:
    """Alembic's include_name: False for what migration 0022 makes outside the models: the
    FTS5 table with the shadow tables SQLite keeps for it, and the GIN index."""
    if name is None:
        return True
    return not ((type_ == "table" and name.startswith(FTS_TABLE))
                or (type_ == "index" and name == GIN_INDEX))


def is_postgres(session: Session) -> bool:
    """Whether the session's database is PostgreSQL (else SQLite)."""
    return session.get_bind().dialect.name == "postgresql"


def rebuild_search_index(session: Session) -> None:
    """Refill SearchEntry (and on SQLite search_fts) from the stored objects. Call after
    anything searched changes: every import and the demo loader do."""
    session.execute(delete(SearchEntry))
    entries, next_id = [], 1
    for kind, (model, fields) in SEARCHED.items():
        columns = [getattr(model, name) for name in fields]
        for object_id, *values in session.execute(
                select(model.id, *columns).order_by(model.id).execution_options(all_rows=True)):
            entries.append({"id": next_id, "kind": kind, "object_id": object_id,
                            "body": " ".join(words(*values))})
            next_id += 1
    if entries:
        session.execute(insert(SearchEntry), entries)
    if is_postgres(session):
        return
    connection = session.connection()
    connection.exec_driver_sql("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")
    if entries:
        connection.exec_driver_sql(
            "INSERT INTO search_fts(rowid, body) VALUES (?, ?)",
            [(e["id"], " ".join(stem(w) for w in e["body"].split())) for e in entries])


def search_words(query: str | None) -> list[str]:
    """The words of a search that count (casefolded; at most MAX_WORDS)."""
    return words(query)[:MAX_WORDS]


def _matches(session: Session, query_words: list[str]) -> ColumnElement[bool]:
    """SQL: the SearchEntry's text has every word (stemmed, as a prefix)."""
    if is_postgres(session):
        tsquery = " & ".join(f"{word}:*" for word in query_words)
        return func.to_tsvector(literal_column("'swedish'"), SearchEntry.body).op("@@")(
            func.to_tsquery(literal_column("'swedish'"), tsquery))
    expression = " ".join(f'"{stem(word)}"*' for word in query_words)
    fts = text(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :expression") \
        .bindparams(expression=expression).columns(column("rowid"))
    return SearchEntry.id.in_(fts)


def matches(session: Session, query_words: list[str]) -> dict[str, str]:
    """Kind -> its objects whose text has every word (stemmed, as a prefix), before any row
    rule: their ids as one text, "4,8,15" (for `among`). `query_words` from `search_words`,
    not empty.

    One look-up in the full-text index for every kind: the statements of the kinds then read
    their objects by id. With a full-text condition of its own, each would match the text
    again, and PostgreSQL's planner may then prefer the kind's rows and stem the text of
    every one of them (to_tsvector on each row) to the index. The ids stay text on their
    way through Python: thousands of them are one value to fetch and to send back."""
    listed = func.string_agg(cast(SearchEntry.object_id, String), ",") \
        if is_postgres(session) else func.group_concat(SearchEntry.object_id, ",")
    rows = session.execute(select(SearchEntry.kind, listed)
                           .where(_matches(session, query_words)).group_by(SearchEntry.kind))
    return {kind: ids for kind, ids in rows}


def among(postgres: bool, id_column) -> ColumnElement[bool]:
    """SQL: `id_column` is one of the ids bound as the parameter `ids` (its value from
    `among_ids`): = ANY of the array PostgreSQL makes of them, IN the rows of SQLite's
    json_each. A parameter, so that a statement using it is built once and run again."""
    ids = bindparam("ids", type_=String)
    if postgres:
        return id_column == any_(cast(func.string_to_array(ids, ","), ARRAY(Integer)))
    listed = select(column("value")).select_from(func.json_each(ids))
    return id_column.in_(listed)


def among_ids(postgres: bool, ids: str) -> str:
    """The value of `among`'s parameter for one kind's text of ids from `matches`."""
    return ids if postgres else "[" + ids + "]"
