"""Resultatförbättrande åtgärder: the order and the sums per nämnd on a hand-built region with a
known answer (SQLite and PostgreSQL), the demo against independent SQL, what each viewer is
shown, and the page and its downloads over HTTP."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from callbacks import atgarder as cb
from dashboard.core.args import BadArgument
from data_access.db import get_engine, session_scope
from data_access.demo.grants import HIRED_DOCTORS
from data_access.models import (
    MEASURE_STATUSES,
    Indicator,
    MeasureIndicator,
    MeasureMonth,
    Measurement,
    OrgUnit,
    SavingMeasure,
    Target,
)
from data_access.queries import measures as q
from data_access.scope import MANAGEMENT, PUBLIC, Viewer
from tests.test_access import log_in
from tests.test_downloads import csv_rows, fetch, file_name, xlsx_rows, xlsx_sheet
from data_access.tree import rebuild_latest_measurements
from tests.small_region import build_small_region
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


# --- Month by month and the watched quality indicators (hand-built, SQLite and PostgreSQL) ---

# (measure, month, planned tkr, achieved tkr, planned FTE, achieved FTE)
MONTHS = (
    ("M1", 1, 100.0, 50.0, 2.0, 1.0), ("M1", 2, 100.0, 60.0, 2.0, 1.5),
    ("M1", 3, 100.0, None, 2.0, None),
    ("M2", 1, 40.0, 10.0, 0.0, None), ("M2", 2, 40.0, 20.0, 0.0, None),
    ("M3", 1, 300.0, 0.0, 0.0, None),
)


def _add_watched(session, units: dict[str, int]) -> None:
    """The measures of MEASURES, their months, and two published indicators: Q1 (days, lower
    is better) at 30 against HSN's målvärde 20 ± 5, red; Q2 (%) at 90 against HSN-E's own 85,
    green; Q2 has no value at RUN-E, grey there."""
    ms = {code: SavingMeasure(code=code, title=f"Åtgärd {code}", unit_id=units[unit], year=year,
                              planned_effect_tkr=planned, achieved_effect_tkr=achieved,
                              status=status, comment="")
          for code, unit, year, planned, achieved, status in MEASURES}
    q1 = Indicator(code="Q1", name="Väntetid till bedömning", unit="dagar", direction="lower",
                   frequency="month", source="Internt", published=True)
    q2 = Indicator(code="Q2", name="Bedömda i tid", unit="%", direction="higher",
                   frequency="month", source="Internt", published=True)
    session.add_all([*ms.values(), q1, q2])
    session.flush()
    day, hsn_e = dt.date(2026, 9, 30), units["HSN-E"]
    session.add_all([
        *(MeasureMonth(measure_id=ms[code].id, month=month, planned_tkr=p, achieved_tkr=a,
                       planned_fte=pf, achieved_fte=af)
          for code, month, p, a, pf, af in MONTHS),
        *(Measurement(indicator_id=i.id, unit_id=hsn_e, period="2026-09", period_end=day,
                      value_total=v, source="Internt") for i, v in ((q1, 30.0), (q2, 90.0))),
        Target(indicator_id=q1.id, unit_id=units["HSN"], year=2026, value=20.0, tolerance=5.0),
        Target(indicator_id=q2.id, unit_id=hsn_e, year=2026, value=85.0, tolerance=2.0),
        MeasureIndicator(measure_id=ms["M1"].id, indicator_id=q1.id, consequence="Längre väntan"),
        MeasureIndicator(measure_id=ms["M1"].id, indicator_id=q2.id),
        MeasureIndicator(measure_id=ms["M3"].id, indicator_id=q2.id, unit_id=units["RUN-E"]),
    ])


@pytest.fixture
def watched_region(db_url):
    """The small region with the measures, their months and watched indicators above."""
    with session_scope(db_url) as session:
        ids = build_small_region(session)
        _add_watched(session, dict(session.execute(select(OrgUnit.code, OrgUnit.id)).all()))
        session.flush()
        rebuild_latest_measurements(session)
    with Session(get_engine(db_url)) as session:
        yield session, ids


def months_of(effects) -> list[tuple]:
    return [(e.month, e.planned_tkr, e.achieved_tkr, e.planned_fte, e.achieved_fte)
            for e in effects]


def test_the_months_are_summed_over_the_measures_each_viewer_sees(watched_region):
    session, ids = watched_region
    assert months_of(q.month_effects(session, MANAGEMENT, 2026)) == [
        (1, 440.0, 60.0, 2.0, 1.0), (2, 140.0, 80.0, 2.0, 1.5), (3, 100.0, None, 2.0, None)]
    hsn = Viewer("namnd", (ids["HSN"],))
    assert months_of(q.month_effects(session, hsn, 2026))[0] == (1, 140.0, 60.0, 2.0, 1.0)
    assert months_of(q.month_effects(session, MANAGEMENT, 2026, ids["RUN"])) == [
        (1, 300.0, 0.0, 0.0, None)]
    assert q.month_effects(session, PUBLIC, 2026) == []
    assert set(q.measure_months(session, hsn, 2026)) == {"M1", "M2"}


def test_the_running_sums_stop_at_the_first_month_not_reported(watched_region):
    session, _ = watched_region
    lines = cb.month_lines(q.month_effects(session, MANAGEMENT, 2026))
    assert [(ln.planned_to_date, ln.achieved_to_date) for ln in lines] == [
        (440.0, 60.0), (580.0, 140.0), (680.0, None)]
    rows = cb.month_rows(q.month_effects(session, MANAGEMENT, 2026))
    assert rows[0][:4] == ["Januari", "440\u00a0tkr", "60\u00a0tkr", "14\u00a0%"]
    assert rows[2][2] == "–" and rows[2][7] == "–"


def test_a_red_watched_indicator_flags_its_measure(watched_region):
    session, ids = watched_region
    watched = q.watched_indicators(session, MANAGEMENT, 2026)
    assert [(w.measure_code, w.indicator_code, w.unit, w.status) for w in watched] == [
        ("M1", "Q1", "Hälsocentralen Brunflo", "red"),
        ("M1", "Q2", "Hälsocentralen Brunflo", "green"),
        ("M3", "Q2", "Kultur och bildning", "grey")]
    assert (watched[0].value, watched[0].target) == (30.0, 20.0)  # HSN's målvärde, inherited
    assert set(cb.flagged(watched)) == {"M1"}
    found = cb.measures_data(session, MANAGEMENT).measures
    assert cb.flag_lines(found, watched) == [
        "Åtgärd M1: Väntetid till bedömning vid Hälsocentralen Brunflo: 30,0\u00a0dagar "
        "(2026-09), målvärde 20,0\u00a0dagar"]
    row = next(r for r in cb.measure_rows(found, watched) if r[0][0].children == "Åtgärd M1")
    assert cb.FLAG_WORD in str(row[-1])
    hsn = Viewer("namnd", (ids["HSN"],))
    assert {w.measure_code for w in q.watched_indicators(session, hsn, 2026)} == {"M1"}
    assert q.watched_indicators(session, PUBLIC, 2026) == []


def test_the_months_equal_independent_sql(watched_region):
    session, _ = watched_region
    expected = session.execute(text(
        "SELECT mm.month, SUM(mm.planned_tkr), SUM(mm.achieved_tkr) FROM measure_months mm "
        "JOIN saving_measures m ON m.id = mm.measure_id WHERE m.year = 2026 "
        "GROUP BY mm.month ORDER BY mm.month")).all()
    got = [(e.month, e.planned_tkr, e.achieved_tkr)
           for e in q.month_effects(session, MANAGEMENT, 2026)]
    assert got == [(m, pytest.approx(p), None if a is None else pytest.approx(a))
                   for m, p, a in expected]


def test_the_demo_months_equal_independent_sql_and_the_story_is_flagged(demo):
    expected = demo.execute(text(
        "SELECT mm.month, SUM(mm.planned_tkr), SUM(mm.achieved_tkr), SUM(mm.achieved_fte) "
        "FROM measure_months mm JOIN saving_measures m ON m.id = mm.measure_id "
        "WHERE m.year = 2026 GROUP BY mm.month ORDER BY mm.month")).all()
    got = q.month_effects(demo, MANAGEMENT, 2026)
    assert len(got) == len(expected) == 12
    for e, (month, planned, achieved, fte) in zip(got, expected):
        assert (e.month, e.planned_tkr) == (month, pytest.approx(planned))
        assert e.achieved_tkr == (None if achieved is None else pytest.approx(achieved))
        assert e.achieved_fte == (None if fte is None else pytest.approx(fte))
    data = cb.measures_data(demo, MANAGEMENT, None, "2026")
    red = cb.flagged(data.watched)
    story = next(m for m in data.measures if m.title == HIRED_DOCTORS)
    assert story.code in red and "inhyrd" in story.title.lower()
    assert any("bedömning" in w.indicator_name for w in red[story.code])
    assert story.decision.dnr and story.responsible and story.alternatives
    # the measure's months add up to its achieved effect so far
    months = data.by_measure[story.code]
    assert sum(e.achieved_tkr or 0 for e in months) == pytest.approx(story.achieved_tkr, abs=1)


def test_the_page_flags_the_story_and_downloads_the_months(app, client):
    log_in(client, "hsn")
    page = render(app, client, "/ekonomi/atgarder", "?year=2026")
    assert "atgarder-flags" in page and cb.FLAG_WORD in page and HIRED_DOCTORS in page
    assert "Realisering månad för månad" in page and "atgarder-month-chart" in page
    rows = csv_rows(fetch(client, "atgarder", "months", "csv", year=2026).data)
    assert rows[0][:3] == ["Kod", "Åtgärd", "Månad"] and len(rows) > 12
    watched = csv_rows(fetch(client, "atgarder", "watched", "csv", year=2026).data)
    assert any(r[8] == "Ej uppfyllt" and r[1] == HIRED_DOCTORS for r in watched[1:])
    for table in ("months", "watched"):  # another nämnd's: refused
        response = fetch(client, "atgarder", table, "xlsx", year=2026, namnd="RUN")
        assert response.status_code == 400
        assert "Birka" not in str(csv_rows(fetch(client, "atgarder", table, "csv",
                                                 year=2026).data))
