"""SIE 4 files as an ERP exports them (Raindance, Unit4, Visma): #PBUDGET and #PSALDO per
kostnadsställe load as budget and utfall through the mappings, in tkr with costs negative;
unmapped objects and accounts are listed with their sums; a bad file is refused in Swedish
and leaves the database as it was."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.cli import main
from data_access.db import get_engine, session_scope
from data_access.models import CostCategory, EconomyEntry, OrgUnit
from tests.small_region import build_small_region
from tests.table_state import IMPORT_RECORDS, checksums
from tests.test_import_files import csv_bytes, load

CATEGORIES = ("Kod;Namn;Typ",
              "personal_egen;Egen personal;kostnad",
              "ovriga_intakter;Övriga intäkter;intäkt")
# Object 100 is mapped by its id for Raindance, object 200 by its name for every source;
# account 4010 is mapped to the small region's PERS, 7010 and 7011 fall in BAS's
# personalkostnader, 3010 in its intäkter. Object 300 and account 8310 are mapped nowhere.
MAPPINGS = ("Källa;Typ;Externt id eller namn;Vår kod",
            "raindance;enhet;100;HSN-E",
            '*;enhet;Kultur och bildning, "Östersund";RUN-E',
            "*;kostnadsslag;4010;PERS")
HEAD = (
    "#FLAGGA 0",
    "#FORMAT PC8",
    "#SIETYP 4",
    '#PROGRAM "Raindance" 1.0',
    '#FNAMN "Region Jämtland Härjedalen"',
    "#RAR 0 20260101 20261231",
    "#RAR -1 20250101 20251231",
    '#KONTO 1930 "Företagskonto"',
    '#KONTO 3010 "Försäljning"',
    '#KONTO 4010 "Läkemedel, köpta"',
    '#KONTO 7010 "Löner till tjänstemän"',
    '#KONTO 7011 "Löner, övertid"',
    '#KONTO 8310 "Ränteintäkter"',
    '#DIM 1 "Kostnadsställe"',
    '#DIM 6 "Projekt"',
    '#OBJEKT 1 "100" "HC Brunflo vård"',
    '#OBJEKT 1 "200" "Kultur och bildning, \\"Östersund\\""',
    '#OBJEKT 1 300 "Okänd enhet"',
    '#OBJEKT 6 "P1" "Projekt ett"',
)
BUDGET = (
    '#PBUDGET 0 202601 7010 {1 "100"} 500000.00',
    '#PBUDGET 0 202601 3010 {1 "100"} -20000',
)
UTFALL = (
    '#PSALDO 0 202601 7010 {1 "100"} 510000.50',
    '#PSALDO 0 202601 7011 {1 "100"} 1000',
    '#PSALDO 0 202601 7010 {1 "200"} 100000',
    '#PSALDO 0 202601 7010 {} 610000.50',
    '#PSALDO 0 202601 7010 {1 "100" 6 "P1"} 1000',
    '#PSALDO 0 202601 3010 {1 "100"} -20000',
    '#PSALDO 0 202601 4010 {1 "200"} 3000',
    '#PSALDO 0 202602 7010 {1 "300"} 700',
    '#PSALDO 0 202602 7010 {} 700',
    '#PSALDO 0 202603 3010 {} -99.50',  # on no kostnadsställe
    '#PSALDO 0 202601 3010 {} -20000',
    '#PSALDO 0 202601 8310 {1 "100"} -150.25',
    "#PSALDO 0 202612 1930 {} 5000",
    '#PSALDO -1 202512 7010 {1 "100"} 480000',
)
TOTALS = (
    "#UB 0 1930 5000.00",
    "#RES 0 7010 610700.50",
    "#RES 0 3010 -20099.50",
    "#RES -1 7010 480000",
)


def sie(*lines: str, encoding: str = "cp437") -> bytes:
    return "\r\n".join(lines).encode(encoding) + b"\r\n"


# Vouchers, which SIE 4 files usually hold too, are skipped.
VOUCHERS = (
    '#VER A 1 20260105 "Lön januari" 20260106',
    "{",
    '   #TRANS 7010 {1 "100"} 510000.50 20260105 "Lön"',
    '   #TRANS 1930 {} -510000.50',
    "}",
)
GOOD = (*HEAD, *BUDGET, *UTFALL, *TOTALS, *VOUCHERS)


def seed(url: str) -> str:
    """The small region with two BAS kostnadsslag and the ERP's mappings."""
    with session_scope(url) as session:
        build_small_region(session)
    for kind, rows in (("kostnadsslag", CATEGORIES), ("mappning", MAPPINGS)):
        report = load(url, kind, csv_bytes(*rows))
        assert report.outcome == "ok", [str(p) for p in report.problems]
    return url


