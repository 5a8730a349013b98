"""`rodtrad kolada sync`: every Kolada-sourced indicator refreshed from a local fake of Kolada's
API (recorded v2 and v3 documents, paged; never the internet), and what Kolada revised since
the last sync recorded per run, printed and shown in the Importlogg. A failed sync stores
nothing and says in Swedish which KPI and page failed."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.cli import main
from data_access.db import get_engine, session_scope
from data_access.importers import kolada
from data_access.models import ImportRun, Indicator, KoladaRevision
from tests.small_region import build_small_region, set_kolada_profile
from tests.table_state import IMPORT_RECORDS, checksums
from tests.test_access import log_in
from tests.test_kolada import FAKE, FakeKolada, entry, load, recorded, v3, values
from tests.test_pages_http import render_page

AREAS = "0023,0000,0022,0024,0025"  # the small region's own area and its comparison set


@pytest.fixture
def region(db_url, monkeypatch):
    """The small region with its Kolada profile, as the command's database."""
    monkeypatch.setenv("DATABASE_URL", db_url)
    with session_scope() as session:
        build_small_region(session)
        set_kolada_profile(session)
    return db_url


@pytest.fixture
def api():
    with FakeKolada() as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        yield server
        server.shutdown()


def first_answers(version: str) -> dict[str, dict]:
    """Kolada's answer for N1 and N02 on the first sync (test_kolada's recorded documents)."""
    return {"/v3/data/kpi/": recorded(f"{version}_data_1.json"),
            f"/{version}/data/page2": recorded(f"{version}_data_2.json"),
            "/v3/kpi/N1,N02": recorded(f"{version}_kpi.json")}


def revised_answers(version: str) -> dict[str, dict]:
    """Kolada's answer a day later: it has revised N1 0023 2023 (80,5 → 81) and N02 0023 2024
    (12,5 → 12), withdrawn N02's value for women there and N02 for riket, and added a value."""
    return {"/v3/data/kpi/": recorded(f"{version}_revised_1.json"),
            f"/{version}/data/page2": recorded(f"{version}_revised_2.json"),
            "/v3/kpi/N02,N1": recorded(f"{version}_kpi.json")}


def sync(api, *options: str) -> int:
    return main(["kolada", "sync", "--ar", "2023-2024", "--api", api.url, *options])


def revisions(url: str) -> list[tuple]:
    """(run id, indicator, area, year, gender, old, new, deleted) of every stored revision."""
    with Session(get_engine(url)) as session:
        return [(r.run_id, r.indicator_code, r.area_code, r.period, r.gender, r.old_value,
                 r.new_value, r.deleted)
                for r in session.scalars(select(KoladaRevision).order_by(KoladaRevision.id))]


def runs(url: str) -> list[tuple]:
    """(id, kind, outcome, dry run) of every logged run."""
    with Session(get_engine(url)) as session:
        return [tuple(row) for row in session.execute(
            select(ImportRun.id, ImportRun.kind, ImportRun.outcome, ImportRun.dry_run)
            .order_by(ImportRun.id))]


REVISED = [  # (indicator, area, year, gender, old, new, deleted), as the second sync stores them
    ("N02", "0000", "2024", "T", 14.0, None, True),
    ("N02", "0023", "2024", "T", 12.5, 12.0, False),
    ("N02", "0023", "2024", "K", 11.0, None, True),
    ("N1", "0023", "2023", "T", 80.5, 81.0, False),
]


@pytest.mark.parametrize("version", ["v3", "v2"])
def test_two_syncs_record_what_kolada_revised_in_between(region, api, capsys, version):
    api.answers = first_answers(version)
    assert sync(api, "--kpi", "N1,N02") == 0
    out = capsys.readouterr().out
    assert "5 rader lästa: 4 nya, 0 ändrade, 1 oförändrade" in out  # the deleted one: not stored
    assert "Nya indikatorer från Koladas beskrivning: N02" in out
    assert "Kolada har inte reviderat några lagrade värden sedan förra importen." in out
    assert out.rstrip().endswith("Kolada-synken är klar.")
    assert revisions(region) == []

    # Without --kpi: every Kolada-sourced indicator (N02 now too), and all its pages.
    api.answers, api.paths[:] = revised_answers(version), []
    assert sync(api) == 0
    assert api.paths == [f"/v3/data/kpi/N02,N1/municipality/{AREAS}/year/2023,2024",
                         f"/{version}/data/page2", "/v3/kpi/N02,N1"]
    out = capsys.readouterr().out
    assert ("Kolada har reviderat 4 lagrade värden sedan de importerades: 2 ändrade, "
            "2 borttagna (de står i Importloggen under Reviderade värden).") in out
    listed = [line for line in out.splitlines() if line.endswith(("→ 12", "→ 81", ": 14",
                                                                    ": 11"))]
    assert listed == [
        "Borttaget av Kolada: N02, 0000 Riket, 2024, totalt: 14",
        "Reviderat av Kolada: N02, 0023 Region Liten, 2024, totalt: 12,5 → 12",
        "Borttaget av Kolada: N02, 0023 Region Liten, 2024, kvinnor: 11",
        "Reviderat av Kolada: N1, 0023 Region Liten, 2023, totalt: 80,5 → 81",
    ]
    second = runs(region)[-1]
    assert second[1:] == ("kolada", "ok", False)
    assert revisions(region) == [(second[0], *r) for r in REVISED]
    assert values(region, "N1") == {("0023", "2023"): (81.0, None, None),
                                    ("0022", "2023"): (71.0, None, None),
                                    ("0024", "2024"): (60.0, None, None)}
    assert values(region, "N02") == {("0023", "2024"): (12.0, None, None)}

    # The same answer again: nothing new, nothing logged, the revisions kept.
    assert sync(api) == 0
    assert "Kolada: inget nytt sedan förra importen. Inga värden har reviderats." in \
        capsys.readouterr().out
    assert runs(region)[-1] == second
    assert len(revisions(region)) == len(REVISED)


