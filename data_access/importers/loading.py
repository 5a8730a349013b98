"""Validating rows and writing them by natural key: new rows inserted, changed rows updated.

Rows stream through in batches: each batch is parsed and checked in Python, its stored
rows are read with one SELECT by natural key, and new and changed rows are written with
Core executemany (never an ORM object per row), so memory stays bounded. A row whose key
came earlier in the file is refused; the earlier row is found through the id it wrote
(`RowsById`), four bytes per id instead of a set of every key.

Kinds whose rows point at rows of the same table (an enhet's överordnad, a goal's parent)
are small; they are read whole, so a parent may come after its child, and the parent links
are written once every row exists.

A cell naming an enhet, indicator, goal or kostnadsslag is looked up in the mappings first
(`MappedIds`): those of the file's stated source, then those for every source ("*"); a
cell no mapping names is read as our code.
"""

from __future__ import annotations

import datetime as dt
import uuid
from operator import itemgetter
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import Column as SqlColumn
from sqlalchemy import (
    ColumnElement,
    MetaData,
    Table,
    and_,
    bindparam,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.orm import Session

from data_access import models as m
from data_access.db import begin_writing
from data_access.importers.reading import Sheet
from data_access.importers.report import FileProblem, ImportReport, Problem
from data_access.importers.spec import Column, Kind
from data_access.importers.values import (
    NOT_PERCENT,
    PERCENT_UNITS,
    CellError,
    PeriodDate,
    Percent,
    Ref,
    is_empty,
    match_key,
)
from data_access.tree import closure_pairs

BATCH = 2000
MAPPED = {m.OrgUnit: "enhet", m.Indicator: "indikator", m.Goal: "mal",
          m.CostCategory: "kostnadsslag"}
ANY_SOURCE = "*"
PLAIN, MULTI, REF, LINK, PARENT = "plain", "multi", "ref", "link", "parent"
OLD = "_old_"  # prefix of a parent field's stored value, kept on the row for comparison


class RowsById:
    """Which file row wrote each table id (0: none): a compact array, a dict for huge ids."""

    DENSE_IDS = 50_000_000  # 200 MB at most; ids beyond (rare) go to a dict

    def __init__(self) -> None:
        self._rows = array("i")
        self._sparse: dict[int, int] = {}

    def get(self, row_id: int) -> int:
        if row_id < len(self._rows):
            return self._rows[row_id]
        return self._sparse.get(row_id, 0)

    def set(self, row_id: int, row: int) -> None:
        if row_id >= self.DENSE_IDS:
            self._sparse[row_id] = row
            return
        if row_id >= len(self._rows):
            size = min(max(row_id + 1, 2 * len(self._rows)), self.DENSE_IDS)
            self._rows.frombytes(bytes((size - len(self._rows)) * self._rows.itemsize))
        self._rows[row_id] = row


class DriverInsert:
    """An executemany straight through the database driver, for many plain rows at once.

    Values are converted by the columns' own SQLAlchemy types first (dates, booleans), so
    the rows are stored exactly as an ORM insert would store them, without its per-row cost.
    """

    def __init__(self, session: Session, table: Table, fields: list[str]):
        dialect = session.get_bind().dialect
        quote = dialect.identifier_preparer.quote
        mark = "?" if dialect.paramstyle == "qmark" else "%s"
        self.session, self.fields = session, fields
        self.sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(f) for f in fields)}) "
                    f"VALUES ({', '.join([mark] * len(fields))})")
        processors = [table.c[f].type.dialect_impl(dialect).bind_processor(dialect)
                      for f in fields]
        # Files repeat the same dates many times: convert each distinct value once.
        self.processors = [(i, _remembering(p)) for i, p in enumerate(processors)
                           if p is not None]

    def __call__(self, rows: Iterable[tuple]) -> None:
        if self.processors:
            rows = [self._processed(row) for row in rows]
        self.session.connection().exec_driver_sql(self.sql, list(rows))

    def _processed(self, row: tuple) -> tuple:
        row = list(row)
        for index, process in self.processors:
            row[index] = process(row[index])
        return tuple(row)


