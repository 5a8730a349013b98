"""Kolada: documents in the API's v3 and v2 formats (written here by hand, as documented)
import as the region's measurements and comparison series, nulls and missing genders
included; `rodtrad kolada fetch` follows next_url on a local fake server (never the internet)."""

from __future__ import annotations

import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.cli import main
from data_access import profile
from data_access.db import get_engine, session_scope
from data_access.importers import kolada, run_import
from data_access.models import ComparisonMeasurement, Indicator, Measurement, OrgUnit
from tests.small_region import build_small_region, set_kolada_profile


def entry(kpi: str, area: str, year: int, **values) -> dict:
    """One Kolada value entry; `values` maps gender (T, K, M) to a number or None."""
    return {"kpi": kpi, "municipality": area, "period": year,
            "values": [{"gender": g, "value": v, "count": 1, "status": "" if v is not None
                        else "Data saknas"} for g, v in values.items()]}


ENTRIES = [
    entry("N1", "0023", 2024, T=81.5, K=83.0, M=None),  # a null value
    entry("N1", "0023", 2023, T=80.0),                    # women and men missing
    entry("N1", "0000", 2024, T=75.25, K=76.0, M=74.5),
    entry("N1", "0022", 2024, T=None),
    entry("N1", "0025", 2023, K=70.0),                    # no total
]


def v3(values: list, next_url: str | None = None) -> dict:
    return {"values": values, "count": len(values), "next_url": next_url}


def v2(values: list, next_page: str | None = None) -> dict:
    return {"count": len(values), "values": values, "next_page": next_page}


@pytest.fixture
def small(db_url):
    with session_scope(db_url) as session:
        build_small_region(session)
        set_kolada_profile(session)
    return db_url


def load(url: str, document: dict, **options):
    data = json.dumps(document).encode("utf-8")
    with Session(get_engine(url)) as session:
        return run_import(session, "kolada", io.BytesIO(data), "kolada.json", username="test",
                          **options)


def stored(url: str) -> tuple[dict, dict]:
    """(period -> values at the region unit, (area, period) -> (name, values, source))."""
    with Session(get_engine(url)) as session:
        n1 = session.scalar(select(Indicator.id).where(Indicator.code == "N1"))
        region = session.scalar(select(OrgUnit.id).where(OrgUnit.code == "R"))
        own = {m.period: (m.value_total, m.value_women, m.value_men, m.source)
               for m in session.scalars(select(Measurement).where(
                   Measurement.indicator_id == n1, Measurement.unit_id == region))}
        others = {(c.area_code, c.period): (c.area_name, c.value_total, c.value_women,
                                            c.value_men, c.source)
                  for c in session.scalars(select(ComparisonMeasurement))}
    return own, others


EXPECTED_OWN = {"2024": (81.5, 83.0, None, "Kolada"), "2023": (80.0, None, None, "Kolada")}
EXPECTED_OTHERS = {
    ("0000", "2024"): ("Riket", 75.25, 76.0, 74.5, "Kolada"),
    ("0022", "2024"): ("Region Västernorrland", None, None, None, "Kolada"),
    ("0025", "2023"): ("Region Norrbotten", None, 70.0, None, "Kolada"),
}


@pytest.mark.parametrize("document", [v3(ENTRIES), v2(ENTRIES)], ids=["v3", "v2"])
def test_a_kolada_document_imports_the_region_and_its_comparisons(small, document):
    report = load(small, document)
    assert report.outcome == "ok", [str(p) for p in report.problems]
    assert (report.counts.read, report.counts.new) == (5, 5)
    assert report.data_as_of is not None
    assert stored(small) == (EXPECTED_OWN, EXPECTED_OTHERS)
    again = load(small, document)
    assert again.counts.unchanged == 5


def test_a_newer_kolada_value_updates_in_place(small):
    load(small, v3(ENTRIES))
    report = load(small, v3([entry("N1", "0023", 2024, T=82.0, K=83.0)]))
    assert (report.counts.updated, report.counts.new) == (1, 0)
    assert stored(small)[0]["2024"] == (82.0, 83.0, None, "Kolada")


