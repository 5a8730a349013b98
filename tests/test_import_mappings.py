"""Files as other systems write them: periods and numbers the Swedish way, read by each
indicator's frequency and unit, and mappings from another system's names to our codes, so
that a Stratsys export loads once its mappings exist. Bad rows are named in Swedish and a
failed file leaves the data unchanged."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.cli import main
from data_access.db import get_engine, session_scope
from data_access.models import ImportRun, Indicator, Mapping, Measurement, OrgUnit
from tests.small_region import build_small_region
from tests.table_state import IMPORT_RECORDS, checksums
from tests.test_import_files import csv_bytes, load, xlsx_bytes

MEASUREMENTS = "Indikator;Enhet;Period;Värde totalt;Källa"
MAPPINGS = "Källa;Typ;Externt id eller namn;Vår kod"
ECONOMY = "Enhet;Kostnadsslag;År;Månad;Belopp (tkr)"
# HYG is measured per tertial in per cent, N1 (the small region's) per year in per cent,
# N2 per year in days.
HYGIENE = ("Kod;Namn;Enhet;Riktning;Frekvens;Källa",
           "HYG;Följsamhet till basala hygienrutiner;%;högre;tertial;Stratsys",
           "MÅN;Besök per månad;antal;högre;månad;Stratsys")
STRATSYS = (MEASUREMENTS,
            "Följsamhet till basala hygienrutiner;Hälsocentralen Brunflo;2026-08-01;66 %;Stratsys",
            "Följsamhet till basala hygienrutiner;HC Kultur;Tertial 1 2026;71,5%;Stratsys",
            "nöjda  patienter;hälsocentralen brunflo;2025-12-31;88 %;Stratsys",
            "Nöjda patienter;HC Kultur;Helår 2025;87,5 %;Stratsys")
STRATSYS_MAPPINGS = (MAPPINGS,
                     "Stratsys;indikator;Följsamhet till basala hygienrutiner;HYG",
                     "stratsys;indikator;Nöjda patienter;N1",
                     "stratsys;enhet;Hälsocentralen Brunflo;HSN-E",
                     "*;enhet;HC Kultur;RUN-E")


@pytest.fixture
def small(db_url):
    """The small region in an empty database (SQLite, and PostgreSQL when configured)."""
    with session_scope(db_url) as session:
        build_small_region(session)
    return db_url


@pytest.fixture
def region(small):
    report = load(small, "indikatorer", csv_bytes(*HYGIENE))
    assert report.outcome == "ok", [str(p) for p in report.problems]
    return small


def stored(url: str, source: str) -> dict[tuple, tuple]:
    with Session(get_engine(url)) as session:
        rows = session.execute(
            select(Indicator.code, OrgUnit.code, Measurement.period, Measurement.period_end,
                   Measurement.value_total)
            .join(Indicator, Indicator.id == Measurement.indicator_id)
            .join(OrgUnit, OrgUnit.id == Measurement.unit_id)
            .where(Measurement.source == source))
        return {tuple(row[:3]): tuple(row[3:]) for row in rows}


def problems(report) -> list[str]:
    return [str(p) for p in report.problems]


# --- Periods and numbers, read by the indicator --------------------------------------------


def test_periods_and_numbers_as_swedish_files_write_them(region):
    report = load(region, "matvarden", csv_bytes(
        MEASUREMENTS,
        "HYG;HSN-E;T1 2026;66%;Fil", "HYG;HSN-E;Tertial 2 2026;66 %;Fil",
        "HYG;RUN-E;Delår 2026;1 234,5;Fil", "HYG;RUN-E;2026-12-31;−12,4;Fil",
        "HYG;HSN-E;2026-09-01;-12,4;Fil", "MÅN;HSN-E;maj 2026;1\u00a0234,5;Fil",
        "MÅN;HSN-E;Maj 2025;(12,4);Fil", "MÅN;HSN-E;2026-08-31;7;Fil", "MÅN;HSN-E;2026-07;8;Fil",
        "MÅN;RUN-E;Delår 2026;9;Fil", "N1;HSN-E;Helår 2025;66 %;Fil", "N1;RUN-E;2024-08-01;1;Fil",
    ), "perioder.csv")
    assert report.outcome == "ok", problems(report)
    assert stored(region, "Fil") == {
        ("HYG", "HSN-E", "2026-T1"): (dt.date(2026, 4, 30), 66.0),
        ("HYG", "HSN-E", "2026-T2"): (dt.date(2026, 8, 31), 66.0),
        ("HYG", "RUN-E", "2026-T2"): (dt.date(2026, 8, 31), 1234.5),
        ("HYG", "RUN-E", "2026-T3"): (dt.date(2026, 12, 31), -12.4),
        ("HYG", "HSN-E", "2026-T3"): (dt.date(2026, 12, 31), -12.4),
        ("MÅN", "HSN-E", "2026-05"): (dt.date(2026, 5, 31), 1234.5),
        ("MÅN", "HSN-E", "2025-05"): (dt.date(2025, 5, 31), -12.4),
        ("MÅN", "HSN-E", "2026-08"): (dt.date(2026, 8, 31), 7.0),
        ("MÅN", "HSN-E", "2026-07"): (dt.date(2026, 7, 31), 8.0),
        ("MÅN", "RUN-E", "2026-08"): (dt.date(2026, 8, 31), 9.0),
        ("N1", "HSN-E", "2025"): (dt.date(2025, 12, 31), 66.0),
        ("N1", "RUN-E", "2024"): (dt.date(2024, 12, 31), 1.0),
    }


def test_a_day_and_a_tertial_naming_the_same_period_are_one_key(region):
    report = load(region, "matvarden", csv_bytes(
        MEASUREMENTS, "HYG;HSN-E;2026-T2;1;Fil", "HYG;HSN-E;2026-05-15;2;Fil"), "dubbel.csv")
    assert problems(report) == [
        "dubbel.csv, rad 3: samma nyckel (HYG / HSN-E / 2026-T2) som rad 2; varje nyckel får "
        "bara stå på en rad"]


@pytest.mark.parametrize("line,column,value,reason", [
    ("N2;HSN-E;2026;66 %;Fil", "Värde totalt", "66 %",
     "är skrivet i procent, men indikatorn mäts i dagar; skriv talet utan procenttecken"),
    ("N1;HSN-E;Delår 2026;5;Fil", "Period", "Delår 2026",
     "Delår är ingen period för en indikator som mäts per år; skriv året (2026) eller Helår "
     "2026"),
    ("HYG;HSN-E;Q3 2026;5;Fil", "Period", "Q3 2026", "är inte en period; skriv ÅÅÅÅ (år)"),
    ("HYG;HSN-E;2026-02-30;5;Fil", "Period", "2026-02-30", "datumet 2026-02-30 finns inte"),
    ("HYG;HSN-E;Tertial 4 2026;5;Fil", "Period", "Tertial 4 2026", "tertial 4 finns inte"),
    ("HYG;HSN-E;2026;(-5);Fil", "Värde totalt", "(-5)", "både parentes och minustecken"),
    ("HYG;HSN-E;2026;1.234,5;Fil", "Värde totalt", "1.234,5", "är inte ett tal"),
])
def test_what_cannot_be_read_without_guessing_is_named(region, line, column, value, reason):
    before = checksums(region, skip=IMPORT_RECORDS)
    report = load(region, "matvarden", csv_bytes(MEASUREMENTS, "HYG;RUN-E;2026-T1;1;Fil", line),
                  "fel.csv")
    assert report.outcome == "fel"
    [problem] = report.problems
    assert (problem.file, problem.row, problem.column, problem.value) == \
        ("fel.csv", 3, column, value)
    assert problem.reason.startswith(reason), problem.reason
    assert str(problem).startswith(f"fel.csv, rad 3, kolumn ”{column}”, värdet ”{value}”: ")
    assert checksums(region, skip=IMPORT_RECORDS) == before


def test_a_per_cent_sign_in_an_amount_is_refused(small):
    report = load(small, "utfall", csv_bytes(ECONOMY, "HSN-E;PERS;2026;11;5 %"), "utfall.csv")
    assert problems(report) == ["utfall.csv, rad 2, kolumn ”Belopp (tkr)”, värdet ”5 %”: är "
                                "skrivet i procent, men kolumnen tar inte procent; skriv talet "
                                "utan procenttecken"]


def test_follow_ups_as_tertials_and_days(small):
    report = load(small, "uppfoljningar", csv_bytes(
        "Uppföljning;Slutdatum", "Tertial 1 2027;2027-04-30", "2027-08-31;2027-08-31",
        "Tertial 3 2027;2027-12-31"))
    assert (report.outcome, report.counts.new) == ("ok", 3), problems(report)
    bad = load(small, "uppfoljningar", csv_bytes("Uppföljning;Slutdatum", "2027-06-30;2027-06-30"),
               "u.csv")
    assert problems(bad) == [
        "u.csv, rad 2, kolumn ”Uppföljning”, värdet ”2027-06-30”: 2027-06-30 ligger inte i "
        "någon uppföljningsmånad; uppföljningarna är per 30 april (T1), 31 augusti (Delår) och "
        "31 december (Helår)"]


def test_an_excel_date_cell_is_read_by_the_frequency_too(region):
    rows = [MEASUREMENTS.split(";"), ["HYG", "HSN-E", dt.datetime(2026, 9, 1), "66 %", "X"],
            ["MÅN", "HSN-E", dt.datetime(2026, 9, 1), 3, "X"]]
    report = load(region, "matvarden", xlsx_bytes(rows), "m.xlsx")
    assert report.outcome == "ok", problems(report)
    assert set(stored(region, "X")) == {("HYG", "HSN-E", "2026-T3"), ("MÅN", "HSN-E", "2026-09")}


# --- Mappings -------------------------------------------------------------------------


def test_mappings_are_stored_as_they_are_compared(small):
    report = load(small, "mappning", csv_bytes(
        MAPPINGS, "Stratsys;enhet;  Hälsocentralen   BRUNFLO ;HSN-E", "*;mål;Mål noll;G0",
        "stratsys;kostnadsslag;Personalkostnader;PERS", "stratsys;indikator;Nöjdhet;N1"))
    assert (report.outcome, report.counts.new) == ("ok", 4), problems(report)
    with Session(get_engine(small)) as session:
        assert set(session.execute(select(Mapping.source, Mapping.kind, Mapping.external,
                                          Mapping.code))) == {
            ("stratsys", "enhet", "hälsocentralen brunflo", "HSN-E"),
            ("*", "mal", "mål noll", "G0"), ("stratsys", "kostnadsslag", "personalkostnader", "PERS"),
            ("stratsys", "indikator", "nöjdhet", "N1")}
    again = load(small, "mappning", csv_bytes(MAPPINGS, "stratsys;Enhet;hälsocentralen brunflo;RUN-E"))
    assert (again.counts.updated, again.counts.new) == (1, 0)


def test_a_mapping_to_an_unknown_code_is_refused_by_row(small):
    before = checksums(small, skip=IMPORT_RECORDS)
    report = load(small, "mappning", csv_bytes(
        MAPPINGS, "stratsys;enhet;HC Brunflo;HSN-E", "stratsys;enhet;HC Okänd;FINNS-EJ",
        "stratsys;indikator;Väntetid;HSN-E", "stratsys;avdelning;X;HSN", "stratsys;enhet;HC Tom;"),
        "mappning.csv")
    assert problems(report) == [
        "mappning.csv, rad 3, kolumn ”Vår kod”, värdet ”FINNS-EJ”: det finns ingen enhet med den "
        "koden",
        "mappning.csv, rad 4, kolumn ”Vår kod”, värdet ”HSN-E”: det finns ingen indikator med den "
        "koden",
        "mappning.csv, rad 5, kolumn ”Typ”, värdet ”avdelning”: ska vara något av: enhet, "
        "indikator, mål, kostnadsslag",
        "mappning.csv, rad 6, kolumn ”Vår kod”: värde saknas"]
    assert checksums(small, skip=IMPORT_RECORDS) == before


def test_a_stratsys_export_loads_once_its_mappings_exist(region):
    export = csv_bytes(*STRATSYS)
    before = checksums(region, skip=IMPORT_RECORDS)
    failed = load(region, "matvarden", export, "stratsys.csv", source="stratsys")
    assert failed.outcome == "fel"
    assert problems(failed)[:2] == [
        "stratsys.csv, rad 2, kolumn ”Indikator”, värdet ”Följsamhet till basala "
        "hygienrutiner”: det finns ingen indikator med den koden",
        "stratsys.csv, rad 2, kolumn ”Enhet”, värdet ”Hälsocentralen Brunflo”: det finns ingen "
        "enhet med den koden"]
    assert checksums(region, skip=IMPORT_RECORDS) == before

    assert load(region, "mappning", csv_bytes(*STRATSYS_MAPPINGS)).outcome == "ok"
    # Without its source only the mappings for every source apply.
    unnamed = load(region, "matvarden", export, "stratsys.csv")
    assert unnamed.outcome == "fel" and (
        "stratsys.csv, rad 2, kolumn ”Enhet”, värdet ”Hälsocentralen Brunflo”: det finns ingen "
        "enhet med den koden och ingen mappning för den") in problems(unnamed)
    assert not any("HC Kultur" in p for p in problems(unnamed))

    loaded = load(region, "matvarden", export, "stratsys.csv", source="Stratsys")
    assert (loaded.outcome, loaded.counts.new) == ("ok", 4), problems(loaded)
    assert stored(region, "Stratsys") == {
        ("HYG", "HSN-E", "2026-T2"): (dt.date(2026, 8, 31), 66.0),
        ("HYG", "RUN-E", "2026-T1"): (dt.date(2026, 4, 30), 71.5),
        ("N1", "HSN-E", "2025"): (dt.date(2025, 12, 31), 88.0),
        ("N1", "RUN-E", "2025"): (dt.date(2025, 12, 31), 87.5),
    }
    again = load(region, "matvarden", export, "stratsys.csv", source="stratsys")
    assert again.counts.unchanged == 4
    with Session(get_engine(region)) as session:  # the log says whose mappings applied
        run = session.get(ImportRun, again.run_id)
        assert "\nKälla: stratsys (dess mappningar gällde)." in run.message


# A mätetal export as Stratsys writes it: its own headers (Organisation, Mätetal, Utfall …),
# no Källa column, enheter and mätetal by name, periods as words or dates, per cent signs.
STRATSYS_EXPORT = (
    "Organisation;Mätetal;Period;Utfall;Utfall kvinnor;Utfall män",
    "Hälsocentralen Brunflo;Följsamhet till basala hygienrutiner;Tertial 1 2024;66%;68%;63%",
    "HC Kultur;Följsamhet till basala hygienrutiner;2026-08-01;71,5 %;;",
    "Hälsocentralen Brunflo;Besök per månad;Maj 2024;1 234;;",
    "HC Kultur;Besök per månad;2026-08-01;(12);;",
)
STRATSYS_EXPORT_MAPPINGS = (MAPPINGS,
                            "stratsys;indikator;Följsamhet till basala hygienrutiner;HYG",
                            "stratsys;indikator;Besök per månad;MÅN",
                            "stratsys;enhet;Hälsocentralen Brunflo;HSN-E",
                            "stratsys;enhet;HC Kultur;RUN-E")


def test_a_stratsys_export_with_its_own_headers_loads_end_to_end(region):
    export = csv_bytes(*STRATSYS_EXPORT)
    before = checksums(region, skip=IMPORT_RECORDS)
    # Without a stated source the Källa column is missing; the headers themselves are read.
    unsourced = load(region, "matvarden", export, "Stratsys_matvarden.csv")
    assert unsourced.outcome == "fel"
    assert problems(unsourced) == [
        "Stratsys_matvarden.csv, rad 1: kolumner saknas i rubrikraden: ”Källa”"]
    assert checksums(region, skip=IMPORT_RECORDS) == before

    assert load(region, "mappning", csv_bytes(*STRATSYS_EXPORT_MAPPINGS)).outcome == "ok"
    loaded = load(region, "matvarden", export, "Stratsys_matvarden.csv", source="Stratsys")
    assert (loaded.outcome, loaded.counts.new) == ("ok", 4), problems(loaded)
    assert stored(region, "Stratsys") == {
        ("HYG", "HSN-E", "2024-T1"): (dt.date(2024, 4, 30), 66.0),
        ("HYG", "RUN-E", "2026-T2"): (dt.date(2026, 8, 31), 71.5),
        ("MÅN", "HSN-E", "2024-05"): (dt.date(2024, 5, 31), 1234.0),
        ("MÅN", "RUN-E", "2026-08"): (dt.date(2026, 8, 31), -12.0),
    }
    with Session(get_engine(region)) as session:
        women, men = session.execute(
            select(Measurement.value_women, Measurement.value_men)
            .where(Measurement.period == "2024-T1")).one()
    assert (women, men) == (68.0, 63.0)
    again = load(region, "matvarden", export, "Stratsys_matvarden.csv", source="stratsys")
    assert (again.outcome, again.counts.unchanged) == ("ok", 4)


def test_mappings_are_suggested_from_a_stratsys_export_under_its_own_headers(region, tmp_path,
                                                                           capsys, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", region)
    export = tmp_path / "Stratsys_matvarden.csv"
    export.write_bytes(csv_bytes(*STRATSYS_EXPORT))
    assert main(["mappning", "suggest", str(export), "--typ", "indikator",
                 "--kalla", "stratsys"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "stratsys;indikator;Följsamhet till basala hygienrutiner;HYG" in lines
    assert "stratsys;indikator;Besök per månad;MÅN" in lines


def test_a_header_and_its_alias_together_are_one_column_twice(region):
    report = load(region, "matvarden", csv_bytes(
        "Indikator;Mätetal;Enhet;Period;Värde totalt;Källa", "HYG;HYG;HSN-E;2026;1;K"))
    assert problems(report) == [
        "fil.csv, rad 1, kolumn ”Mätetal”: kolumnen står två gånger i rubrikraden"]


def test_the_files_source_wins_over_every_source_and_codes_still_work(region):
    load(region, "mappning", csv_bytes(MAPPINGS, "*;enhet;Brunflo;RUN-E",
                                       "stratsys;enhet;Brunflo;HSN-E"))
    report = load(region, "matvarden", csv_bytes(MEASUREMENTS, "N1;Brunflo;2019;1;K",
                                                 "N1;RUN-E;2019;2;K"), source="stratsys")
    assert report.outcome == "ok", problems(report)
    assert set(stored(region, "K")) == {("N1", "HSN-E", "2019"), ("N1", "RUN-E", "2019")}


def test_a_mapping_whose_code_is_gone_is_named(region):
    load(region, "mappning", csv_bytes(MAPPINGS, "*;kostnadsslag;Löner;PERS"))
    with Session(get_engine(region)) as session:  # the code changed after the mapping
        session.execute(Mapping.__table__.update().values(code="BORTA"))
        session.commit()
    report = load(region, "utfall", csv_bytes(ECONOMY, "HSN-E;löner;2026;11;(5)"), "u.csv")
    assert problems(report) == [
        "u.csv, rad 2, kolumn ”Kostnadsslag”, värdet ”löner”: mappningen pekar på koden "
        "”BORTA”, men det finns ingen kostnadsslag med den koden"]


def test_goals_links_and_economy_resolve_through_mappings(region):
    load(region, "mappning", csv_bytes(MAPPINGS, "*;kostnadsslag;Löner;PERS",
                                       "*;indikator;Hygien;HYG", "*;mål;Nämndmål noll;G0"))
    economy = load(region, "utfall", csv_bytes(ECONOMY, "HSN-E;LÖNER;2026;11;(1 234,5)"))
    assert (economy.outcome, economy.counts.new + economy.counts.updated) == ("ok", 1), \
        problems(economy)
    goals = load(region, "malvarden", csv_bytes("Indikator;Enhet;År;Målvärde",
                                                "hygien;HSN-E;2026;90 %"))
    assert goals.outcome == "ok", problems(goals)
    risk = load(region, "risker", csv_bytes(
        "Kod;Titel;Nämnd;Ägare;Process;År;Sannolikhet;Konsekvens;Status;Mål",
        "R9;T;HSN;HSN;LON;2026;1;1;öppen;nämndmål noll, G1"))
    assert risk.outcome == "ok", problems(risk)


# --- Suggestions ------------------------------------------------------------------------


@pytest.fixture
def small_env(sqlite_url, monkeypatch):
    """The small region on SQLite, as the command's database (the command is tested once)."""
    with session_scope(sqlite_url) as session:
        build_small_region(session)
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    return sqlite_url