@pytest.fixture
def economy(db_url):
    return seed(db_url)


def entries(url: str, kind: str) -> dict[tuple, float]:
    with Session(get_engine(url)) as session:
        rows = session.execute(
            select(OrgUnit.code, CostCategory.code, EconomyEntry.year, EconomyEntry.month,
                   EconomyEntry.amount_tkr)
            .join(OrgUnit, OrgUnit.id == EconomyEntry.unit_id)
            .join(CostCategory, CostCategory.id == EconomyEntry.category_id)
            .where(EconomyEntry.kind == kind))
        return {tuple(row[:4]): round(row[4], 6) for row in rows}


def test_budget_and_utfall_load_in_tkr_through_the_mappings(economy):
    before = entries(economy, "utfall")
    report = load(economy, "sie", sie(*GOOD), "raindance.se", source="Raindance")
    assert report.outcome == "ok", [str(p) for p in report.problems]
    assert report.counts.read == 2 + 5
    assert {k: v for k, v in entries(economy, "budget").items() if k[1] != "PERS"} == {
        ("HSN-E", "personal_egen", 2026, 1): -500.0,
        ("HSN-E", "ovriga_intakter", 2026, 1): 20.0,
    }
    utfall = entries(economy, "utfall")
    # Costs are positive debits in SIE and negative in the economy; revenue the other way.
    assert utfall[("HSN-E", "personal_egen", 2026, 1)] == -511.0005  # 7010 and 7011 summed
    assert utfall[("RUN-E", "personal_egen", 2026, 1)] == -100.0
    assert utfall[("HSN-E", "ovriga_intakter", 2026, 1)] == 20.0
    assert utfall[("RUN-E", "PERS", 2026, 1)] == -3.0  # the small region's -480 replaced
    assert before[("RUN-E", "PERS", 2026, 1)] == -480.0
    assert utfall[("HSN-E", "personal_egen", 2025, 12)] == -480.0  # #RAR -1
    assert {k: v for k, v in utfall.items() if k[1] != "PERS"} == {
        ("HSN-E", "personal_egen", 2026, 1): -511.0005,
        ("RUN-E", "personal_egen", 2026, 1): -100.0,
        ("HSN-E", "ovriga_intakter", 2026, 1): 20.0,
        ("HSN-E", "personal_egen", 2025, 12): -480.0,
    }
    assert report.notes == [
        "Objekt 300 ”Okänd enhet” i dimension 1 (första raden 29): ingen enhet med den koden "
        "och ingen mappning; 1 rader, summa 700,00 kr lästes inte in.",
        "Konto 8310 ”Ränteintäkter” (första raden 33): inget kostnadsslag (ingen mappning och "
        "inget standardintervall); 1 rader, summa -150,25 kr lästes inte in.",
        "1 rader på balanskonton (klass 1 och 2) hör inte till budget och utfall och lästes "
        "inte in.",
        "5 rader utan objekt i dimension 1 (kontots totalsumma eller andra dimensioner) "
        "användes bara för att kontrollera summorna.",
        "Konto 3010 år 0 (#PSALDO): -99,50 kr av kontots totalsumma har inget objekt i dimension 1 "
        "och lästes inte in.",
    ]
    # Loaded again, nothing changes.
    again = load(economy, "sie", sie(*GOOD), "raindance.se", source="raindance")
    assert (again.counts.new, again.counts.updated, again.counts.unchanged) == (0, 0, 7)


