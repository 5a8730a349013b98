"""Export and templates: every kind written in exactly the format its import reads.

CSV as Swedish Excel writes it (semicolons, decimal comma, UTF-8 with a byte order mark,
CRLF), with the page downloads' writer (dashboard.core.exports.write_csv), or .xlsx (numbers as
numbers, everything else as text). Text a spreadsheet would run as a formula is written as text
(dashboard.core.formulas), and the import reads it back unchanged. Rows stream from the database, so exporting a million measurements needs little
memory.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Iterator
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.core import formulas
from dashboard.core.exports import write_csv
from data_access.importers.kinds import KINDS
from data_access.importers.loading import Lookups
from data_access.importers.spec import Column, Kind
from data_access.importers.values import Decimal, Integer

FORMATS = ("csv", "xlsx")
STREAM_ROWS = 5000


def export_rows(session: Session, kind: Kind) -> Iterator[list]:
    """The kind's stored rows as file cells (parsed values, references as codes), by id."""
    lookups = Lookups(session)
    codes = {c.field: {v: k for k, v in lookups.ids(c.ref).items()}
             for c in kind.columns if c.ref is not None}
    links = {c.field: _links(session, c) for c in kind.columns if c.link is not None}
    table = kind.table
    query = select(table).where(*(table.c[f] == v for f, v in kind.fixed.items()))
    result = session.execute(query.order_by(table.c.id).execution_options(
        yield_per=STREAM_ROWS))
    for record in result.mappings():
        yield [_cell(column, record, codes, links) for column in kind.columns]


def _cell(column: Column, record, codes: dict, links: dict):
    if column.link is not None:
        found = codes[column.field]
        return tuple(found[i] for i in links[column.field].get(record["id"], ()))
    if column.ref is not None:
        row_id = record[column.field]
        return None if row_id is None else codes[column.field][row_id]
    if len(column.fields) > 1:
        return tuple(record[f] for f in column.fields)
    return record[column.field]


def _links(session: Session, column: Column) -> dict[int, list[int]]:
    link = column.link
    found = defaultdict(list)
    for own, other in session.execute(select(link.table.c[link.own], link.table.c[link.other])):
        found[own].append(other)
    return found


def csv_cells(kind: Kind, row: list) -> list[str]:
    """A row of parsed values as the text of CSV cells (the writer keeps formulas as text)."""
    return [column.type.format(value) for column, value in zip(kind.columns, row)]


def xlsx_cells(kind: Kind, row: list) -> list:
    """A row for .xlsx: numbers as numbers, the rest as the CSV's text."""
    return [value if isinstance(column.type, (Decimal, Integer)) and value is not None
            else (column.type.format(value) or None) for column, value in zip(kind.columns, row)]


def write(kind: Kind, rows, stream: BinaryIO, file_format: str) -> int:
    """Write a header and rows of parsed values to a binary stream; returns the row count."""
    if file_format == "xlsx":
        return _write_xlsx(kind, rows, stream)
    return write_csv(stream, [c.header for c in kind.columns],
                     (csv_cells(kind, row) for row in rows))


def _write_xlsx(kind: Kind, rows, stream: BinaryIO) -> int:
    # openpyxl (and the numpy it loads) only when a workbook is written, not in every worker.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(kind.title[:31])
    for index, column in enumerate(kind.columns, start=1):
        width = max(12, min(40, len(column.header) + 2))
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    header = []
    for column in kind.columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in rows:
        sheet.append([formulas.xlsx_value(sheet, value) for value in xlsx_cells(kind, row)])
        count += 1
    workbook.save(stream)
    return count


def export(session: Session, kind_name: str, stream: BinaryIO, file_format: str = "csv") -> int:
    """Write every stored row of a kind to `stream`; returns how many."""
    kind = KINDS[kind_name]
    return write(kind, export_rows(session, kind), stream, file_format)


def template(kind_name: str, file_format: str) -> bytes:
    """A file with the kind's Swedish headers and one example row."""
    kind = KINDS[kind_name]
    example = [_example(column) for column in kind.columns]
    out = io.BytesIO()
    write(kind, [example], out, file_format)
    return out.getvalue()


def _example(column: Column):
    """A column's example as a parsed value (so that .xlsx gets numbers as numbers)."""
    if not column.example:
        return None
    return column.type.parse(column.example)
