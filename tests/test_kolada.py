"""Kolada: documents in the API's v3 and v2 formats (written here by hand, as documented)
import as the region's measurements and comparison series, nulls and missing genders
included; `rodtrad kolada fetch` follows next_url on a local fake server (never the internet)."""

from __future__ import annotations

import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.cli import main
from data_access.db import get_engine, session_scope
from data_access.importers import run_import
from data_access.models import ComparisonMeasurement, Indicator, Measurement, OrgUnit
from tests.small_region import build_small_region


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
        (6, "municipality"), (8, None), (7, "Indikator")]
    assert "okänt område" in report.problems[0].reason
    assert "okänt kön 'X'" in report.problems[1].reason
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


class FakeKolada(ThreadingHTTPServer):
    """Answers /v3/data/… with two pages (the first pointing at the second by next_url)."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.paths: list[str] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_port}"


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the http.server name
        self.server.paths.append(self.path)
        if self.path.startswith("/v3/data/kpi/"):
            body = v3(ENTRIES[:2], next_url=f"{self.server.url}/page2")
        elif self.path == "/page2":
            body = v3(ENTRIES[2:])
        else:
            self.send_error(404)
            return
        data = json.dumps(body).encode("utf-8")
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
        "/v3/data/kpi/N1/municipality/0023,0000,0022,0024,0025/year/2023,2024", "/page2"]
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