def test_without_the_source_object_100_is_not_mapped(economy):
    report = load(economy, "sie", sie(*GOOD), "raindance.se")
    assert report.outcome == "ok"
    assert report.notes[0].startswith("Objekt 100 ”HC Brunflo vård” i dimension 1 (första raden "
                                      "20)")


BAD = [
    pytest.param(tuple(line.replace("#RES 0 7010 610700.50", "#RES 0 7010 610000.50")
                       for line in GOOD), "cp437",
                 "rad 37: Filen är inte i balans: konto 7010 år 0 har #RES (årets resultat) "
                 "610 000,50 kr, men periodsaldona (#PSALDO) ger 610 700,50 kr.",
                 id="unbalanced-res"),
    pytest.param(tuple(line.replace("#UB 0 1930 5000.00", "#UB 0 1930 4000") for line in GOOD),
                 "cp437", "rad 36: Filen är inte i balans: konto 1930 år 0 har #UB (utgående "
                 "balans) 4 000,00 kr, men periodsaldona (#PSALDO) ger 5 000,00 kr.",
                 id="unbalanced-ub"),
    pytest.param((*HEAD, '#PSALDO 0 202601 7010 {7 "X"} 10'), "cp437",
                 "rad 20: dimension 7 finns inte i någon #DIM-rad", id="unknown-dim"),
    pytest.param((*HEAD, *BUDGET, '#PSALDO 0 202601 7010 {1 "100'), "cp437",
                 "rad 22: raden slutar inuti ett citerat fält", id="truncated-quote"),
    pytest.param((*HEAD, '#PSALDO 0 202601 7010 {1 "100"}'), "cp437",
                 "rad 20: #PSALDO har för få fält: raden är avhuggen", id="truncated-fields"),
    pytest.param(GOOD, "utf-8", "filen är sparad som UTF-8 (å, ä och ö skulle bli fel)",
                 id="utf-8"),
    pytest.param(GOOD, "cp1252", "filen är sparad som Windows-1252 (ANSI)", id="windows-1252"),
    pytest.param(tuple(line for line in GOOD if line != "#FORMAT PC8"), "cp437",
                 "Filen saknar #FORMAT PC8", id="no-format"),
    pytest.param((*HEAD, '#PSALDO 0 202701 7010 {1 "100"} 10'), "cp437",
                 "rad 20, värdet ”202701”: perioden ligger utanför räkenskapsår 0", id="period"),
    pytest.param(tuple(line for line in GOOD if not line.startswith("#DIM 1")), "cp437",
                 "Filen har ingen #DIM 1 (kostnadsställe)", id="no-dim-1"),
]


@pytest.mark.parametrize(("lines", "encoding", "message"), BAD)
def test_a_bad_file_is_refused_in_swedish_and_nothing_changes(economy, lines, encoding, message):
    before = checksums(economy, skip=IMPORT_RECORDS)
    report = load(economy, "sie", sie(*lines, encoding=encoding), "fel.se", source="raindance")
    assert report.outcome == "fel"
    shown = [str(p) for p in report.problems]
    assert len(shown) == 1 and shown[0].startswith("fel.se") and message in shown[0], shown
    assert checksums(economy, skip=IMPORT_RECORDS) == before


def test_a_row_the_loader_refuses_rolls_back_the_whole_file(economy):
    """The loader's own row errors (file, SIE line, column, value, why) apply to the rows an
    SIE file becomes; here an amount beyond the limit."""
    before = checksums(economy, skip=IMPORT_RECORDS)
    huge = (*HEAD, *BUDGET, '#PSALDO 0 202603 7010 {1 "100"} 2000000000000000000')
    report = load(economy, "sie", sie(*huge), "stor.se", source="raindance")
    assert report.outcome == "fel"
    assert [str(p).split(":")[0] for p in report.problems] == [
        "stor.se, rad 22, kolumn ”Belopp (tkr)”, värdet ”-2000000000000000”"]
    assert checksums(economy, skip=IMPORT_RECORDS) == before


