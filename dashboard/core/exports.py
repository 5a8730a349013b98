"""Tables as files people open in Excel: Swedish CSV and .xlsx, for every page's downloads.

A page describes a table once (`Table`: a title, typed `Column`s and rows of plain values);
dashboard.downloads sends it as either file (`to_xlsx`, `to_csv`).

- CSV is what Swedish Excel reads on a double-click: semicolons, a decimal comma, no
  thousands separator and an ASCII minus (so that cells stay numbers), UTF-8 with a byte
  order mark (so that å, ä and ö survive), CRLF line ends.
- Text that a spreadsheet would run as a formula (`=HYPERLINK(…)`) is written so that it
  shows as text (dashboard.core.formulas); numbers stay numbers.
- .xlsx holds real numbers with number formats: `#,##0` and `#,##0.0` are how the file
  format writes what Swedish Excel shows as `# ##0` and `# ##0,0`. Above the table the
  sheet says what it is: the table's title and what it covers (`about`, e.g. the unit and
  the period), then an empty row. The header row is bold, frozen and filterable, and the
  columns are as wide as their contents.

Percent columns hold a share (0.123): CSV writes it in per cent (`12,3`), .xlsx as a
percentage cell (`12,3 %`). Say which in the column's header, e.g. `Avvikelse (%)`.
A column's `decimals` overrides its kind's (whole numbers, one decimal), e.g. for indicators
measured to two decimals (`decimals_needed` finds how many a column's values have).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import BinaryIO

from dashboard.core import formatting as fmt
from dashboard.core import formulas

KINDS = ("text", "integer", "decimal", "percent")
CSV_DECIMALS = {"integer": 0, "decimal": 1, "percent": 1}
MOST_DECIMALS = 6
MIME_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
MIN_WIDTH, MAX_WIDTH = 8, 60  # characters
HEADER_CHARS = 24  # longer headers wrap rather than widen their column
SHEET_TITLE_CHARS = 31  # Excel's limit
_NOT_IN_SHEET_TITLES = re.compile(r"[\[\]:*?/\\]")
_NOT_IN_FILE_NAMES = re.compile(r"[^A-Za-z0-9_.-]+")


@dataclass(frozen=True)
class Column:
    """A column: its Swedish header and kind of value (text, integer, decimal or percent);
    `signed` numbers are shown with a plus sign when positive (deviations), `decimals` (if
    given) replaces the kind's number of decimals."""

    header: str
    kind: str = "text"
    signed: bool = False
    decimals: int | None = None

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")

    @property
    def places(self) -> int:
        """How many decimals the column's numbers are written with."""
        return CSV_DECIMALS.get(self.kind, 0) if self.decimals is None else self.decimals

    @property
    def number_format(self) -> str | None:
        """The .xlsx number format, e.g. `#,##0.0` (Swedish Excel shows `# ##0,0`)."""
        if self.kind == "text":
            return None
        fraction = "." + "0" * self.places if self.places else ""
        return f"0{fraction}%" if self.kind == "percent" else f"#,##0{fraction}"


@dataclass(frozen=True)
class Table:
    """A table to download: a title (the sheet's name), columns and rows of plain values, and
    what the table covers when the title does not say it (e.g. the unit and the period)."""

    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence]
    about: str = ""

    @property
    def heading(self) -> list[str]:
        """The lines above the table in Excel: the title, and what it covers."""
        return [self.title, *([self.about] if self.about else [])]


def covering(tables: dict[str, Table], about: str) -> dict[str, Table]:
    """Tables by name, each saying what it covers (e.g. the unit and the period)."""
    return {name: replace(table, about=about) for name, table in tables.items()}


def csv_value(value, column: Column) -> str:
    """One CSV cell: numbers with a decimal comma and no thousands separator, '' when missing."""
    if value is None:
        return ""
    if column.kind == "text":
        return str(value)
    number = float(value) * (100 if column.kind == "percent" else 1)
    places = column.places
    return f"{round(number, places) or 0.0:.{places}f}".replace(".", ",")  # no −0


def decimals_needed(values, most: int = MOST_DECIMALS) -> int:
    """The fewest decimals that write every one of the numbers exactly (at most `most`)."""
    needed = 0
    for value in values:
        if value is not None:
            text = f"{float(value):.{most}f}".rstrip("0")
            needed = max(needed, len(text.partition(".")[2]))
    return needed


def shown(value, column: Column) -> str:
    """A cell as Swedish text for the screen and paper, e.g. `−1 234`, `12,3`, `−3,4 %`."""
    if value is None:
        return "" if column.kind == "text" else fmt.MISSING
    if column.kind == "text":
        return str(value)
    if column.kind == "percent":
        return f"{fmt.number(float(value) * 100, column.places, signed=column.signed)}{fmt.NBSP}%"
    return fmt.number(value, column.places, signed=column.signed)