def test_a_dry_run_shows_the_revisions_and_saves_nothing(region, api, capsys):
    api.answers = first_answers("v3")
    assert sync(api, "--kpi", "N1,N02") == 0
    before = checksums(region, skip=IMPORT_RECORDS)
    api.answers = revised_answers("v3")
    capsys.readouterr()
    assert sync(api, "--dry-run") == 0
    out = capsys.readouterr().out
    assert "(provkörning: inget av det sparades)" in out
    assert "Reviderat av Kolada: N1, 0023 Region Liten, 2023, totalt: 80,5 → 81" in out
    assert checksums(region, skip=IMPORT_RECORDS) == before
    assert revisions(region) == []
    assert runs(region)[-1][1:] == ("kolada", "ok", True)


def test_rodtrad_sync_with_kolada_takes_the_same_path(region, api, tmp_path, capsys):
    """`rodtrad sync` with [kolada] in its configuration records the revisions too."""
    load(region, v3([entry("N1", "0023", 2023, T=80.0), entry("N1", "0000", 2023, T=75.0)]))
    api.answers = first_answers("v3")
    config = tmp_path / "sync.toml"
    config.write_text(f'[kolada]\nkpi = ["N1", "N02"]\nar = "2023-2024"\napi = "{api.url}"\n',
                      encoding="utf-8")
    assert main(["sync", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "Reviderat av Kolada: N1, 0023 Region Liten, 2023, totalt: 80 → 80,5" in out
    assert "Borttaget av Kolada: N1, 0000 Riket, 2023, totalt: 75" in out
    assert [r[1:] for r in revisions(region)] == [
        ("N1", "0000", "2023", "T", 75.0, None, True),
        ("N1", "0023", "2023", "T", 80.0, 80.5, False)]


def test_an_http_error_names_the_kpis_and_page_and_stores_nothing(region, api, capsys):
    api.answers = first_answers("v3")
    assert sync(api, "--kpi", "N1,N02") == 0
    before = checksums(region, skip=IMPORT_RECORDS)
    # Page 1 points at a page the server does not have: Kolada answers 404 for it.
    api.answers = {"/v3/data/kpi/": {**recorded("v3_revised_1.json"),
                                     "next_url": f"{FAKE}/v3/data/saknas"}}
    capsys.readouterr()
    assert sync(api) == 1
    err = capsys.readouterr().err
    assert err.startswith("Kolada: Kolada svarade med fel 404 (Not Found) på sida 2 av Koladas "
                          "svar om nyckeltalen N02, N1 (http://127.0.0.1:")
    assert "ingenting sparades" in err and "Traceback" not in err
    assert err.rstrip().endswith("rodtrad kolada sync: Kolada-synken misslyckades; ingenting "
                                 "sparades.")
    assert checksums(region, skip=IMPORT_RECORDS) == before
    assert runs(region)[-1][1:] == ("kolada", "fel", False)
    assert revisions(region) == []


def test_a_value_outside_the_comparison_set_fails_the_whole_sync(region, api, capsys):
    """Kolada answers for an area the profile does not compare with: each such row is reported
    with how to add the area, and nothing of the answer is stored, the good rows included."""
    api.answers = first_answers("v3")
    assert sync(api, "--kpi", "N1,N02") == 0
    before = checksums(region, skip=IMPORT_RECORDS)
    api.answers = {"/v3/data/kpi/": v3([entry("N1", "0023", 2023, T=90.0),
                                        entry("N1", "0001", 2023, T=70.0),
                                        entry("N1", "0180", 2024, T=65.0)]),
                   "/v3/kpi/N1": recorded("v3_kpi.json")}
    capsys.readouterr()
    assert sync(api, "--kpi", "N1", "--omrade", "0023,0001,0180") == 1
    err = capsys.readouterr().err
    problems = [line for line in err.splitlines() if "okänt område" in line]
    assert len(problems) == 2
    assert "rad 2, kolumn ”municipality”, värdet ”0001”: okänt område: 0001 (värdet för N1 år " \
           "2023)" in problems[0]
    assert "värdet ”0180”: okänt område: 0180 (värdet för N1 år 2024)" in problems[1]
    for line in problems:
        assert "rodtrad profil satt --jamfor 'ID NAMN'" in line and "/admin/profil" in line
    assert checksums(region, skip=IMPORT_RECORDS) == before
    assert values(region, "N1")[("0023", "2023")] == (80.5, None, None)


def test_an_unknown_kpi_is_created_from_metadata_or_else_reported(region, api, capsys):
    api.answers = {"/v3/data/kpi/": v3([entry("N1", "0023", 2023, T=80.0),
                                        entry("N77", "0023", 2023, T=5.0)])}  # no metadata
    assert sync(api, "--kpi", "N1,N77") == 1
    captured = capsys.readouterr()
    assert "Koladas beskrivning av nyckeltalen kunde inte hämtas: Kolada svarade med fel 404" \
        in captured.out
    assert "det finns ingen indikator med koden N77" in captured.err
    with Session(get_engine(region)) as session:
        assert session.scalar(select(Indicator).where(Indicator.code == "N77")) is None
    assert values(region, "N1") == {}

    api.answers["/v3/kpi/N1,N77"] = {"values": [
        {"id": "N77", "title": "Antal vårdplatser", "is_divided_by_gender": False}]}
    assert sync(api, "--kpi", "N1,N77") == 0
    assert "Nya indikatorer från Koladas beskrivning: N77" in capsys.readouterr().out
    assert values(region, "N77") == {("0023", "2023"): (5.0, None, None)}


def test_without_kolada_sourced_indicators_it_says_what_to_do(db_url, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", db_url)
    with session_scope() as session:
        set_kolada_profile(session)
    assert main(["kolada", "sync", "--api", "http://127.0.0.1:1"]) == 1
    err = capsys.readouterr().err
    assert "det finns inga indikatorer med källan Kolada att hämta" in err
    assert "Traceback" not in err


def test_without_a_profile_it_says_how_to_set_one(db_url, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", db_url)
    with session_scope() as session:
        build_small_region(session)  # N1 is a Kolada indicator, but no Kolada area is set
    assert main(["kolada", "sync", "--api", "http://127.0.0.1:1"]) == 1
    err = capsys.readouterr().err
    assert "Organisationens Kolada-id är inte angivet" in err and "rodtrad profil satt" in err
    assert "Traceback" not in err


def test_a_bad_year_range_is_exit_2(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["kolada", "sync", "--ar", "2025-2019"])
    assert stopped.value.code == 2
    assert "ogiltiga år '2025-2019'" in capsys.readouterr().err


# --- The Importlogg ---------------------------------------------------------------------


def add_kolada_run(url: str, revised: list[tuple], minutes_ago: int = 0) -> int:
    """A saved Kolada import with its revisions, as a sync leaves them."""
    at = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) - dt.timedelta(minutes=minutes_ago)
    with session_scope(url) as session:
        run = ImportRun(kind="kolada", file_name="https://api.kolada.se/v3/data/kpi/N1",
                        started_at=at, finished_at=at, username="rodtrad (synk)", outcome="ok",
                        rows_read=5, rows_updated=len(revised))
        session.add(run)
        session.flush()
        kolada.store_revisions(session, run.id, [
            kolada.Revision(code, area, name, year, gender, old, new, deleted)
            for code, area, name, year, gender, old, new, deleted in revised])
        return run.id


PAGE_REVISIONS = [("N1", "0023", "Region Jämtland Härjedalen", "2023", "T", 80.5, 81.25, False),
                  ("N1", "0000", "Riket", "2023", "K", 75.0, None, True)]


def test_the_importlogg_shows_what_the_latest_kolada_import_revised(client, app, demo_url):
    add_kolada_run(demo_url, [("N9", "0000", "Riket", "2020", "T", 1.0, 2.0, False)], 60)
    add_kolada_run(demo_url, PAGE_REVISIONS)
    log_in(client, "admin")
    content = render_page(client, app, "/admin/importlogg")
    assert '"id": "importlogg-reviderade"' in content and "Reviderade värden" in content
    assert "2 värden som Kolada hade ändrat eller tagit bort" in content
    for text in ("0023 Region Jämtland Härjedalen", "80,5", "81,25", "Reviderat", "0000 Riket",
                 "kvinnor", "Borttaget av Kolada", "av rodtrad (synk)"):
        assert text in content, text
    assert "N9" not in content  # an earlier run's revisions


def test_the_importlogg_says_when_kolada_revised_nothing(client, app, demo_url):
    add_kolada_run(demo_url, PAGE_REVISIONS, 60)
    add_kolada_run(demo_url, [])
    log_in(client, "admin")
    content = render_page(client, app, "/admin/importlogg")
    assert "Kolada hade inte reviderat några lagrade värden." in content
    assert "Borttaget av Kolada" not in content
