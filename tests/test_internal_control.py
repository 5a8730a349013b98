"""Internkontroll: the queries against independent SQL (demo region on SQLite and PostgreSQL),
exact figures on a hand-built region, the rules (bands, overdue), scoping per viewer, the
pure shaping functions, and the pages as the browser's router callback renders them."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import pytest
from plotly.utils import PlotlyJSONEncoder
from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from dashboard.core.args import BadArgument
from data_access.db import dispose_engines, get_engine, migrate, session_scope
from data_access.models import (
    ControlPoint,
    ControlResult,
    Risk,
    RiskAction,
    RiskAssessment,
    risk_goals,
)
from data_access.queries import risks
from data_access.queries.risks import RiskSelection
from data_access.scope import MANAGEMENT, PUBLIC, Viewer
from tests.conftest import DEMO_AS_OF, _drop_postgres_schema, _fresh_postgres_url
from tests.helpers import risks_for_goal
from tests.small_region import build_small_region

TODAY = dt.date(2026, 10, 31)


def sql(session, query: str, **params) -> list:
    """Rows of a raw SQL query."""
    return session.execute(text(query), params).all()


def rendered(component) -> str:
    """A component tree as JSON text (non-ASCII kept), for looking for text in it."""
    return json.dumps(component, cls=PlotlyJSONEncoder, ensure_ascii=False)


# --- Fixtures: the demo region once per database, and a hand-built region -----------------


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def demo_db(request, demo_template, tmp_path_factory):
    """The demo region on SQLite (a copy) and on PostgreSQL (loaded once for this module)."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("ic") / "demo.db"
        path.write_bytes(demo_template.read_bytes())
        yield f"sqlite:///{path}"
        dispose_engines()
        return
    from data_access.demo import load_demo

    url = _fresh_postgres_url()
    migrate(url)
    with session_scope(url) as session:
        load_demo(session, seed=2050, as_of=DEMO_AS_OF)
    yield url
    dispose_engines()
    _drop_postgres_schema(url)


@pytest.fixture
def demo(demo_db):
    """A session on the demo region and the nämnder's ids by code."""
    with Session(get_engine(demo_db)) as session:
        yield session, dict(sql(session, "SELECT code, id FROM org_units WHERE level = 'namnd'"))


def _add_internal_control(session) -> None:
    """On top of tests.small_region: scoring history, control results, shared and done
    åtgärder, and risks linked to goals (G3 is reported red at Delår 2026)."""
    ids = {code: rid for code, rid in sql(session, "SELECT code, id FROM risks")}
    goal = {code: gid for code, gid in sql(session, "SELECT code, id FROM goals")}
    hsn = session.scalars(select(Risk.owner_unit_id).where(Risk.code == "R0")).one()
    session.execute(insert(risk_goals), [{"risk_id": ids[r], "goal_id": goal["G3"]}
                                         for r in ("R0", "R1", "R2", "R3")])
    for code, scores in (("R0", [(2, 3), (3, 3)]), ("R1", [(4, 4)]),
                         ("R2", [(1, 2), (3, 2), (2, 2)])):
        for month, (p, k) in enumerate(scores, start=1):
            session.add(RiskAssessment(risk_id=ids[code], assessed_on=dt.date(2026, month * 3, 1),
                                       probability=p, consequence=k, comment=f"Bedömning {month}"))
    point = session.scalars(select(ControlPoint).where(ControlPoint.code == "K-R0")).one()
    point.planned_per_year = 4
    session.add_all([
        ControlResult(control_point_id=point.id, performed_on=dt.date(2026, 3, 1),
                      result="utan_anmarkning", comment="Inga fel."),
        ControlResult(control_point_id=point.id, performed_on=dt.date(2026, 6, 1),
                      result="avvikelse", comment="Två fel."),
    ])
    r0, r1 = (session.get(Risk, ids[c]) for c in ("R0", "R1"))
    r0.in_control_plan = r1.in_control_plan = True  # R1 without kontrollmoment
    session.add_all([
        RiskAction(code="A-X", title="Gemensam åtgärd", owner="Chef", owner_unit_id=hsn,
                   due_date=dt.date(2026, 6, 30), status="ej_paborjad", risks=[r0, r1]),
        RiskAction(code="A-Y", title="Klar åtgärd", owner="Chef", owner_unit_id=hsn,
                   due_date=dt.date(2026, 3, 31), status="klar", done_on=dt.date(2026, 3, 20),
                   risks=[r1]),
    ])


@pytest.fixture
def small(db_url):
    """The hand-built region with internal control added (SQLite, and PostgreSQL)."""
    with session_scope(db_url) as session:
        ids = build_small_region(session)
        _add_internal_control(session)
    with Session(get_engine(db_url)) as session:
        yield session, ids


def members(ids: dict[str, int]) -> tuple[Viewer, Viewer]:
    """An HSN member and a RUN member."""
    return Viewer("namnd", (ids["HSN"],)), Viewer("namnd", (ids["RUN"],))


# --- Risks and goals ----------------------------------------------------------------------