def measured(header: str, values) -> Column:
    """A decimal column written with every decimal its values have (measured indicators)."""
    return Column(header, "decimal", decimals=decimals_needed(values))


def write_csv(stream: BinaryIO, header: Sequence[str], rows: Iterable[Sequence[str]]) -> int:
    """Write a Swedish CSV file to a binary stream: the header, then rows of cell texts (numbers
    already written with a decimal comma), semicolons, UTF-8 with a byte order mark, CRLF, and
    text that a spreadsheet would run as a formula written as text. Returns the row count; rows
    may stream (the import's export writes millions)."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow([formulas.csv_text(cell) for cell in header])
    count = 0
    for row in rows:
        writer.writerow([formulas.csv_text(cell) for cell in row])
        count += 1
    text.flush()
    text.detach()
    return count


def to_csv(table: Table) -> bytes:
    """The table as a Swedish CSV file (semicolons, decimal comma, UTF-8 with BOM, CRLF)."""
    out = io.BytesIO()
    write_csv(out, [c.header for c in table.columns],
              ([csv_value(v, c) for v, c in zip(row, table.columns)] for row in table.rows))
    return out.getvalue()


def sheet_title(title: str) -> str:
    """A title Excel accepts for a sheet: no []:*?/\\ and at most 31 characters."""
    cleaned = " ".join(_NOT_IN_SHEET_TITLES.sub(" ", title).split())
    return cleaned[:SHEET_TITLE_CHARS].rstrip() or "Tabell"


def _shown_length(value, column: Column) -> int:
    """About how many characters Excel shows for a cell (numbers gain thousands separators)."""
    text = csv_value(value, column)
    if column.kind == "text":
        return len(text)
    digits = len(text.split(",")[0].lstrip("-"))
    return len(text) + (digits - 1) // 3 + (2 if column.kind == "percent" else 0)


def _width(column: Column, values: list) -> int:
    """A column's width in characters: its longest value, and its header (which may wrap)."""
    longest = max((_shown_length(v, column) for v in values), default=0)
    return max(MIN_WIDTH, min(MAX_WIDTH, max(longest, min(len(column.header), HEADER_CHARS)) + 2))


def to_xlsx(table: Table) -> bytes:
    """The table as an Excel workbook: one sheet, its title and what it covers above the
    table, bold frozen headers, formatted numbers."""
    # openpyxl (and the numpy it loads) only when a workbook is asked for: about 20 MB less
    # in every worker that never writes one.
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title(table.title)
    for line in table.heading:  # names come from the data: a unit may be called "=…"
        sheet.append([formulas.xlsx_value(sheet, line)])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    header = len(table.heading) + 2  # after the heading and an empty row
    sheet.append([formulas.xlsx_value(sheet, c.header) for c in table.columns])
    for cell in sheet[header]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for row in table.rows:
        sheet.append([formulas.xlsx_value(sheet, _xlsx_value(v, c.kind))
                      for v, c in zip(row, table.columns)])
    for index, column in enumerate(table.columns, start=1):
        if column.number_format:
            for (cell,) in sheet.iter_rows(min_row=header + 1, min_col=index, max_col=index):
                cell.number_format = column.number_format
        values = [row[index - 1] for row in table.rows]
        sheet.column_dimensions[get_column_letter(index)].width = _width(column, values)
    sheet.freeze_panes = f"A{header + 1}"
    last = get_column_letter(max(len(table.columns), 1))
    sheet.auto_filter.ref = f"A{header}:{last}{header + len(table.rows)}"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _xlsx_value(value, kind: str):
    """A cell's value: text as text, numbers as floats, nothing when missing."""
    if value is None or kind == "text":
        return value
    return float(value)


def plain_number(value: float | None) -> str:
    """A number as open-data CSV writes it: every decimal kept, decimal comma, no grouping."""
    if value is None:
        return ""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return ("0" if text in ("-0", "") else text).replace(".", ",")


def _ascii(text: str) -> str:
    """Text without its accents: å, ä and ö become a, a and o."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def file_name(*parts: str, extension: str) -> str:
    """A safe ASCII file name from parts, e.g. `ekonomi_kostnadsslag_HSN_2026-10.xlsx`."""
    stem = "_".join(p for p in (_NOT_IN_FILE_NAMES.sub("-", _ascii(str(part))).strip("-")
                                for part in parts) if p)
    return f"{stem or 'tabell'}.{extension}"

