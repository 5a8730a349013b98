"""Import files against the small region, on SQLite and PostgreSQL: bad files are refused
with a precise Swedish message and leave every data table byte for byte unchanged; good
files in every encoding Excel writes load the same; re-imports change nothing; corrections
update in place; --skip-invalid and --dry-run do what they say; every run is logged."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data_access.db import get_engine, session_scope
from data_access.importers import loading, run_import
from data_access.models import (
    Goal,
    GoalStatus,
    ImportRun,
    Measurement,
    OrgUnit,
    OrgUnitClosure,
    Risk,
    goal_indicators,
)
from data_access.queries.meta import data_version, latest_import
from data_access.scope import MANAGEMENT
from tests.small_region import build_small_region
from tests.table_state import IMPORT_RECORDS, checksums

RISK_HEADER = "Kod;Titel;Nämnd;Ägare;Process;År;Sannolikhet;Konsekvens;Status"
RISK_ROW = "R9;T;HSN;HSN;LON;2026;1;1;öppen"
ECONOMY_HEADER = "Enhet;Kostnadsslag;År;Månad;Belopp (tkr)"
MEASUREMENT_HEADER = "Indikator;Enhet;Period;Värde totalt;Värde kvinnor;Värde män;Källa"


@pytest.fixture
def small(db_url):
    """The small region in an empty database (SQLite, and PostgreSQL when configured)."""
    with session_scope(db_url) as session:
        build_small_region(session)
    return db_url


def csv_bytes(*lines: str, encoding: str = "utf-8-sig") -> bytes:
    return "\r\n".join(lines).encode(encoding)


def load(url: str, kind: str, data: bytes, name: str = "fil.csv", **options):
    with Session(get_engine(url)) as session:
        return run_import(session, kind, io.BytesIO(data), name, username="test", **options)


def scalar(url: str, query):
    with Session(get_engine(url)) as session:
        return session.scalar(query)


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def padded_xlsx(part: str, size: int) -> bytes:
    """A one-risk workbook whose `part` unpacks to `size` bytes, mostly spaces: a zip bomb
    of a few hundred kB."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([RISK_HEADER.split(";"),
                                                    RISK_ROW.split(";")])))
    names = source.namelist()
    start = source.read(part) if part in names else b'<sst xmlns="x"></sst>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            if name != part:
                archive.writestr(name, source.read(name))
        with archive.open(part, "w", force_zip64=True) as padded:
            padded.write(start)
            for _ in range((size - len(start)) // CHUNK):
                padded.write(b" " * CHUNK)
    return out.getvalue()


CHUNK = 1 << 20


def not_a_spreadsheet() -> bytes:
    """A zip file that is no workbook."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hej.txt", "inte ett kalkylblad")
    return out.getvalue()


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
# (name, kind, file, expected: (row, column, a piece of the reason))
BAD_FILES = [
    ("utf16", "risker", (RISK_HEADER + "\r\nR9;T;HSN;HSN;LON;2026;1;1;öppen").encode("utf-16"),
     (None, None, "UTF-16")),
    ("neither-utf8-nor-1252", "risker",
     csv_bytes(RISK_HEADER, "R9;Bad \x81;HSN;HSN;LON;2026;1;1;öppen", encoding="latin-1"),
     (2, None, "varken UTF-8 eller Windows-1252")),
    ("double-encoded", "risker",
     csv_bytes(RISK_HEADER, "R9;LÃ¶ner;HSN;HSN;LON;2026;1;1;Ã¶ppen"),
     (2, None, "fel teckenkodning")),
    ("missing-column", "risker",
     csv_bytes("Kod;Titel;Nämnd;Ägare;Process;År;Konsekvens;Status",
               "R9;T;HSN;HSN;LON;2026;1;öppen"),
     (1, None, "kolumner saknas i rubrikraden: ”Sannolikhet”")),
    ("unknown-column", "risker",
     csv_bytes(RISK_HEADER + ";Färg", "R9;T;HSN;HSN;LON;2026;1;1;öppen;röd"),
     (1, "Färg", "okänd kolumn")),
    ("unknown-unit", "matvarden",
     csv_bytes(MEASUREMENT_HEADER, "N1;HSN-E;2026;2,5;;;Kolada", "N1;FINNS-INTE;2026;1;;;Kolada"),
     (3, "Enhet", "det finns ingen enhet med den koden")),
    ("amounts-beyond-any-budget", "utfall",
     csv_bytes(ECONOMY_HEADER, "HSN-E;PERS;2026;11;1e308", "HSN-E;PERS;2026;12;1e308"),
     (3, "Belopp (tkr)", "ska vara ett tal med decimalkomma från -1\u00a0000\u00a0000\u00a0000")),
    ("infinite-value-in-xlsx", "matvarden",
     xlsx_bytes([MEASUREMENT_HEADER.split(";"), ["N1", "HSN-E", "2026", 1e308, None, None, "K"]]),
     (2, "Värde totalt", "ska vara ett tal med decimalkomma från")),
    ("year-with-a-letter", "risker", csv_bytes(RISK_HEADER, "R9;T;HSN;HSN;LON;20x6;1;1;öppen"),
     (2, "År", "är inte ett heltal; skriv ett årtal från 2000 till 2100")),
    ("sannolikhet-7", "risker",
     csv_bytes(RISK_HEADER, "R9;T;HSN;HSN;LON;2026;1;1;öppen", "R10;T;HSN;HSN;LON;2026;7;2;öppen"),
     (3, "Sannolikhet", "ska vara ett heltal från 1 till 4")),
    ("text-in-number", "matvarden",
     csv_bytes(MEASUREMENT_HEADER, "N1;HSN-E;2025;tolv;;;Kolada"),
     (2, "Värde totalt", "är inte ett tal")),
    ("duplicate-keys", "matvarden",
     csv_bytes(MEASUREMENT_HEADER, "N1;HSN-E;2025;1;;;Kolada", "N1;RUN-E;2025;1;;;Kolada",
               "N1;HSN-E;2025;2;;;Kolada"),
     (4, None, "samma nyckel (N1 / HSN-E / 2025) som rad 2")),
    ("period-2026-13", "matvarden",
     csv_bytes(MEASUREMENT_HEADER, "N1;HSN-E;2026-13;1;;;Kolada"),
     (2, "Period", "månad 13 finns inte")),
    ("empty", "risker", b"", (None, None, "Filen är tom.")),
    ("only-a-bom", "risker", "\ufeff\r\n".encode(), (None, None, "Filen är tom.")),
    ("header-only", "risker", csv_bytes(RISK_HEADER), (None, None, "inga rader med data")),
    ("binary", "risker", PNG, (None, None, "binära data")),
    ("zip-not-xlsx", "risker", not_a_spreadsheet(), (None, None, "inte en giltig Excelfil")),
    ("old-xls", "risker", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
     (None, None, "gamla Excel-formatet")),
    ("huge-cell", "risker",
     csv_bytes(RISK_HEADER, "R9;" + "x" * 1_000_000 + ";HSN;HSN;LON;2026;1;1;öppen"),
     (2, "Titel", "texten är 1\u00a0000\u00a0000 tecken lång; högst 300")),
    ("cell-beyond-the-reader", "risker",
     csv_bytes(RISK_HEADER, "R9;" + "x" * 5_000_000 + ";HSN;HSN;LON;2026;1;1;öppen"),
     (2, None, "en cell är längre än")),
    ("unclosed-quote", "risker",
     csv_bytes(RISK_HEADER, 'R9;"T;HSN;HSN;LON;2026;1;1;öppen'),
     (2, None, "kan inte läsas som CSV")),
    ("value-without-header", "risker",
     csv_bytes(RISK_HEADER + ";", "R9;T;HSN;HSN;LON;2026;1;1;öppen;extra"),
     (2, None, "kolumn utan rubrik")),
    ("more-cells-than-header", "risker",
     csv_bytes(RISK_HEADER, "R9;T;HSN;HSN;LON;2026;1;1;öppen;extra"),
     (2, None, "fler celler än rubrikraden")),
    ("done-without-date", "riskatgarder",
     csv_bytes("Kod;Titel;Ansvarig;Ansvarig enhet;Klar senast;Status",
               "A9;Åtgärd;Chef;HSN;2026-12-31;klar"),
     (2, "Klar datum", "ska ha det datum den blev klar")),
    ("parent-cycle", "organisation",
     csv_bytes("Kod;Namn;Nivå;Överordnad", "R;Regionen;region;HSN-E"),
     (None, None, "cirkel")),
    ("kolada-not-json", "kolada", b"{values: [", (None, None, "inte giltig JSON")),
    ("json-as-another-kind", "matvarden", b'{"values": []}', (None, None, "sorten kolada")),
    ("xlsx-bad-date", "riskatgarder",
     xlsx_bytes([["Kod", "Titel", "Ansvarig", "Ansvarig enhet", "Klar senast", "Status"],
                 ["A9", "Åtgärd", "Chef", "HSN", "31/12/2026", "pågående"]]),
     (2, "Klar senast", "är inte ett datum")),
]


@pytest.mark.parametrize("name,kind,data,expected", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_a_bad_file_is_refused_precisely_and_changes_no_data(small, name, kind, data, expected):
    before = checksums(small, skip=IMPORT_RECORDS)
    runs_before = scalar(small, select(func.count()).select_from(ImportRun))
    report = load(small, kind, data, f"{name}.csv")
    assert report.outcome == "fel"
    row, column, reason = expected
    assert any(p.row == row and p.column == column and reason in p.reason
               for p in report.problems), [str(p) for p in report.problems]
    assert checksums(small, skip=IMPORT_RECORDS) == before
    with Session(get_engine(small)) as session:
        run = session.scalars(select(ImportRun).order_by(ImportRun.id.desc())).first()
        assert session.scalar(select(func.count()).select_from(ImportRun)) == runs_before + 1
        assert (run.kind, run.outcome, run.file_name) == (kind, "fel", f"{name}.csv")
        assert run.file_hash == report.file_hash and len(run.file_hash) == 64
        assert reason in run.message


@pytest.mark.parametrize("part,size,reason", [
    ("xl/sharedStrings.xml", 21 * CHUNK,
     "Filens texter och format packas upp till 21 MB; högst 20 MB går att läsa."),
    ("xl/worksheets/sheet1.xml", 201 * CHUNK,
     "Filen packas upp till 201 MB; högst 200 MB går att läsa."),
])
def test_an_xlsx_that_unpacks_past_the_limit_is_refused_unopened(small, monkeypatch, part, size,
                                                                 reason):
    data = padded_xlsx(part, size)
    assert len(data) < 300_000
    monkeypatch.setattr("openpyxl.load_workbook", None)  # never opened
    report = load(small, "risker", data, "bomb.xlsx")
    assert report.outcome == "fel" and report.fatal
    [problem] = report.problems
    assert problem.reason.startswith(reason) and problem.reason.endswith(
        "Spara den som CSV (semikolonavgränsad) och importera den i stället.")


def test_an_xlsx_just_under_the_limits_is_read(small):
    report = load(small, "risker", padded_xlsx("xl/sharedStrings.xml", 19 * CHUNK), "r.xlsx")
    assert report.outcome == "ok", [str(p) for p in report.problems]


def test_an_xlsx_that_holds_less_than_it_says_is_refused(small):
    """The archive's stated sizes bind: an entry that unpacks past its size is broken."""
    data = bytearray(padded_xlsx("xl/worksheets/sheet1.xml", 2 * CHUNK))
    directory = data.find(b"PK\x01\x02")  # the central directory, where zipfile reads sizes
    entry = data.rfind(b"PK\x01\x02", 0, data.find(b"xl/worksheets/sheet1.xml", directory))
    data[entry + 24:entry + 28] = (1000).to_bytes(4, "little")  # says: 1 000 bytes unpacked
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        assert archive.getinfo("xl/worksheets/sheet1.xml").file_size == 1000
    report = load(small, "risker", bytes(data), "r.xlsx")
    assert report.outcome == "fel" and "inte en giltig Excelfil" in report.problems[0].reason


def test_a_message_names_file_row_column_value_and_reason(small):
    report = load(small, "risker", csv_bytes(RISK_HEADER, "R9;T;HSN;HSN;LON;2026;7;1;öppen"),
                  "risker.csv")
    assert str(report.problems[0]) == (
        "risker.csv, rad 2, kolumn ”Sannolikhet”, värdet ”7”: ska vara ett heltal från 1 till 4")


def test_a_long_value_is_quoted_short(small):
    report = load(small, "risker", csv_bytes(RISK_HEADER, "R9;" + "å" * 500 + ";HSN;HSN;LON;2026;1;1;öppen"))
    assert "… (500 tecken)" in str(report.problems[0]) and len(str(report.problems[0])) < 200


# --- Good files -----------------------------------------------------------------------

ORGANISATION = ("Kod;Namn;Nivå;Överordnad;Nämnd;Sortering",
                "HSN-F;Förvaltningen för hälsa;förvaltning;HSN;HSN;3",
                "HSN-F-Ö;Östersunds vårdcentral;enhet;HSN-F;HSN;1")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_every_encoding_excel_writes_loads_the_same(small, encoding):
    report = load(small, "organisation", csv_bytes(*ORGANISATION, encoding=encoding))
    assert report.outcome == "ok" and report.counts.new == 2
    assert scalar(small, select(OrgUnit.name).where(OrgUnit.code == "HSN-F-Ö")) == \
        "Östersunds vårdcentral"


def test_excels_separator_hint_line_is_understood(small):
    report = load(small, "organisation", csv_bytes("sep=,", *(line.replace(";", ",")
                                                               for line in ORGANISATION)))
    assert report.outcome == "ok" and report.counts.new == 2


def test_tab_separated_text_and_xlsx_load_too(small):
    tab = "\r\n".join(line.replace(";", "\t") for line in ORGANISATION).encode("utf-8")
    assert load(small, "organisation", tab).counts.new == 2
    sheet = xlsx_bytes([line.split(";") for line in ORGANISATION])
    report = load(small, "organisation", sheet, "org.xlsx")
    assert (report.counts.unchanged, report.outcome) == (2, "ok")


def test_swedish_numbers_and_excel_cells(small):
    rows = [["Indikator", "Enhet", "Period", "Värde totalt", "Värde kvinnor", "Källa"],
            ["N1", "HSN-E", dt.datetime(2026, 3, 1), 1234.5, "1 234,5", "Testkälla"],
            ["N1", "HSN-E", "2026-T2", "−0,25", "0.5", "Testkälla"],
            ["N1", "HSN-E", 2024, 3, None, "Testkälla"]]
    report = load(small, "matvarden", xlsx_bytes(rows), "m.xlsx")
    assert report.outcome == "ok", [str(p) for p in report.problems]
    with Session(get_engine(small)) as session:
        stored = {m.period: (m.period_end, m.value_total, m.value_women) for m in session.scalars(
            select(Measurement).join(OrgUnit, OrgUnit.id == Measurement.unit_id)
            .where(OrgUnit.code == "HSN-E", Measurement.source == "Testkälla"))}
    # N1 is measured per year: a date cell names the year it lies in.
    assert stored == {"2026": (dt.date(2026, 12, 31), 1234.5, 1234.5),
                      "2026-T2": (dt.date(2026, 8, 31), -0.25, 0.5),
                      "2024": (dt.date(2024, 12, 31), 3.0, None)}


def test_reimport_changes_nothing_and_a_correction_updates_in_place(small):
    lines = [MEASUREMENT_HEADER, "N1;HSN-E;2025-T1;10;;;Internt", "N1;RUN-E;2025-T1;20;;;Internt"]
    first = load(small, "matvarden", csv_bytes(*lines))
    version = scalar(small, select(func.max(ImportRun.id)))
    assert first.counts.new == 2 and first.wrote
    with Session(get_engine(small)) as session:
        assert data_version(session, MANAGEMENT) == version
    ids = scalar(small, select(func.sum(Measurement.id)).where(Measurement.period == "2025-T1"))
    before = checksums(small, skip=IMPORT_RECORDS)
    again = load(small, "matvarden", csv_bytes(*lines))
    assert (again.counts.new, again.counts.updated, again.counts.unchanged) == (0, 0, 2)
    assert checksums(small, skip=IMPORT_RECORDS) == before
    with Session(get_engine(small)) as session:
        assert data_version(session, MANAGEMENT) == version  # nothing changed: caches stay
    lines[2] = "N1;RUN-E;2025-T1;21,5;;;Internt"
    fixed = load(small, "matvarden", csv_bytes(*lines))
    assert (fixed.counts.new, fixed.counts.updated, fixed.counts.unchanged) == (0, 1, 1)
    assert fixed.samples["updated"] == ["N1 / RUN-E / 2025-T1"]
    assert scalar(small, select(func.sum(Measurement.id)).where(
        Measurement.period == "2025-T1")) == ids  # the same rows, updated
    assert scalar(small, select(Measurement.value_total).where(
        Measurement.period == "2025-T1", Measurement.value_total > 20)) == 21.5
    with Session(get_engine(small)) as session:
        assert data_version(session, MANAGEMENT) == fixed.run_id > version


def test_dry_run_counts_and_writes_nothing(small):
    before = checksums(small, skip=IMPORT_RECORDS)
    report = load(small, "organisation", csv_bytes(*ORGANISATION), dry_run=True)
    assert (report.outcome, report.counts.new, report.wrote) == ("ok", 2, False)
    assert report.samples["new"] == ["HSN-F", "HSN-F-Ö"]
    assert checksums(small, skip=IMPORT_RECORDS) == before
    with Session(get_engine(small)) as session:
        run = session.get(ImportRun, report.run_id)
        assert run.dry_run and run.rows_new == 2 and run.outcome == "ok"
        assert data_version(session, MANAGEMENT) == 0


def test_skip_invalid_keeps_the_valid_rows_and_reports_the_rest(small):
    report = load(small, "risker", csv_bytes(
        RISK_HEADER, "R9;Ny;HSN;HSN;LON;2026;2;2;öppen", "R10;Fel;HSN;HSN;LON;2026;7;2;öppen",
        "R11;Ny;RUN;RUN;LON;2026;1;4;stängd"), skip_invalid=True)
    assert report.outcome == "delvis"
    assert (report.counts.read, report.counts.new, report.counts.rejected) == (3, 2, 1)
    assert [p.row for p in report.problems] == [3]
    with Session(get_engine(small)) as session:
        codes = set(session.scalars(select(Risk.code).where(Risk.code.in_(["R9", "R10", "R11"]))))
        assert codes == {"R9", "R11"}
        assert data_version(session, MANAGEMENT) == report.run_id


def test_skip_invalid_with_only_bad_rows_is_a_failure(small):
    report = load(small, "risker", csv_bytes(RISK_HEADER, "R9;T;HSN;HSN;LON;2026;9;2;öppen"),
                  skip_invalid=True)
    assert report.outcome == "fel"


def test_parents_may_come_later_and_closures_are_rebuilt(small):
    report = load(small, "organisation", csv_bytes(ORGANISATION[0], *reversed(ORGANISATION[1:])))
    assert report.outcome == "ok"
    with Session(get_engine(small)) as session:
        ids = dict(session.execute(select(OrgUnit.code, OrgUnit.id)).all())
        child = session.get(OrgUnit, ids["HSN-F-Ö"])
        assert (child.parent_id, child.namnd_id) == (ids["HSN-F"], ids["HSN"])
        ancestors = set(session.scalars(select(OrgUnitClosure.ancestor_id).where(
            OrgUnitClosure.descendant_id == ids["HSN-F-Ö"])))
        assert ancestors == {ids["HSN-F-Ö"], ids["HSN-F"], ids["HSN"], ids["R"]}


def test_a_rejected_parent_takes_its_children_with_it(small):
    report = load(small, "organisation", csv_bytes(
        "Kod;Namn;Nivå;Överordnad", "A;Ny;förvaltning;SAKNAS", "B;Under A;enhet;A",
        "C;Under HSN;enhet;HSN"), skip_invalid=True)
    assert (report.outcome, report.counts.new, report.counts.rejected) == ("delvis", 1, 2)
    assert [(p.row, p.column, p.value) for p in report.problems] == [
        (2, "Överordnad", "SAKNAS"), (3, "Överordnad", "A")]


def test_a_changed_parent_counts_as_an_update(small):
    load(small, "organisation", csv_bytes(*ORGANISATION))
    moved = load(small, "organisation", csv_bytes(
        "Kod;Namn;Nivå;Överordnad", "HSN-F-Ö;Östersunds vårdcentral;enhet;HSN"))
    assert (moved.counts.updated, moved.counts.unchanged) == (1, 0)


def test_links_are_replaced_and_statuses_recomputed(small):
    header = "Kod;Typ;Titel;Ägare;Planperiod från;Planperiod till;Överordnat mål;Indikatorer"
    report = load(small, "mal", csv_bytes(header, "G0;nämndmål;Mål 0;HSN;2024;2026;MO-HS;N1, N2"))
    assert (report.outcome, report.counts.updated) == ("ok", 1)
    with Session(get_engine(small)) as session:
        goal = session.scalar(select(Goal.id).where(Goal.code == "G0"))
        linked = set(session.scalars(select(goal_indicators.c.indicator_id)
                                     .where(goal_indicators.c.goal_id == goal)))
        assert len(linked) == 2
        # The hand-set statuses of the small region are replaced by computed ones.
        statuses = session.scalars(select(GoalStatus).where(GoalStatus.goal_id == goal)).all()
        assert statuses and all(s.computed_status == "grey" for s in statuses)
    again = load(small, "mal", csv_bytes(header, "G0;nämndmål;Mål 0;HSN;2024;2026;MO-HS;N2,N1"))
    assert again.counts.unchanged == 1  # the same links in another order


def test_plan_period_rule(small):
    report = load(small, "mal", csv_bytes(
        "Kod;Typ;Titel;Ägare;Planperiod från;Planperiod till", "X;enhetsmål;X;HSN;2026;2024"))
    assert [(p.row, p.column, p.value) for p in report.problems] == [(2, "Planperiod till", "2024")]


def test_duplicates_are_found_across_batches(small, monkeypatch):
    monkeypatch.setattr(loading, "BATCH", 2)
    lines = [MEASUREMENT_HEADER] + [f"N1;HSN-E;2020-{m:02d};{m};;;Internt" for m in range(1, 8)]
    lines.append("N1;HSN-E;2020-02;9;;;Internt")
    report = load(small, "matvarden", csv_bytes(*lines), skip_invalid=True)
    assert report.counts.new == 7 and report.counts.rejected == 1
    assert "som rad 3" in report.problems[0].reason and report.problems[0].row == 9


def test_data_per_comes_from_the_latest_data_date(small):
    report = load(small, "matvarden", csv_bytes(MEASUREMENT_HEADER, "N1;HSN-E;2026-11;5;;;Internt"),
                  today=dt.date(2026, 12, 15))
    assert report.data_as_of == dt.date(2026, 11, 30)
    with Session(get_engine(small)) as session:
        info = latest_import(session, MANAGEMENT)
        assert info.data_as_of == dt.date(2026, 11, 30) and info.is_demo
    old = load(small, "matvarden", csv_bytes(MEASUREMENT_HEADER, "N1;HSN-E;2019;5;;;Internt"))
    assert old.data_as_of == dt.date(2019, 12, 31)
    with Session(get_engine(small)) as session:  # old history does not make the data older
        assert latest_import(session, MANAGEMENT).data_as_of == dt.date(2026, 11, 30)


def test_data_per_is_never_in_the_future(small):
    report = load(small, "matvarden", csv_bytes(MEASUREMENT_HEADER, "N1;HSN-E;2030;5;;;Internt"),
                  today=dt.date(2026, 12, 15))
    assert report.data_as_of == dt.date(2026, 12, 15)


def test_empty_optional_cells_take_defaults_and_absent_columns_keep_values(small):
    load(small, "indikatorer", csv_bytes(
        "Kod;Namn;Beskrivning;Enhet;Riktning;Frekvens;Källa;Publicerad",
        "N3;Ny;Om N3;%;högre;år;Internt;ja"))
    load(small, "indikatorer", csv_bytes(  # no Beskrivning or Publicerad column: kept
        "Kod;Namn;Enhet;Riktning;Frekvens;Källa", "N3;Nytt namn;%;lägre är bättre;år;Internt"))
    from data_access.models import Indicator

    with Session(get_engine(small)) as session:
        n3 = session.scalar(select(Indicator).where(Indicator.code == "N3"))
        assert (n3.name, n3.description, n3.published, n3.direction) == \
            ("Nytt namn", "Om N3", True, "lower")


def test_a_nämnd_column_must_name_a_nämnd(small):
    report = load(small, "organisation", csv_bytes(
        "Kod;Namn;Nivå;Överordnad;Nämnd", "NY-N;Nya nämnden;nämnd;R;NY-N",
        "NY-E;Enhet under ny nämnd;enhet;NY-N;NY-N", "FEL-E;Fel nämnd;enhet;HSN;HSN-E"))
    assert [(p.row, p.column, p.value, p.reason) for p in report.problems] == [
        (4, "Nämnd", "HSN-E", "det finns ingen nämnd med den koden")]
    risk = load(small, "risker", csv_bytes(RISK_HEADER, "R9;T;HSN-E;HSN;LON;2026;1;1;öppen"))
    assert [(p.row, p.column) for p in risk.problems] == [(2, "Nämnd")]
