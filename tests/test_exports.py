"""Downloads: a table as Swedish CSV (semicolons, decimal comma, UTF-8 with BOM) and as an
Excel workbook (bold frozen headers, number formats, column widths), as Excel would read them;
text that starts like a formula is written so that no spreadsheet runs it."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from dashboard.core import exports, formulas
from dashboard.core.exports import Column, Table

TABLE = Table(
    "Nämnder jan–okt 2026",
    [Column("Namn"), Column("Budget (tkr)", "integer"), Column("Avvikelse (mnkr)", "decimal"),
     Column("Avvikelse (%)", "percent")],
    [["Hälso- och sjukvårdsnämnden", -4236712.4, -242.34, -0.0534],
     ["Regionstyrelsen; stab", 1234.5, 28.96, 0.035],
     ["Saknar utfall", None, None, None]],
)


def test_csv_is_what_swedish_excel_reads():
    data = exports.to_csv(TABLE)
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark
    text = data.decode("utf-8-sig")
    assert text.endswith("\r\n") and "\r\n" in text.rstrip("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[0] == ["Namn", "Budget (tkr)", "Avvikelse (mnkr)", "Avvikelse (%)"]
    # Whole tkr, one decimal for mnkr and per cent; an ASCII minus and no thousands separator,
    # so that Excel keeps them as numbers.
    assert rows[1] == ["Hälso- och sjukvårdsnämnden", "-4236712", "-242,3", "-5,3"]
    assert rows[2] == ["Regionstyrelsen; stab", "1234", "29,0", "3,5"]  # ; is quoted
    assert '"Regionstyrelsen; stab"' in text
    assert rows[3] == ["Saknar utfall", "", "", ""]


@pytest.mark.parametrize(("value", "column", "text"), [
    (-0.04, Column("x", "decimal"), "0,0"),  # no negative zero
    (1234.56, Column("x", "decimal"), "1234,6"),
    (0.1234, Column("x", "percent"), "12,3"),
    ("text; with semicolon", Column("x"), "text; with semicolon"),
    (-12.25, Column("x", "decimal", decimals=2), "-12,25"),
    (3.0, Column("x", "decimal", decimals=2), "3,00"),
    (0.12345, Column("x", "percent", decimals=2), "12,35"),
])
def test_csv_values(value, column, text):
    assert exports.csv_value(value, column) == text


def test_measured_values_keep_every_decimal_they_have():
    assert exports.decimals_needed([1234.5, -12.25, 3.0, None]) == 2
    assert exports.decimals_needed([90.0, 4.0]) == 0
    assert exports.decimals_needed([0.1 + 0.2]) == 1  # not a float's noise
    column = exports.measured("Utfall (%)", [87.35, 90.0])
    assert column.kind == "decimal" and column.decimals == 2
    assert column.number_format == "#,##0.00"
    assert Column("x", "percent", decimals=0).number_format == "0%"
    table = Table("Indikator", [Column("Period"), column], [["2026", 87.35], ["2025", 90.0]])
    assert exports.to_csv(table).decode("utf-8-sig").splitlines()[1:] == ["2026;87,35",
                                                                         "2025;90,00"]
    sheet = load_workbook(io.BytesIO(exports.to_xlsx(table))).active
    assert sheet["B4"].value == 87.35 and sheet["B4"].number_format == "#,##0.00"
    assert exports.shown(87.35, column) == "87,35"


def test_xlsx_has_numbers_formats_bold_frozen_headers_and_widths():
    book = load_workbook(io.BytesIO(exports.to_xlsx(TABLE)))
    sheet = book.active
    assert sheet.title == "Nämnder jan–okt 2026"
    assert sheet["A1"].value == "Nämnder jan–okt 2026" and sheet["A1"].font.bold  # the title
    assert [c.value for c in sheet[3]] == [c.header for c in TABLE.columns]
    assert all(c.font.bold for c in sheet[3])
    assert sheet.freeze_panes == "A4"
    assert sheet.auto_filter.ref == "A3:D6"
    name, budget, deviation, share = sheet[4]
    assert name.value == "Hälso- och sjukvårdsnämnden"
    assert budget.value == pytest.approx(-4236712.4) and budget.number_format == "#,##0"
    assert deviation.value == pytest.approx(-242.34) and deviation.number_format == "#,##0.0"
    assert share.value == pytest.approx(-0.0534) and share.number_format == "0.0%"
    assert [c.value for c in sheet[6]] == ["Saknar utfall", None, None, None]
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCD"}
    assert widths["A"] >= len("Hälso- och sjukvårdsnämnden")
    assert all(exports.MIN_WIDTH <= w <= exports.MAX_WIDTH for w in widths.values())


def test_the_excel_file_says_what_it_covers_and_the_csv_stays_a_table():
    table = Table("Kostnadsslag jan–okt 2026", [Column("Kategori")], [["Läkemedel"]],
                  about="Hälso- och sjukvårdsnämnden, jan–okt 2026")
    sheet = load_workbook(io.BytesIO(exports.to_xlsx(table))).active
    assert [sheet["A1"].value, sheet["A2"].value, sheet["A3"].value] == [
        "Kostnadsslag jan–okt 2026", "Hälso- och sjukvårdsnämnden, jan–okt 2026", None]
    assert sheet["A4"].value == "Kategori" and sheet.freeze_panes == "A5"
    assert exports.to_csv(table).decode("utf-8-sig").splitlines() == ["Kategori", "Läkemedel"]


def test_an_unknown_column_kind_is_refused():
    with pytest.raises(ValueError):
        Column("Belopp", "pengar")


def test_sheet_titles_and_file_names_are_safe():
    assert exports.sheet_title("Budget [2026]: HSN/HSF?") == "Budget 2026 HSN HSF"
    assert len(exports.sheet_title("x" * 40)) == 31
    assert exports.file_name("ekonomi", "HSF-PV-HC-BRUNFLO", "barn/../x", "2026-10",
                             extension="csv") == "ekonomi_HSF-PV-HC-BRUNFLO_barn-..-x_2026-10.csv"
    assert exports.file_name("", extension="xlsx") == "tabell.xlsx"
    assert exports.file_name("mal", "Hälsa", "Östersund", extension="csv") == \
        "mal_Halsa_Ostersund.csv"  # ASCII only


# --- Formulas: text a spreadsheet would run is written as text (OWASP) ---------------------

FORMULA_TEXTS = ['=HYPERLINK("http://x","y")', "@SUM(1)", "+1+1", "-2+3", "\t=1", "\r=1",
                 "=1", "-A1", "+"]
NOT_FORMULAS = ["Hälsocentralen", "-12", "-12,5", "+3", "1.5", "", "a=b", " =1"]


@pytest.mark.parametrize("text", FORMULA_TEXTS)
def test_text_that_starts_a_formula_gets_a_quote_in_csv(text):
    assert formulas.runs_as_formula(text)
    assert formulas.csv_text(text) == "'" + text
    assert formulas.from_csv(formulas.csv_text(text)) == text


@pytest.mark.parametrize("text", NOT_FORMULAS)
def test_plain_text_and_numbers_are_left_alone(text):
    assert not formulas.runs_as_formula(text)
    assert formulas.csv_text(text) == text == formulas.from_csv(text)


@pytest.mark.parametrize("text", ["'", "'a", "'=1", "''=1", "'-5", "''"])
def test_text_that_starts_with_a_quote_reads_back_as_itself(text):
    assert formulas.from_csv(formulas.csv_text(text)) == text


def test_a_quote_someone_typed_stays():
    assert formulas.from_csv("'a") == "'a" and formulas.from_csv("'-5") == "'-5"


CANARY_TABLE = Table("Risker", [Column("Titel"), Column("Avvikelse (tkr)", "decimal")],
                     [[text, -5.5] for text in FORMULA_TEXTS] + [["-12", -0.5]])


def test_a_csv_download_runs_no_formula_and_keeps_negative_numbers():
    rows = list(csv.reader(io.StringIO(exports.to_csv(CANARY_TABLE).decode("utf-8-sig"),
                                       newline=""), delimiter=";"))
    assert [row[0] for row in rows[1:]] == ["'" + text for text in FORMULA_TEXTS] + ["-12"]
    assert {row[1] for row in rows[1:]} == {"-5,5", "-0,5"}


def test_an_xlsx_download_holds_formula_texts_as_typed_text_and_numbers_as_numbers():
    sheet = load_workbook(io.BytesIO(exports.to_xlsx(CANARY_TABLE))).active
    first = len(CANARY_TABLE.heading) + 3  # under the heading, an empty row and the header
    titles = [row[0] for row in sheet.iter_rows(min_row=first)]
    # XML reads a carriage return back as a line feed
    assert [c.value for c in titles] == [t.replace("\r", "\n") for t in FORMULA_TEXTS] + ["-12"]
    assert all(c.data_type == "s" and c.quotePrefix for c in titles[:-1])
    assert all(c.data_type == "n" and c.value < 0 for (_, c) in sheet.iter_rows(min_row=first))
