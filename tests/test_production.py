"""Produktion: plans loaded through the import, the own-plan-or-children's-sum rule, the
status and worst-first order, productivity from the economy on a hand-built region with a
known answer (SQLite and PostgreSQL); the demo against independent SQL; what each viewer is
shown; bad import rows; and the page and its downloads over HTTP."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from callbacks import produktion as cb
from dashboard.core.args import BadArgument
from data_access.db import get_engine, session_scope
from data_access.importers.values import period_end
from data_access.models import Indicator, Measurement, OrgUnit
from data_access.scope import MANAGEMENT, Viewer
from data_access.status import GREEN, GREY, RED, YELLOW
from tests.small_region import build_small_region
from tests.table_state import IMPORT_RECORDS, checksums
from tests.test_access import log_in
from tests.test_downloads import csv_rows, fetch
from tests.test_grants import render
from tests.test_import_files import csv_bytes, load

PLAN_HEADER = "Indikator;Enhet;Period;Planerat"
# (unit, period, plan); RUN has a plan of its own, so RUN-E's does not add to it.
PLANS = [("HSN-E", f"2026-0{m}", 100) for m in (1, 2, 3)] + \
        [("RUN-E", f"2026-0{m}", 50) for m in (1, 2, 3)] + \
        [("RUN", f"2026-0{m}", 60) for m in (1, 2, 3)]
# (unit, period, utfall); HSN-E has not reported March yet.
OUTCOMES = [("HSN-E", "2026-01", 90), ("HSN-E", "2026-02", 95),
            ("RUN-E", "2026-01", 50), ("RUN-E", "2026-02", 50), ("RUN-E", "2026-03", 50),
            ("RUN", "2026-01", 55), ("RUN", "2026-02", 55), ("RUN", "2026-03", 55)]


@pytest.fixture
def region(db_url):
    """The small region with the volume BES, its plans (through the import), its utfall and a
    productivity measure on the small region's one kostnadsslag."""
    with session_scope(db_url) as session:
        build_small_region(session)
        indicator = Indicator(code="BES", name="Besök", unit="antal", direction="higher",
                              frequency="month", source="Internt")
        session.add(indicator)
        session.flush()
        units = dict(session.execute(select(OrgUnit.code, OrgUnit.id)).all())
        for unit, period, value in OUTCOMES:
            session.add(Measurement(indicator_id=indicator.id, unit_id=units[unit], period=period,
                                    period_end=period_end(period),
                                    value_total=value, source="Internt"))
    plans = csv_bytes(PLAN_HEADER, *(f"BES;{u};{p};{v}" for u, p, v in PLANS))
    assert load(db_url, "produktionsplan", plans).outcome == "ok"
    measure = csv_bytes("Kod;Namn;Indikator;Kostnadsslag", "P1;Personal per besök;BES;PERS")
    assert load(db_url, "produktivitet", measure).outcome == "ok"
    with Session(get_engine(db_url)) as session:
        yield session, units


def test_own_plan_or_the_childrens_sum_worst_first_with_productivity(region):
    session, _units = region
    view = cb.resolve(session, MANAGEMENT)
    assert (view.unit.code, view.indicator.code, view.year, view.years) == ("R", "BES", 2026,
                                                                            (2026,))
    data = cb.production_data(session, MANAGEMENT, view)
    assert data.end.isoformat() == "2026-03-31"  # the latest period with any utfall
    # R = HSN (HSN-E's plan) + RUN (its own plan; RUN-E's is below it and not added).
    assert (data.line.plan, data.line.outcome) == (480, 185 + 165)
    hsn, run = data.children  # worst first: HSN −38 %, RUN −8 %
    assert (hsn.unit.code, hsn.plan, hsn.outcome, hsn.status) == ("HSN", 300, 185, RED)
    assert hsn.share == pytest.approx(-115 / 300)
    assert (run.unit.code, run.plan, run.outcome, run.status) == ("RUN", 180, 165, RED)
    # Personal costs of the producing units, January to March, per produced unit (kr):
    # HSN-E books −1 100 tkr a month of utfall and −1 000 of budget; RUN's subtree −480/−500.
    assert hsn.cost_per_unit == (pytest.approx(3300 * 1000 / 185),)
    assert hsn.planned_cost_per_unit == (pytest.approx(3000 * 1000 / 300),)
    assert run.cost_per_unit == (pytest.approx(1440 * 1000 / 165),)
    assert data.line.cost_per_unit == (pytest.approx((3300 + 1440) * 1000 / 350),)
    # A chosen month: the figures to February.
    to_feb = cb.production_data(session, MANAGEMENT, cb.resolve(session, MANAGEMENT, month="2"))
    assert (to_feb.line.plan, to_feb.line.outcome) == (320, 185 + 110)


def test_the_figures_agree_with_sql(region):
    session, _ = region
    data = cb.production_data(session, MANAGEMENT, cb.resolve(session, MANAGEMENT, unit="HSN"))
    plan = session.execute(text(
        "SELECT SUM(p.value) FROM production_plans p JOIN org_units u ON u.id = p.unit_id "
        "WHERE u.code = 'HSN-E' AND p.period_end <= :end"), {"end": data.end}).scalar_one()
    outcome = session.execute(text(
        "SELECT SUM(m.value_total) FROM measurements m JOIN org_units u ON u.id = m.unit_id "
        "JOIN indicators i ON i.id = m.indicator_id WHERE u.code = 'HSN-E' AND i.code = 'BES' "
        "AND m.period_end <= :end"), {"end": data.end}).scalar_one()
    assert (data.line.plan, data.line.outcome) == (plan, outcome)
    assert [c.unit.code for c in data.children] == ["HSN-E"]