def test_risks_for_goal_are_scoped_to_the_viewer(small):
    session, ids = small
    hsn, run = members(ids)
    assert [r.code for r in risks_for_goal(session, MANAGEMENT, "G3")] == [
        "R1", "R3", "R0", "R2"]  # highest riskvärde first
    assert [r.code for r in risks_for_goal(session, hsn, "G3")] == ["R1", "R0", "R2"]
    assert [r.code for r in risks_for_goal(session, run, "G3")] == ["R3"]
    assert risks_for_goal(session, PUBLIC, "G3") == []
    assert risks_for_goal(session, Viewer("okand-roll", (ids["HSN"],)), "G3") == []
    assert risks_for_goal(session, MANAGEMENT, "G0") == []
    assert risks_for_goal(session, MANAGEMENT, "FINNS-INTE") == []
    first = risks_for_goal(session, hsn, "G3")[0]
    assert (first.risk_value, first.band.word, first.namnd) == (
        16, "Mycket hög", "Hälso- och sjukvårdsnämnden")


def test_risks_for_goal_of_one_year(small):
    session, _ = small
    found = risks_for_goal(session, MANAGEMENT, "G3", year=2026)
    assert [r.year for r in found] == [2026] * 4
    assert risks_for_goal(session, MANAGEMENT, "G3", year=2025) == []


def test_an_hsn_member_never_gets_a_run_risk_for_any_goal(demo):
    session, ids = demo
    hsn = Viewer("namnd", (ids["HSN"],))
    run_risks = {c for c, in sql(session, "SELECT code FROM risks WHERE namnd_id = :n",
                                 n=ids["RUN"])}
    linked = sql(session, "SELECT DISTINCT g.code FROM goals g "
                          "JOIN risk_goals rg ON rg.goal_id = g.id")
    assert linked
    for (goal,) in linked:
        got = {r.code for r in risks_for_goal(session, hsn, goal)}
        assert not got & run_risks, goal
        expected = {c for c, in sql(session, """
            SELECT r.code FROM risks r JOIN risk_goals rg ON rg.risk_id = r.id
            JOIN goals g ON g.id = rg.goal_id WHERE g.code = :g""", g=goal)}
        assert {r.code for r in risks_for_goal(session, MANAGEMENT, goal)} == expected
        assert risks_for_goal(session, PUBLIC, goal) == []



# --- Bands --------------------------------------------------------------------------------


@pytest.mark.parametrize("value, word", [
    (1, "Låg"), (3, "Låg"), (4, "Medel"), (6, "Medel"), (8, "Hög"), (9, "Hög"),
    (12, "Mycket hög"), (16, "Mycket hög"),
])
def test_band_boundaries(value, word):
    assert risks.risk_band(value).word == word


def test_the_bands_cover_the_scale_in_order_and_every_product_has_one():
    bands = risks.RISK_BANDS
    assert bands[0].low == 1 and bands[-1].high == 16
    for lower, upper in zip(bands, bands[1:]):
        assert lower.high < upper.low
        assert not any(lower.high < p * k < upper.low for p in range(1, 5) for k in range(1, 5))
    products = {p * k for p in range(1, 5) for k in range(1, 5)}
    assert {v for b in bands for v in (b.low, b.high)} <= products
    assert all(risks.risk_band(v).low <= v <= risks.risk_band(v).high for v in products)


@pytest.mark.parametrize("value", [0, -1, 17])
def test_a_value_outside_the_scale_has_no_band(value):
    with pytest.raises(ValueError):
        risks.risk_band(value)


# --- The matrix against independent SQL (demo region, SQLite and PostgreSQL) --------------


def selection_for(session, year, namnd=None, process=None, status=None) -> RiskSelection:
    """A RiskSelection from codes."""
    def one(query, **params):
        return sql(session, query, **params)[0][0]
    return RiskSelection(
        year,
        one("SELECT id FROM org_units WHERE code = :c", c=namnd) if namnd else None,
        one("SELECT id FROM processes WHERE code = :c", c=process) if process else None,
        status,
    )


def expected_cells(session, viewer_namnd, year, namnd=None, process=None, status=None) -> dict:
    """(sannolikhet, konsekvens) -> risks, counted in plain SQL: the year's riskanalys and the
    still open risks of earlier years."""
    where = ["(r.year = :y OR (r.year < :y AND r.status = 'oppen'))"]
    if viewer_namnd:
        where.append("r.namnd_id = :v")
    if namnd:
        where.append("n.code = :n")
    if process:
        where.append("p.code = :p")
    if status:
        where.append("r.status = :s")
    rows = sql(session, f"""
        SELECT r.probability, r.consequence, COUNT(*) FROM risks r
        JOIN org_units n ON n.id = r.namnd_id JOIN processes p ON p.id = r.process_id
        WHERE {' AND '.join(where)} GROUP BY r.probability, r.consequence""",
        y=year, v=viewer_namnd, n=namnd, p=process, s=status)
    counts = {(p, k): 0 for p in range(1, 5) for k in range(1, 5)}
    counts.update({(p, k): c for p, k, c in rows})
    return counts


FILTERS = [
    {}, {"status": "oppen"}, {"namnd": "HSN"}, {"namnd": "HSN", "status": "oppen"},
    {"namnd": "RUN", "status": "accepterad"}, {"process": "lon"},
    {"namnd": "HSN", "process": "inhyrd", "status": "oppen"}, {"status": "stangd"},
]