def _remembering(process):
    """A value converter that converts each distinct (hashable) value only once."""
    seen: dict = {}

    def convert(value):
        try:
            return seen[value]
        except KeyError:
            converted = seen[value] = process(value)
            return converted
        except TypeError:  # not hashable
            return process(value)

    return convert


class KeyTable:
    """A temporary table holding one batch's natural keys, joined to find their stored rows.

    Much faster than a long `(a, b, c) IN (…)` list, which SQLAlchemy expands row by row.
    """

    def __init__(self, session: Session, table: Table, key_fields: tuple[str, ...]):
        self.session = session
        self.names = [f"k{i}" for i in range(len(key_fields))]
        self.table = Table(
            f"import_keys_{uuid.uuid4().hex[:12]}", MetaData(),
            *(SqlColumn(name, table.c[f].type) for name, f in zip(self.names, key_fields)),
            prefixes=["TEMPORARY"],
        )
        self.table.create(session.connection())
        self.insert = DriverInsert(session, self.table, self.names)

    def matches(self, key_columns: list) -> ColumnElement[bool]:
        """SQL: the key columns equal this table's."""
        return and_(*(c == self.table.c[n] for c, n in zip(key_columns, self.names)))

    def fill(self, keys: Iterable[tuple]) -> None:
        """Replace the table's keys."""
        self.session.execute(delete(self.table))
        self.insert(keys)

    def drop(self) -> None:
        self.table.drop(self.session.connection())


class MappedIds:
    """A reference's ids through the mappings: an external id or name -> our code -> id.

    `get` is a dict's: a mapped name gives the id of the code it maps to, anything else is
    looked up as a code. Each distinct cell is matched once (files repeat their names).
    """

    def __init__(self, ids: dict, codes: dict[str, str], what: str):
        self.ids, self.codes, self.what = ids, codes, what
        self._seen: dict = {}

    def get(self, value):
        try:
            return self._seen[value]
        except KeyError:
            code = self.codes.get(match_key(value)) if type(value) is str else None
            found = self._seen[value] = self.ids.get(value if code is None else code)
            return found

    def missing(self, value) -> str:
        """Why a cell names nothing, in Swedish."""
        code = self.codes.get(match_key(value)) if type(value) is str else None
        if code is None:
            return f"det finns ingen {self.what} med den koden och ingen mappning för den"
        return (f"mappningen pekar på koden ”{code}”, men det finns ingen {self.what} med den "
                "koden")


class Lookups:
    """Natural key -> id of referenced tables, read on first use. `source` is the system the
    file comes from (lower case), whose mappings apply with those for every source."""

    def __init__(self, session: Session, source: str | None = None):
        self.session = session
        self.source = match_key(source) if source else None
        self.source_name = " ".join(source.split()) if source else None  # as written
        self._maps: dict[tuple, dict] = {}
        self._mapped: dict[tuple, dict | MappedIds] = {}
        self._indicators: dict[int, tuple[str, str]] | None = None

    def ids(self, ref: Ref) -> dict:
        """The map for a reference: code (or key tuple) -> id, of the rows it may name."""
        name = (ref.model, ref.key, ref.where)
        if name not in self._maps:
            columns = [getattr(ref.model, k) for k in ref.key]
            query = select(ref.model.id, *columns)
            if ref.where is not None:
                query = query.where(getattr(ref.model, ref.where[0]) == ref.where[1])
            rows = self.session.execute(query)
            self._maps[name] = {(key[0] if len(key) == 1 else tuple(key)): row_id
                                for row_id, *key in rows}
        return self._maps[name]

    def mapped(self, ref: Ref) -> dict | MappedIds:
        """The ids a reference's cells name, through the mappings when there are any."""
        name = (ref.model, ref.key, ref.where)
        if name not in self._mapped:
            ids, codes = self.ids(ref), {}
            if ref.model in MAPPED:
                sources = [ANY_SOURCE] + ([self.source] if self.source else [])
                rows = self.session.execute(
                    select(m.Mapping.source, m.Mapping.external, m.Mapping.code)
                    .where(m.Mapping.kind == MAPPED[ref.model], m.Mapping.source.in_(sources)))
                # The file's own source wins over "*".
                for _, external, code in sorted(rows, key=lambda r: r[0] != ANY_SOURCE):
                    codes[external] = code
            self._mapped[name] = MappedIds(ids, codes, ref.what) if codes else ids
        return self._mapped[name]

    def indicator(self, indicator_id: int) -> tuple[str, str]:
        """(frequency, unit) of a stored indicator."""
        if self._indicators is None:
            self._indicators = {row_id: (frequency, unit) for row_id, frequency, unit in
                                self.session.execute(select(m.Indicator.id, m.Indicator.frequency,
                                                            m.Indicator.unit))}
        return self._indicators[indicator_id]

    def forget(self, model: type) -> None:
        """Drop the maps of a model whose rows were just written."""
        for maps in (self._maps, self._mapped):
            for name in [n for n in maps if n[0] is model]:
                del maps[name]
        if model is m.Indicator:
            self._indicators = None


