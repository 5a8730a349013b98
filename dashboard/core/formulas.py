"""Text that a spreadsheet must show, never run: OWASP's rule against CSV (formula) injection.

A cell whose text starts with `=`, `+`, `-`, `@`, a tab or a carriage return is run as a
formula when Excel or LibreOffice opens the file: a risk titled `=HYPERLINK(…)` becomes a
live link. Every file we write passes its cells through here:

- CSV: such text gets a leading `'` (so does text that already starts with one), and
  `from_csv` takes exactly that `'` off again, so the import reads back what was exported;
- .xlsx: such text becomes an explicit text cell marked as typed with a leading `'`
  (Excel's *quotePrefix*), which Excel shows as text and never evaluates, not even after
  the cell is edited; its value stays the text itself.

Numbers stay numbers: a cell that is just a number (`-12,5`, `+3`) cannot be a formula.
This sits in the base layer (dashboard.core) because both the page downloads
(dashboard.core.exports) and the import's own export (data_access.importers.exporting) write
files, and the base imports nothing above it.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?")


def runs_as_formula(text: str) -> bool:
    """Whether a spreadsheet would take the text for a formula (it is not just a number)."""
    return text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text)


def csv_text(text: str) -> str:
    """A CSV cell that a spreadsheet shows as the text: `'` before a formula or a `'`."""
    return QUOTE + text if text.startswith(QUOTE) or runs_as_formula(text) else text


def from_csv(text: str) -> str:
    """The text `csv_text` was given: its added `'` taken off again."""
    rest = text[1:]
    return rest if text.startswith(QUOTE) and (
        rest.startswith(QUOTE) or runs_as_formula(rest)) else text


def xlsx_value(sheet, value):
    """A value for an .xlsx row: text that would run as a formula as a quote-prefixed text
    cell of `sheet`, anything else as it is."""
    if not isinstance(value, str) or not runs_as_formula(value):
        return value
    from openpyxl.cell import WriteOnlyCell  # loaded with the workbook, not with the app

    cell = WriteOnlyCell(sheet, value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell
