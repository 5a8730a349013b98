"""Ekonomi: the figures at every level against independent SQL over the raw monthly rows
(a hand-built region on SQLite and PostgreSQL, and the demo region), the sign conventions
and status thresholds, the viewer's scope, and the page and its downloads over HTTP."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from callbacks import ekonomi as cb
from dashboard.app import create_app
from dashboard.core.args import BadArgument
from dashboard.core.wording import fill
from data_access.db import get_engine, session_scope
from data_access.models import CostCategory, EconomyEntry, OrgUnit
from data_access.queries import economy as q
from data_access.queries.economy import Figures
from data_access.scope import MANAGEMENT, Viewer
from data_access.status import GREEN, GREY, RED, YELLOW
from data_access.tree import rebuild_economy_totals
from tests.small_region import build_small_region
from tests.test_access import log_in
from tests.test_downloads import (
    csv_rows,
    download_links,
    fetch,
    file_name,
    xlsx_heading,
    xlsx_rows,
    xlsx_sheet,
)
from tests.test_pages_http import render_page

YEAR, MONTH = 2026, 10  # the hand-built region's and the demo's latest month with utfall

# What is added to the hand-built region: revenue booked on the region itself, and each
# unit's full-year forecast made in October (tkr).
REGION_REVENUE = {"budget": 1600.0, "utfall": 1650.0}  # per month
OCTOBER_PROGNOS = {"HSN-E": -13500.0, "RUN-E": -5900.0, "R": 19800.0}
# Expected (budget, utfall, year budget, prognos) to October, by hand.
KNOWN = {
    "HSN-E": (-10000.0, -11000.0, -12000.0, -13500.0),
    "HSN": (-10000.0, -11000.0, -12000.0, -13500.0),
    "RUN-E": (-5000.0, -4800.0, -6000.0, -5900.0),
    "RUN": (-5000.0, -4800.0, -6000.0, -5900.0),
    "R": (1000.0, 700.0, 1200.0, 400.0),
}


# --- Fixtures and independent SQL ----------------------------------------------------------


def _add_revenue_and_forecasts(session) -> None:
    """Revenue on the region itself and October's forecasts (REGION_REVENUE, OCTOBER_PROGNOS)."""
    units = {u.code: u.id for u in session.query(OrgUnit)}
    personal = session.query(CostCategory).filter_by(code="PERS").one()
    revenue = CostCategory(code="INT", name="Intäkter", kind="intakt")
    session.add(revenue)
    session.flush()
    for kind, months in (("budget", 12), ("utfall", 10)):
        session.add_all(EconomyEntry(unit_id=units["R"], category_id=revenue.id, year=YEAR,
                                     month=m, kind=kind, amount_tkr=REGION_REVENUE[kind])
                        for m in range(1, months + 1))
    for code, amount in OCTOBER_PROGNOS.items():
        category = revenue if code == "R" else personal
        session.add(EconomyEntry(unit_id=units[code], category_id=category.id, year=YEAR,
                                 month=MONTH, kind="prognos", amount_tkr=amount))
    session.flush()
    rebuild_economy_totals(session)


@pytest.fixture
def small(db_url):
    """A session on the hand-built region with revenue and forecasts, and its nämnd ids."""
    with session_scope(db_url) as session:
        ids = build_small_region(session)
        _add_revenue_and_forecasts(session)
    with Session(get_engine(db_url)) as session:
        yield session, ids


@pytest.fixture
def demo(demo_url):
    with Session(get_engine(demo_url)) as session:
        yield session


def raw_sums(session, code: str, year: int, month: int) -> tuple[float, float, float, float | None]:
    """(budget, utfall to `month`, the year's budget, the prognos made in `month`) of a unit and
    everything below it, walking parent_id (not the closure table) over the raw rows."""
    return session.execute(text("""
        WITH RECURSIVE subtree(id) AS (
            SELECT id FROM org_units WHERE code = :code
            UNION ALL
            SELECT u.id FROM org_units u JOIN subtree s ON u.parent_id = s.id)
        SELECT COALESCE(SUM(CASE WHEN kind = 'budget' AND month <= :month THEN amount_tkr END), 0),
               SUM(CASE WHEN kind = 'utfall' AND month <= :month THEN amount_tkr END),
               COALESCE(SUM(CASE WHEN kind = 'budget' THEN amount_tkr END), 0),
               SUM(CASE WHEN kind = 'prognos' AND month = :month THEN amount_tkr END)
        FROM economy_entries
        WHERE year = :year AND unit_id IN (SELECT id FROM subtree)"""),
        {"code": code, "year": year, "month": month}).one()


def assert_figures_match(figures: Figures, expected, where: str) -> None:
    budget, utfall, year_budget, prognos = expected
    assert figures.budget_tkr == pytest.approx(budget, abs=0.05), where
    assert figures.utfall_tkr == pytest.approx(utfall, abs=0.05), where
    assert figures.deviation_tkr == pytest.approx(utfall - budget, abs=0.05), where
    assert figures.year_budget_tkr == pytest.approx(year_budget, abs=0.05), where
    if prognos is None:
        assert figures.prognos_tkr is None, where
    else:
        assert figures.prognos_tkr == pytest.approx(prognos, abs=0.05), where
        # Prognosavvikelse as the page shows it: of the amounts rounded to whole tkr.
        assert cb.whole_year(figures, "tkr").difference == pytest.approx(
            prognos - year_budget, abs=1.0), where


def view_of(session, viewer: Viewer, code: str | None = None, year=None, month=None) -> cb.View:
    return cb.resolve(session, viewer, code, year, month)


# --- The hand-built region: known answers, on SQLite and PostgreSQL --------------------------


