"""rodtrad import, template and export: what a person types and reads, and exit codes."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard.cli import main
from data_access.db import get_engine
from data_access.models import ImportRun, Risk
from tests.test_import_files import CHUNK, padded_xlsx


@pytest.fixture
def demo_env(demo_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", demo_url)
    return demo_url


def test_import_reports_what_it_did(demo_env, tmp_path, capsys):
    path = tmp_path / "risker.csv"
    path.write_text("Kod;Titel;Nämnd;Ägare;Process;År;Sannolikhet;Konsekvens;Status\r\n"
                    "NY-R1;Ny risk;HSN;HSF;lon;2026;2;3;öppen\r\n", encoding="cp1252")
    assert main(["import", "risker", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Provkörning, inget sparades. 1 rader lästa: 1 nya" in out
    assert "Nya (de första): NY-R1" in out
    assert main(["import", "risker", str(path), "--anvandare", "anna"]) == 0
    assert "Importen är klar" in capsys.readouterr().out
    with Session(get_engine(demo_env)) as session:
        assert session.scalar(select(Risk.title).where(Risk.code == "NY-R1")) == "Ny risk"
        run = session.scalars(select(ImportRun).order_by(ImportRun.id.desc())).first()
        assert (run.username, run.kind, run.file_name, run.outcome) == \
            ("anna", "risker", "risker.csv", "ok")


def test_a_bad_file_exits_1_with_one_line_per_problem(demo_env, tmp_path, capsys):
    path = tmp_path / "risker.csv"
    path.write_text("Kod;Titel;Nämnd;Ägare;Process;År;Sannolikhet;Konsekvens;Status\n"
                    "NY-R1;Ny risk;HSN;HSF;lon;2026;7;3;öppen\n"
                    "NY-R2;Ny risk;HSN;FINNS-EJ;lon;2026;1;3;öppen\n", encoding="utf-8")
    assert main(["import", "risker", str(path)]) == 1
    captured = capsys.readouterr()
    assert "Inget sparades: 2 fel" in captured.out
    assert captured.err.splitlines() == [
        "risker.csv, rad 2, kolumn ”Sannolikhet”, värdet ”7”: ska vara ett heltal från 1 till 4",
        "risker.csv, rad 3, kolumn ”Ägare”, värdet ”FINNS-EJ”: det finns ingen enhet med den koden",
    ]
    with Session(get_engine(demo_env)) as session:
        assert session.scalar(select(func.count()).select_from(Risk).where(
            Risk.code.like("NY-%"))) == 0


def test_a_zip_bomb_is_refused_before_it_is_unpacked(demo_env, tmp_path, capsys):
    path = tmp_path / "risker.xlsx"
    path.write_bytes(padded_xlsx("xl/sharedStrings.xml", 256 * CHUNK))  # 256 MB of text
    assert path.stat().st_size < CHUNK
    assert main(["import", "risker", str(path)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "risker.xlsx: Filen packas upp till 256 MB; högst 200 MB går att läsa. Spara den "
        "som CSV (semikolonavgränsad) och importera den i stället."]


def test_a_missing_file_is_named(demo_env, tmp_path, capsys):
    assert main(["import", "risker", str(tmp_path / "saknas.csv")]) == 1
    assert "finns inte" in capsys.readouterr().err


def test_template_writes_xlsx_and_csv_with_swedish_headers(tmp_path, capsys):
    assert main(["template", "matvarden", "--katalog", str(tmp_path)]) == 0
    csv_text = (tmp_path / "matvarden-mall.csv").read_text(encoding="utf-8-sig")
    assert csv_text.splitlines()[0] == \
        "Indikator;Enhet;Period;Värde totalt;Värde kvinnor;Värde män;Källa"
    sheet = load_workbook(tmp_path / "matvarden-mall.xlsx").active
    assert [c.value for c in sheet[1]][:3] == ["Indikator", "Enhet", "Period"]
    assert [c.value for c in sheet[2]][3] == 87.5  # numbers as numbers
    assert sheet.max_row == 2


def test_export_then_import_into_a_new_database(demo_env, tmp_path, monkeypatch, capsys):
    for kind, name in (("organisation", "org.xlsx"), ("perspektiv", "p.csv"),
                       ("indikatorer", "ind.csv")):
        assert main(["export", kind, str(tmp_path / name)]) == 0
    assert "Skrev 330 rader" in capsys.readouterr().err
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'ny.db'}")  # not even migrated
    for kind, name in (("organisation", "org.xlsx"), ("perspektiv", "p.csv"),
                       ("indikatorer", "ind.csv")):
        assert main(["import", kind, str(tmp_path / name)]) == 0
    assert "151 nya" in capsys.readouterr().out


def test_export_to_standard_output(demo_env, capsysbinary):
    assert main(["export", "processer", "-"]) == 0
    out = capsysbinary.readouterr().out
    assert out.startswith("\ufeffKod;Namn\r\n".encode("utf-8"))