@pytest.mark.parametrize("direction, share, expected", [
    ("higher", 0.0, GREEN), ("higher", -0.05, YELLOW), ("higher", -0.051, RED),
    ("lower", 0.03, YELLOW), ("lower", -0.2, GREEN), ("lower", 0.06, RED),
    ("band", 0.05, GREEN), ("band", -0.08, YELLOW), ("band", 0.11, RED), ("higher", None, GREY),
])
def test_status_of_a_deviation(direction, share, expected):
    assert cb.status(direction, share) == expected


def test_a_member_sees_their_own_namnd_only(region):
    session, _ = region
    run_id = session.execute(select(OrgUnit.id).where(OrgUnit.code == "RUN")).scalar_one()
    member = Viewer("namnd", (run_id,))
    view = cb.resolve(session, member)
    assert view.unit.code == "RUN"
    data = cb.production_data(session, member, view)
    assert (data.line.plan, [c.unit.code for c in data.children]) == (180, ["RUN-E"])
    for unit, argument in (("R", "unit"), ("HSN-E", "unit")):
        with pytest.raises(BadArgument) as refused:
            cb.resolve(session, member, unit=unit)
        assert refused.value.argument == argument
    # Another nämnd's summary unit is visible as a unit, but none of its plans are.
    other = cb.production_data(session, member, cb.resolve(session, member, unit="HSN"))
    assert other.line is None


@pytest.mark.parametrize("asked, argument", [
    ({"indikator": "NOPE"}, "indikator"), ({"year": "2019"}, "year"), ({"month": "13"}, "month"),
    ({"unit": "NOPE"}, "unit"),
])
def test_bad_arguments_are_refused_in_swedish(region, asked, argument):
    session, _ = region
    with pytest.raises(BadArgument) as refused:
        cb.production_data(session, MANAGEMENT, cb.resolve(session, MANAGEMENT, **asked))
    assert refused.value.argument == argument


@pytest.mark.parametrize("line, column, reason", [
    ("BES;HSN-E;2026-13;100", "Period", "månad"),
    ("BES;NOPE;2026-01;100", "Enhet", "NOPE"),
    ("NOPE;HSN-E;2026-01;100", "Indikator", "NOPE"),
    ("BES;HSN-E;2026-01;-5", "Planerat", ""),
])
def test_a_bad_plan_row_is_refused_and_nothing_changes(region, db_url, line, column, reason):
    before = checksums(db_url, skip=IMPORT_RECORDS)
    report = load(db_url, "produktionsplan",
                  csv_bytes(PLAN_HEADER, "BES;HSN-E;2026-04;100", line))
    assert report.outcome == "fel"
    assert any(p.row == 3 and p.column == column and reason in str(p) for p in report.problems), \
        [str(p) for p in report.problems]
    assert checksums(db_url, skip=IMPORT_RECORDS) == before


# --- The demo over HTTP ---------------------------------------------------------------------


def test_the_demo_page_and_its_files(app, client, demo_url):
    log_in(client, "ledning")
    shown = render(app, client, "/ekonomi/produktion", "?unit=HSF-PV&indikator=RJH-HSV-015")
    for part in ("Läkarbesök i primärvården", "Personalkostnad per läkarbesök", "Hälsocentralen",
                 "störst avvikelse från planen först", "Plan ackumulerat"):
        assert part in shown, part
    # Links both ways with the unit's own page.
    assert "/enhet?code=HSF-PV" in shown
    assert "produktion?indikator=RJH-HSV-015&unit=HSF-PV" in render(app, client, "/enhet",
                                                                     "?code=HSF-PV")
    rows = csv_rows(fetch(client, "produktion", "units", "csv", unit="HSF-PV",
                          indikator="RJH-HSV-015").data)
    header, first, *children = rows
    assert header[:4] == ["Enhetskod", "Enhet", "Plan", "Utfall"]
    assert first[0] == "HSF-PV" and len(children) > 10
    with Session(get_engine(demo_url)) as session:
        plan = session.execute(text(
            "SELECT SUM(p.value) FROM production_plans p JOIN org_units u ON u.id = p.unit_id "
            "JOIN org_unit_closure c ON c.descendant_id = u.id "
            "JOIN org_units top ON top.id = c.ancestor_id JOIN indicators i ON i.id = p.indicator_id "
            "WHERE top.code = 'HSF-PV' AND i.code = 'RJH-HSV-015' "
            "AND p.period_end BETWEEN '2026-01-01' AND '2026-10-31'")).scalar_one()
    assert float(first[2].replace("\u00a0", "").replace(" ", "").replace(",", ".")) == plan
    # A member of another nämnd is refused HSN's units, in Swedish.
    client.get("/logout")
    log_in(client, "run")
    refused = render(app, client, "/ekonomi/produktion", "?unit=HSF-PV")
    assert "behörighet" in refused and "Hälsocentralen" not in refused
