"""Reading import files: CSV as Swedish Excel writes it, and .xlsx, streamed row by row.

CSV: UTF-8 with or without a byte order mark, or Windows-1252 (what older Excel writes as
"CSV (semikolonavgränsad)"); semicolon separator (tab and comma are recognised too).
The encoding is decided by reading the whole file once before parsing, so a file is never
half read in the wrong encoding. A cell's `'` before a formula (how exports write text that
starts like one, dashboard.core.formulas) is taken off. Rows are numbered as Excel numbers
them: the header is 1.

.xlsx: the archive's unpacked sizes are checked before it is opened, so that a small file
cannot unpack into gigabytes. The sheet is read row by row; the other parts (the shared
strings above all) are read whole and take several times their size in memory, so their
limit is lower.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from dashboard.core.formulas import QUOTE, from_csv
from data_access.importers.report import FileProblem
from data_access.importers.values import count

MB = 1 << 20
CHUNK = MB
UNPACKED_LIMIT = 200 * MB  # an .xlsx archive's parts together, unpacked
WHOLE_PARTS_LIMIT = 20 * MB  # the parts read whole, not row by row (all but the sheets)
SHEETS = "xl/worksheets/"
FIELD_LIMIT = 4 * CHUNK  # characters in one CSV cell before the reader gives up
SEPARATORS = (";", "\t", ",")
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_UNDEFINED_IN_1252 = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
# UTF-8 text that was read as Windows-1252 and saved again: "Ã¤" where "ä" was meant.
_DOUBLE_ENCODED = re.compile("Ã[\u00a4\u00a5\u00b6\u201e\u2026\u2013\u00a9]")
_MAGIC = (
    (b"\xd0\xcf\x11\xe0", "Filen är i det gamla Excel-formatet (.xls). Spara den som .xlsx "
                          "eller som CSV och försök igen."),
    (b"\xff\xfe", "Filen är sparad som UTF-16 (Unicode-text). Spara den som CSV UTF-8 eller "
                  "CSV (semikolonavgränsad) och försök igen."),
    (b"\xfe\xff", "Filen är sparad som UTF-16 (Unicode-text). Spara den som CSV UTF-8 eller "
                  "CSV (semikolonavgränsad) och försök igen."),
    (b"%PDF", "Filen är en PDF. Importen läser bara CSV- och Excelfiler (.csv, .xlsx)."),
)
NOT_A_TABLE = ("Filen är inte en CSV- eller Excelfil: den innehåller binära data. Importen läser "
               "bara .csv och .xlsx.")


@dataclass
class Sheet:
    """A file's header and its data rows as (row number, cells)."""

    header: list[str]
    rows: Iterator[tuple[int, list]]
    format: str
    encoding: str | None = None


def open_sheet(stream: BinaryIO) -> Sheet:
    """The table in a seekable binary stream: .xlsx by content, otherwise CSV."""
    head = stream.read(8192)
    stream.seek(0)
    if not head.strip().removeprefix(codecs.BOM_UTF8).strip():
        raise FileProblem("Filen är tom.")
    if head.startswith(b"PK\x03\x04"):
        return _xlsx(stream)
    for magic, message in _MAGIC:
        if head.startswith(magic):
            raise FileProblem(message)
    if _CONTROL.search(head):
        raise FileProblem(NOT_A_TABLE)
    if head.removeprefix(codecs.BOM_UTF8).lstrip().startswith((b"{", b"[")):
        raise FileProblem("Filen är JSON, inte CSV. Koladas JSON importeras som sorten kolada; "
                          "andra sorter läses från CSV- och Excelfiler.")
    encoding = detect_encoding(stream)
    return _csv(stream, encoding)


