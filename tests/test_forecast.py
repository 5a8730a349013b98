"""Prognossäkerhet: the forecast errors, mean absolute error and verdict on small numbers with a
known answer, the grouped query on a hand-built region (SQLite and PostgreSQL) and on the demo
against independent SQL, nämnd totals for every economy viewer, and the page over HTTP."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from callbacks import prognossakerhet as cb
from dashboard.core.args import BadArgument
from data_access.db import get_engine
from data_access.models import EconomyEntry
from data_access.queries import forecast as q
from data_access.queries.forecast import NamndForecasts
from data_access.scope import MANAGEMENT, PUBLIC, Viewer
from tests.test_access import log_in
from tests.test_downloads import csv_rows, fetch, file_name, xlsx_sheet
from tests.test_grants import render, small_region_with

# --- The computation on numbers with a known answer ------------------------------------------


def test_month_errors_are_forecast_minus_outcome_in_tkr_and_percent():
    errors = cb.month_errors(-1000.0, {2: -1010.0, 1: -980.0, 3: -1000.0})
    assert [(m.month, m.error_tkr) for m in errors] == [(1, 20.0), (2, -10.0), (3, 0.0)]
    assert [m.error_pct for m in errors] == pytest.approx([2.0, -1.0, 0.0])


def test_accuracy_sums_up_a_namnd():
    result = cb.accuracy(NamndForecasts("X", "Nämnd X", -1000.0,
                                        {1: -980.0, 2: -1010.0, 3: -1000.0}))
    assert result.mae_tkr == pytest.approx(10.0)
    assert result.mae_pct == pytest.approx(1.0)
    assert result.mean_error_pct == pytest.approx(1 / 3)
    assert result.verdict == cb.ACCURATE  # a mean miss of exactly 1 % is still träffsäker


@pytest.mark.parametrize("mae, mean, expected", [
    (0.4, 0.4, cb.ACCURATE),
    (1.0, -1.0, cb.ACCURATE),
    (2.0, 1.0, cb.OPTIMISTIC),  # the mean error is half the mean miss: one-sided
    (2.0, 0.99, cb.MIXED),
    (2.0, -1.0, cb.PESSIMISTIC),
    (3.0, 0.0, cb.MIXED),
    (None, None, cb.MISSING),
])
def test_the_verdict_thresholds(mae, mean, expected):
    assert cb.verdict(mae, mean) == expected


def test_a_zero_outcome_or_no_forecasts_give_no_verdict():
    assert cb.accuracy(NamndForecasts("X", "X", 0.0, {1: 5.0})).verdict == cb.MISSING
    assert cb.accuracy(NamndForecasts("X", "X", -100.0, {})).verdict == cb.MISSING


def test_every_verdict_has_a_word_a_symbol_and_a_meaning():
    symbols = [v.symbol for v in cb.VERDICTS_SV.values()]
    assert len(set(symbols)) == len(symbols)
    assert all(v.word and v.meaning for v in cb.VERDICTS_SV.values())
    rule = " ".join(cb.RULE_TEXT_SV)
    assert "högst 1\u00a0%" in rule and "Prognosfel = prognos − utfall" in rule


# --- The grouped query on a hand-built region --------------------------------------------------

HSN_UTFALL, RUN_UTFALL = -100.0, -50.0  # per month of 2025


def hsn_prognos(month: int) -> float:
    """Too optimistic by 10 tkr for each month still to come: 110 in January, 0 in December."""
    return 12 * HSN_UTFALL + (12 - month) * 10


def run_prognos(month: int) -> float:
    """3 tkr off either way, every month."""
    return 12 * RUN_UTFALL + (3 if month % 2 else -3)


def entries(units: dict[str, int], category: int) -> list[EconomyEntry]:
    """2025 for HSN-E, RUN-E and the region itself (closed), and eleven months of 2024."""
    def entry(unit, year, month, kind, amount):
        return EconomyEntry(unit_id=units[unit], category_id=category, year=year, month=month,
                            kind=kind, amount_tkr=amount)
    rows = [entry("HSN-E", 2024, month, "utfall", HSN_UTFALL) for month in range(1, 12)]
    for month in range(1, 13):
        rows += [entry("HSN-E", 2025, month, "utfall", HSN_UTFALL),
                 entry("HSN-E", 2025, month, "prognos", hsn_prognos(month)),
                 entry("RUN-E", 2025, month, "utfall", RUN_UTFALL),
                 entry("RUN-E", 2025, month, "prognos", run_prognos(month)),
                 entry("R", 2025, month, "utfall", 5000.0),  # under no nämnd: left out
                 entry("R", 2025, month, "prognos", 70000.0)]
    return rows


@pytest.fixture
def region(db_url):
    """The small region (2026 has ten months of utfall) plus the entries above."""
    yield from small_region_with(db_url, lambda units: entries(units, category=1))  # its only one


def test_closed_years_have_utfall_in_all_twelve_months(region):
    session, _ = region
    assert q.closed_years(session, MANAGEMENT) == [2025]  # not 2024 (11) nor 2026 (10 months)


def test_the_query_sums_each_namnds_prognos_and_outcome(region):
    session, _ = region
    hsn, run = q.namnd_forecasts(session, MANAGEMENT, 2025)
    assert (hsn.code, hsn.outcome_tkr) == ("HSN", -1200.0)
    assert hsn.forecasts_tkr == {m: hsn_prognos(m) for m in range(1, 13)}
    assert (run.code, run.outcome_tkr) == ("RUN", -600.0)
    assert run.forecasts_tkr == {m: run_prognos(m) for m in range(1, 13)}


def test_the_known_answer_per_namnd(region):
    session, _ = region
    data = cb.forecast_data(session, MANAGEMENT)
    hsn, run = data.results
    assert data.year == 2025 and data.years == [2025]
    assert hsn.months[0].error_tkr == 110 and hsn.months[-1].error_tkr == 0
    assert hsn.mae_tkr == pytest.approx(55.0)  # mean of 110, 100, …, 0
    assert hsn.mae_pct == pytest.approx(55 / 1200 * 100)
    assert hsn.verdict == cb.OPTIMISTIC
    assert (run.mae_tkr, run.mean_error_pct, run.verdict) == (3.0, 0.0, cb.ACCURATE)


def test_every_economy_viewer_sees_every_namnds_totals(region):
    session, ids = region
    everything = q.namnd_forecasts(session, MANAGEMENT, 2025)
    for viewer in (Viewer("namnd", (ids["HSN"],)), Viewer("namnd", ())):
        assert q.closed_years(session, viewer) == [2025]
        assert q.namnd_forecasts(session, viewer, 2025) == everything
    for viewer in (PUBLIC, Viewer("gast", tuple(ids.values()))):
        assert q.closed_years(session, viewer) == []
        assert q.namnd_forecasts(session, viewer, 2025) == []


@pytest.mark.parametrize("year, message", [
    ("20x6", "”20x6” är inget årtal"),
    ("2026", "2026 är inget avslutat år med utfall för alla tolv månader. Välj något av åren "
             "2025."),
])
def test_a_year_that_is_not_closed_is_explained(region, year, message):
    session, _ = region
    with pytest.raises(BadArgument) as error:
        cb.forecast_data(session, MANAGEMENT, year)
    assert message in str(error.value)


# --- The demo region against independent SQL -------------------------------------------------


@pytest.fixture
def demo(demo_url):
    with Session(get_engine(demo_url)) as session:
        yield session


def test_the_demo_forecasts_equal_independent_sql(demo):
    assert q.closed_years(demo, MANAGEMENT) == [2025, 2024, 2023]
    for year in (2023, 2025):
        rows = demo.execute(text("""
            SELECT n.code, e.kind, e.month, SUM(e.amount_tkr)
            FROM economy_entries e JOIN org_units u ON u.id = e.unit_id
            JOIN org_units n ON n.id = u.namnd_id
            WHERE e.year = :y AND e.kind IN ('prognos', 'utfall')
            GROUP BY n.code, e.kind, e.month"""), {"y": year}).all()
        outcome, forecast = {}, {}
        for code, kind, month, amount in rows:
            if kind == "utfall":
                outcome[code] = outcome.get(code, 0.0) + amount
            else:
                forecast[(code, month)] = amount
        got = q.namnd_forecasts(demo, MANAGEMENT, year)
        assert {n.code: n.outcome_tkr for n in got} == pytest.approx(outcome)
        assert {(n.code, m): v for n in got for m, v in n.forecasts_tkr.items()} == \
            pytest.approx(forecast)


def test_the_demo_story_hsn_forecasts_too_optimistically(demo):
    for year in (2023, 2024, 2025):
        results = cb.forecast_data(demo, MANAGEMENT, str(year)).results
        verdicts = {a.code: a.verdict for a in results}
        assert verdicts == {"RS": cb.ACCURATE, "HSN": cb.OPTIMISTIC, "RUN": cb.ACCURATE,
                            "KTN": cb.ACCURATE, "PN": cb.ACCURATE}, year


# --- Over HTTP ----------------------------------------------------------------------------------


def test_a_namnd_member_sees_every_namnds_forecasts(app, client):
    log_in(client, "hsn")
    page = render(app, client, "/ekonomi/prognossakerhet", "?year=2024")
    for name in ("Regionstyrelsen", "Regionala utvecklingsnämnden", "Kollektivtrafiknämnden",
                 "Patientnämnden", "För optimistisk", "Träffsäker", "prognossakerhet-chart"):
        assert name in page
    assert '"value": "2024"' in page


@pytest.mark.parametrize("search, message", [
    ("?year=2026", "2026 är inget avslutat år"),
    ("?year=20x6", "är inget årtal"),
])
def test_bad_permalinks_give_a_swedish_message(app, client, search, message):
    log_in(client, "ledning")
    page = render(app, client, "/ekonomi/prognossakerhet", search)
    assert message in page and "Traceback" not in page


def test_every_prognos_downloads_with_its_error(app, client):
    log_in(client, "ledning")
    response = fetch(client, "prognossakerhet", "forecasts", "csv", year=2025)
    rows = csv_rows(response.data)
    assert file_name(response) == "prognossakerhet_prognoser_2025.csv"
    assert len(rows) == 1 + 5 * 12
    hsn_january = next(r for r in rows if r[1] == "HSN" and r[3] == "1")
    assert hsn_january[4] == "januari" and hsn_january[9] == "För optimistisk"
    assert float(hsn_january[7].replace(",", ".")) > 0  # the forecast was above the outcome


def test_the_verdicts_and_the_month_table_download(app, client, demo):
    log_in(client, "ledning")
    data = cb.forecast_data(demo, MANAGEMENT, "2025")
    hsn = next(a for a in data.results if a.code == "HSN")
    sheet = xlsx_sheet(fetch(client, "prognossakerhet", "summary", "xlsx", year=2025).data)
    header, *rows = list(sheet.iter_rows(min_row=3, values_only=True))  # under the title
    assert header == ("Nämndkod", "Nämnd", "Resultat helår, utfall (mnkr)", "Medelfel (mnkr)",
                      "Medelfel (%)", "Genomsnittlig riktning (%)", "Bedömning")
    row = next(r for r in rows if r[0] == "HSN")
    assert row[2:6] == pytest.approx((hsn.outcome_tkr / 1000, hsn.mae_tkr / 1000,
                                      hsn.mae_pct / 100, hsn.mean_error_pct / 100))
    assert row[6] == "För optimistisk" and sheet["E4"].number_format == "0.0%"
    months = csv_rows(fetch(client, "prognossakerhet", "months", "csv", year=2025).data)
    assert months[0][:3] == ["Prognos gjord i", "RS (mnkr)", "RS (%)"]
    assert [r[0] for r in months[1:]] == ["Januari", "Februari", "Mars", "April", "Maj", "Juni",
                                          "Juli", "Augusti", "September", "Oktober",
                                          "November", "December"]
    column = months[0].index("HSN (mnkr)")
    january = hsn.months[0]
    assert months[1][column] == f"{january.error_tkr / 1000:.1f}".replace(".", ",")
    assert months[1][column + 1] == f"{january.error_pct:.1f}".replace(".", ",")


def test_a_small_error_never_reads_as_zero():
    assert cb.error_mnkr(-26.3, signed=True) == "\u22120,03\u00a0mnkr"
    assert cb.error_mnkr(88_800.0) == "88,8\u00a0mnkr"
    assert cb.error_mnkr(0.0) == "0,0\u00a0mnkr" and cb.error_mnkr(None) == "–"
