"""How a kind of import file is described: its columns, natural key, rules and side effects.

One `Kind` per file kind (organisation, mål, mätvärden, …) in `kinds.py`. The importer,
the exporter, the templates and docs/import.md are all driven by these descriptions, so
they cannot disagree about a column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

from sqlalchemy import Table
from sqlalchemy.orm import Session

from data_access.importers.values import Ref, RefList

Values = dict[str, object]


@dataclass(frozen=True)
class Link:
    """A many-to-many link table a RefList column fills: (table, own id column, other id column)."""

    table: Table
    own: str
    other: str


@dataclass(frozen=True)
class Column:
    """One column of a file: its Swedish header, the model field and the cell type.

    A `key` column is part of the natural key. An optional column may be left out of the
    file (existing rows keep their value, new rows get `default`) or left empty (the
    default). A `Ref` column stores the referenced row's id; a `RefList` column fills `link`.
    A field such as "year,kind" takes a type whose value is a tuple.
    `aliases` are other systems' headers for the same column (Stratsys's "Mätetal" for
    "Indikator"), read as the header itself. A `from_source` column may be left out or empty
    when the import states its source (`--kalla stratsys`): the source is then its value.
    """

    header: str
    field: str
    type: object
    help: str
    example: str
    required: bool = True
    key: bool = False
    default: object = None
    link: Link | None = None
    aliases: tuple[str, ...] = ()
    from_source: bool = False

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(self.field.split(","))

    @property
    def ref(self) -> Ref | None:
        """The referenced model's description, for Ref and RefList columns."""
        if isinstance(self.type, RefList):
            return self.type.ref
        return self.type if isinstance(self.type, Ref) else None


Rule = Callable[[Values], list[tuple[str, str]]]


@dataclass(frozen=True)
class Kind:
    """A kind of file: which table it fills and how.

    `fixed` values are stored on every row and belong to the natural key (e.g. kind='budget'
    for the budget file). `derive` computes stored fields from the parsed ones (a period's
    end date). `rules` checks a row's values together and returns (header, reason) pairs.
    `as_of` gives the date a written row's data runs to ("Data per" in the footer).
    `statuses`, `trees`, `economy`, `latest` and `search` say whether goal statuses, the
    closure tables, the economy's subtree totals, the latest measurement per indicator and unit
    and the indicators' search text depend on it.
    `by_indicator` names the field holding the row's indicator: a period written as a date
    (or "Delår") is read by the indicator's frequency, and a value written with % needs an
    indicator measured in per cent. `check` is a rule that may look up stored codes:
    check(values, ids) with ids(ref) the stored code -> id map of a reference.
    `stored_rule(session)` gives a rule that depends on what is stored (read once per file).
    `parent_rule` is (field, rule): rule(the row's value of the field, its parent's value)
    gives why the row may not hang under that parent, or None; the parent is read from the
    file or, when the file does not hold it, from the database.
    """

    name: str
    title: str
    model: type
    columns: tuple[Column, ...]
    about: str
    fixed: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))
    derive: Callable[[Values], Values] | None = None
    rules: Rule | None = None
    as_of: Callable[[Values], dt.date | None] | None = None
    statuses: bool = False
    trees: bool = False
    economy: bool = False
    latest: bool = False
    search: bool = False
    export_order: tuple[str, ...] = ()
    stamp: str | None = None  # a column set to the time of loading on every write
    prepare: Callable[[Session], None] | None = None  # run before the rows are written
    by_indicator: str | None = None
    check: Callable[[Values, Callable], list[tuple[str, str]]] | None = None
    stored_rule: Callable[[Session], Rule] | None = None
    parent_rule: tuple[str, Callable[[object, object], str | None]] | None = None

    @property
    def table(self) -> Table:
        return self.model.__table__

    @property
    def key_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.key)

    @cached_property
    def key_fields(self) -> tuple[str, ...]:
        return tuple(f for c in self.key_columns for f in c.fields) + tuple(self.fixed)

    def is_parent(self, column: Column) -> bool:
        """Whether a column refers to a row of the same table (a parent): written last."""
        return column.link is None and column.ref is not None and column.ref.model is self.model

    def is_stored(self, column: Column) -> bool:
        """Whether a column's value is stored in the kind's own row as it is read."""
        return column.link is None and not self.is_parent(column)

    @property
    def parent_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if self.is_parent(c))

    def column(self, header: str) -> Column:
        return next(c for c in self.columns if c.header == header)
