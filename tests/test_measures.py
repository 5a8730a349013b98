"""Resultatförbättrande åtgärder: the order and the sums per nämnd on a hand-built region with a
known answer (SQLite and PostgreSQL), the demo against independent SQL, what each viewer is
shown, and the page and its downloads over HTTP."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from callbacks import atgarder as cb
from dashboard.core.args import BadArgument
from data_access.db import get_engine
from data_access.models import MEASURE_STATUSES, SavingMeasure
from data_access.queries import measures as q
from data_access.scope import MANAGEMENT, PUBLIC, Viewer
from tests.test_access import log_in
from tests.test_downloads import csv_rows, fetch, file_name, xlsx_rows, xlsx_sheet
from tests.test_grants import render, small_region_with

# (code, unit, year, planned, achieved, status)
MEASURES = (
    ("M1", "HSN-E", 2026, 1000.0, 400.0, "pagaende"),
    ("M2", "HSN-E", 2026, 500.0, 500.0, "genomford"),
    ("M3", "RUN-E", 2026, 300.0, 0.0, "avbruten"),
    ("M4", "HSN", 2026, 200.0, 250.0, "genomford"),
    ("M5", "HSN-E", 2025, 100.0, 100.0, "genomford"),
)


@pytest.fixture
def region(db_url):
    """The small region with the measures above."""
    yield from small_region_with(db_url, lambda units: [
        SavingMeasure(code=code, title=f"Åtgärd {code}", unit_id=units[unit], year=year,
                      planned_effect_tkr=planned, achieved_effect_tkr=achieved, status=status,
                      comment=f"Kommentar {code}")
        for code, unit, year, planned, achieved, status in MEASURES])


def codes(data: cb.MeasuresData) -> list[str]:
    return [m.code for m in data.measures]


def test_measures_by_namnd_with_the_largest_missing_effect_first(region):
    session, _ = region
    data = cb.measures_data(session, MANAGEMENT)
    assert data.selection.year == 2026 and data.selection.years == [2026, 2025]
    assert codes(data) == ["M1", "M2", "M4", "M3"]
    hsn, run = cb.sums_by_namnd(data.measures)
    assert (hsn.label, hsn.code) == ("Hälso- och sjukvårdsnämnden", "HSN")
    assert (hsn.count, hsn.done) == (3, 2)
    assert (hsn.planned_tkr, hsn.achieved_tkr) == (1700, 1150)
    assert hsn.achieved_share == pytest.approx(1150 / 1700 * 100)
    assert (run.code, run.count, run.done) == ("RUN", 1, 0)
    assert (run.planned_tkr, run.achieved_tkr) == (300, 0)
    total = cb.sums("Totalt", data.measures)
    assert (total.count, total.planned_tkr, total.achieved_tkr) == (4, 2000, 1150)


def test_the_sums_table_and_chart_show_the_same_figures(region):
    session, _ = region
    found = cb.measures_data(session, MANAGEMENT).measures
    rows = cb.sum_rows(found)
    assert [r[3] for r in rows[:2]] == ["1,7\u00a0mnkr", "0,3\u00a0mnkr"]
    assert rows[-1][1:4] == ["4", "2", "2,0\u00a0mnkr"]  # the total
    figure = cb.effect_figure(cb.sums_by_namnd(found))
    planned, achieved = figure["data"]
    assert planned["y"] == ["HSN", "RUN"] and planned["x"] == [1.7, 0.3]
    assert achieved["x"] == [1.15, 0.0]


def test_a_namnd_member_sees_only_their_own_units_measures(region):
    session, ids = region
    hsn = Viewer("namnd", (ids["HSN"],))
    assert codes(cb.measures_data(session, hsn)) == ["M1", "M2", "M4"]
    with pytest.raises(BadArgument, match="behörighet att se åtgärder för RUN"):
        cb.measures_data(session, hsn, "RUN")
    assert q.measure_years(session, PUBLIC) == []


def test_every_status_has_a_word_and_its_own_symbol():
    assert set(cb.MEASURE_STATUS_SV) == set(MEASURE_STATUSES)
    symbols = [label.symbol for label in cb.MEASURE_STATUS_SV.values()]
    assert len(set(symbols)) == len(symbols) and all(symbols)
    badge = cb.status_badge("avbruten")
    assert badge.children[1] == "Avbruten" and "status-red" in badge.className


# --- The demo region against independent SQL -------------------------------------------------


@pytest.fixture
def demo(demo_url):
    with Session(get_engine(demo_url)) as session:
        yield session


def test_the_demo_sums_per_namnd_equal_independent_sql(demo):
    data = cb.measures_data(demo, MANAGEMENT)
    expected = {name: (count, planned, achieved) for name, count, planned, achieved in demo.execute(
        text("""SELECT n.name, COUNT(*), SUM(m.planned_effect_tkr), SUM(m.achieved_effect_tkr)
                FROM saving_measures m JOIN org_units u ON u.id = m.unit_id
                JOIN org_units n ON n.id = u.namnd_id WHERE m.year = 2026 GROUP BY n.name"""))}
    got = {s.label: (s.count, s.planned_tkr, s.achieved_tkr)
           for s in cb.sums_by_namnd(data.measures)}
    assert got.keys() == expected.keys()
    for name, (count, planned, achieved) in expected.items():
        assert got[name] == (count, pytest.approx(planned), pytest.approx(achieved))


def test_an_hsn_member_never_sees_runs_unit_level_measures(demo):
    hsn_id, run_id = (demo.execute(text("SELECT id FROM org_units WHERE code = :c"), {"c": c})
                      .scalar() for c in ("HSN", "RUN"))
    hsn = Viewer("namnd", (hsn_id,))
    runs = {c for c, in demo.execute(text(
        "SELECT m.code FROM saving_measures m JOIN org_units u ON u.id = m.unit_id "
        "WHERE u.namnd_id = :n AND u.level NOT IN ('region', 'namnd')"), {"n": run_id})}
    seen = {m.code for year in q.measure_years(demo, hsn)
            for m in cb.measures_data(demo, hsn, None, str(year)).measures}
    assert runs and seen and not seen & runs
    assert {m.namnd.code for m in q.measures(demo, hsn, 2026)} == {"HSN"}


# --- Over HTTP: permalinks and downloads ----------------------------------------------------


def test_the_permalink_shows_one_namnds_measures(app, client):
    log_in(client, "ledning")
    page = render(app, client, "/ekonomi/atgarder", "?namnd=RUN&year=2026")
    assert "Minskade lokalkostnader på Birka folkhögskola" in page
    assert "Byte till biosimilarer och generika" not in page  # HSN's
    assert "✓" in page and "Genomförd" in page and "atgarder-chart" in page


def test_a_member_is_told_why_another_namnd_is_not_shown(app, client):
    log_in(client, "hsn")
    page = render(app, client, "/ekonomi/atgarder", "?namnd=RUN")
    assert "Du har inte behörighet att se åtgärder för RUN" in page
    assert "Birka" not in page
    assert "Birka" not in render(app, client, "/ekonomi/atgarder")
    assert "är inget årtal" in render(app, client, "/ekonomi/atgarder", "?year=20x6")


def test_the_measures_download_as_csv_and_excel(app, client):
    log_in(client, "ledning")
    response = fetch(client, "atgarder", "measures", "csv", year=2026, namnd="RUN")
    rows = csv_rows(response.data)
    assert file_name(response) == "atgarder_lista_RUN_2026.csv" and rows[0][1] == "Åtgärd"
    assert {r[4] for r in rows[1:]} == {"Regionala utvecklingsnämnden"} and len(rows) == 3
    response = fetch(client, "atgarder", "measures", "xlsx", year=2026)
    sheet = xlsx_rows(response.data)
    assert file_name(response) == "atgarder_lista_2026.xlsx" and len(sheet) == 1 + 22
    assert sheet[0][6] == "Planerad effekt (tkr)" and sheet[1][6] == 8000  # a number, not text


def test_the_sums_per_namnd_download_in_mnkr_as_on_the_page(app, client, demo_url):
    log_in(client, "ledning")
    sheet = xlsx_sheet(fetch(client, "atgarder", "sums", "xlsx", year=2026).data)
    header, *rows = list(sheet.iter_rows(min_row=3, values_only=True))  # under the title
    assert header == ("Nämnd", "Antal åtgärder", "Varav genomförda", "Planerad effekt (mnkr)",
                      "Uppnådd effekt (mnkr)", "Uppnådd andel (%)")
    with Session(get_engine(demo_url)) as s:
        count, done, planned, achieved = s.execute(text("""
            SELECT COUNT(*), SUM(CASE WHEN status = 'genomford' THEN 1 ELSE 0 END),
                   SUM(planned_effect_tkr), SUM(achieved_effect_tkr)
            FROM saving_measures WHERE year = 2026""")).one()
    assert rows[-1][:3] == ("Totalt", count, done)
    assert rows[-1][3:5] == pytest.approx((planned / 1000, achieved / 1000))
    assert rows[-1][5] == pytest.approx(achieved / planned)
    assert sum(r[1] for r in rows[:-1]) == count
    assert sheet["D4"].number_format == "#,##0.0" and sheet["F4"].number_format == "0.0%"
    rows = csv_rows(fetch(client, "atgarder", "sums", "csv", year=2026, namnd="RUN").data)
    assert [r[0] for r in rows[1:]] == ["Regionala utvecklingsnämnden"]


def test_a_member_cannot_download_another_namnds_measures(app, client):
    log_in(client, "hsn")
    for table in ("measures", "sums"):
        response = fetch(client, "atgarder", table, "xlsx", year=2026, namnd="RUN")
        assert response.status_code == 400 and "Du har inte behörighet" in response.text
        content = csv_rows(fetch(client, "atgarder", table, "csv", year=2026).data)
        assert "Regionala utvecklingsnämnden" not in str(content) and "Birka" not in str(content)