@pytest.mark.parametrize("code", list(KNOWN))
def test_figures_at_every_level_are_known_and_equal_raw_sql(small, code):
    session, _ids = small
    view = view_of(session, MANAGEMENT, code)
    assert (view.year, view.month, view.periods) == (YEAR, MONTH, {YEAR: list(range(1, 11))})
    figures = q.unit_amounts(session, MANAGEMENT, view.unit.id, YEAR).figures(MONTH)
    assert_figures_match(figures, KNOWN[code], code)
    assert_figures_match(figures, raw_sums(session, code, YEAR, MONTH), code)


def test_children_and_what_is_booked_on_the_region_add_up(small, db_url):
    create_app({"DATABASE_URL": db_url, "TESTING": True, "SECRET_KEY": "test"})  # for page URLs
    session, _ids = small
    view = view_of(session, MANAGEMENT)
    data = cb.economy_data(session, MANAGEMENT, view)
    assert [c.unit.code for c in data.children] == ["HSN", "RUN"]
    for child in data.children:
        assert_figures_match(child.figures, KNOWN[child.unit.code], child.unit.code)
    direct = cb.booked_on_unit(data.figures(MONTH), data.children)
    assert_figures_match(direct, (16000.0, 16500.0, 19200.0, 19800.0), "direkt på regionen")
    rows = cb.child_rows(view, data)
    assert [r["name"] for r in rows] == ["Hälso- och sjukvårdsnämnden",
                                         "Regionala utvecklingsnämnden",
                                         "Bokfört direkt på Regionen"]
    assert rows[0]["href"].endswith("/ekonomi?month=10&unit=HSN&year=2026")
    assert rows[2]["href"] is None
    # The region's own rows are revenue only: their share is of the revenue budget.
    assert rows[2]["share"] == pytest.approx(500 / 16000)


def test_an_overspending_unit_has_a_negative_deviation_and_the_worse_status(small):
    session, _ids = small
    view = view_of(session, MANAGEMENT, "HSN-E")
    figures = q.unit_amounts(session, MANAGEMENT, view.unit.id, YEAR).figures(MONTH)
    assert figures.deviation_tkr == pytest.approx(-1000.0)  # utfall −11 000, budget −10 000
    assert cb.deviation_share(figures) == pytest.approx(-0.10)
    assert cb.deviation_status(figures) == RED
    assert cb.ECONOMY_STATUS_SV[RED].word == "Stor avvikelse"
    assert cb.amount(figures.deviation_tkr, view.money, signed=True) == "\u22121\u00a0000\u00a0tkr"
    assert cb.whole_year(figures, "tkr").difference == -1500.0  # prognosavvikelse
    # RUN's enhet spends less than planned: a positive deviation, on track.
    under = q.unit_amounts(session, MANAGEMENT, view_of(session, MANAGEMENT, "RUN-E").unit.id,
                           YEAR).figures(MONTH)
    assert under.deviation_tkr == pytest.approx(200.0) and cb.deviation_status(under) == GREEN


def test_categories_to_date_and_the_month_series(small):
    session, _ids = small
    amounts = q.unit_amounts(session, MANAGEMENT, view_of(session, MANAGEMENT).unit.id, YEAR)
    lines = cb.category_lines(amounts.by_category(MONTH))
    assert [(line.name, line.budget_tkr, line.utfall_tkr) for line in lines] == [
        ("Personal", -15000.0, -15800.0), ("Intäkter", 16000.0, 16500.0),
        (cb.RESULT_LINE_SV, 1000.0, 700.0)]
    assert lines[-1].share == pytest.approx(-300 / 15000)  # of the budgeted costs
    months = cb.month_lines(amounts.months(), 6)
    assert [m.cumulative_budget_tkr for m in months][:2] == [100.0, 200.0]
    assert months[5].cumulative_utfall_tkr == pytest.approx(6 * 70.0)
    assert months[6].utfall_tkr is None and months[11].cumulative_budget_tkr == 1200.0


def test_a_namnd_member_sees_totals_everywhere_and_detail_only_at_home(small):
    session, ids = small
    hsn = Viewer("namnd", (ids["HSN"],))
    assert q.economy_unit(session, hsn, "RUN-E") is None
    with pytest.raises(BadArgument, match="behörighet"):
        view_of(session, hsn, "RUN-E")
    region = cb.economy_data(session, hsn, view_of(session, hsn))
    assert [c.unit.code for c in region.children] == ["HSN", "RUN"]
    assert_figures_match(region.figures(MONTH), KNOWN["R"], "regionen")
    run = cb.economy_data(session, hsn, view_of(session, hsn, "RUN"))
    assert_figures_match(run.figures(MONTH), KNOWN["RUN"], "RUN")
    assert run.children == [] and run.hidden_children == 1
    home = cb.economy_data(session, hsn, view_of(session, hsn, "HSN"))
    assert [c.unit.code for c in home.children] == ["HSN-E"] and home.hidden_children == 0


@pytest.mark.parametrize(("args", "message"), [
    ({"code": "FINNS-INTE"}, cb.NOT_FOUND_SV),
    ({"year": "1999"}, cb.BAD_YEAR_SV),
    ({"year": "tjugo"}, cb.BAD_YEAR_SV),
    ({"month": "11"}, cb.BAD_MONTH_SV),  # no utfall yet
    ({"month": "-1"}, cb.BAD_MONTH_SV),
])
def test_bad_arguments_give_a_message(small, args, message):
    session, _ids = small
    with pytest.raises(BadArgument) as problem:
        view_of(session, MANAGEMENT, **args)
    assert str(problem.value) == message