@pytest.mark.parametrize("year", [2025, 2026])
@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: "-".join(f.values()) or "alla")
def test_matrix_counts_equal_an_independent_count(demo, year, filters):
    from callbacks.internkontroll import cell_counts

    session, ids = demo
    selection = selection_for(session, year, **filters)
    status = filters.get("status")
    got = cell_counts(risks.risk_cells(session, MANAGEMENT, selection), status)
    assert got == expected_cells(session, None, year, **filters)
    assert sum(got.values()) == len(risks.risk_list(session, MANAGEMENT, selection, TODAY))
    hsn = Viewer("namnd", (ids["HSN"],))
    mine = cell_counts(risks.risk_cells(session, hsn, selection), status)
    if filters.get("namnd", "HSN") == "HSN":
        assert mine == expected_cells(session, ids["HSN"], year, **filters)
    else:
        assert sum(mine.values()) == 0  # another nämnd's risks are simply not there


def test_the_public_gets_an_empty_matrix_and_no_list(demo):
    session, _ = demo
    selection = RiskSelection(2026)
    assert risks.risk_cells(session, PUBLIC, selection) == []
    assert risks.previous_cells(session, PUBLIC, selection) == []
    assert risks.risk_list(session, PUBLIC, selection, TODAY) == []
    assert risks.risk_choices(session, PUBLIC) == risks.RiskChoices((), (), ())
    assert risks.control_summary(session, PUBLIC, selection, TODAY) == risks.ControlSummary(
        0, 0, 0, 0, 0)


def test_previous_matrix_equals_each_risks_scoring_before_the_latest(demo):
    session, ids = demo
    history: dict[int, list] = {}
    for risk_id, day, p, k in sql(session, "SELECT risk_id, assessed_on, probability, "
                                           "consequence FROM risk_assessments"):
        history.setdefault(risk_id, []).append((str(day), p, k))
    wanted = sql(session, "SELECT id FROM risks WHERE year <= 2026 AND namnd_id = :n "
                          "AND status = 'oppen'", n=ids["HSN"])
    expected = Counter()
    for (risk_id,) in wanted:
        scorings = sorted(history.get(risk_id, []), reverse=True)
        if len(scorings) > 1:
            expected[scorings[1][1:]] += 1
    selection = selection_for(session, 2026, "HSN", status="oppen")
    got = {(c.probability, c.consequence): c.count
           for c in risks.previous_cells(session, MANAGEMENT, selection)}
    assert got == dict(expected)
    rows = risks.risk_list(session, MANAGEMENT, selection, TODAY)
    assert Counter((r.previous_probability, r.previous_consequence) for r in rows
                   if r.previous_probability) == expected


def test_the_list_counts_open_and_overdue_actions_like_plain_sql(demo):
    session, ids = demo
    selection = selection_for(session, 2026, "HSN", status="oppen")
    rows = risks.risk_list(session, MANAGEMENT, selection, TODAY)
    expected = {code: (o or 0, d or 0) for code, o, d in sql(session, """
        SELECT r.code,
               SUM(CASE WHEN a.status <> 'klar' THEN 1 ELSE 0 END),
               SUM(CASE WHEN a.status <> 'klar' AND a.due_date < :t THEN 1 ELSE 0 END)
        FROM risks r LEFT JOIN action_risks ar ON ar.risk_id = r.id
        LEFT JOIN risk_actions a ON a.id = ar.action_id
        WHERE r.year <= 2026 AND r.namnd_id = :n AND r.status = 'oppen' GROUP BY r.code""",
        t=TODAY, n=ids["HSN"])}
    assert {r.code: (r.open_actions, r.overdue_actions) for r in rows} == expected
    assert any(r.overdue_actions for r in rows)
    assert any(r.year == 2025 for r in rows)  # last year's open risks are still in the list
    keys = [(-r.risk_value, -r.overdue_actions) for r in rows]
    assert keys == sorted(keys)  # high values, then overdue, first


@pytest.mark.parametrize("namnd", [None, "HSN", "KTN"])
def test_the_summary_equals_plain_sql(demo, namnd):
    session, ids = demo
    where = "r.year = 2026" + (" AND r.namnd_id = :n" if namnd else "")
    # Åtgärder: of the year's risks and of the still open risks of earlier years.
    in_view = where.replace("r.year = 2026",
                            "(r.year = 2026 OR (r.year < 2026 AND r.status = 'oppen'))")
    n = ids.get(namnd)
    (planned,), = sql(session, f"SELECT COALESCE(SUM(c.planned_per_year), 0) FROM control_points c "
                               f"JOIN risks r ON r.id = c.risk_id WHERE {where}", n=n)
    (performed, deviations), = sql(session, f"""
        SELECT COUNT(*), SUM(CASE WHEN cr.result = 'avvikelse' THEN 1 ELSE 0 END)
        FROM control_results cr JOIN control_points c ON c.id = cr.control_point_id
        JOIN risks r ON r.id = c.risk_id WHERE {where}""", n=n)
    (open_actions, overdue), = sql(session, f"""
        SELECT COUNT(*), SUM(CASE WHEN a.due_date < :t THEN 1 ELSE 0 END) FROM risk_actions a
        WHERE a.status <> 'klar' AND a.id IN (SELECT ar.action_id FROM action_risks ar
                                              JOIN risks r ON r.id = ar.risk_id WHERE {in_view})""",
        n=n, t=TODAY)
    got = risks.control_summary(session, MANAGEMENT, RiskSelection(2026, n), TODAY)
    assert got == risks.ControlSummary(planned, performed, deviations or 0, open_actions,
                                       overdue or 0)
    assert got.planned >= got.performed >= got.deviations


