"""rodtrad sync: the folders and Kolada a sync configuration names, through the command as a
timer runs it. New files are imported once (by sha256), changed files again; a bad file fails
alone, with its reason, and leaves the database as it was; a bad configuration is exit 2;
--dry-run only lists. Kolada is a local fake server, never the internet."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.cli import main
from data_access.db import get_engine, session_scope
from data_access.importers.sync import read_config
from data_access.models import CostCategory, ImportRun
from tests.small_region import build_small_region, set_kolada_profile
from tests.table_state import IMPORT_RECORDS, checksums
from tests.test_import_files import csv_bytes
from tests.test_import_sie import CATEGORIES, GOOD, MAPPINGS, entries, sie
from tests.test_kolada import FakeKolada, entry

ROOT = Path(__file__).resolve().parent.parent
CONFIG = """\
# Rödtråds synkinställningar (test)
[filer]
katalog = "export"
min_alder_sekunder = 0

[filer.sorter]
"Stratsys_*.csv" = "mappning"

[sie]
katalog = "sie"
kalla = "raindance"
min_alder_sekunder = 0
"""


@pytest.fixture
def region(db_url, monkeypatch):
    """The small region, as the command's database."""
    monkeypatch.setenv("DATABASE_URL", db_url)
    with session_scope() as session:
        build_small_region(session)
        set_kolada_profile(session)
    return db_url


