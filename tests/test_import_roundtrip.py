"""Export and import agree: the demo exported kind by kind and imported into an empty
database gives the same data, names that start like formulas included (written so that no
spreadsheet runs them); exported .xlsx reads back unchanged; every template imports;
docs/import.md holds exactly the column reference the importer uses."""

from __future__ import annotations

import io

from sqlalchemy.orm import Session

from data_access import profile
from data_access.db import get_engine, session_scope
from data_access.importers import KINDS, export, run_import, template
from data_access.importers.docs import DOC, reference
from tests.helpers import generated_part
from tests.table_state import IMPORT_RECORDS, checksums, contents
from tests.test_downloads import add_formula_canaries, live_formulas

# Kinds small enough to round-trip through openpyxl quickly.
XLSX_KINDS = ("organisation", "indikatorer", "mal", "uppfoljningar", "bedomningar", "uppdrag",
              "statsbidrag", "risker", "riskatgarder", "kontrollresultat")


def exported(url: str, kind: str, file_format: str = "csv") -> bytes:
    out = io.BytesIO()
    with Session(get_engine(url)) as session:
        export(session, kind, out, file_format)
    return out.getvalue()


def imported(url: str, kind: str, data: bytes, name: str, **options):
    with Session(get_engine(url)) as session:
        return run_import(session, kind, io.BytesIO(data), name, username="test", **options)


def test_demo_export_import_into_an_empty_database_is_identical(demo_url, db_url):
    add_formula_canaries(demo_url)
    # The profile comes first (set, not imported): it admits the demo's framgångsfaktorer.
    with session_scope(demo_url) as demo, session_scope(db_url) as empty:
        profile.save(empty, profile.read(demo), by="test")
    files = {kind: exported(demo_url, kind) for kind in KINDS}
    for kind, data in files.items():
        assert live_formulas(data, "csv") == [], kind
        report = imported(db_url, kind, data, f"{kind}.csv")
        assert report.outcome == "ok", (kind, [str(p) for p in report.problems[:5]])
        assert report.counts.new == report.counts.read > 0, kind
    assert contents(db_url) == contents(demo_url)
    before = checksums(db_url, skip=IMPORT_RECORDS)
    for kind, data in files.items():  # the same files again: nothing changes
        report = imported(db_url, kind, data, f"{kind}.csv")
        assert report.counts.unchanged == report.counts.read, kind
    assert checksums(db_url, skip=IMPORT_RECORDS) == before


def test_exported_xlsx_reads_back_unchanged(demo_url):
    add_formula_canaries(demo_url)
    before = checksums(demo_url, skip=IMPORT_RECORDS)
    for kind in XLSX_KINDS:
        data = exported(demo_url, kind, "xlsx")
        assert live_formulas(data, "xlsx") == [], kind
        report = imported(demo_url, kind, data, f"{kind}.xlsx")
        assert report.outcome == "ok", (kind, [str(p) for p in report.problems[:5]])
        assert report.counts.unchanged == report.counts.read > 0, kind
    assert checksums(demo_url, skip=IMPORT_RECORDS) == before


def test_the_export_is_swedish_csv(demo_url):
    data = exported(demo_url, "malvarden")
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    header, first = data.decode("utf-8-sig").splitlines()[:2]
    assert header == "Indikator;Enhet;År;Målvärde;Övre målvärde;Tolerans"
    assert "," in first.split(";", 3)[3] or first.split(";")[3].isdigit()


def test_every_template_imports_into_the_demo(demo_url):
    for kind in KINDS:
        for file_format in ("csv", "xlsx"):
            data = template(kind, file_format)
            report = imported(demo_url, kind, data, f"{kind}-mall.{file_format}", dry_run=True)
            assert report.outcome == "ok", (kind, file_format, [str(p) for p in report.problems])
            assert report.counts.read == 1


def test_the_docs_describe_every_column_the_importer_reads():
    assert generated_part(DOC.read_text(encoding="utf-8")) == reference(), \
        "run: python -m data_access.importers.docs"
    for kind in KINDS.values():
        assert f"(`{kind.name}`)" in reference()
        for column in kind.columns:
            assert f"| {column.header} |" in reference()