def test_an_earlier_month_is_the_year_to_that_month(small):
    session, _ids = small
    view = view_of(session, MANAGEMENT, "HSN", "2026", "3")
    figures = q.unit_amounts(session, MANAGEMENT, view.unit.id, YEAR).figures(view.month)
    assert_figures_match(figures, raw_sums(session, "HSN", YEAR, 3), "HSN mars")
    assert figures.prognos_tkr is None  # no forecast was made in March


def test_another_year_keeps_the_month_or_opens_at_its_last():
    unit = q.EconomyUnit(1, "HSN", "Hälso- och sjukvårdsnämnden", "namnd")
    periods = {2026: list(range(1, 11)), 2025: list(range(1, 13))}
    december = cb.View(unit, 2025, 12, periods)
    assert cb.year_options(december) == [("?month=10&unit=HSN&year=2026", "2026"),
                                         ("?month=12&unit=HSN&year=2025", "2025")]
    june = cb.View(unit, 2026, 6, periods)
    assert cb.year_options(june)[1] == ("?month=6&unit=HSN&year=2025", "2025")
    assert cb.month_options(june)[0] == ("?month=10&unit=HSN&year=2026", "Oktober")


# --- Status thresholds and signs (pure) ----------------------------------------------------


def figures(budget: float, utfall: float | None, costs: float | None = None) -> Figures:
    return Figures(budget, utfall, budget, None, -budget if costs is None else costs)


@pytest.mark.parametrize(("budget", "utfall", "status"), [
    (-1000.0, -1000.0, GREEN),  # exactly on budget
    (-1000.0, -900.0, GREEN),  # cheaper than planned
    (-1000.0, -1010.0, YELLOW),  # worse by exactly 1 % of the budgeted costs
    (-1000.0, -1010.2, RED),  # worse by more
    (500.0, 400.0, RED),  # revenue only: 20 % short of the revenue budget
    (-1000.0, None, GREY),  # no utfall
])
def test_deviation_status_thresholds(budget, utfall, status):
    assert cb.deviation_status(figures(budget, utfall)) == status


def test_the_share_is_of_budgeted_costs_even_when_the_net_is_near_zero():
    net_zero = figures(budget=10.0, utfall=-990.0, costs=100_000.0)  # revenue ≈ costs
    assert cb.deviation_share(net_zero) == pytest.approx(-0.01)
    assert cb.deviation_status(net_zero) == YELLOW
    assert cb.share_text(-0.0534) == "\u22125,3\u00a0%" and cb.share_text(None) == "–"


def test_amounts_are_mnkr_down_to_forvaltning_and_tkr_below():
    levels = ("region", "namnd", "forvaltning", "omrade", "enhet")
    assert [cb.amount_unit(level) for level in levels] == ["mnkr", "mnkr", "mnkr", "tkr", "tkr"]
    assert cb.amount(-1234567.0, "mnkr", signed=True) == "\u22121\u00a0234,6\u00a0mnkr"
    assert cb.number(28960.0, "mnkr", signed=True) == "+29,0"


# --- The demo region against independent SQL --------------------------------------------------


def demo_codes(session) -> list[str]:
    """The region, every nämnd and förvaltning, and the first two områden and enheter by code."""
    rows = session.execute(text("SELECT code, level FROM org_units ORDER BY code")).all()
    picked = [c for c, level in rows if level in ("region", "namnd", "forvaltning")]
    for level in ("omrade", "enhet"):
        picked += [c for c, lvl in rows if lvl == level][:2]
    return picked + ["HSF-PV-HC-BRUNFLO"]


def test_demo_figures_at_every_level_equal_raw_sql(demo):
    for code in demo_codes(demo):
        view = view_of(demo, MANAGEMENT, code)
        assert (view.year, view.month) == (YEAR, MONTH)
        data = cb.economy_data(demo, MANAGEMENT, view)
        assert_figures_match(data.figures(MONTH), raw_sums(demo, code, YEAR, MONTH), code)
        for child in data.children:
            expected = raw_sums(demo, child.unit.code, YEAR, MONTH)
            assert_figures_match(child.figures, expected, child.unit.code)


def test_demo_an_earlier_year_at_its_december(demo):
    view = view_of(demo, MANAGEMENT, "HSN", "2025")
    assert view.month == 12
    data = cb.economy_data(demo, MANAGEMENT, view)
    assert_figures_match(data.figures(12), raw_sums(demo, "HSN", 2025, 12), "HSN 2025")
    lines = cb.category_lines(data.amounts.by_category(12))
    total = lines[-1]
    assert total.budget_tkr == pytest.approx(data.figures(12).budget_tkr, abs=0.05)
    assert total.utfall_tkr == pytest.approx(data.figures(12).utfall_tkr, abs=0.05)


def test_demo_hsn_overspends_and_inhyrd_personal_shows_it(demo):
    view = view_of(demo, MANAGEMENT, "HSN")
    data = cb.economy_data(demo, MANAGEMENT, view)
    assert cb.deviation_status(data.figures(MONTH)) == RED
    lines = {line.name: line for line in cb.category_lines(data.amounts.by_category(MONTH))}
    assert lines["Inhyrd personal"].deviation_tkr < 0 and lines["Inhyrd personal"].indented
    assert not lines["Personalkostnader"].indented


def test_demo_financial_goals_are_the_regionplans(demo):
    region = view_of(demo, MANAGEMENT)
    data = cb.economy_data(demo, MANAGEMENT, region)
    codes = [goal.code for goal in data.goals]
    assert codes == ["RJH-EKO-001", "RJH-EKO-002", "RJH-EKO-003", "RJH-EKO-004"]
    result = data.goals[0]
    (value, period), = demo.execute(text("""
        SELECT m.value_total, m.period FROM measurements m
        JOIN indicators i ON i.id = m.indicator_id JOIN org_units u ON u.id = m.unit_id
        WHERE i.code = 'RJH-EKO-001' AND u.level = 'region'
        ORDER BY m.period_end DESC LIMIT 1""")).all()
    assert (result.outcome, result.period, result.target) == (value, period, 2.0)
    assert cb.goal_target(result) == "minst 2,0\u00a0%"
    assert cb.goal_status(result) == (GREEN if value >= 2.0 else YELLOW if value >= 1.9 else RED)
    assert cb.economy_data(demo, MANAGEMENT, view_of(demo, MANAGEMENT, "HSN")).goals == []