@pytest.fixture
def economy_env(sqlite_url, monkeypatch):
    """The same on SQLite, as the command's database (the command is tested once)."""
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    return seed(sqlite_url)


def test_the_command_line_dry_run_lists_the_unmapped_and_the_counts(economy_env, tmp_path,
                                                                      capsys):
    path = tmp_path / "raindance.se"
    path.write_bytes(sie(*GOOD))
    before = checksums(economy_env, skip=IMPORT_RECORDS)
    assert main(["import", "sie", str(path), "--kalla", "raindance", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Provkörning, inget sparades. 7 rader lästa: 6 nya, 1 ändrade" in out
    assert "Objekt 300 ”Okänd enhet”" in out and "summa -150,25 kr" in out
    assert checksums(economy_env, skip=IMPORT_RECORDS) == before
    assert main(["import", "sie", str(path), "--kalla", "raindance"]) == 0
    assert "Importen är klar. 7 rader lästa: 6 nya, 1 ändrade" in capsys.readouterr().out
    # Dimension 6 holds projects, none of which is an enhet.
    assert main(["import", "sie", str(path), "--dimension", "6"]) == 1
    assert "inga #PSALDO- eller #PBUDGET-rader per objekt i dimension 6" in capsys.readouterr().err


# --- The Import page, in headless Chromium ----------------------------------------------


@pytest.mark.browser
def test_an_administrator_loads_an_sie_file_on_the_import_page(live_server, page, login,
                                                               tmp_path):
    """The demo's enheter by code, account 7010 by BAS's range (personal_egen, in the demo);
    object 999 is nobody's and is listed with its sum."""
    from tests.test_browser_import import (
        assert_no_axe_violations,
        choose_file,
        file_choosers,
    )

    path = tmp_path / "raindance.se"
    path.write_bytes(sie(
        "#FLAGGA 0", "#FORMAT PC8", "#SIETYP 4", "#RAR 0 20260101 20261231",
        '#KONTO 7010 "Löner till tjänstemän"', '#DIM 1 "Kostnadsställe"',
        '#OBJEKT 1 "HSF-PV-HC-BRUNFLO" "Hälsocentralen Brunflo"',
        '#OBJEKT 1 "999" "Nedlagd enhet"',
        '#PSALDO 0 202601 7010 {1 "HSF-PV-HC-BRUNFLO"} 1250000',
        '#PBUDGET 0 202601 7010 {1 "HSF-PV-HC-BRUNFLO"} 1200000',
        '#PSALDO 0 202601 7010 {1 "999"} 4000.50',
        "#RES 0 7010 1254000.50"))
    opened = file_choosers(page)
    login("admin")
    page.goto(live_server + "/admin/import")
    page.wait_for_selector("h1:has-text('Import')")
    page.select_option("#importera-sort", "sie")
    choose_file(page, opened, path)
    page.wait_for_selector("#importera-vald:has-text('Vald fil: raindance.se')")
    page.click("#importera-provkor")
    page.wait_for_selector("#importera-rapport h2:has-text('Provkörning')", timeout=30_000)
    report = page.inner_text("#importera-rapport")
    assert "Provkörning: Klar" in report and "2 rader lästa" in report, report
    assert ("Objekt 999 ”Nedlagd enhet” i dimension 1 (första raden 11): ingen enhet med den "
            "koden och ingen mappning; 1 rader, summa 4 000,50 kr lästes inte in."
            in page.inner_text("#importera-ej-inlast"))
    page.wait_for_selector("#importera-spara:not([disabled])")
    assert_no_axe_violations(page, "SIE dry run")
    page.screenshot(path="/tmp/import-sie-provkorning.png", full_page=True)
    page.click("#importera-spara")
    page.wait_for_selector("#importera-rapport h2:has-text('Import:')", timeout=30_000)
    assert "Import: Klar" in page.inner_text("#importera-rapport")
    assert page.console_errors == []