# --- Overdue against a fixed "today" (hand-built region) ----------------------------------


@pytest.mark.parametrize("due, status, today, overdue", [
    (dt.date(2026, 6, 30), "ej_paborjad", dt.date(2026, 7, 1), True),
    (dt.date(2026, 6, 30), "pagaende", dt.date(2026, 10, 31), True),
    (dt.date(2026, 6, 30), "pagaende", dt.date(2026, 6, 30), False),  # due today: not yet
    (dt.date(2026, 6, 30), "pagaende", dt.date(2026, 6, 1), False),
    (dt.date(2026, 3, 31), "klar", dt.date(2026, 10, 31), False),  # done is never overdue
])
def test_an_action_is_overdue_when_its_due_date_has_passed_and_it_is_not_done(
        due, status, today, overdue):
    assert risks.is_overdue(due, status, today) is overdue


@pytest.mark.parametrize("today, overdue", [
    (dt.date(2026, 6, 30), 0), (dt.date(2026, 7, 1), 1), (TODAY, 1), (dt.date(2027, 1, 1), 2),
])
def test_overdue_actions_against_a_fixed_today(small, today, overdue):
    session, ids = small
    hsn = RiskSelection(2026, ids["HSN"])
    summary = risks.control_summary(session, MANAGEMENT, hsn, today)
    # A-X is shared by R0 and R1 and counts once; A-Y is klar; A-R0 is due 2026-12-31.
    assert (summary.open_actions, summary.overdue_actions) == (2, overdue)
    rows = {r.code: r for r in risks.risk_list(session, MANAGEMENT, hsn, today)}
    assert rows["R0"].overdue_actions == overdue
    assert rows["R1"].overdue_actions == min(overdue, 1) and rows["R1"].open_actions == 1


def test_controls_deviations_and_actions_of_a_selection(small):
    session, ids = small
    hsn, run = members(ids)
    summary = risks.control_summary(session, MANAGEMENT, RiskSelection(2026, ids["HSN"]), TODAY)
    assert summary == risks.ControlSummary(planned=4, performed=2, deviations=1, open_actions=2,
                                           overdue_actions=1)
    assert risks.control_summary(session, run, RiskSelection(2026), TODAY) == (
        risks.ControlSummary(planned=1, performed=0, deviations=0, open_actions=1,
                             overdue_actions=0))
    assert risks.control_summary(session, hsn, RiskSelection(2026, ids["RUN"]), TODAY) == (
        risks.ControlSummary(0, 0, 0, 0, 0))


def test_today_is_the_date_the_latest_successful_load_runs_to(small):
    session, _ = small
    assert risks.as_of_date(session, MANAGEMENT) == dt.date(2026, 10, 31)  # not the failed load
    assert risks.as_of_date(session, Viewer("okand-roll")) == dt.date.today()


def test_movement_since_the_previous_assessment(small):
    from callbacks.internkontroll import movement, movement_counts

    session, ids = small
    rows = risks.risk_list(session, MANAGEMENT, RiskSelection(2026, ids["HSN"]), TODAY)
    # R5 is HSN's still open risk of 2025, in the 2026 view.
    assert {r.code: movement(r) for r in rows} == {"R0": "up", "R1": "new", "R2": "down",
                                                   "R5": "new"}
    assert movement_counts(rows) == {"up": 1, "down": 1, "same": 0, "new": 2}
    assert {(c.probability, c.consequence, c.count) for c in risks.previous_cells(
        session, MANAGEMENT, RiskSelection(2026, ids["HSN"]))} == {(2, 3, 1), (3, 2, 1)}


# --- One risk, the plan, and the red goals ------------------------------------------------


def test_a_risk_in_detail_with_a_shared_action(small):
    session, ids = small
    hsn, run = members(ids)
    detail = risks.risk_detail(session, hsn, "R0")
    assert [(s.probability, s.consequence) for s in detail.history] == [(2, 3), (3, 3)]
    (control,) = detail.controls
    assert (control.method, control.planned_per_year) == ("Stickprov", 4)
    assert [r.result for r in control.results] == ["avvikelse", "utan_anmarkning"]
    assert [a.code for a in detail.actions] == ["A-X", "A-R0"]  # earliest due first
    assert [r.code for r in detail.actions[0].other_risks] == ["R1"]
    assert [g.code for g in detail.goals] == ["G3"]
    assert [r.code for r in risks.risk_detail(session, hsn, "R1").actions[1].other_risks] == [
        "R0"]
    assert risks.risk_detail(session, run, "R0") is None
    assert risks.risk_detail(session, PUBLIC, "R0") is None


def test_the_control_plan_of_a_namnd(small):
    session, ids = small
    hsn, run = members(ids)
    rows = risks.control_plan(session, hsn, ids["HSN"], 2026)
    assert [(r.risk_code, r.control) for r in rows] == [("R1", None), ("R0", "Kontroll HSN")]
    assert risks.control_plan(session, run, ids["HSN"], 2026) == []
    assert risks.control_plan(session, PUBLIC, ids["HSN"], 2026) == []
    assert risks.control_plan(session, MANAGEMENT, ids["HSN"], 2025) == []