def detect_encoding(stream: BinaryIO) -> str:
    """utf-8-sig when the whole file is UTF-8, else cp1252 when that reads it; else an error."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    lines, utf8 = 1, True
    for chunk in iter(lambda: stream.read(CHUNK), b""):
        if _CONTROL.search(chunk):
            raise FileProblem(NOT_A_TABLE)
        if utf8:
            try:
                text = decoder.decode(chunk)
            except UnicodeDecodeError:
                utf8 = False
            else:
                _refuse_double_encoding(text, lines)
        bad = _UNDEFINED_IN_1252.search(chunk)
        if bad and not utf8:
            line = lines + chunk[:bad.start()].count(b"\n")
            raise FileProblem(f"Filens teckenkodning är okänd (rad {line}): den är varken UTF-8 "
                              "eller Windows-1252. Spara den som CSV UTF-8 och försök igen.",
                              row=line)
        lines += chunk.count(b"\n")
    stream.seek(0)
    if utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False
    return "utf-8-sig" if utf8 else "cp1252"


def _refuse_double_encoding(text: str, first_line: int) -> None:
    """A FileProblem when UTF-8 text shows å, ä and ö as "Ã¥", "Ã¤" and "Ã¶"."""
    found = _DOUBLE_ENCODED.search(text)
    if found:
        line = first_line + text[:found.start()].count("\n")
        raise FileProblem(f"Filen har fel teckenkodning (rad {line}): å, ä och ö har blivit "
                          "tecken som ”Ã¤”, så den har sparats om i fel kodning. Exportera den "
                          "på nytt som CSV UTF-8.", row=line)


def _separator(line: str) -> str:
    """The separator the header line uses most (semicolon when tied)."""
    return max(SEPARATORS, key=line.count)


def _csv(stream: BinaryIO, encoding: str) -> Sheet:
    text = io.TextIOWrapper(stream, encoding=encoding, newline="")
    first = text.readline()
    separator = _separator(first)
    if first.lower().startswith("sep=") and len(first.strip()) == 5:  # Excel's hint line
        separator, first = first[4], text.readline()
    csv.field_size_limit(FIELD_LIMIT)
    reader = csv.reader(itertools.chain([first], text), delimiter=separator, strict=True)
    records = _records(reader)
    return Sheet(_header(records), records, "csv", encoding.removesuffix("-sig"))


def _header(rows: Iterator[tuple[int, list]]) -> list[str]:
    """The first row's cells as text; a FileProblem when it is missing or not row 1."""
    try:
        number, header = next(rows)
    except StopIteration:
        raise FileProblem("Filen är tom.") from None
    if number != 1:
        raise FileProblem("Den första raden ska vara rubrikraden, men filen börjar med tomma "
                          "rader.", row=1)
    return ["" if h is None else str(h) for h in header]


def _records(reader) -> Iterator[tuple[int, list]]:
    """Non-empty records with their row numbers; a broken record is a FileProblem."""
    number = 0
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise FileProblem(_csv_error(exc), row=number + 1) from None
        number += 1
        if any(cell.strip() for cell in record):
            yield number, _unquoted(record)


def _unquoted(record: list[str]) -> list[str]:
    """The cells without the `'` an export puts before text that starts like a formula
    (looked for cell by cell only in the rare record that holds a `'` at all)."""
    return [from_csv(cell) for cell in record] if QUOTE in "".join(record) else record


def _csv_error(exc: csv.Error) -> str:
    if "field larger than field limit" in str(exc):
        return f"en cell är längre än {count(FIELD_LIMIT)} tecken; filen kan inte läsas"
    return f"raden kan inte läsas som CSV (citattecken som inte stängs?): {exc}"


INVALID_XLSX = "Filen är inte en giltig Excelfil (.xlsx)."
# What openpyxl raises for a broken archive or XML part (XML errors are SyntaxErrors).
BROKEN_XLSX = (zipfile.BadZipFile, KeyError, OSError, ValueError, SyntaxError)


def _refuse_zip_bombs(stream: BinaryIO) -> None:
    """A FileProblem when the .xlsx archive unpacks past the limits (its stated sizes bind:
    Python's zipfile reads no more than an entry says it holds)."""
    try:
        with zipfile.ZipFile(stream) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FileProblem(INVALID_XLSX) from None
    finally:
        stream.seek(0)
    unpacked = sum(e.file_size for e in entries)
    whole = sum(e.file_size for e in entries if not e.filename.startswith(SHEETS))
    for size, limit, what in ((unpacked, UNPACKED_LIMIT, "Filen"),
                              (whole, WHOLE_PARTS_LIMIT, "Filens texter och format")):
        if size > limit:
            raise FileProblem(f"{what} packas upp till {_megabytes(size)} MB; högst "
                              f"{_megabytes(limit)} MB går att läsa. Spara den som CSV "
                              "(semikolonavgränsad) och importera den i stället.")


def _megabytes(size: int) -> str:
    return count(-(-size // MB))  # rounded up: 200 MB and a byte is more than 200 MB


def _xlsx(stream: BinaryIO) -> Sheet:
    from openpyxl import load_workbook

    _refuse_zip_bombs(stream)
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
    except (*BROKEN_XLSX, IndexError):
        raise FileProblem(INVALID_XLSX) from None
    rows = _xlsx_rows(sheet)
    return Sheet(_header(rows), rows, "xlsx")


def _xlsx_rows(sheet) -> Iterator[tuple[int, list]]:
    """The sheet's non-empty rows; a part found broken while streaming is a FileProblem."""
    try:
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if any(v is not None and str(v).strip() for v in values):
                yield number, list(values)
    except BROKEN_XLSX:
        raise FileProblem(INVALID_XLSX) from None