@dataclass
class Row:
    """A parsed row on its way to the database."""

    number: int
    values: dict
    key: tuple
    key_cells: list  # (column, parsed value) of the key columns, for messages
    links: dict[str, tuple] = field(default_factory=dict)
    parents: dict[str, object] = field(default_factory=dict)  # parent field -> code
    row_id: int | None = None
    status: str = ""  # new, updated or unchanged

    @property
    def label(self) -> str:
        """The key as written in the file, e.g. `N70061 / HSN / 2025`."""
        return " / ".join(column.type.format(value) for column, value in self.key_cells)


class Loader:
    """Loads one sheet of one kind into the session, recording problems and counts."""

    def __init__(self, session: Session, kind: Kind, report: ImportReport, lookups: Lookups,
                 now: dt.datetime):
        self.session, self.kind, self.report, self.lookups = session, kind, report, lookups
        self.now = now
        self.file = report.file_name
        self.written = RowsById()
        self.as_of: dt.date | None = None
        self.parent_rows: list[Row] = []
        self.stored_rule = kind.stored_rule(session) if kind.stored_rule else None
        self.parent_values: dict | None = None  # code -> the parent_rule's field, when needed

    def load(self, sheet: Sheet) -> None:
        """Check and write every row of the sheet."""
        columns = self.columns_of(sheet.header)
        present = [c for _, c in columns]
        if self.kind.prepare:
            self.kind.prepare(self.session)
        rows = self._parsed(sheet, columns)
        if self.kind.parent_columns:
            rows = self._with_known_parents(list(rows))
        self.keys = KeyTable(self.session, self.kind.table, self.kind.key_fields)
        for batch in _batches(rows, BATCH):
            self._write(batch, present)
        self.keys.drop()
        if self.kind.parent_columns:
            self._write_parents()

    # --- The header -------------------------------------------------------------------

    def columns_of(self, header: list[str]) -> list[tuple[int, Column]]:
        """(index, column) for each header cell; a FileProblem for unknown or missing ones."""
        by_name = {name.casefold(): c for c in self.kind.columns
                   for name in (c.header, *c.aliases)}
        found: list[tuple[int, Column]] = []
        for index, name in enumerate(header):
            name = " ".join(name.replace("\ufeff", "").split())
            if not name:
                continue
            column = by_name.get(name.casefold())
            if column is None:
                raise FileProblem(
                    f"okänd kolumn för {self.kind.title.lower()}; kolumnerna är "
                    + ", ".join(f"”{c.header}”" for c in self.kind.columns), row=1, column=name)
            if any(c is column for _, c in found):
                raise FileProblem("kolumnen står två gånger i rubrikraden", row=1, column=name)
            found.append((index, column))
        present = {c.header for _, c in found}
        missing = [c.header for c in self.kind.columns if c.required and c.header not in present
                   and not (c.from_source and self.lookups.source_name)]
        if missing:
            raise FileProblem("kolumner saknas i rubrikraden: "
                              + ", ".join(f"”{h}”" for h in missing), row=1)
        return found

    # --- Parsing rows -----------------------------------------------------------------

    def _plan(self, columns: list[tuple[int, Column]]) -> list[tuple]:
        """Per present column: (index, column, parse, where the value goes, reference ids)."""
        plan = []
        for index, column in columns:
            if column.ref is None:
                place, ids = (MULTI if len(column.fields) > 1 else PLAIN), None
            elif column.link is not None:
                place, ids = LINK, self.lookups.mapped(column.ref)
            elif self.kind.is_parent(column):
                place, ids = PARENT, None
            else:
                place, ids = REF, self.lookups.mapped(column.ref)
            parse = column.ref.value.parse if place in (REF, PARENT) else column.type.parse
            plan.append((index, column, parse, place, ids))
        self.width = max(index for index, *_ in plan) + 1
        return plan

    def _parsed(self, sheet: Sheet, columns: list[tuple[int, Column]]) -> Iterator[Row]:
        width, plan = len(sheet.header), self._plan(columns)
        unnamed = [i for i, name in enumerate(sheet.header) if not name.strip()]
        counts = self.report.counts
        for number, cells in sheet.rows:
            counts.read += 1
            problems: list[Problem] = []
            if len(cells) > width and any(not is_empty(c) for c in cells[width:]):
                problems.append(Problem(self.file, "raden har fler celler än rubrikraden", number))
            if unnamed and any(i < len(cells) and not is_empty(cells[i]) for i in unnamed):
                problems.append(Problem(self.file, "ett värde står i en kolumn utan rubrik",
                                        number))
            row = self._row(number, cells, plan, problems)
            if problems:
                self._reject(problems)
            else:
                yield row

    def _row(self, number: int, cells: list, plan: list[tuple],
             problems: list[Problem]) -> Row | None:
        """The row's parsed and resolved values; problems are appended to `problems`."""
        values, links, parents, key_cells = dict(self.kind.fixed), {}, {}, []
        if len(cells) < self.width:  # Excel leaves trailing empty cells out
            cells = [*cells, *[None] * (self.width - len(cells))]
        for index, column, parse, place, ids in plan:
            raw = cells[index]
            try:
                if raw is None or raw == "" or (type(raw) is str and raw.isspace()):
                    value = self._empty(column)
                else:
                    value = parse(raw)
            except CellError as exc:
                problems.append(Problem(self.file, str(exc), number, column.header, raw))
                continue
            if column.key:
                key_cells.append((column, value))
            if place is PLAIN:
                values[column.field] = value
            elif place is REF:
                values[column.field] = _resolved(ids, value, column, number, problems, self.file)
            elif place is MULTI:
                values.update(zip(column.fields, value))
            elif place is LINK:
                links[column.field] = tuple(_resolved(ids, v, column, number, problems, self.file)
                                            for v in value or ())
            else:
                parents[column.field] = value
        if problems:
            return None
        if self.kind.by_indicator:
            self._by_indicator(values, key_cells, number, problems)
        if self.kind.check:
            self._report(self.kind.check(values, self.lookups.ids), values, number, problems)
        if problems:
            return None
        self._report(self.kind.rules(values) if self.kind.rules else (), values, number,
                     problems)
        if self.stored_rule and not problems:
            self._report(self.stored_rule(values), values, number, problems)
        if problems:
            return None
        if self.kind.derive:
            values.update(self.kind.derive(values))
        key = tuple(values[f] for f in self.kind.key_fields)
        return Row(number, values, key, key_cells, links, parents)

    def _report(self, found, values: dict, number: int, problems: list[Problem]) -> None:
        """Problems for a rule's (header, reason) pairs, quoting the column's value."""
        for header, reason in found:
            column = self.kind.column(header)
            problems.append(Problem(self.file, reason, number, header,
                                    column.type.format(_value_of(values, column))))

    def _by_indicator(self, values: dict, key_cells: list, number: int,
                      problems: list[Problem]) -> None:
        """Read dates and "Delår" by the indicator's frequency, and % by its unit."""
        frequency, unit = self.lookups.indicator(values[self.kind.by_indicator])
        for column in self.kind.columns:
            value = values.get(column.field)
            if type(value) is not PeriodDate and type(value) is not Percent:
                continue
            try:
                if isinstance(value, PeriodDate):
                    values[column.field] = value.resolve(frequency)
                    key_cells[:] = [(c, values[c.field] if c is column else v)
                                    for c, v in key_cells]
                elif isinstance(value, Percent):
                    if unit.strip().casefold() not in PERCENT_UNITS:
                        raise CellError(NOT_PERCENT.format(
                            what=f"indikatorn mäts i {unit or 'en annan enhet'}"))
                    values[column.field] = float(value)
            except CellError as exc:
                written = (f"{column.type.format(value)} %" if isinstance(value, Percent)
                           else str(value))
                problems.append(Problem(self.file, str(exc), number, column.header, written))

    def _reject(self, problems: Iterable[Problem]) -> None:
        self.report.counts.rejected += 1
        for problem in problems:
            self.report.add_problem(problem)

    # --- Parents (references within the same table) ------------------------------------

    def _with_known_parents(self, rows: list[Row]) -> list[Row]:
        """The rows whose parents are stored or among the file's accepted rows."""
        while True:
            known = {column.field: self._known(column, rows) for column in self.kind.parent_columns}
            kept = []
            for row in rows:
                unknown = [Problem(self.file, column.ref.missing,
                                   row.number, column.header, row.parents[column.field])
                           for column in self.kind.parent_columns
                           if row.parents.get(column.field) not in (None, *known[column.field])]
                if not unknown and self.kind.parent_rule:
                    unknown = self._misplaced(row, rows)
                if unknown:
                    self._reject(unknown)
                else:
                    kept.append(row)
            if len(kept) == len(rows):
                return kept
            rows = kept  # a rejected row's children lose their parent: check again

    def _misplaced(self, row: Row, rows: list[Row]) -> list[Problem]:
        """Problems for a row whose parents it may not hang under (the kind's parent_rule)."""
        field, rule = self.kind.parent_rule
        if self.parent_values is None:
            table = self.kind.table
            self.parent_values = dict(self.session.execute(
                select(table.c[self.kind.key_fields[0]], table.c[field])).all())
            self.parent_values.update((r.key[0], r.values.get(field)) for r in rows)
        problems = []
        for column in self.kind.parent_columns:
            if column.field not in row.parents:  # the file leaves the parent as it is
                continue
            parent = row.parents[column.field]
            reason = rule(row.values.get(field), None if parent is None
                          else self.parent_values.get(parent))
            if reason:
                problems.append(Problem(self.file, reason, row.number, column.header, parent))
        return problems

    def _known(self, column: Column, rows: list[Row]) -> set:
        """Codes a parent column may name: stored rows and the file's rows that qualify."""
        where = column.ref.where
        return set(self.lookups.ids(column.ref)) | {
            row.key[0] for row in rows if where is None or row.values.get(where[0]) == where[1]}

    def _write_parents(self) -> None:
        """Set the parent links of the written rows, now that every row has an id."""
        self.lookups.forget(self.kind.model)
        ids = {column.field: self.lookups.ids(column.ref) for column in self.kind.parent_columns}
        changes = []
        for row in self.parent_rows:
            wanted = {f: None if code is None else ids[f][code] for f, code in row.parents.items()}
            if any(row.values[OLD + f] != v for f, v in wanted.items()):
                changes.append({"_id": row.row_id, **wanted})
                if row.status == "unchanged":
                    self.report.counts.unchanged -= 1
                    row.status = "updated"
                    self._count(row)
        table = self.kind.table
        if changes:
            self.session.execute(update(table).where(table.c.id == bindparam("_id")), changes)
        self._refuse_cycles()

    def _refuse_cycles(self) -> None:
        table = self.kind.table
        if "parent_id" not in table.c:
            return
        parent_of = dict(self.session.execute(select(table.c.id, table.c.parent_id)).all())
        try:
            closure_pairs(parent_of)
        except ValueError:
            raise FileProblem("de överordnade bildar en cirkel: någon rad hamnar under sig "
                              "själv. Rätta kolumnen för överordnad.") from None

    # --- Writing ----------------------------------------------------------------------

    def _write(self, batch: list[Row], present: list[Column]) -> None:
        """Insert the batch's new rows, update its changed ones, count them all."""
        batch = self._first_of_each_key(batch)
        if not batch:
            return
        # The write lock from the first parsed batch on (on SQLite): the file's header and
        # first rows are checked without it, and no login committing between this batch's
        # read and its writes can fail the import.
        begin_writing(self.session)
        compare = self._compared_fields(present, batch[0])
        stored = self._stored(batch, compare)
        new, changed, kept = [], [], []
        for row in batch:
            old = stored.get(row.key)
            if old is None:
                new.append(row)
                kept.append(row)
                continue
            earlier = self.written.get(old["id"])
            if earlier:
                self._duplicate(row, earlier)
                continue
            row.row_id = old["id"]
            self.written.set(row.row_id, row.number)
            row.values.update({OLD + c.field: old[c.field] for c in self.kind.parent_columns})
            row.status = "unchanged"
            if any(old[f] != row.values[f] for f in compare):
                row.status = "updated"
                changed.append(row)
            kept.append(row)
        self._insert(new)
        self._update(changed, compare)
        self._write_links(kept, present)
        for row in kept:
            self._count(row)
        if self.kind.parent_columns:
            self.parent_rows.extend(kept)

    def _first_of_each_key(self, batch: list[Row]) -> list[Row]:
        seen: dict[tuple, int] = {}
        kept = []
        for row in batch:
            earlier = seen.setdefault(row.key, row.number)
            if earlier == row.number:
                kept.append(row)
            else:
                self._duplicate(row, earlier)
        return kept

    def _duplicate(self, row: Row, earlier: int) -> None:
        self._reject([Problem(self.file, f"samma nyckel ({row.label}) som rad {earlier}; varje "
                              "nyckel får bara stå på en rad", row.number)])

    def _compared_fields(self, present: list[Column], row: Row) -> list[str]:
        """The stored fields the file sets: present columns and derived values, keys excepted."""
        fields = [f for c in present if self.kind.is_stored(c) for f in c.fields]
        fields += [f for f in row.values if not f.startswith("_")]
        keys = set(self.kind.key_fields)
        return [f for f in dict.fromkeys(fields) if f not in keys]

    def _stored(self, batch: list[Row], compare: list[str]) -> dict[tuple, dict]:
        """The stored rows with the batch's keys: key -> {id, compared and parent fields}."""
        table = self.kind.table
        key_cols = [table.c[f] for f in self.kind.key_fields]
        wanted = [table.c.id, *key_cols, *(table.c[f] for f in compare),
                  *(table.c[c.field] for c in self.kind.parent_columns)]
        query = select(*wanted).join(self.keys.table, self.keys.matches(key_cols))
        self.keys.fill(row.key for row in batch)
        return {tuple(record[c.name] for c in key_cols): record
                for record in self.session.execute(query).mappings()}

    def _default(self, column: Column):
        """A column's value where the file leaves it out: the import's stated source for a
        `from_source` column, else the column's default."""
        if column.from_source and self.lookups.source_name:
            return self.lookups.source_name
        return column.default

    def _empty(self, column: Column):
        """An empty cell's value: the column's default (or the stated source), or a CellError
        when the column needs a value."""
        if column.from_source and self.lookups.source_name:
            return self.lookups.source_name
        if column.required:
            raise CellError("värde saknas")
        return column.default

    def _insert(self, rows: list[Row]) -> None:
        if not rows:
            return
        table = self.kind.table
        defaults = {f: self._default(c) for c in self.kind.columns if c.link is None
                    for f in c.fields}
        stamp = {self.kind.stamp: self.now} if self.kind.stamp else {}
        fixed = {**defaults, **stamp, **{f: None for f in rows[0].parents}}
        fields = list({**fixed, **{f: None for f in rows[0].values if not f.startswith("_")}})
        cells = itemgetter(*fields)
        DriverInsert(self.session, table, fields)(cells({**fixed, **row.values}) for row in rows)
        # The new ids, found by key through the batch's key table.
        key_cols = [table.c[f] for f in self.kind.key_fields]
        by_key = {row.key: row for row in rows}
        query = select(table.c.id, *key_cols).join(self.keys.table, self.keys.matches(key_cols))
        for row_id, *key in self.session.execute(query):
            row = by_key.get(tuple(key))
            if row is None:
                continue
            row.row_id, row.status = row_id, "new"
            self.written.set(row_id, row.number)
            row.values.update({OLD + f: None for f in row.parents})

    def _update(self, rows: list[Row], compare: list[str]) -> None:
        if not rows:
            return
        table = self.kind.table
        stamp = {self.kind.stamp: self.now} if self.kind.stamp else {}
        params = [{"_id": row.row_id, **{f: row.values[f] for f in compare}, **stamp}
                  for row in rows]
        self.session.execute(update(table).where(table.c.id == bindparam("_id")), params)

    def _write_links(self, rows: list[Row], present: list[Column]) -> None:
        """Replace the links of rows whose RefList cells name other rows than those stored."""
        for column in (c for c in present if c.link is not None):
            link = column.link
            own, other = link.table.c[link.own], link.table.c[link.other]
            stored: dict[int, set] = {row.row_id: set() for row in rows}
            for own_id, other_id in self.session.execute(
                    select(own, other).where(own.in_(list(stored)))):
                stored[own_id].add(other_id)
            changed = [row for row in rows if set(row.links[column.field]) != stored[row.row_id]]
            if not changed:
                continue
            self.session.execute(delete(link.table).where(own.in_([r.row_id for r in changed])))
            pairs = [{link.own: row.row_id, link.other: other_id}
                     for row in changed for other_id in row.links[column.field]]
            if pairs:
                self.session.execute(insert(link.table), pairs)
            for row in changed:
                if row.status == "unchanged":
                    row.status = "updated"

    def _count(self, row: Row) -> None:
        """Count a written row as new, updated or unchanged; note the date its data runs to."""
        counts = self.report.counts
        if row.status == "unchanged":
            counts.unchanged += 1
            return
        setattr(counts, row.status, getattr(counts, row.status) + 1)
        self.report.sample(row.status, row)
        day = self.kind.as_of(row.values) if self.kind.as_of else None
        if day is not None and (self.as_of is None or day > self.as_of):
            self.as_of = day




def _resolved(ids: dict, value, column: Column, number: int, problems: list, file: str):
    """The id a reference names, or None with a problem when nothing has that code."""
    if value is None:
        return None
    found = ids.get(value)
    if found is None:
        reason = (ids.missing(value) if isinstance(ids, MappedIds)
                  else column.ref.missing)
        problems.append(Problem(file, reason, number, column.header, column.ref.format(value)))
    return found


def _value_of(values: dict, column: Column):
    """A column's parsed value from a row's values (a tuple for multi-field columns)."""
    if len(column.fields) > 1:
        return tuple(values.get(f) for f in column.fields)
    return values.get(column.field)


def _batches(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    batch: list[Row] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