# --- Over HTTP: the page router and the downloads ----------------------------------------------


def run_unit(demo_url) -> tuple[str, str]:
    """The code and name of an enhet under RUN in the demo."""
    with Session(get_engine(demo_url)) as s:
        return s.execute(text("""
            SELECT u.code, u.name FROM org_units u JOIN org_units n ON n.id = u.namnd_id
            WHERE n.code = 'RUN' AND u.level = 'enhet' ORDER BY u.code LIMIT 1""")).one()


def test_permalink_renders_the_unit_at_the_month(client, app, demo_url):
    log_in(client, "ledning")
    content = render_page(client, app, "/ekonomi", "?unit=HSN&year=2026&month=6")
    with Session(get_engine(demo_url)) as s:
        budget, utfall, *_ = raw_sums(s, "HSN", 2026, 6)
    assert "Hälso- och sjukvårdsnämnden" in content and "jan–jun 2026" in content
    assert cb.amount(utfall - budget, "mnkr", signed=True) in content
    assert "/ekonomi?month=6&unit=HSN&year=2026" in content  # the permalink and the month option
    assert '"id": "ekonomi-children"' in content and "Hälso- och sjukvårdsförvaltningen" in content


def test_the_default_view_is_the_region_at_the_latest_month(client, app):
    log_in(client, "ledning")
    content = render_page(client, app, "/ekonomi")
    assert "Region Jämtland Härjedalen" in content and "jan–okt 2026" in content
    assert "/ekonomi?month=10&unit=RJH&year=2026" in content
    assert "Finansiella mål" in content


@pytest.mark.parametrize(("search", "message"), [
    ("?unit=FINNS-INTE", cb.NOT_FOUND_SV),
    ("?year=1999", cb.BAD_YEAR_SV),
    ("?month=13", cb.BAD_MONTH_SV),
    ("?year=2026&month=abc", cb.BAD_MONTH_SV),
])
def test_bad_permalinks_get_a_swedish_message(client, app, search, message):
    log_in(client, "ledning")
    content = render_page(client, app, "/ekonomi", search)
    assert message in content and "ekonomi-children" not in content and "mnkr" not in content


def test_a_namnd_member_gets_no_figures_for_another_namnds_enhet(client, app, demo_url):
    code, name = run_unit(demo_url)
    log_in(client, "hsn")
    content = render_page(client, app, "/ekonomi", f"?unit={code}")
    assert cb.NOT_FOUND_SV in content
    assert name not in content and "tkr" not in content and "ekonomi-chart" not in content
    run = render_page(client, app, "/ekonomi", "?unit=RUN")
    assert "Regionala utvecklingsnämnden" in run and "ekonomi-chart" in run
    assert "så enheterna under den visas inte" in run and '"id": "ekonomi-children"' not in run
    assert name not in run


def test_the_children_table_downloads_as_csv_and_excel(client, app):
    log_in(client, "ledning")
    args = {"unit": "HSN", "year": 2026, "month": 10}
    response = fetch(client, "ekonomi", "children", "csv", **args)
    assert file_name(response) == "ekonomi_enheter_HSN_2026-10.csv"
    rows = csv_rows(response.data)
    assert rows[0][:4] == ["Kod", "Namn", "Budget, resultat jan–okt 2026 (mnkr)",
                           "Utfall, resultat jan–okt 2026 (mnkr)"]
    assert rows[1][:2] == ["HSF", "Hälso- och sjukvårdsförvaltningen"]
    response = fetch(client, "ekonomi", "categories", "xlsx", **args)
    assert file_name(response) == "ekonomi_kostnadsslag_HSN_2026-10.xlsx"
    assert xlsx_heading(response.data)[1] == "Hälso- och sjukvårdsnämnden, jan–okt 2026"
    sheet = xlsx_sheet(response.data)
    assert sheet["A4"].value == "Kostnad (−) eller intäkt (+)"
    assert sheet["A5"].value == "Personalkostnader"
    assert sheet["B5"].number_format == "#,##0.0" and isinstance(sheet["B5"].value, float)


def test_the_months_are_the_databases_in_the_views_unit(client, app, demo_url):
    log_in(client, "ledning")
    with Session(get_engine(demo_url)) as s:
        budget, utfall, *_ = raw_sums(s, "HSN", 2026, 6)
    header, *rows = xlsx_rows(fetch(client, "ekonomi", "months", "xlsx", unit="HSN", year=2026,
                                    month=6).data)
    assert header[:4] == ("Månad", "Budget (mnkr)", "Utfall (mnkr)", "Avvikelse (mnkr)")
    assert [r[0] for r in rows] == ["Januari", "Februari", "Mars", "April", "Maj", "Juni"]
    assert rows[-1][4] == pytest.approx(budget / 1000, abs=0.05)  # budget ackumulerad
    assert rows[-1][5] == pytest.approx(utfall / 1000, abs=0.05)  # utfall ackumulerat
    enhet = xlsx_sheet(fetch(client, "ekonomi", "months", "xlsx", unit="HSF-PV-HC-BRUNFLO",
                             year=2026, month=6).data)
    assert enhet["B4"].value == "Budget (tkr)" and enhet["B5"].number_format == "#,##0"