@pytest.fixture
def drop(tmp_path) -> Path:
    """The folders the other systems drop their files in, and the configuration naming them."""
    (tmp_path / "export").mkdir()
    (tmp_path / "sie").mkdir()
    (tmp_path / "sync.toml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


def run(folder: Path, *options: str) -> int:
    return main(["sync", "--config", str(folder / "sync.toml"), *options])


def write_good_files(folder: Path) -> None:
    (folder / "export" / "kostnadsslag-2026.csv").write_bytes(csv_bytes(*CATEGORIES))
    (folder / "export" / "Stratsys_mappningar.csv").write_bytes(csv_bytes(*MAPPINGS))
    (folder / "sie" / "raindance-2026.se").write_bytes(sie(*GOOD))


def logged(url: str) -> list[tuple]:
    """(kind, file name, outcome) of every run rodtrad sync logged, oldest first."""
    with Session(get_engine(url)) as session:
        runs = session.scalars(select(ImportRun).where(ImportRun.username.like("%(synk)"))
                               .order_by(ImportRun.id)).all()
        return [(run.kind, Path(run.file_name).name, run.outcome) for run in runs]


def test_new_files_are_imported_once_in_load_order_and_again_when_changed(region, drop, capsys):
    write_good_files(drop)
    assert run(drop) == 0
    out = capsys.readouterr().out
    assert out.count("Importen är klar") == 3
    assert ("Synkroniseringen är klar: 3 importerade, 0 redan importerade, 0 väntar, "
            "0 misslyckades.") in out
    # kostnadsslag before the mappings naming them, the SIE file (which needs both) last
    assert logged(region) == [("kostnadsslag", "kostnadsslag-2026.csv", "ok"),
                              ("mappning", "Stratsys_mappningar.csv", "ok"),
                              ("sie", "raindance-2026.se", "ok")]
    assert entries(region, "utfall")[("HSN-E", "personal_egen", 2026, 1)] == -511.0005
    with Session(get_engine(region)) as session:
        message = session.scalars(select(ImportRun.message).where(ImportRun.kind == "sie")).one()
    assert "Källa: raindance (dess mappningar gällde)." in message

    assert run(drop) == 0
    assert ("Synkroniseringen är klar: 0 importerade, 3 redan importerade, 0 väntar, "
            "0 misslyckades.") in capsys.readouterr().out
    assert len(logged(region)) == 3

    changed = tuple(line.replace("500000.00", "400000.00") for line in GOOD)
    (drop / "sie" / "raindance-2026.se").write_bytes(sie(*changed))
    assert run(drop) == 0
    assert "1 importerade, 2 redan importerade" in capsys.readouterr().out
    assert logged(region)[3:] == [("sie", "raindance-2026.se", "ok")]
    assert entries(region, "budget")[("HSN-E", "personal_egen", 2026, 1)] == -400.0


def test_a_bad_file_fails_alone_and_leaves_the_database_as_it_was(region, drop, capsys):
    (drop / "export" / "kostnadsslag.csv").write_bytes(csv_bytes(*CATEGORIES))
    (drop / "export" / "mappning-fel.csv").write_bytes(csv_bytes(
        "Källa;Typ;Externt id eller namn;Vår kod", "*;enhet;HC Okänd;FINNS-EJ"))
    (drop / "export" / "anteckningar.csv").write_bytes(csv_bytes("Anteckning", "hej"))
    unbalanced = tuple(line.replace("#RES 0 7010 610700.50", "#RES 0 7010 610000.50")
                       for line in GOOD)
    (drop / "sie" / "obalans.se").write_bytes(sie(*unbalanced))
    before = checksums(region, skip=IMPORT_RECORDS)

    assert run(drop) == 1
    captured = capsys.readouterr()
    err = captured.err
    assert f"{drop / 'export' / 'anteckningar.csv'}: sorten går inte att avgöra" in err
    assert f"{drop / 'export' / 'mappning-fel.csv'}, rad 2, kolumn ”Vår kod”" in err
    assert (f"{drop / 'sie' / 'obalans.se'}, rad 37: Filen är inte i balans: konto 7010 år 0 "
            "har #RES") in err
    assert err.splitlines()[-1].startswith("rodtrad sync: 3 misslyckades: ")
    assert "1 importerade, 0 redan importerade, 0 väntar, 3 misslyckades." in captured.out

    after = checksums(region, skip=IMPORT_RECORDS)
    assert {table for table in before if before[table] != after[table]} == {"cost_categories"}
    with Session(get_engine(region)) as session:
        assert session.scalar(select(CostCategory.name)
                              .where(CostCategory.code == "personal_egen")) == "Egen personal"
    # The bad files are logged as failed imports (a file of no kind is not an import).
    assert logged(region) == [("kostnadsslag", "kostnadsslag.csv", "ok"),
                              ("mappning", "mappning-fel.csv", "fel"),
                              ("sie", "obalans.se", "fel")]

    # A failed file is tried again on the next run; the imported one is not.
    (drop / "export" / "anteckningar.csv").unlink()
    (drop / "export" / "mappning-fel.csv").write_bytes(csv_bytes(
        "Källa;Typ;Externt id eller namn;Vår kod", "*;enhet;HC Okänd;HSN-E"))
    assert run(drop) == 1
    assert "1 importerade, 1 redan importerade, 0 väntar, 1 misslyckades." in \
        capsys.readouterr().out
    assert logged(region)[3:] == [("mappning", "mappning-fel.csv", "ok"),
                                  ("sie", "obalans.se", "fel")]


def test_dry_run_lists_what_would_be_imported_and_changes_nothing(region, drop, capsys):
    write_good_files(drop)
    assert run(drop) == 0
    export, sie_folder = drop / "export", drop / "sie"
    (export / "perspektiv.csv").write_bytes(csv_bytes("Kod;Namn", "barn;Barnrätt"))
    (sie_folder / "raindance-2026.se").write_bytes(sie(*GOOD[:-1]))
    an_hour_ago = time.time() - 3600
    for path in [*export.iterdir(), *sie_folder.iterdir()]:
        os.utime(path, (an_hour_ago, an_hour_ago))
    (export / "Stratsys_mal.csv").write_bytes(csv_bytes(*MAPPINGS))  # being written
    capsys.readouterr()
    before = checksums(region)

    assert run(drop, "--dry-run") == 0
    assert capsys.readouterr().out.splitlines() == [
        "Provkörning: ingenting importeras.",
        f"Importeras (perspektiv, ny fil): {export / 'perspektiv.csv'}",
        f"Redan importerad (kostnadsslag): {export / 'kostnadsslag-2026.csv'}",
        f"Redan importerad (mappning): {export / 'Stratsys_mal.csv'}",  # the same content
        f"Redan importerad (mappning): {export / 'Stratsys_mappningar.csv'}",
        f"Importeras (sie, ändrad sedan den importerades): {sie_folder / 'raindance-2026.se'}",
    ]
    assert checksums(region) == before  # the import log included

    # Without min_alder_sekunder = 0, a file changed this minute may still be being written.
    config = drop / "sync.toml"
    config.write_text(CONFIG.replace("min_alder_sekunder = 0\n\n[filer.sorter]",
                                     "\n[filer.sorter]"), encoding="utf-8")
    assert run(drop, "--dry-run") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[3].startswith(f"Väntar: {export / 'Stratsys_mal.csv'} ändrades för ")
    assert lines[3].endswith(" sekunder sedan och kan skrivas fortfarande; den läses vid "
                             "nästa körning.")
    assert checksums(region) == before


BAD_CONFIGS = [
    pytest.param("[sie]\nkatalog = sie\n", "rad 2, kolumn 11: filen är inte giltig TOML: "
                 "ogiltigt värde (en text ska stå inom citattecken: \"sie\")", id="bad-toml"),
    pytest.param('[sie]\nkatalog = "sie"\n[sie]\n', "rad 3, kolumn 5: filen är inte giltig TOML: "
                 "tabellen står två gånger (flera mappar av samma slag skrivs med dubbla "
                 "hakparenteser: [[filer]])", id="twice"),
    pytest.param('[sie]\nkatalog = "sie"\nkalla = raindance"\n', "rad 3, kolumn 9: filen är "
                 "inte giltig TOML: ogiltigt värde", id="bad-toml-quote"),
    pytest.param('[sie]\nkatalog = "sie"\nkatalgo = "x"\n', "rad 3, nyckeln ”sie.katalgo”: "
                 "okänd nyckel; [sie] kan ha dimension, filnamn, kalla, katalog, "
                 "min_alder_sekunder", id="unknown-key"),
    pytest.param('[sie]\nkatalog = "saknas"\n', "rad 2, nyckeln ”sie.katalog”: mappen "
                 "{folder}/saknas finns inte", id="missing-folder"),
    pytest.param('[sie]\nkalla = "raindance"\n', "rad 1, [sie]: saknar nyckeln ”katalog” "
                 "(mappen filerna läggs i)", id="no-folder"),
    pytest.param('[[filer]]\nkatalog = "export"\n[[filer]]\nkatalog = "export"\ndimension = 1\n',
                 "rad 5, nyckeln ”filer[2].dimension”: okänd nyckel", id="second-table"),
    pytest.param('[filer]\nkatalog = "export"\n[filer.sorter]\n"Export_*.xlsx" = "matvärden"\n',
                 "rad 4, nyckeln ”filer.sorter.Export_*.xlsx”: ”matvärden” är ingen sort; "
                 "sorterna är organisation, ", id="unknown-kind"),
    pytest.param('[sie]\nkatalog = "sie"\ndimension = 0\n', "rad 3, nyckeln ”sie.dimension”: "
                 "ska vara ett positivt heltal", id="dimension"),
    pytest.param('[kolada]\nar = "2025-2019"\n', "rad 2, nyckeln ”kolada.ar”: ska vara år som",
                 id="years"),
    pytest.param('[kalla]\nnamn = "x"\n', "rad 1, [kalla]: okänd tabell; synkinställningarna "
                 "har [sie], [filer] och [kolada]", id="unknown-table"),
    pytest.param('katalog = "sie"\n', "rad 1, nyckeln ”katalog”: okänd nyckel", id="top-level"),
    pytest.param("# tom\n", "inställningarna nämner varken [sie], [filer] eller [kolada]",
                 id="empty"),
]


@pytest.mark.parametrize(("text", "message"), BAD_CONFIGS)
def test_a_bad_configuration_is_named_in_swedish_with_exit_2(drop, text, message, capsys):
    (drop / "sync.toml").write_text(text, encoding="utf-8")
    assert run(drop) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"rodtrad sync: {drop / 'sync.toml'}: ")
    assert message.format(folder=drop) in err, err
    assert len(err.splitlines()) == 1


