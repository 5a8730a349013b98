"""Statements run straight from SQLite's driver (see `DriverSelect`): what every request
reads (the signed-in user, the data version, the organisation profile) and a page's repeated
statements. Nothing here imports the rest of the data layer, which runs its statements
through it."""

from __future__ import annotations

import sqlite3

from sqlalchemy.engine import Connection
from sqlalchemy.engine.result import IteratorResult, SimpleResultMetaData
from sqlalchemy.exc import DBAPIError


class DriverSelect:
    """A SELECT of plain columns run again and again (built once, or once per viewer with its
    row rules), compiled once and run on SQLite's own cursor: SQLAlchemy's execution around a
    statement (its cache key, parameters, events, the ORM's result rows) costs about a tenth
    of a millisecond, more than most statements take in SQLite.

    `rows` gives its rows as tuples, each column's value converted by its type as SQLAlchemy
    converts it; `result` the same as a Result with `keys` (what `Session.execute` would
    give). Both give None where the statement must go through SQLAlchemy after all: on any
    other database (a round trip dominates there, and a dropped connection must be
    invalidated as SQLAlchemy does), while something listens to the engine's statements (the
    bench's SQL timer, tests counting reads), which must see it, for a list given for an IN
    that is empty (SQLAlchemy writes a special form for it), and for a parameter SQLAlchemy
    renders into the SQL itself. A driver error is raised as SQLAlchemy raises it
    (sqlalchemy.exc.DBAPIError)."""

    def __init__(self, statement, keys: tuple[str, ...] | None = None):
        self.statement = statement
        self.keys = keys
        self._prepared: dict = {}

    def _prepare(self, dialect):
        prepared = self._prepared.get(dialect)
        if prepared is None:
            prepared = self._prepared[dialect] = self._compile(dialect)
        return prepared

    def _compile(self, dialect):
        compiled = self.statement.compile(dialect=dialect)
        names = compiled.positiontup
        columns = compiled._result_columns
        if names is None or (self.keys is not None and len(columns) != len(self.keys)):
            return ()
        expanding = {name for name, bind in compiled.binds.items() if bind.expanding}
        # Each list is written where the SQL names it (a rule may name the same list twice);
        # any other parameter rendered into the SQL is SQLAlchemy's to render.
        if compiled.string.count("__[POSTCOMPILE_") != sum(
                compiled.string.count(f"__[POSTCOMPILE_{name}]") for name in expanding) or any(
                compiled.string.count(f"__[POSTCOMPILE_{name}]") != names.count(name)
                for name in expanding):
            return ()
        defaults = compiled.construct_params(
            {name: None for name, bind in compiled.binds.items() if bind.required})
        processors = tuple(
            compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)
            for name in names)
        results = tuple(column.type._cached_result_processor(dialect, None)
                        for column in columns)
        return (compiled.string, tuple(names), frozenset(expanding), defaults, processors,
                results if any(results) else None, {})

    def result(self, connection: Connection, values: dict | None = None):
        rows = self.rows(connection, values)
        return None if rows is None else IteratorResult(SimpleResultMetaData(self.keys), iter(rows))

    def rows(self, connection: Connection, values: dict | None = None) -> list[tuple] | None:
        if connection.dialect.name != "sqlite" or getattr(connection, "_has_events", True) \
                or getattr(connection.engine, "_has_events", True):
            return None
        prepared = self._prepare(connection.dialect)
        if not prepared:
            return None
        sql, names, expanding, defaults, processors, results, by_lengths = prepared
        given = defaults | values if values else defaults
        parameters = []
        lengths = []
        for name, process in zip(names, processors):
            value = given[name]
            if name in expanding:
                if not value:
                    return None
                lengths.append((name, len(value)))
                parameters.extend(value if process is None else map(process, value))
            else:
                parameters.append(value if process is None else process(value))
        if lengths:
            key = tuple(lengths)
            text_ = by_lengths.get(key)
            if text_ is None:
                text_ = sql
                for name, length in lengths:
                    text_ = text_.replace(f"__[POSTCOMPILE_{name}]", ", ".join("?" * length))
                if len(by_lengths) < 256:
                    by_lengths[key] = text_
        else:
            text_ = sql
        cursor = connection.connection.cursor()
        try:
            cursor.execute(text_, parameters)
            rows = cursor.fetchall()
        except sqlite3.Error as error:
            raise DBAPIError.instance(text_, parameters, error, sqlite3.Error) from error
        finally:
            cursor.close()
        if results is not None:
            rows = [tuple(value if process is None or value is None else process(value)
                          for value, process in zip(row, results)) for row in rows]
        return rows