def test_downloads_respect_the_viewers_scope(client, app, demo_url):
    code, _name = run_unit(demo_url)
    assert fetch(client, "ekonomi", "children", "csv", unit="HSN").status_code == 401
    log_in(client, "hsn")
    for table in ("months", "categories", "children"):
        response = fetch(client, "ekonomi", table, "csv", unit=code, year=2026, month=10)
        assert response.status_code == 400 and cb.NOT_FOUND_SV in response.text
    content = fetch(client, "ekonomi", "children", "csv", unit="HSN", year=2026, month=10).data
    assert "Hälso- och sjukvårdsförvaltningen" in content.decode("utf-8-sig")
    # Another nämnd's totals, as the page shows them, but not the units under it.
    assert fetch(client, "ekonomi", "months", "csv", unit="RUN").status_code == 200
    assert fetch(client, "ekonomi", "children", "csv", unit="RUN").status_code == 404


# --- The units one level down: worst first, a page at a time, the order in the URL ----------


def grid_of(content: str) -> dict:
    """The children table's props in a rendered page (a plain html.Table)."""
    def find(node):
        if isinstance(node, list):
            return next((found for child in node if (found := find(child))), None)
        if not isinstance(node, dict) or "props" not in node:
            return None
        if node["props"].get("id") == "ekonomi-children":
            return node["props"]
        return next((found for value in node["props"].values() if (found := find(value))), None)
    return find(json.loads(content))


def text_of(node) -> str:
    """The text in a rendered element (its children's text, joined)."""
    if isinstance(node, list):
        return "".join(text_of(child) for child in node)
    if isinstance(node, dict):
        return text_of(node.get("props", {}).get("children"))
    return "" if node is None else str(node)


def swedish_number(text: str) -> float | None:
    """A number as the table shows it (`−1 234,5`), None for a missing one (`–`)."""
    plain = text.replace("\u2212", "-").replace(",", ".").translate(
        {ord(c): None for c in " \xa0\u202f+%"})
    return None if plain in ("", "–") else float(plain)


def part(table: dict, tag: str) -> dict:
    """The table's Thead or Tbody."""
    return next(c for c in table["children"] if c["type"] == tag)


def header_cells(table: dict) -> list[dict]:
    """The props of each sortable header (the second header row), in order."""
    return [th["props"] for th in part(table, "Thead")["props"]["children"][1]["props"]["children"]]


def header_links(table: dict) -> dict[str, str]:
    """{column's field: the href its header links to}."""
    return {th["children"]["props"]["id"].removeprefix("ekonomi-sort-"): th["children"]["props"]["href"]
            for th in header_cells(table)}


def table_rows(table: dict) -> list[dict]:
    """Each row of the table: its name, href, status and each figure as a number."""
    rows = []
    for tr in part(table, "Tbody")["props"]["children"]:
        name, *cells = tr["props"]["children"]
        link = name["props"]["children"]
        if isinstance(link, list):  # the drill-down link, then the link to the Enhet page
            link, _, unit_page = link
            assert unit_page["props"]["href"].startswith("/enhet?code=")
        row = {"name": text_of(link), "href": link["props"]["href"] if isinstance(link, dict) else None}
        for column, cell in zip(cb.FIGURE_COLUMNS, cells):
            if column.kind == "status":
                badge = cell["props"]["children"]["props"]["className"]
                row["status"] = badge.removeprefix("status-badge status-")
                row["status_rank"] = cb.STATUS_ORDER[row["status"]]
            else:
                row[column.field] = swedish_number(text_of(cell))
        rows.append(row)
    return rows


def sorted_column(table: dict) -> tuple[str, str]:
    """(field, direction) of the table's sorted column (its header's aria-sort)."""
    return next((th["children"]["props"]["id"].removeprefix("ekonomi-sort-"),
                 "asc" if th["aria-sort"] == "ascending" else "desc")
                for th in header_cells(table) if th.get("aria-sort"))


def file_names(client, **args) -> list[str]:
    """The unit names in the children file, in its order."""
    response = fetch(client, "ekonomi", "children", "csv", **args)
    assert response.status_code == 200
    return [row[1] for row in csv_rows(response.data)[1:]]