def test_unknown_areas_kpis_and_genders_are_reported(small):
    document = v3([*ENTRIES, entry("N1", "1880", 2024, T=1.0), entry("N999", "0023", 2024, T=1.0),
                   {"kpi": "N1", "municipality": "0023", "period": 2022,
                    "values": [{"gender": "X", "value": 1.0}]}])
    report = load(small, document)
    assert report.outcome == "fel"
    assert [(p.row, p.column) for p in report.problems] == [
        (6, "municipality"), (7, "Indikator"), (8, None)]
    assert "okänt område" in report.problems[0].reason
    assert "rodtrad kolada fetch N999" in report.problems[1].reason
    assert "okänt kön 'X'" in report.problems[2].reason
    assert stored(small) == ({}, {})
    partial = load(small, document, skip_invalid=True)
    assert (partial.outcome, partial.counts.new, partial.counts.rejected) == ("delvis", 5, 3)


def test_a_value_beyond_any_measure_is_refused(small):
    """Kolada's JSON may say 1e308 (or Infinity): no such value is stored."""
    for huge in (1e308, -1e308, float("inf")):
        report = load(small, v3([*ENTRIES, entry("N1", "0023", 2022, T=huge)]))
        assert report.outcome == "fel"
        [problem] = report.problems
        assert (problem.row, problem.column) == (6, "Värde totalt")
        assert problem.reason.startswith("ska vara ett tal med decimalkomma från")
    assert stored(small) == ({}, {})


@pytest.mark.parametrize("document,reason", [
    ({"values": []}, "inga värden"),
    ({"rows": [1]}, "inte i Koladas format"),
    ([1, 2], "inte i Koladas format"),
])
def test_documents_that_are_not_kolada(small, document, reason):
    report = load(small, document)
    assert report.outcome == "fel" and reason in report.problems[0].reason


# --- Fetching from a fake API ---------------------------------------------------------


FAKE = "http://kolada.test"  # in recorded documents: the fake server's own address
RECORDED = Path(__file__).parent / "kolada"


def recorded(name: str) -> dict:
    """A recorded Kolada answer from tests/kolada (in the API's documented shape)."""
    return json.loads((RECORDED / name).read_text(encoding="utf-8"))