def test_the_control_plan_equals_plain_sql(demo):
    session, ids = demo
    rows = risks.control_plan(session, MANAGEMENT, ids["HSN"], 2026)
    expected = sql(session, """
        SELECT r.code, c.code FROM risks r LEFT JOIN control_points c ON c.risk_id = r.id
        WHERE r.namnd_id = :n AND r.year = 2026 AND r.in_control_plan = :t""",
        n=ids["HSN"], t=True)
    assert len(rows) == len(expected) > 0
    assert {r.risk_code for r in rows} == {code for code, _ in expected}


def test_red_goals_with_open_high_risks(small):
    session, ids = small
    hsn, run = members(ids)
    data = risks.red_goals_with_high_risks(session, MANAGEMENT)
    assert (data.year, data.kind) == (2026, "DELAR")
    assert [(g.code, [r.code for r in g.risks]) for g in data.goals] == [
        ("G3", ["R1", "R3", "R0"])]  # R2 (riskvärde 4) is not high
    assert [[r.code for r in g.risks] for g in risks.red_goals_with_high_risks(
        session, hsn).goals] == [["R1", "R0"]]
    assert [[r.code for r in g.risks] for g in risks.red_goals_with_high_risks(
        session, run).goals] == [["R3"]]
    assert risks.red_goals_with_high_risks(session, PUBLIC).goals == ()


def test_red_goals_with_open_high_risks_equal_plain_sql(demo):
    session, ids = demo
    (period,), = sql(session, """
        SELECT fp.id FROM followup_periods fp
        WHERE EXISTS (SELECT 1 FROM goal_statuses gs JOIN goals g ON g.id = gs.goal_id
                      WHERE gs.followup_period_id = fp.id AND g.kind <> 'malbild')
        ORDER BY fp.end_date DESC LIMIT 1""")
    pairs = set(sql(session, """
        SELECT g.code, r.code, r.namnd_id FROM goal_statuses gs JOIN goals g ON g.id = gs.goal_id
        JOIN risk_goals rg ON rg.goal_id = g.id JOIN risks r ON r.id = rg.risk_id
        WHERE gs.followup_period_id = :p AND gs.reported_status = 'red'
          AND r.status = 'oppen' AND r.probability * r.consequence >= 8""", p=period))
    assert pairs
    for viewer, keep in ((MANAGEMENT, lambda n: True),
                         (Viewer("namnd", (ids["HSN"],)), lambda n: n == ids["HSN"])):
        got = {(g.code, r.code) for g in risks.red_goals_with_high_risks(session, viewer).goals
               for r in g.risks}
        assert got == {(g, r) for g, r, n in pairs if keep(n)}


# --- Pure shaping: the URL's arguments ----------------------------------------------------


@pytest.fixture
def empty_app(sqlite_url):
    """An app over an empty database: page URLs need one."""
    from dashboard.app import create_app

    return create_app({"DATABASE_URL": sqlite_url, "TESTING": True, "SECRET_KEY": "test"})


CHOICES = risks.RiskChoices(
    namnder=(risks.Option(1, "HSN", "Hälso- och sjukvårdsnämnden"),
             risks.Option(2, "RS", "Regionstyrelsen")),
    processes=(risks.Option(5, "lon", "Lönehantering"),),
    years=(2026, 2025),
)


def test_the_default_view_is_open_risks_of_the_latest_year(empty_app):
    from callbacks.internkontroll import RiskView, parse_view

    view = parse_view({}, CHOICES)
    assert view == RiskView(2026)
    assert view.selection == RiskSelection(2026, None, None, "oppen")
    assert view.url() == "/internkontroll?year=2026"


def test_a_view_round_trips_through_its_url(empty_app):
    from urllib.parse import parse_qsl, urlsplit

    from callbacks.internkontroll import parse_view

    args = {"namnd": "hsn", "process": "LON", "status": "alla", "year": "2025", "cell": "3-4",
            "sort": "forsenade"}
    view = parse_view(args, CHOICES)
    assert (view.namnd.code, view.process.code, view.status, view.year, view.cell, view.sort) == (
        "HSN", "lon", None, 2025, (3, 4), "forsenade")
    again = parse_view(dict(parse_qsl(urlsplit(view.url()).query)), CHOICES)
    assert again == view
    assert view.selection == RiskSelection(2025, 1, 5, None)


@pytest.mark.parametrize("args, message", [
    ({"namnd": "RUN"}, "NAMND_NOT_FOUND_SV"),
    ({"process": "okand"}, "BAD_PROCESS_SV"),
    ({"status": "halvoppen"}, "BAD_STATUS_SV"),
    ({"year": "1999"}, "BAD_YEAR_SV"),
    ({"year": "tjugo"}, "BAD_YEAR_SV"),
    ({"cell": "5-1"}, "BAD_CELL_SV"),
    ({"cell": "3"}, "BAD_CELL_SV"),
    ({"sort": "slump"}, "BAD_SORT_SV"),
])
def test_a_bad_or_foreign_argument_gives_a_swedish_message(empty_app, args, message):
    import callbacks.internkontroll as shape

    with pytest.raises(BadArgument) as refused:
        shape.parse_view(args, CHOICES)
    assert str(refused.value) == getattr(shape, message)
    assert refused.value.argument == next(iter(args))