def test_the_units_come_worst_first_a_page_at_a_time_and_the_files_hold_them_all(client, app):
    log_in(client, "ledning")
    first = render_page(client, app, "/ekonomi", "?unit=HSF-PV")
    grid = grid_of(first)
    rows = table_rows(grid)
    assert len(rows) == cb.PAGE_ROWS
    assert sorted_column(grid) == ("deviation", "asc")
    deviations = [row["deviation"] for row in rows]
    assert deviations == sorted(deviations) and deviations[0] < 0  # the worst unit first
    # The next page is a permalink; the range and the page are said.
    total = len(file_names(client, unit="HSF-PV", year=2026, month=10))
    pages = -(-total // cb.PAGE_ROWS)
    assert pages >= 2  # the demo's område needs more than one page
    second_url = "/ekonomi?month=10&sida=2&unit=HSF-PV&year=2026"
    assert f'"href": "{second_url}"' in first
    assert f"sida 1 av {pages}" in first and f"Visar rad 1–{cb.PAGE_ROWS} av " in first
    later, previous = [], deviations
    for number in range(2, pages + 1):
        url = f"/ekonomi?month=10&sida={number}&unit=HSF-PV&year=2026"
        second = render_page(client, app, "/ekonomi", url.split("/ekonomi")[1])
        page = table_rows(grid_of(second))
        assert page and (page[0]["deviation"] is None or previous[-1] is None
                         or page[0]["deviation"] >= previous[-1])
        assert '"aria-current": "page"' in second and f"sida {number} av {pages}" in second
        later += page
        previous = [row["deviation"] for row in page]
    assert later[-1]["name"] == "Bokfört direkt på Primärvård" or later[-1]["href"]
    # The files hold every row, in the page's order; no page number reaches them.
    shown = [row["name"] for row in rows + later]
    assert file_names(client, unit="HSF-PV", year=2026, month=10) == shown
    assert "sida=" not in "".join(download_links(second))


def test_the_order_is_in_the_url_and_holds_across_pages_and_files(client, app):
    log_in(client, "ledning")
    content = render_page(client, app, "/ekonomi", "?sort=-budget&unit=HSF-PV")
    grid = grid_of(content)
    assert sorted_column(grid) == ("budget", "desc")
    budgets = [row["budget"] for row in table_rows(grid)]
    assert budgets == sorted(budgets, reverse=True)
    assert "Sorterad efter budget jan–okt 2026, högst först" in content
    assert '"href": "/ekonomi?month=10&sida=2&sort=-budget&unit=HSF-PV&year=2026"' in content
    assert "/ladda-ner/ekonomi/children.csv?month=10&sort=-budget&unit=HSF-PV&year=2026" in content
    names = file_names(client, unit="HSF-PV", year=2026, month=10, sort="-budget")
    later = []
    for number in range(2, -(-len(names) // cb.PAGE_ROWS) + 1):
        later += table_rows(grid_of(render_page(client, app, "/ekonomi",
                                                f"?sida={number}&sort=-budget&unit=HSF-PV")))
    units = [row for row in later if row["href"]]
    assert units[0]["budget"] <= budgets[-1]
    assert names == [row["name"] for row in table_rows(grid) + later]
    # Drilling down and the selectors keep the order; the default order is not in the URL.
    assert '"href": "/ekonomi?month=10&sort=-budget&unit=HSF&year=2026"' in content  # crumb
    by_name = table_rows(grid_of(render_page(client, app, "/ekonomi", "?sort=name&unit=HSF-PV")))
    by_status = grid_of(render_page(client, app, "/ekonomi", "?sort=status&unit=HSF-PV"))
    assert sorted_column(by_status) == ("status", "asc")
    ranks = [row["status_rank"] for row in table_rows(by_status)]
    assert ranks == sorted(ranks)
    assert [row["name"] for row in by_name] == sorted((row["name"] for row in by_name),
                                                      key=lambda n: n.casefold())
    default = grid_of(render_page(client, app, "/ekonomi", "?sort=deviation&unit=HSN"))
    assert "sort=" not in table_rows(default)[0]["href"]


def test_each_header_links_to_the_view_in_its_order_ascending_first(client, app):
    log_in(client, "ledning")
    base = "/ekonomi?month=10&{}unit=HSF-PV&year=2026"
    default = grid_of(render_page(client, app, "/ekonomi", "?unit=HSF-PV&sida=2"))
    links = header_links(default)
    assert list(links) == ["name", *(c.field for c in cb.FIGURE_COLUMNS)]
    # The sorted column (ascending) links to descending; the others to ascending, from page 1.
    assert links["deviation"] == base.format("sort=-deviation&")
    assert links["budget"] == base.format("sort=budget&") and links["name"] == base.format("sort=name&")
    assert all(th["scope"] == "col" for th in header_cells(default))
    assert [th.get("aria-sort") for th in header_cells(default)].count("ascending") == 1
    descending = grid_of(render_page(client, app, "/ekonomi", "?unit=HSF-PV&sort=-deviation"))
    assert sorted_column(descending) == ("deviation", "desc")
    assert header_links(descending)["deviation"] == base.format("")  # the default: no sort
    by_budget = grid_of(render_page(client, app, "/ekonomi", "?unit=HSF-PV&sort=budget"))
    assert header_links(by_budget)["budget"] == base.format("sort=-budget&")
    assert header_links(by_budget)["deviation"] == base.format("")


def test_the_order_reads_the_values_as_shown():
    cases = [(-4660.24, -4908.04), (4612.0, 4586.0), (-4557.7, -4557.7), (-4557.71, -4557.74),
             (-10.04, -10.06), (None, -3.0), (-3.0, None), (0.049, 0.051), (-1234.5, -1234.4)]
    for budget, outcome in cases:
        for unit in ("mnkr", "tkr"):
            pair = cb.as_shown(budget, outcome, unit)
            for part in ("budget", "outcome", "difference"):
                assert cb.shown_part(budget, outcome, unit, part) == getattr(pair, part), (
                    budget, outcome, unit, part)


@pytest.mark.parametrize(("search", "message"), [
    ("?sort=budgetx&unit=HSF-PV", cb.BAD_SORT_SV),
    ("?sort=--budget&unit=HSF-PV", cb.BAD_SORT_SV),
    ("?sida=4&unit=HSF-PV", "Sidan ”4” finns inte: listan har 3 sidor."),
    ("?sida=0&unit=HSF-PV", "Sidan ”0” finns inte"),
])
def test_a_bad_order_or_page_gets_a_swedish_message(client, app, search, message):
    log_in(client, "ledning")
    content = render_page(client, app, "/ekonomi", search)
    assert message in content and '"id": "ekonomi-children"' not in content


# --- Figures a reader can check: rounding, labels, signs and units ---------------------------


def swedish(text_: str) -> float:
    """A number as the page writes it (`−3 542,2`, `+51,3`), as a float."""
    return float(text_.replace("\u2212", "-").replace("\u00a0", "").replace(",", "."))


def decimals_of(*texts: str) -> int:
    return max(len(t.partition(",")[2]) for t in texts)


def assert_subtracts(budget: str, outcome: str, difference: str, where) -> None:
    """The reader's check: outcome − budget as shown is the difference shown."""
    places = decimals_of(budget, outcome, difference)
    assert round(swedish(outcome) - swedish(budget), places) == swedish(difference), where


def test_rounded_cells_subtract_as_shown():
    # Rounded each on its own, −3 681,04 − (−3 542,16) = −138,88 would show −138,9 beside
    # −3 542,2 and −3 681,0: the deviation shown is of the amounts shown.
    line = cb.CategoryLine("Personalkostnader", False, -3_542_160.0, -3_681_040.0)
    assert cb.category_texts(line, "mnkr")[:3] == [
        "\u22123\u00a0542,2", "\u22123\u00a0681,0", "\u2212138,8"]
    assert cb.category_values(line, "mnkr")[:3] == [-3542.2, -3681.0, -138.8]


def test_a_small_deviation_never_shows_as_zero_beside_its_status():
    # Patientnämnden: −26 tkr worse than budget; in mnkr with one decimal that reads 0,0.
    pn = Figures(-4557.7, -4584.0, -5000.6, -5026.4, 4557.7)
    values = cb.figure_values(pn, "mnkr")
    assert cb.deviation_status(pn) == YELLOW
    assert (values["budget_text"], values["utfall_text"], values["deviation_text"]) == (
        "\u22124,56", "\u22124,58", "\u22120,02")
    assert (values["year_budget_text"], values["prognos_text"],
            values["forecast_deviation_text"]) == ("\u22125,00", "\u22125,03", "\u22120,03")
    assert cb.to_date(pn, "tkr").amount(cb.to_date(pn, "tkr").difference, signed=True) == \
        "\u221226\u00a0tkr"
    # A tenth of a tkr in an enhet's tkr: one decimal.
    tiny = cb.to_date(Figures(-1000.0, -1000.1, -1200.0, None, 1000.0), "tkr")
    assert (tiny.places, tiny.number(tiny.difference, signed=True)) == (1, "\u22120,1")
    # Nothing to show: the usual decimals.
    even = cb.to_date(Figures(-4557.7, -4557.7, -5000.6, None, 4557.7), "mnkr")
    assert (even.places, even.difference) == (1, 0.0)


def test_demo_every_shown_row_subtracts_and_agrees_with_its_status(demo, demo_url):
    create_app({"DATABASE_URL": demo_url, "TESTING": True, "SECRET_KEY": "test"})
    for code in demo_codes(demo):
        view = view_of(demo, MANAGEMENT, code)
        data = cb.economy_data(demo, MANAGEMENT, view)
        for row in cb.child_rows(view, data):
            where = (code, row["name"])
            assert_subtracts(row["budget_text"], row["utfall_text"], row["deviation_text"], where)
            deviation = swedish(row["deviation_text"])
            assert (deviation >= 0) == (row["status"] == GREEN), where  # never 0,0 beside ◐
            if row["prognos"] is not None:
                assert_subtracts(row["year_budget_text"], row["prognos_text"],
                                 row["forecast_deviation_text"], where)
        for line in cb.category_lines(data.amounts.by_category(view.month)):
            budget, utfall, deviation, _share = cb.category_texts(line, view.money)
            assert_subtracts(budget, utfall, deviation, (code, line.name))
            assert (swedish(deviation) == 0) == (round(line.deviation_tkr, 1) == 0), line
        months = cb.month_lines(data.amounts.months(), view.month)
        rows = cb.month_rows(months, view.month, view.money)
        for month, budget, utfall, deviation, *_ in rows:
            assert_subtracts(budget, utfall, deviation, (code, month))
        bars = cb.monthly_figure(months, view.month, None, view.money)["data"][-1]
        assert bars["text"] == [f"{row[3]}\u00a0{view.money}" for row in rows]  # the hover
        ytd = cb.to_date(data.figures(view.month), view.money)
        assert_subtracts(ytd.number(ytd.budget), ytd.number(ytd.outcome),
                         ytd.number(ytd.difference), code)


def test_the_category_shares_are_what_the_note_says(demo):
    data = cb.economy_data(demo, MANAGEMENT, view_of(demo, MANAGEMENT))
    lines = cb.category_lines(data.amounts.by_category(MONTH))
    *categories, result = lines
    for line in categories:  # "i förhållande till radens egen budget"
        assert line.share == pytest.approx(line.deviation_tkr / abs(line.budget_tkr)), line
    # "För resultatet … på de budgeterade kostnaderna, som i nyckeltalen"
    assert result.name == cb.RESULT_LINE_SV
    assert result.share == pytest.approx(cb.deviation_share(data.figures(MONTH)))
    assert result.share == pytest.approx(
        result.deviation_tkr / -sum(line.budget_tkr for line in categories
                                    if not line.indented and line.budget_tkr < 0))
    assert "radens egen budget" in cb.CATEGORY_SHARE_TEXT_SV
    assert "resultatet" in cb.CATEGORY_SHARE_TEXT_SV
    assert "budgeterade kostnaderna" in cb.CATEGORY_SHARE_TEXT_SV
    # "Där den budgeten är 0 visas ingen procent."
    assert cb.CategoryLine("Läkemedel", False, 0.0, -10.0).share is None
    assert cb.share_text(None) == "–"


def test_a_revenue_only_row_has_its_share_of_the_revenue_budget_as_the_page_says():
    tax = Figures(16000.0, 16500.0, 19200.0, None, 0.0)  # no budgeted costs
    assert cb.deviation_share(tax) == pytest.approx(500 / 16000)
    assert "bara har intäkter" in cb.SHARE_TEXT_SV and "budgeterade intäkterna" in cb.SHARE_TEXT_SV
    assert cb.SHARE_TEXT_SV in cb.SIGNS_TEXT_SV


UNIT = q.EconomyUnit(1, "HSF-PV", "Primärvård", "omrade")
FORVALTNING = q.EconomyUnit(2, "HSF", "Hälso- och sjukvårdsförvaltningen", "forvaltning")


def test_the_headers_name_their_months_units_and_that_they_are_results():
    view = cb.View(FORVALTNING, 2026, 11, {2026: list(range(1, 12))})
    assert [cb.group_header(view, p) for p in (cb.TO_DATE, cb.WHOLE_YEAR)] == [
        "Resultat jan–nov 2026", "Resultat helår 2026"]
    amounts = [c for c in cb.FIGURE_COLUMNS if c.kind == "amount"]
    assert all(cb.table_header(view, c).endswith("(mnkr)") for c in amounts)
    assert [cb.file_header(view, c) for c in amounts][:3] == [
        "Budget, resultat jan–nov 2026 (mnkr)", "Utfall, resultat jan–nov 2026 (mnkr)",
        "Avvikelse, resultat jan–nov 2026 (mnkr)"]
    assert cb.category_headers(view)[1:4] == [
        "Budget jan–nov 2026 (mnkr)", "Utfall jan–nov 2026 (mnkr)",
        "Avvikelse jan–nov 2026 (mnkr)"]
    assert all(h.endswith("(tkr)") for h in cb.month_headers("tkr")[1:])


def test_the_page_says_where_amounts_change_from_mnkr_to_tkr():
    omrade = cb.View(UNIT, 2026, 11, {2026: [11]})
    assert cb.unit_change_text(omrade, [FORVALTNING]) == (
        "Observera: här visas beloppen i tkr (tusen kronor), inte i mnkr som för "
        "Hälso- och sjukvårdsförvaltningen ovanför.")
    assert cb.unit_change_text(cb.View(FORVALTNING, 2026, 11, {}), []) is None
    enhet = q.EconomyUnit(3, "HSF-PV-HC", "Hälsocentralen", "enhet")
    assert cb.unit_change_text(cb.View(enhet, 2026, 11, {}), [FORVALTNING, UNIT]) is None
    children = [q.ChildFigures(UNIT, None)]
    assert cb.children_unit_text(cb.View(FORVALTNING, 2026, 11, {}), children) == (
        "Verksamhetsområden visas här i mnkr, som Hälso- och sjukvårdsförvaltningen; på sina "
        "egna sidor visas de i tkr.")


def test_a_file_keeps_the_decimals_a_small_deviation_is_shown_with():
    view = cb.View(q.EconomyUnit(1, "R", "Regionen", "region"), 2026, 11, {2026: [11]})
    rows = [{"code": "PN", "name": "Patientnämnden",
             **cb.figure_values(Figures(-4557.7, -4584.0, -5000.6, -5026.4, 4557.7), "mnkr")},
            {"code": "RUN", "name": "RUN",
             **cb.figure_values(Figures(-141400.0, -142000.0, -155100.0, None, 141400.0),
                                "mnkr")}]
    table = cb.children_table(view, rows)
    deviation = next(c for c in table.columns if c.header.startswith("Avvikelse, "))
    assert deviation.places == 2 and table.rows[0][4] == -0.02 and table.rows[1][4] == -0.6


@pytest.mark.parametrize(("search", "months"), [("?unit=HSN", "jan–okt 2026"),
                                                ("?unit=HSN&month=6", "jan–jun 2026")])
def test_every_economy_label_names_its_months(client, app, search, months):
    log_in(client, "ledning")
    content = render_page(client, app, "/ekonomi", search)
    for label in (f"Resultat {months}", f"Avvikelse {months}", "Budgeterat resultat helår 2026",
                  "Prognos för resultatet helår 2026", "Prognosavvikelse helår 2026",
                  f"Budget {months} (mnkr)"):
        assert label in content, label
    groups = part(grid_of(content), "Thead")["props"]["children"][0]["props"]["children"]
    assert [text_of(th) for th in groups[1:]] == [f"Resultat {months}", "Resultat helår 2026"]
    assert "hittills" not in content
    # The explanation is in the organisation's words (the demo's: a region's).
    assert fill(cb.RESULT_TEXT_SV) in content and cb.CATEGORY_SHARE_TEXT_SV in content


def test_an_omrade_says_its_amounts_are_in_tkr(client, app):
    log_in(client, "ledning")
    content = render_page(client, app, "/ekonomi", "?unit=HSF-PV")
    assert "Observera: här visas beloppen i tkr (tusen kronor), inte i mnkr" in content
    assert "Observera:" not in render_page(client, app, "/ekonomi", "?unit=HSF")


@pytest.mark.parametrize("unit", ["mnkr", "tkr"])
def test_the_sort_reads_each_column_as_shown(unit):
    """The table's sort key of an amount column is the value the column shows (shown_part)."""
    from data_access.queries.economy import ChildFigures, EconomyUnit

    pairs = [(-4557.7, -4584.0), (-1000.0, -1000.1), (-4557.7, -4557.7), (16000.0, 16500.0),
             (0.04, -0.04), (2.5, 3.5), (-0.5, 0.4), (-1234.56, None), (None, 12.0)]
    for budget, outcome in pairs:
        figures = Figures(budget, outcome, budget, outcome, 0.0)
        child = ChildFigures(EconomyUnit(1, "X", "X", "enhet"), figures)
        for column in cb.FIGURE_COLUMNS:
            if column.kind != "amount":
                continue
            names = (("budget_tkr", "utfall_tkr") if column.period == cb.TO_DATE
                     else ("year_budget_tkr", "prognos_tkr"))
            expected = cb.shown_part(getattr(figures, names[0]), getattr(figures, names[1]),
                                     unit, column.part)
            assert cb.sort_key(column.field, unit)(child) == expected