class FakeKolada(ThreadingHTTPServer):
    """A local fake of Kolada's API. `answers` maps a path to its JSON document (a path
    ending in "/" answers every path that begins with it); FAKE in a document becomes the
    server's address; other paths are 404. By default /v3/data/… answers in two pages, the
    first pointing at the second by next_url, and there is no KPI metadata."""

    def __init__(self, answers: dict[str, dict] | None = None):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.paths: list[str] = []
        self.answers = answers or {"/v3/data/kpi/": v3(ENTRIES[:2], next_url=f"{FAKE}/page2"),
                                   "/page2": v3(ENTRIES[2:])}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_port}"

    def answer(self, path: str) -> dict | None:
        for known, document in self.answers.items():
            if path == known or (known.endswith("/") and path.startswith(known)):
                return document
        return None


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the http.server name
        self.server.paths.append(self.path)
        body = self.server.answer(self.path)
        if body is None:
            self.send_error(404)
            return
        data = json.dumps(body).replace(FAKE, self.server.url).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_kolada():
    server = FakeKolada()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_kolada_fetch_follows_next_url_and_imports(small, fake_kolada, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", small)
    monkeypatch.setenv("KOLADA_API_URL", fake_kolada.url)
    assert main(["kolada", "fetch", "N1", "--ar", "2023-2024", "--anvandare", "anna"]) == 0
    assert fake_kolada.paths == [
        "/v3/data/kpi/N1/municipality/0023,0000,0022,0024,0025/year/2023,2024", "/page2",
        "/v3/kpi/N1"]  # the KPI's metadata: none here, so N1 stays as it is
    assert "5 nya" in capsys.readouterr().out
    assert stored(small) == (EXPECTED_OWN, EXPECTED_OTHERS)


def test_kolada_fetch_dry_run_saves_nothing(small, fake_kolada, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", small)
    assert main(["kolada", "fetch", "N1", "--api", fake_kolada.url, "--dry-run",
                 "--omrade", "0023"]) == 0
    assert "/municipality/0023/year/" in fake_kolada.paths[0]
    assert stored(small) == ({}, {})


def test_kolada_fetch_says_so_when_kolada_cannot_be_reached(small, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", small)
    assert main(["kolada", "fetch", "N1", "--api", "http://127.0.0.1:1"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("rodtrad: Kolada kunde inte nås") and "Traceback" not in err


# --- Kolada in full: metadata, deleted and revised values, paging, the comparison set ---


def answers(version: str) -> dict[str, dict]:
    """The recorded answers of one API version, served where `rodtrad kolada fetch` asks."""
    return {"/v3/data/kpi/": recorded(f"{version}_data_1.json"),
            f"/{version}/data/page2": recorded(f"{version}_data_2.json"),
            "/v3/kpi/N1,N02": recorded(f"{version}_kpi.json")}


def indicator(url: str, code: str) -> tuple | None:
    with Session(get_engine(url)) as session:
        found = session.scalar(select(Indicator).where(Indicator.code == code))
        return found and (found.name, found.description, found.unit, found.by_sex,
                          found.direction, found.frequency, found.source)


def values(url: str, code: str) -> dict:
    """(area, period) -> (total, women, men) of an indicator; the region unit's area is 0023."""
    with Session(get_engine(url)) as session:
        found = session.scalar(select(Indicator.id).where(Indicator.code == code))
        region = session.scalar(select(OrgUnit.id).where(OrgUnit.code == "R"))
        own = {("0023", m.period): (m.value_total, m.value_women, m.value_men)
               for m in session.scalars(select(Measurement).where(
                   Measurement.indicator_id == found, Measurement.unit_id == region))}
        return own | {(c.area_code, c.period): (c.value_total, c.value_women, c.value_men)
                      for c in session.scalars(select(ComparisonMeasurement).where(
                          ComparisonMeasurement.indicator_id == found))}


@pytest.mark.parametrize("version", ["v3", "v2"])
def test_a_fetch_creates_updates_revises_and_removes(small, fake_kolada, monkeypatch, capsys,
                                                      version):
    """Stored values from an earlier import; Kolada has since revised one (0023 2023), deleted
    one (0000 2023) and withdrawn the women's value of another (0022 2023), and has a KPI
    that is not yet an indicator (N02), whose metadata it gives."""
    load(small, v3([entry("N1", "0023", 2023, T=80.0), entry("N1", "0000", 2023, T=75.0),
                    entry("N1", "0022", 2023, T=71.0, K=72.0)]))
    fake_kolada.answers = answers(version)
    monkeypatch.setenv("DATABASE_URL", small)
    assert main(["kolada", "fetch", "N1", "N02", "--ar", "2023-2024", "--api",
                 fake_kolada.url]) == 0
    assert fake_kolada.paths == [
        "/v3/data/kpi/N1,N02/municipality/0023,0000,0022,0024,0025/year/2023,2024",
        f"/{version}/data/page2", "/v3/kpi/N1,N02"]
    out = capsys.readouterr().out
    assert "5 rader lästa: 2 nya, 3 ändrade, 0 oförändrade" in out
    assert "Nya indikatorer från Koladas beskrivning: N02" in out
    assert "Indikatorer uppdaterade från Koladas beskrivning: N1" in out
    assert "1 värden som Kolada har tagit bort (isdeleted) togs bort" in out
    # Each value it changed or removed is listed (and stored with the run: test_kolada_sync).
    assert "Kolada har reviderat 3 lagrade värden sedan de importerades: 1 ändrade, 2 borttagna" \
        in out
    assert "Reviderat av Kolada: N1, 0023 Region Liten, 2023, totalt: 80 → 80,5" in out
    assert "Borttaget av Kolada: N1, 0000 Riket, 2023, totalt: 75" in out
    assert "Borttaget av Kolada: N1, 0022 Region Västernorrland, 2023, kvinnor: 72" in out
    assert indicator(small, "N02") == (
        "Väntetid till besök, dagar", "Medianväntetid i dagar från remiss till första besök.",
        "dagar", True, "lower", "year", "Kolada")
    # N1 takes Kolada's title, description and split; its own unit and direction stay.
    assert indicator(small, "N1") == (
        "Patienter som är nöjda, andel (%)", "Andel patienter som är nöjda med vården.", "%",
        True, "higher", "year", "Kolada")
    assert values(small, "N1") == {("0023", "2023"): (80.5, None, None),
                                   ("0022", "2023"): (71.0, None, None)}
    assert values(small, "N02") == {("0023", "2024"): (12.5, 11.0, None),
                                    ("0000", "2024"): (14.0, None, None)}


def test_a_deleted_value_that_was_never_stored_changes_nothing(small):
    report = load(small, v3([entry("N1", "0023", 2024, T=81.5),
                             {**entry("N1", "0000", 2020, T=1.0), "isdeleted": True}]))
    assert (report.outcome, report.counts.new, report.counts.unchanged) == ("ok", 1, 1)
    assert values(small, "N1") == {("0023", "2024"): (81.5, None, None)}


def test_a_kpi_with_metadata_in_the_file_is_created(small):
    kpis = recorded("v3_kpi.json")["values"]
    report = load(small, {**v3([entry("N02", "0023", 2024, T=12.5)]), "kpis": kpis})
    assert report.outcome == "ok", [str(p) for p in report.problems]
    assert indicator(small, "N02")[0] == "Väntetid till besök, dagar"
    assert values(small, "N02") == {("0023", "2024"): (12.5, None, None)}


def test_nothing_half_written_stays(small):
    """A bad row: the new indicator, the updated one and the removal are all rolled back."""
    load(small, v3([entry("N1", "0000", 2023, T=75.0)]))
    kpis = recorded("v3_kpi.json")["values"]
    report = load(small, {**v3([entry("N02", "0023", 2024, T=12.5),
                                {**entry("N1", "0000", 2023, T=75.0), "isdeleted": True},
                                entry("N1", "9999", 2024, T=1.0)]), "kpis": kpis})
    assert report.outcome == "fel"
    assert indicator(small, "N02") is None
    assert indicator(small, "N1")[0] == "Nöjda patienter"
    assert values(small, "N1") == {("0000", "2023"): (75.0, None, None)}


def test_an_area_outside_the_comparison_set_says_how_to_add_it(small):
    report = load(small, v3([entry("N1", "0001", 2024, T=1.0)]))
    [problem] = report.problems
    assert (problem.row, problem.column, problem.value) == (1, "municipality", "0001")
    assert problem.reason.startswith("okänt område: 0001 (värdet för N1 år 2024) är varken "
                                     "organisationens eget (0023)")
    assert "0000 Riket, 0022 Region Västernorrland" in problem.reason
    assert kolada.ADD_AREA in problem.reason
    assert "rodtrad profil satt --jamfor 'ID NAMN'" in problem.reason
    assert "/admin/profil" in problem.reason


def test_all_regions_are_storable_as_comparisons(small):
    with session_scope(small) as session:  # the profile's comparison set: riket, all regions
        profile.save(session, profile.Profile("Region Liten", "region", "0023", "Region Liten",
                                              riket=True, all_regions=True), by="test")
    with Session(get_engine(small)) as session:
        areas = kolada.accepted_areas(session)
    assert len(kolada.REGIONS) == 21
    assert areas.codes[:2] == ("0023", "0000") and len(areas.codes) == 22
    assert "alla 20 andra regioner" in areas.describe()
    report = load(small, v3([entry("N1", code, 2024, T=float(i))
                             for i, code in enumerate(areas.codes)]))
    assert (report.outcome, report.counts.new) == ("ok", 22)
    stored_areas = stored(small)[1]
    assert stored_areas[("0001", "2024")][0] == "Region Stockholm"
    assert stored_areas[("0014", "2024")][0] == "Västra Götalandsregionen"
    assert ("0023", "2024") not in stored_areas  # the own area is a measurement
    assert "9999" not in areas.comparisons


def test_a_single_page_file_says_there_are_more(small):
    report = load(small, v3(ENTRIES, next_url="https://api.kolada.se/v3/data/x?page=2"))
    assert report.outcome == "ok"
    assert any("bara en sida" in note for note in report.notes)


@pytest.mark.parametrize("flag", ["ja", 1])
def test_isdeleted_must_be_true_or_false(small, flag):
    report = load(small, v3([{**entry("N1", "0023", 2024, T=1.0), "isdeleted": flag}]))
    assert report.outcome == "fel"
    assert "”isdeleted” ska vara true eller false" in report.problems[0].reason