def test_a_repeated_argument_is_refused(empty_app):
    import callbacks.internkontroll as shape

    with pytest.raises(BadArgument) as refused:
        shape.parse_view({"namnd": ["HSN", "RS"]}, CHOICES)
    assert refused.value.argument == "namnd"


def test_each_filter_option_is_the_url_of_that_choice_without_the_cell(empty_app):
    from urllib.parse import parse_qsl

    import callbacks.internkontroll as shape

    view = shape.parse_view({"namnd": "HSN", "cell": "2-2", "sort": "risk"}, CHOICES)
    options = shape.filter_options(view, CHOICES)
    assert [o["label"] for o in options["namnd"]] == [
        "Alla nämnder", "Hälso- och sjukvårdsnämnden", "Regionstyrelsen"]
    for name, choices in options.items():
        for option in choices:
            chosen = shape.parse_view(dict(parse_qsl(option["value"][1:])), CHOICES)
            assert chosen.cell is None and chosen.sort == "risk", option
    values = shape.selected_values(view)
    assert all(values[name] in {o["value"] for o in options[name]} for name in options)


def test_cells_and_bands_from_counts():
    import callbacks.internkontroll as shape

    cells = [risks.CellCount(3, 4, "oppen", 2), risks.CellCount(3, 4, "stangd", 1),
             risks.CellCount(1, 2, "oppen", 5), risks.CellCount(2, 4, "accepterad", 3)]
    assert shape.cell_counts(cells, "oppen")[3, 4] == 2
    assert shape.cell_counts(cells, None)[3, 4] == 3
    assert sum(shape.cell_counts(cells, None).values()) == 11
    assert shape.band_counts(cells) == {"lag": 5, "medel": 0, "hog": 0, "mycket_hog": 2}


def test_sorting_the_list():
    import callbacks.internkontroll as shape

    def row(code, title, process, p, k, overdue):
        return risks.RiskRow(0, code, title, 2026, "N", process, "U", p, k, "oppen", True, None,
                             None,
                             None, None, overdue, overdue)

    rows = [row("A", "b", "x", 2, 2, 3), row("B", "a", "y", 4, 4, 0), row("C", "c", "x", 4, 4, 1)]
    assert [r.code for r in shape.sort_rows(rows, "riskvarde")] == ["C", "B", "A"]
    assert [r.code for r in shape.sort_rows(rows, "forsenade")] == ["A", "C", "B"]
    assert [r.code for r in shape.sort_rows(rows, "risk")] == ["B", "A", "C"]
    assert [r.code for r in shape.sort_rows(rows, "process")] == ["C", "A", "B"]
    assert [r.code for r in shape.in_cell(rows, (4, 4))] == ["B", "C"]


def test_the_plan_as_file_values():
    import callbacks.internkontroll as shape

    line = risks.PlanRow("Lön", "R1", "Felaktig lön", 3, 4, "Kontroll", "Stickprov", "Månadsvis",
                         "Ekonomichef", "Nämnden")
    missing = risks.PlanRow("Lön", "R2", "Jäv", 2, 4, None, None, None, None, None)
    assert shape.plan_values([line, missing]) == [
        ["Lön", "Felaktig lön", 12, "Kontroll", "Stickprov (månadsvis)", "Ekonomichef",
         "Nämnden"],
        ["Lön", "Jäv", 8, "Kontrollmoment saknas", "–", "–", "–"],
    ]
    assert [len(g) for g in shape.plan_groups([line, line, missing])] == [2, 1]


# --- The pages, as the browser's router callback renders them (permalinks) ----------------

ROUTER = ".._pages_content.children..._pages_store.data.."


def open_page(app, client, path: str, search: str = "") -> tuple[int, str]:
    """(status, text) of the page the router renders for `path?search`, non-ASCII kept."""
    from tests.test_access import callbacks_after_first_request, payload, post_callback

    callback = callbacks_after_first_request(app, client)[ROUTER]
    response = post_callback(client, payload(ROUTER, callback, pathname=path, search=search))
    if response.status_code != 200:
        return response.status_code, response.get_data(as_text=True)
    return 200, json.dumps(response.get_json(), ensure_ascii=False)


def component(tree, component_id: str):
    """The component with an id in a rendered tree (JSON), or None."""
    if isinstance(tree, list):
        return next((c for c in map(lambda t: component(t, component_id), tree) if c), None)
    if not isinstance(tree, dict):
        return None
    props = tree.get("props")
    if isinstance(props, dict) and props.get("id") == component_id:
        return tree
    return next((c for c in map(lambda t: component(t, component_id), tree.values()) if c), None)


@pytest.fixture
def run_canary(demo_url):
    """A high open RUN risk with a unique title (tests.test_access.CANARIES[0])."""
    from tests.test_access import CANARIES, add_canary_risk

    add_canary_risk(demo_url, "RUN")
    return CANARIES[0]