def test_suggest_proposes_mappings_a_person_confirms_and_imports(small_env, tmp_path, capsysbinary):
    export = tmp_path / "stratsys.csv"
    export.write_bytes(csv_bytes(
        MEASUREMENTS, "N1;Hälsocentralen Brunflo;2026;1;S", "N1;kultur  och BILDNING;2026;1;S",
        "N1;HSN;2026;1;S", "N1;Hälsocentralen Brunflo;2025;1;S", "N1;Okänd enhet;2024;1;S",
        "N1;Hälsocentralen Brunflö;2023;1;S"))
    assert main(["mappning", "suggest", str(export), "--typ", "enhet", "--kalla", "Stratsys"]) == 0
    out = capsysbinary.readouterr()
    assert out.out.decode("utf-8-sig").splitlines() == [
        MAPPINGS,
        "stratsys;enhet;Hälsocentralen Brunflo;HSN-E",
        "stratsys;enhet;kultur  och BILDNING;RUN-E",
        "stratsys;enhet;Okänd enhet;",
        "stratsys;enhet;Hälsocentralen Brunflö;"]
    assert out.err.decode().splitlines() == [
        "”Okänd enhet”: ingen enhet har det namnet; fyll i koden",
        "”Hälsocentralen Brunflö”: ingen enhet har det namnet; fyll i koden",
        "4 förslag: 1 med exakt samma namn, 1 med samma namn utom stora och små bokstäver och "
        "mellanslag, 2 utan förslag. 1 värden var redan koder och 0 hade redan en mappning."]

    proposal = tmp_path / "forslag.csv"
    proposal.write_bytes(out.out)
    assert main(["import", "mappning", str(proposal)]) == 1  # not yet confirmed
    assert "rad 4, kolumn ”Vår kod”: värde saknas" in capsysbinary.readouterr().err.decode()
    confirmed = out.out.decode("utf-8-sig").replace("Okänd enhet;", "Okänd enhet;RUN-E").replace(
        "Brunflö;", "Brunflö;HSN-E")
    proposal.write_text(confirmed, encoding="utf-8")
    assert main(["import", "mappning", str(proposal)]) == 0
    capsysbinary.readouterr()
    assert main(["import", "matvarden", str(export), "--kalla", "stratsys"]) == 0
    assert "6 rader lästa: 4 nya, 2 ändrade" in capsysbinary.readouterr().out.decode()
    # Now every name is mapped or a code: nothing left to propose.
    assert main(["mappning", "suggest", str(export), "--typ", "enhet", "--kalla", "stratsys",
                 "--ut", str(tmp_path / "tomt.csv")]) == 0
    assert (tmp_path / "tomt.csv").read_text(encoding="utf-8-sig").splitlines() == [MAPPINGS]
    assert "1 värden var redan koder och 4 hade redan en mappning" in capsysbinary.readouterr().err.decode()


def test_suggest_names_ambiguous_names_and_a_missing_column(small_env, tmp_path, capsysbinary):
    export = tmp_path / "m.csv"
    export.write_bytes(csv_bytes("Mått;Värde", "Mål 0;1", "mål 1;2"))
    assert main(["mappning", "suggest", str(export), "--typ", "mål"]) == 1
    assert capsysbinary.readouterr().err.decode().startswith(
        "m.csv, rad 1: kolumnen ”Mål” finns inte i rubrikraden; ange rubriken med --kolumn")
    assert main(["mappning", "suggest", str(export), "--typ", "mal", "--kolumn", "mått"]) == 0
    lines = capsysbinary.readouterr().out.decode("utf-8-sig").splitlines()
    assert lines == [MAPPINGS, "*;mål;Mål 0;G0", "*;mål;mål 1;G1"]
    with pytest.raises(SystemExit):
        main(["mappning", "suggest", str(export), "--typ", "avdelning"])