def test_the_configuration_is_required(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("RODTRAD_SYNC_CONFIG", raising=False)
    assert main(["sync"]) == 2
    assert capsys.readouterr().err == ("rodtrad sync: ange synkinställningarna med --config FIL "
                                       "eller RODTRAD_SYNC_CONFIG\n")
    monkeypatch.setenv("RODTRAD_SYNC_CONFIG", str(tmp_path / "saknas.toml"))
    assert main(["sync"]) == 2
    assert "saknas.toml: filen med synkinställningarna finns inte" in capsys.readouterr().err


@pytest.fixture
def kolada_api():
    """test_kolada's fake Kolada API, on a port of its own."""
    with FakeKolada() as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        yield server
        server.shutdown()


def test_kolada_is_fetched_and_imported_when_its_answer_is_new(region, drop, kolada_api, capsys):
    # No kpi: the indicators whose källa is Kolada (the small region's N1). A Kolada file in
    # the export folder is imported as a file, before the API.
    (drop / "sync.toml").write_text(CONFIG.split("[sie]")[0] + '[kolada]\nar = "2023-2024"\n'
                                    f'api = "{kolada_api.url}"\n', encoding="utf-8")
    (drop / "export" / "kolada-2022.json").write_text(json.dumps(
        {"values": [entry("N1", "0023", 2022, T=79.0)]}), encoding="utf-8")
    assert run(drop) == 0
    assert kolada_api.paths == [
        "/v3/data/kpi/N1/municipality/0023,0000,0022,0024,0025/year/2023,2024", "/page2",
        "/v3/kpi/N1"]
    out = capsys.readouterr().out
    assert "1 nya" in out and "5 nya" in out
    assert run(drop) == 0
    out = capsys.readouterr().out
    assert "Kolada: inget nytt sedan förra importen." in out
    assert "0 importerade, 2 redan importerade" in out
    assert [(kind, name) for kind, name, _ in logged(region)] == [
        ("kolada", "kolada-2022.json"), ("kolada", "2023,2024")]

    (drop / "sync.toml").write_text('[kolada]\nkpi = ["N1"]\napi = "http://127.0.0.1:1"\n',
                                    encoding="utf-8")
    assert run(drop) == 1
    assert "Kolada: Kolada kunde inte nås" in capsys.readouterr().err
    assert logged(region)[-1][::2] == ("kolada", "fel")


def test_the_documented_configuration_reads(tmp_path):
    """docs/import.md's example, with its folders here: every key known, every kind a kind."""
    text = (ROOT / "docs" / "import.md").read_text(encoding="utf-8")
    example = re.search(r"```toml\n(.*?)```", text, re.S)[1]
    example = re.sub(r'katalog = "[^"]*"', f'katalog = "{tmp_path}"', example)
    (tmp_path / "sync.toml").write_text(example, encoding="utf-8")
    config = read_config(tmp_path / "sync.toml", today=dt.date(2026, 12, 5))
    assert [(f.section, f.source, f.kinds[:1]) for f in config.folders] == [
        ("filer", "stratsys", (("Stratsys_matvarden_*.xlsx", "matvarden"),)),
        ("sie", "raindance", ())]
    assert config.kolada.years == tuple(range(2016, 2026))