@pytest.mark.parametrize("path, search", [
    ("/internkontroll", "?namnd=RUN"),
    ("/internkontroll", "?namnd=run&year=2026&cell=4-4"),
    ("/internkontroll", "?risk=CANARY-RISK"),
    ("/internkontroll/risk", "?code=CANARY-RISK"),
    ("/internkontroll/plan", "?namnd=RUN&year=2026"),
])
def test_a_member_asking_for_another_namnds_risks_gets_a_message_and_nothing_else(
        app, client, run_canary, path, search):
    import callbacks.internkontroll as shape
    from tests.test_access import log_in

    log_in(client, "hsn")
    status, page = open_page(app, client, path, search)
    assert status == 200
    message = shape.RISK_NOT_FOUND_SV if "risk=" in search or "code=" in search else (
        shape.NAMND_NOT_FOUND_SV)
    assert message in page
    assert run_canary not in page and "RUN-2026-R" not in page and "RUN-2025-R" not in page
    for data_part in ("internkontroll-matrix", "internkontroll-table", "internkontrollplan-table",
                      "risk-controls", "Ladda ner Excel"):
        assert data_part not in page


def test_ledning_sees_the_same_permalinks(app, client, run_canary):
    from tests.test_access import log_in

    log_in(client, "ledning")
    for path, search in (("/internkontroll/risk", "?code=CANARY-RISK"),
                         ("/internkontroll", "?risk=CANARY-RISK"),
                         ("/internkontroll", "?namnd=RUN&year=2026&cell=4-4")):
        status, page = open_page(app, client, path, search)
        assert status == 200 and run_canary in page, (path, search)
    status, page = open_page(app, client, "/internkontroll/plan", "?namnd=RUN&year=2026")
    assert run_canary in page and "internkontrollplan-table" in page


def test_a_cell_permalink_lists_exactly_that_cells_risks(app, client, demo_url):
    from tests.test_access import log_in

    with Session(get_engine(demo_url)) as session:
        # Open risks of 2026's riskanalys and those still open from earlier years.
        wanted = sql(session, """
            SELECT r.code, r.title, r.year FROM risks r JOIN org_units n ON n.id = r.namnd_id
            WHERE n.code = 'HSN' AND r.year <= 2026 AND r.status = 'oppen'
              AND r.probability = 3 AND r.consequence = 3""")
    assert {year for _, _, year in wanted} == {2025, 2026}
    log_in(client, "ledning")
    status, page = open_page(app, client, "/internkontroll", "?cell=3-3&namnd=HSN&year=2026")
    assert status == 200
    cell_card = rendered(component(json.loads(page), "internkontroll-cell"))
    assert all(f"code={code}" in cell_card and title in cell_card for code, title, _ in wanted)
    assert cell_card.count('"/internkontroll/risk?code=') == len(wanted)
    # A risk carried from an earlier riskanalys says which.
    assert cell_card.count("Riskanalys 2025") == sum(1 for *_, year in wanted if year == 2025)


@pytest.mark.parametrize("search, message", [
    ("?year=1999", "BAD_YEAR_SV"), ("?cell=0-9", "BAD_CELL_SV"), ("?status=x", "BAD_STATUS_SV"),
    ("?process=finns-inte", "BAD_PROCESS_SV"), ("?sort=x", "BAD_SORT_SV"),
    ("?namnd=FINNS-INTE", "NAMND_NOT_FOUND_SV"),
])
def test_a_bad_argument_shows_its_message(app, client, search, message):
    import callbacks.internkontroll as shape
    from tests.test_access import log_in

    log_in(client, "ledning")
    status, page = open_page(app, client, "/internkontroll", search)
    assert status == 200 and getattr(shape, message) in page
    assert "internkontroll-matrix" not in page


def test_risk_pages_need_a_login(app, client):
    for path in ("/internkontroll", "/internkontroll/risk", "/internkontroll/plan"):
        assert open_page(app, client, path, "?namnd=HSN")[0] == 401
        response = client.get(path)
        assert response.status_code == 302 and "/login?next=" in response.headers["Location"]


def test_the_plan_downloads_as_excel_and_csv_for_the_viewers_own_namnd(app, client, run_canary):
    from tests.test_access import log_in
    from tests.test_downloads import fetch, file_name, xlsx_sheet

    log_in(client, "hsn")
    response = fetch(client, "internkontrollplan", "plan", "xlsx", namnd="HSN", year=2026)
    assert file_name(response) == "internkontrollplan_plan_HSN_2026.xlsx"
    sheet = xlsx_sheet(response.data)
    header = [c.value for c in sheet[3]]
    assert header == ["Process", "Risk", "Riskvärde", "Kontrollmoment", "Metod", "Ansvarig",
                      "Rapporteras"]
    assert sheet.max_row > 3 and isinstance(sheet["C4"].value, (int, float))

    response = fetch(client, "internkontrollplan", "plan", "csv", namnd="HSN", year=2026)
    text_ = response.data.decode("utf-8-sig")
    assert text_.startswith("Process;Risk;Riskvärde;Kontrollmoment;Metod;Ansvarig;Rapporteras\r\n")

    # Another nämnd's plan, or a made-up argument, gives nothing at all.
    for args in ({"namnd": "RUN", "year": 2026}, {"namnd": "HSN", "year": 1999}):
        response = fetch(client, "internkontrollplan", "plan", "xlsx", **args)
        assert response.status_code == 400 and response.mimetype == "text/html"
        assert run_canary not in response.get_data(as_text=True)


def test_the_overview_lists_red_goals_with_high_risks_for_those_who_may_see_risks(
        app, monkeypatch):
    import layouts.page
    from layouts import oversikt

    def render(viewer) -> str:
        monkeypatch.setattr(layouts.page, "current_viewer", lambda: viewer)
        with app.server.test_request_context("/"):
            return rendered(oversikt.PAGE.body({}))

    page = render(MANAGEMENT)
    assert "overview-red-goals" in page and "Röda mål med höga risker" in page
    assert '"/mal?goal=' in page and '"/internkontroll/risk?code=' in page
    assert "overview-red-goals" not in render(PUBLIC)


HIGH_RISK_WORDS = "riskvärde 8 eller högre (Hög och Mycket hög)"
OPEN_RULE_WORDS = "En risk är öppen tills den har accepterats eller stängts"


def test_a_high_risk_is_one_in_the_bands_hog_and_mycket_hog():
    import callbacks.internkontroll as shape

    assert risks.HIGH_RISK_VALUE == 8 == risks.risk_band(8).low
    assert [band.word for band in risks.HIGH_BANDS] == ["Hög", "Mycket hög"]
    assert shape.HIGH_RISK_SV == HIGH_RISK_WORDS
    assert shape.high_count({"lag": 1, "medel": 2, "hog": 3, "mycket_hog": 4}) == 7


@pytest.mark.parametrize("user", ["ledning", "hsn"])
def test_the_overview_counts_the_open_high_risks_internkontroll_shows(app, client, user):
    """Översikt's Öppna höga risker = Internkontroll's Hög + Mycket hög = the sum of Varav höga
    per nämnd, for the same viewer, each count with its definition beside it."""
    from tests.test_access import log_in

    log_in(client, user)
    pages = {path: open_page(app, client, path)[1] for path in ("/", "/internkontroll")}

    def value(path: str, component_id: str) -> str:
        return component(json.loads(pages[path]), component_id)["props"]["children"]

    count = value("/", "overview-risks-link")  # the figure, a link to the risk list
    assert int(count) > 0
    assert value("/internkontroll", "internkontroll-high-value") == count
    per_namnd = client.get("/ladda-ner/internkontroll/namnder.csv").get_data(as_text=True)
    lines = [line.split(";") for line in per_namnd.lstrip("\ufeff").splitlines()]
    column = lines[0].index("Varav höga")
    assert sum(int(line[column]) for line in lines[1:]) == int(count)
    for path in pages:
        assert HIGH_RISK_WORDS in pages[path] and OPEN_RULE_WORDS in pages[path], path
    assert pages["/"].count(HIGH_RISK_WORDS) == 2  # the card and the red goals


def test_red_goals_name_whose_risk_it_is_and_its_riskanalys(small, empty_app):
    from layouts import oversikt as overview_page

    session, ids = small
    # HSN's R5 of 2025 is still open and threatens the red goal too.
    session.execute(insert(risk_goals), [{"risk_id": session.scalars(select(Risk.id).where(
        Risk.code == "R5")).one(), "goal_id": session.scalars(text(
            "SELECT id FROM goals WHERE code = 'G3'")).one()}])
    data = risks.red_goals_with_high_risks(session, MANAGEMENT)
    assert [[(r.code, r.year) for r in g.risks] for g in data.goals] == [
        [("R1", 2026), ("R5", 2025), ("R3", 2026), ("R0", 2026)]]
    page = rendered(overview_page.red_goals_card(data, "nämndernas riskanalyser"))
    assert "Hälso- och sjukvårdsnämnden, riskanalys 2025" in page
    assert page.count("Hälso- och sjukvårdsnämnden, riskanalys 2026") == 2
    assert "Regionala utvecklingsnämnden, riskanalys 2026" in page


def test_each_matrix_cell_links_to_the_view_with_that_cell(empty_app):
    from urllib.parse import parse_qsl, urlsplit

    import callbacks.internkontroll as shape

    view = shape.parse_view({"namnd": "HSN"}, CHOICES)
    counts = {(p, k): p for p in range(1, 5) for k in range(1, 5)}
    table = shape.matrix_table(counts, "Matris", view)
    links = {props["id"]: props["href"] for props in map(_props, _walk(table))
             if props.get("id", "").startswith("internkontroll-cell-")}
    assert len(links) == 16
    for (p, k) in counts:
        chosen = shape.parse_view(dict(parse_qsl(urlsplit(links[f"internkontroll-cell-{p}-{k}"])
                                                 .query)), CHOICES)
        assert chosen == shape.RiskView(2026, view.namnd, cell=(p, k))


def _walk(component):
    """Every component and light element (layouts.components.light) in a tree."""
    yield component
    children = _props(component).get("children")
    for child in children if isinstance(children, list) else [children]:
        if hasattr(child, "to_plotly_json") or isinstance(child, dict):
            yield from _walk(child)


def _props(element) -> dict:
    """A component's or a light element's props."""
    return element["props"] if isinstance(element, dict) else element.to_plotly_json()["props"]


@pytest.mark.parametrize("count", [0, 7, 999, 1000, 12345, -3])
def test_counts_are_written_as_dashboard_formatting_writes_them(count):
    from callbacks.internkontroll import whole
    from dashboard.core import formatting as fmt

    assert whole(count) == fmt.number(count)
