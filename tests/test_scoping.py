"""Scoping lives in data_access: every query reads through the viewer's row-level filter.

Each rule is written out again here in plain Python over raw SQL rows, from the roles'
definitions, and compared with what the filters and the queries return for the public, an
HSN member, a RUN member and ledning: on the demo region (SQLite) and on the hand-built
region (SQLite, and PostgreSQL when TEST_DATABASE_URL is set). Then what must never leak,
how the viewer cannot be forgotten, and what the pages say instead of a hidden figure.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from plotly.utils import PlotlyJSONEncoder
from sqlalchemy import bindparam, func, select, text
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm import join as orm_join

import data_access.queries as queries_package
from data_access.db import get_engine, session_scope
from data_access.models import (
    ControlPoint,
    EconomyEntry,
    EconomyMonthTotal,
    EconomyTotal,
    Goal,
    GoalClosure,
    GoalStatus,
    Indicator,
    LoginEvent,
    Measurement,
    OrgUnit,
    Risk,
    RiskAction,
    SavingMeasure,
    StateGrant,
    Uppdrag,
    User,
    goal_indicators,
)
from data_access.queries import economy, goals, meta, risks
from data_access.queries.filters import ROW_RULES, VIEWER_READS, UnscopedRead, scoped
from data_access.queries.open_data import ABOVE
from data_access.scope import MANAGEMENT, PUBLIC, Viewer
from tests import helpers
from tests.small_region import build_small_region

WHO = ("public", "hsn", "run", "ledning")
SUMMARY_GOAL_KINDS = {"malbild", "malomrade", "namndmal"}
GOAL_KINDS = ("malbild", "malomrade", "namndmal", "forvaltningsmal", "omradesmal", "enhetsmal")
QUERY_MODULES = sorted(Path(queries_package.__file__).parent.glob("*.py"))


@dataclass(frozen=True)
class Region:
    """A session on a loaded database and its nämnder's ids by code."""

    session: Session
    namnd_ids: dict[str, int]

    def viewer(self, who: str) -> Viewer:
        """The viewer called `who` in WHO."""
        if who in ("hsn", "run"):
            return Viewer("namnd", (self.namnd_ids[who.upper()],))
        return {"public": PUBLIC, "ledning": MANAGEMENT}[who]


def sql(session, query: str, **params) -> list:
    """Rows of a raw SQL query."""
    return session.execute(text(query), params).all()


@pytest.fixture
def demo(demo_url):
    """The demo region (RJH, nämnder RS, HSN, RUN, KTN, PN), on a session where every read of
    a rule-bearing table must carry its viewer (VIEWER_READS): so must every query's."""
    with Session(get_engine(demo_url), info={VIEWER_READS: True}) as session:
        namnder = sql(session, "SELECT code, id FROM org_units WHERE level = 'namnd'")
        yield Region(session, dict(namnder))


@pytest.fixture
def small(db_url):
    """The hand-built region, on SQLite and PostgreSQL, read as the demo region is."""
    with session_scope(db_url) as session:
        ids = build_small_region(session)
    with Session(get_engine(db_url), info={VIEWER_READS: True}) as session:
        yield Region(session, ids)


# --- The rules, written out again from the roles' definitions ---------------------------


def sees_all(viewer: Viewer) -> bool:
    return viewer.role in ("ledning", "admin")


def is_member(viewer: Viewer) -> bool:
    return viewer.role == "namnd"


def may_see_goal(viewer: Viewer, kind: str, published, owner_namnd: int | None) -> bool:
    """Public: published. Member: published, any summary goal, or one of their own nämnder."""
    if sees_all(viewer):
        return True
    if is_member(viewer):
        return bool(published) or kind in SUMMARY_GOAL_KINDS or owner_namnd in viewer.namnd_ids
    return viewer.is_public and bool(published)


def may_see_unit(viewer: Viewer, level: str, namnd: int | None) -> bool:
    """A unit's own figures: region and nämnd level, and the member's own units."""
    if sees_all(viewer):
        return True
    return is_member(viewer) and (level in ("region", "namnd") or namnd in viewer.namnd_ids)


def may_see_risk(viewer: Viewer, namnd: int) -> bool:
    return sees_all(viewer) or (is_member(viewer) and namnd in viewer.namnd_ids)


def may_see_economy(viewer: Viewer) -> bool:
    return sees_all(viewer) or is_member(viewer)


def goal_ids(session, viewer: Viewer) -> set[int]:
    rows = sql(session, "SELECT g.id, g.kind, g.published, u.namnd_id FROM goals g "
                        "JOIN org_units u ON u.id = g.owner_unit_id")
    return {gid for gid, *goal in rows if may_see_goal(viewer, *goal)}


def unit_ids(session, viewer: Viewer) -> set[int]:
    rows = sql(session, "SELECT id, level, namnd_id FROM org_units")
    return {uid for uid, level, namnd in rows if may_see_unit(viewer, level, namnd)}


def indicator_ids(session, viewer: Viewer) -> set[int]:
    """Public: published. Member: also those measuring a goal they may see, and those a unit
    of one of their nämnder has a production plan for."""
    rows = sql(session, "SELECT id, published FROM indicators")
    if sees_all(viewer):
        return {i for i, _ in rows}
    published = {i for i, p in rows if p}
    if not is_member(viewer):
        return published if viewer.is_public else set()
    seen = goal_ids(session, viewer)
    links = sql(session, "SELECT indicator_id, goal_id FROM goal_indicators")
    planned = sql(session, "SELECT p.indicator_id, u.namnd_id FROM production_plans p "
                           "JOIN org_units u ON u.id = p.unit_id")
    return (published | {i for i, g in links if g in seen}
            | {i for i, namnd in planned if namnd in viewer.namnd_ids})


def measurement_ids(session, viewer: Viewer) -> set[int]:
    """Published indicators' values anywhere; others' at the units whose figures one may see."""
    if not (viewer.is_public or is_member(viewer) or sees_all(viewer)):
        return set()
    published = indicator_ids(session, PUBLIC)
    seen, units = indicator_ids(session, viewer), unit_ids(session, viewer)
    return {m for m, ind, unit in sql(session, "SELECT id, indicator_id, unit_id FROM measurements")
            if ind in published or (ind in seen and unit in units)}


def status_ids(session, viewer: Viewer) -> set[tuple[int, int]]:
    seen = goal_ids(session, viewer)
    return {(g, p) for g, p in sql(session, "SELECT goal_id, followup_period_id FROM goal_statuses")
            if g in seen}


def risk_ids(session, viewer: Viewer) -> set[int]:
    return {r for r, n in sql(session, "SELECT id, namnd_id FROM risks") if may_see_risk(viewer, n)}


def rows_of_units(table: str):
    """Expected ids of a table whose rows belong to a unit (economy detail, grants, measures)."""
    def expected(session, viewer: Viewer) -> Counter:
        units = unit_ids(session, viewer)
        return Counter(u for u, in sql(session, f"SELECT unit_id FROM {table}") if u in units)
    return expected


def uppdrag_ids(session, viewer: Viewer) -> set[int]:
    """Given to or by a unit of one of the member's nämnder."""
    rows = sql(session, "SELECT p.id, i.namnd_id, a.namnd_id FROM uppdrag p "
                        "JOIN org_units i ON i.id = p.issuer_unit_id "
                        "JOIN org_units a ON a.id = p.assignee_unit_id")
    if sees_all(viewer):
        return {p for p, *_ in rows}
    return {p for p, issuer, assignee in rows
            if is_member(viewer) and {issuer, assignee} & set(viewer.namnd_ids)}


def control_point_ids(session, viewer: Viewer) -> set[int]:
    seen = risk_ids(session, viewer)
    return {c for c, r in sql(session, "SELECT id, risk_id FROM control_points") if r in seen}


def action_ids(session, viewer: Viewer) -> set[int]:
    seen = risk_ids(session, viewer)
    return {a for a, r in sql(session, "SELECT action_id, risk_id FROM action_risks") if r in seen}


def read_ids(model):
    """The ids scoped() lets the viewer read of `model`."""
    return lambda session, viewer: set(session.scalars(scoped(model, viewer, model.id)))


def read_units(model):
    """How many rows of `model` scoped() lets the viewer read, per unit."""
    return lambda session, viewer: Counter(session.scalars(scoped(model, viewer, model.unit_id)))


def read_statuses(session, viewer: Viewer) -> set[tuple[int, int]]:
    columns = (GoalStatus.goal_id, GoalStatus.followup_period_id)
    return set(map(tuple, session.execute(scoped(GoalStatus, viewer, *columns))))


# kind of row -> (what scoped() lets the viewer read, what the rule above expects)
RULES = {
    "goals": (read_ids(Goal), goal_ids),
    "goal statuses": (read_statuses, status_ids),
    "indicators": (read_ids(Indicator), indicator_ids),
    "measurements": (read_ids(Measurement), measurement_ids),
    "economy detail": (read_units(EconomyEntry), rows_of_units("economy_entries")),
    "economy totals": (read_units(EconomyTotal), rows_of_units("economy_totals")),
    "economy month totals": (read_units(EconomyMonthTotal),
                             rows_of_units("economy_month_totals")),
    "state grants": (read_units(StateGrant), rows_of_units("state_grants")),
    "saving measures": (read_units(SavingMeasure), rows_of_units("saving_measures")),
    "risks": (read_ids(Risk), risk_ids),
    "control points": (read_ids(ControlPoint), control_point_ids),
    "risk actions": (read_ids(RiskAction), action_ids),
    "uppdrag": (read_ids(Uppdrag), uppdrag_ids),
}


def check_rule(region: Region, rule: str, who: str) -> None:
    got, expected = RULES[rule]
    viewer = region.viewer(who)
    assert got(region.session, viewer) == expected(region.session, viewer)


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("rule", RULES)
def test_each_filter_matches_its_rule_on_the_demo(demo, rule, who):
    check_rule(demo, rule, who)


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("rule", RULES)
def test_each_filter_matches_its_rule_on_the_small_region(small, rule, who):
    check_rule(small, rule, who)


def test_the_rules_tell_viewers_apart_on_the_demo(demo):
    """Guards against vacuous agreement: each nämnd member sees a proper, non-empty part."""
    s = demo.session
    hsn, run = demo.viewer("hsn"), demo.viewer("run")
    for expected in (goal_ids, unit_ids, risk_ids, uppdrag_ids, measurement_ids, action_ids):
        everything = expected(s, MANAGEMENT)
        assert set() < expected(s, hsn) < everything, expected.__name__
        assert expected(s, hsn) != expected(s, run), expected.__name__
    assert goal_ids(s, PUBLIC) < goal_ids(s, hsn)  # a member sees all the public sees, and more


# --- Every query against the rules ------------------------------------------------------


def check_goal_distribution(region: Region, viewer: Viewer) -> None:
    s = region.session
    kinds = dict(sql(s, "SELECT id, kind FROM goals"))
    ends = dict(sql(s, "SELECT id, end_date FROM followup_periods"))
    statuses = [(g, p, st) for g, p, st in sql(s, "SELECT goal_id, followup_period_id, "
                                                  "reported_status FROM goal_statuses")
                if g in goal_ids(s, viewer) and kinds[g] != "malbild"]
    dist = goals.goal_status_distribution(s, viewer)
    if not statuses:
        assert dist is None and goals.latest_followup(s, viewer) is None
        return
    latest = max({p for _, p, _ in statuses}, key=lambda p: str(ends[p]))
    assert dist.followup.id == goals.latest_followup(s, viewer).id == latest
    counts = Counter(st for _, p, st in statuses if p == latest)
    assert {k: n for k, n in dist.counts.items() if n} == counts


def check_goals_of_kind(region: Region, viewer: Viewer) -> None:
    s = region.session
    seen = goal_ids(s, viewer)
    for kind in GOAL_KINDS:
        rows = sql(s, "SELECT id, code FROM goals WHERE kind = :k ORDER BY sort_order, code",
                   k=kind)
        got = [g.code for g in goals.goals_of_kind(s, viewer, kind)]
        assert got == [code for gid, code in rows if gid in seen], kind


def raw_totals(session, unit_code: str | None = None):
    """(utfall, budget) to the latest month with utfall, for the region or a unit's subtree."""
    (year, month), = sql(session, "SELECT year, month FROM economy_entries WHERE kind = 'utfall' "
                                  "ORDER BY year DESC, month DESC LIMIT 1")
    subtree = ("AND unit_id IN (SELECT c.descendant_id FROM org_unit_closure c JOIN org_units u "
               "ON u.id = c.ancestor_id WHERE u.code = :code)") if unit_code else ""
    return (year, month), sql(session, f"""
        SELECT COALESCE(SUM(CASE WHEN kind = 'utfall' THEN amount_tkr END), 0),
               COALESCE(SUM(CASE WHEN kind = 'budget' THEN amount_tkr END), 0), COUNT(*)
        FROM economy_entries
        WHERE year = :y AND month <= :m AND kind IN ('utfall', 'budget') {subtree}""",
        y=year, m=month, code=unit_code)[0]


def check_economy_totals(region: Region, viewer: Viewer) -> None:
    s = region.session
    ytd = economy.budget_deviation(s, viewer)
    by_namnd = helpers.budget_deviation_by_namnd(s, viewer)
    if not may_see_economy(viewer):
        assert ytd is None and by_namnd == [] and economy.latest_utfall_month(s, viewer) is None
        return
    latest, (utfall, budget, _) = raw_totals(s)
    assert (ytd.year, ytd.month) == latest == economy.latest_utfall_month(s, viewer)
    assert (ytd.utfall_tkr, ytd.budget_tkr) == pytest.approx((utfall, budget), abs=0.05)
    namnder = {n for n, in sql(s, "SELECT name FROM org_units WHERE level = 'namnd'")}
    assert {r.namnd for r in by_namnd} - {None} <= namnder  # totals per nämnd, nothing lower
    total = sum(r.totals.deviation_tkr for r in by_namnd)
    assert total == pytest.approx(ytd.deviation_tkr, abs=0.5)


def sample_units(session) -> list[tuple[str, str, int | None]]:
    """(code, level, nämnd) of the region, every nämnd, and the first unit of each lower level
    in each nämnd."""
    rows = sql(session, "SELECT code, level, namnd_id FROM org_units ORDER BY code")
    firsts = {}
    for code, level, namnd in rows:
        key = (level, namnd) if level not in ("region", "namnd") else code
        firsts.setdefault(key, (code, level, namnd))
    return list(firsts.values())


def check_unit_economy(region: Region, viewer: Viewer) -> None:
    s = region.session
    for code, level, namnd in sample_units(s):
        got = helpers.unit_economy(s, viewer, code)
        _, (utfall, budget, rows) = raw_totals(s, code)
        if not (may_see_unit(viewer, level, namnd) and rows):
            assert got is None, code
            continue
        assert (got.utfall_tkr, got.budget_tkr) == pytest.approx((utfall, budget), abs=0.05), code


def check_risks(region: Region, viewer: Viewer) -> None:
    s = region.session
    rows = [r for r in sql(s, "SELECT r.namnd_id, n.name, r.year, r.status, "
                              "r.probability * r.consequence FROM risks r "
                              "JOIN org_units n ON n.id = r.namnd_id")
            if may_see_risk(viewer, r[0])]
    year, per_namnd = risks.risks_by_namnd(s, viewer)
    if not rows:
        assert (year, per_namnd) == (None, []) and risks.open_high_risks(s, viewer) is None
        return
    latest = max(r[2] for r in rows)
    # The latest riskanalys and the still open risks of earlier ones.
    in_view = [r for r in rows if r[2] == latest or r[3] == "oppen"]
    high = [r for r in in_view if r[3] == "oppen" and r[4] >= risks.HIGH_RISK_VALUE]
    assert year == latest == risks.latest_risk_year(s, viewer)
    assert risks.open_high_risks(s, viewer).count == len(high)
    assert {r.namnd: r.total for r in per_namnd} == Counter(r[1] for r in in_view)
    assert {r.namnd: r.open_high for r in per_namnd if r.open_high} == Counter(r[1] for r in high)


def check_risk_detail(region: Region, viewer: Viewer) -> None:
    s = region.session
    for code, namnd in sql(s, "SELECT MIN(code), namnd_id FROM risks GROUP BY namnd_id"):
        detail = risks.risk_detail(s, viewer, code)
        if not may_see_risk(viewer, namnd):
            assert detail is None, code
            continue
        (controls,), = sql(s, "SELECT COUNT(*) FROM control_points c JOIN risks r "
                              "ON r.id = c.risk_id WHERE r.code = :c", c=code)
        (actions,), = sql(s, "SELECT COUNT(*) FROM action_risks a JOIN risks r "
                             "ON r.id = a.risk_id WHERE r.code = :c", c=code)
        assert detail.code == code
        assert (len(detail.controls), len(detail.actions)) == (controls, actions)
    assert risks.risk_detail(s, viewer, "FINNS-INTE") is None


def check_published_counts(region: Region, viewer: Viewer) -> None:
    s = region.session
    (indicators,), = sql(s, "SELECT COUNT(*) FROM indicators WHERE published")
    (published_goals,), = sql(s, "SELECT COUNT(*) FROM goals WHERE published")
    counts = helpers.published_counts(s, viewer)
    assert (counts.indicators, counts.goals) == (indicators, published_goals)


def check_latest_import(region: Region, viewer: Viewer) -> None:
    s = region.session
    (as_of,), = sql(s, "SELECT data_as_of FROM import_runs WHERE outcome IN ('ok', 'delvis') "
                       "ORDER BY started_at DESC, id DESC LIMIT 1")
    assert meta.latest_import(s, viewer).data_as_of.isoformat() == str(as_of)


QUERY_CHECKS = {check.__name__.removeprefix("check_"): check for check in (
    check_goal_distribution, check_goals_of_kind, check_economy_totals, check_unit_economy,
    check_risks, check_risk_detail, check_published_counts, check_latest_import,
)}


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("query", QUERY_CHECKS)
def test_each_query_matches_the_rules_on_the_demo(demo, query, who):
    QUERY_CHECKS[query](demo, demo.viewer(who))


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("query", QUERY_CHECKS)
def test_each_query_matches_the_rules_on_the_small_region(small, query, who):
    QUERY_CHECKS[query](small, small.viewer(who))


# --- What must never leak ---------------------------------------------------------------


def codes(session, query: str, **params) -> set[str]:
    return {code for code, in sql(session, query, **params)}


def test_an_hsn_member_never_receives_runs_risks_unit_economy_or_unit_goals(demo):
    s, hsn, run_id = demo.session, demo.viewer("hsn"), demo.namnd_ids["RUN"]
    below_namnd = """SELECT g.code FROM goals g JOIN org_units u ON u.id = g.owner_unit_id
                     WHERE u.namnd_id = :n AND g.published = :p
                     AND g.kind IN ('forvaltningsmal', 'omradesmal', 'enhetsmal')"""
    received = {g.code for kind in GOAL_KINDS for g in goals.goals_of_kind(s, hsn, kind)}
    hidden = codes(s, below_namnd, n=run_id, p=False)
    assert hidden and not hidden & received
    # A published goal is public: a member is shown it just as the public is.
    assert codes(s, below_namnd, n=run_id, p=True) <= received
    run_risks = codes(s, "SELECT code FROM risks WHERE namnd_id = :n", n=run_id)
    assert run_risks and all(risks.risk_detail(s, hsn, code) is None for code in run_risks)
    assert "Regionala utvecklingsnämnden" not in {r.namnd for r in risks.risks_by_namnd(s, hsn)[1]}
    run_units = codes(s, "SELECT code FROM org_units WHERE namnd_id = :n AND level <> 'namnd'",
                      n=run_id)
    assert run_units and all(helpers.unit_economy(s, hsn, code) is None for code in run_units)
    assert helpers.unit_economy(s, hsn, "RUN") is not None  # the nämnd's total is allowed
    hsn_enhet = codes(s, "SELECT MIN(code) FROM org_units WHERE namnd_id = :n AND level = 'enhet'",
                      n=demo.namnd_ids["HSN"])
    assert helpers.unit_economy(s, hsn, hsn_enhet.pop()) is not None  # its own enhet is


def test_the_public_gets_no_economy_and_no_risks_at_all(demo):
    s = demo.session
    assert economy.latest_utfall_month(s, PUBLIC) is None
    assert economy.budget_deviation(s, PUBLIC) is None
    assert helpers.budget_deviation_by_namnd(s, PUBLIC) == []
    assert all(helpers.unit_economy(s, PUBLIC, code) is None
               for code in codes(s, "SELECT code FROM org_units"))
    assert risks.open_high_risks(s, PUBLIC) is None
    assert risks.risks_by_namnd(s, PUBLIC) == (None, [])
    assert all(risks.risk_detail(s, PUBLIC, code) is None
               for code in codes(s, "SELECT code FROM risks"))
    for model in (EconomyEntry, EconomyTotal, StateGrant, SavingMeasure, Risk, ControlPoint,
                  RiskAction, Uppdrag):
        assert s.execute(scoped(model, PUBLIC)).first() is None, model.__name__


@pytest.mark.parametrize("role", ["okand-roll", "", "Admin", "anonymous"])
def test_an_unknown_role_sees_nothing(small, role):
    s, viewer = small.session, Viewer(role, tuple(small.namnd_ids.values()))
    for model in ROW_RULES:
        assert s.execute(scoped(model, viewer)).first() is None, model.__name__
    assert goals.goal_status_distribution(s, viewer) is None
    assert economy.budget_deviation(s, viewer) is None
    assert helpers.published_counts(s, viewer) == helpers.PublishedCounts(0, 0)
    assert meta.latest_import(s, viewer) is None


def test_a_member_without_namnder_sees_only_summaries(small):
    s, viewer = small.session, Viewer("namnd", ())
    assert {g.code for g in goals.goals_of_kind(s, viewer, "enhetsmal")} == set()
    assert risks.open_high_risks(s, viewer) is None
    assert helpers.unit_economy(s, viewer, "HSN-E") is None
    assert helpers.unit_economy(s, viewer, "HSN").utfall_tkr == -11_000  # nämnd totals still


# --- The viewer cannot be forgotten ------------------------------------------------------


def query_functions():
    """Every public function of the query modules that takes a session."""
    for path in QUERY_MODULES:
        module = importlib.import_module(f"data_access.queries.{path.stem}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            params = list(inspect.signature(function).parameters.values())
            if function.__module__ == module.__name__ and params and params[0].name == "session":
                yield f"{path.stem}.{name}", params


def test_every_query_requires_the_viewer():
    found = dict(query_functions())
    assert len(found) >= 12
    for name, params in found.items():
        viewer = params[1]
        assert viewer.name == "viewer", name
        assert viewer.default is inspect.Parameter.empty, name
        assert viewer.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD, name


@pytest.mark.parametrize("path", QUERY_MODULES, ids=lambda p: p.name)
def test_queries_read_only_through_scoped(path):
    """No query module but filters.py may build its own SELECT or run SQL text."""
    if path.name == "filters.py":
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                and node.module and node.module.startswith("sqlalchemy") for alias in node.names}
    assert not imported & {"select", "text", "table", "literal_column"}
    calls = {node.func.attr for node in ast.walk(tree) if isinstance(node, ast.Call)
             and isinstance(node.func, ast.Attribute)
             and isinstance(node.func.value, ast.Name) and node.func.value.id == "session"}
    assert calls <= {"execute", "scalars", "scalar"}, calls  # no session.query, session.get


def test_economy_totals_equal_the_raw_rows_of_each_units_subtree(small):
    """The pre-computed totals every economy query reads are the sums of the raw rows."""
    s = small.session
    expected = sql(s, """SELECT c.ancestor_id, e.year, e.kind, e.month, e.category_id,
                                ROUND(CAST(SUM(e.amount_tkr) AS NUMERIC), 3)
                         FROM economy_entries e JOIN org_unit_closure c
                           ON c.descendant_id = e.unit_id
                         GROUP BY c.ancestor_id, e.year, e.kind, e.month, e.category_id""")
    got = sql(s, "SELECT unit_id, year, kind, month, category_id, amount_tkr FROM economy_totals")
    assert expected and sorted(map(tuple, got)) == sorted((*row[:5], float(row[5]))
                                                          for row in expected)


def test_economy_month_totals_equal_the_raw_rows_of_each_units_subtree(small):
    """The month totals (categories summed, costs apart) are the sums of the raw rows."""
    s = small.session
    expected = sql(s, """SELECT c.ancestor_id, e.year, e.kind, e.month,
                                ROUND(CAST(SUM(e.amount_tkr) AS NUMERIC), 3),
                                ROUND(CAST(SUM(CASE WHEN k.kind = 'kostnad' THEN e.amount_tkr
                                                    ELSE 0 END) AS NUMERIC), 3)
                         FROM economy_entries e
                         JOIN org_unit_closure c ON c.descendant_id = e.unit_id
                         JOIN cost_categories k ON k.id = e.category_id
                         GROUP BY c.ancestor_id, e.year, e.kind, e.month""")
    got = sql(s, "SELECT unit_id, year, kind, month, amount_tkr, cost_tkr "
                 "FROM economy_month_totals")
    assert expected and sorted(map(tuple, got)) == sorted(
        (*row[:4], float(row[4]), float(row[5])) for row in expected)


def test_scoped_refuses_a_missing_viewer_and_a_model_without_a_rule():
    for not_a_viewer in (None, "admin", MANAGEMENT.cache_key):
        with pytest.raises(TypeError):
            scoped(Goal, not_a_viewer)
    with pytest.raises(LookupError):
        scoped(type("Unruled", (), {}), MANAGEMENT)


def test_users_and_their_logins_are_for_administrators_only(small):
    s = small.session
    s.add_all([User(username="u", password_hash="", role="ledning"),
               LoginEvent(username="u", succeeded=True, address="127.0.0.1")])
    s.flush()
    for model in (User, LoginEvent):
        assert s.execute(scoped(model, Viewer("admin"))).first() is not None, model.__name__
        for viewer in (MANAGEMENT, PUBLIC, Viewer("namnd", tuple(small.namnd_ids.values()))):
            assert s.execute(scoped(model, viewer)).first() is None, model.__name__


def closure_pairs(session) -> set[tuple[int, int]]:
    return set(map(tuple, sql(session, "SELECT descendant_id, ancestor_id FROM goal_closure")))


@pytest.mark.parametrize("who", WHO)
def test_joined_aliased_and_nested_models_get_their_rule_unasked(demo, who):
    """Only the FROM model is named to scoped(): the goals joined (inner, outer, as aliases)
    and read in a subquery are filtered all the same, each by its own rule."""
    s, viewer = demo.session, demo.viewer(who)
    seen, pairs = goal_ids(s, viewer), closure_pairs(s)
    c, below, above = GoalClosure, aliased(Goal, name="below"), aliased(Goal, name="above")
    inner = (scoped(c, viewer, c.descendant_id, c.ancestor_id)
             .join(below, below.id == c.descendant_id).join(above, above.id == c.ancestor_id))
    assert set(s.execute(inner)) == {(d, a) for d, a in pairs if {d, a} <= seen}
    outer = scoped(c, viewer, c.ancestor_id, Goal.id).outerjoin(Goal, Goal.id == c.ancestor_id)
    assert set(s.execute(outer)) == {(a, a if a in seen else None) for _, a in pairs}
    owners = scoped(OrgUnit, viewer, OrgUnit.id).where(OrgUnit.id.in_(select(Goal.owner_unit_id)))
    assert set(s.scalars(owners)) == {u for g, u in sql(s, "SELECT id, owner_unit_id FROM goals")
                                      if g in seen}
    if who != "ledning":  # not vacuous: the rule leaves out some of the pairs
        assert {(d, a) for d, a in pairs if {d, a} <= seen} < pairs


def test_an_alias_made_once_gets_each_viewers_own_rule(demo):
    """An alias made once (a query module's constant, its rule copied to it once per viewer
    and kept) filters for each viewer by that viewer's rule, whoever read through it before."""
    s, pairs = demo.session, closure_pairs(demo.session)
    c, above = GoalClosure, ABOVE
    for who in (*WHO, *reversed(WHO)):
        viewer = demo.viewer(who)
        seen = goal_ids(s, viewer)
        joined = scoped(c, viewer, c.descendant_id, c.ancestor_id).join(
            above, above.id == c.ancestor_id)
        assert set(s.execute(joined)) == {(d, a) for d, a in pairs if a in seen}, who


def test_a_rule_bearing_table_outside_the_orm_fails_loudly(demo):
    """The ORM adds the rules to models and to Select.join; a table, an alias or a column of a
    rule-bearing model named in Core, or a join built apart, would escape them, so such a
    statement does not run."""
    s, hsn = demo.session, demo.viewer("hsn")
    units, goals_table = OrgUnit.__table__, Goal.__table__
    namnd = units.alias("namnd")
    escaping = [
        scoped(Risk, hsn, Risk.code, namnd.c.name).join(namnd, namnd.c.id == Risk.namnd_id),
        scoped(Risk, hsn, Risk.code).join(units, units.c.id == Risk.namnd_id),
        scoped(OrgUnit, hsn, OrgUnit.code).where(OrgUnit.id.in_(select(goals_table.c.owner_unit_id))),
        scoped(GoalClosure, hsn, goals_table.c.code).where(goals_table.c.id == GoalClosure.ancestor_id),
        scoped(OrgUnit, hsn, OrgUnit.code).select_from(
            orm_join(OrgUnit, Goal, Goal.owner_unit_id == OrgUnit.id)),
    ]
    for statement in escaping:
        with pytest.raises(UnscopedRead, match="escape the row rules"):
            s.execute(statement)
    with pytest.raises(UnscopedRead, match="several viewers"):
        s.execute(scoped(Goal, PUBLIC, Goal.id).where(Goal.id.in_(scoped(Goal, hsn, Goal.id))))


def test_a_statement_run_again_keeps_its_rule_and_one_built_from_it_is_inspected_anew(demo):
    """A statement is inspected and ruled once and remembered (a prepared query, run again
    with other parameters); what is remembered is that object's alone: a statement built
    from it is inspected anew, its own rule and refusals included."""
    s, hsn = demo.session, demo.viewer("hsn")
    seen = goal_ids(s, hsn)
    prepared = scoped(Goal, hsn, Goal.id).where(Goal.id > bindparam("after"))
    for _ in range(2):
        assert set(s.scalars(prepared, {"after": 0})) == seen
        assert set(s.scalars(prepared, {"after": max(seen)})) == set()
    with pytest.raises(UnscopedRead, match="several viewers"):
        s.execute(prepared.where(Goal.id.in_(scoped(Goal, PUBLIC, Goal.id))), {"after": 0})
    escaping = prepared.where(Goal.__table__.c.id > 0)
    with pytest.raises(UnscopedRead, match="escape the row rules"):
        s.execute(escaping, {"after": 0})
    assert set(s.scalars(prepared, {"after": 0})) == seen


def test_a_read_for_nobody_fails_on_a_session_reading_for_viewers(demo_url):
    """On a session reading for viewers (VIEWER_READS, as the fixtures above) a read without
    a viewer does not run, in ORM or in Core, unless it says it reads all rows; elsewhere
    (imports, roll-ups) it does."""
    with Session(get_engine(demo_url), info={VIEWER_READS: True}) as s:
        for statement in (select(Risk.code), select(Goal.__table__.c.code),
                          select(func.count()).select_from(EconomyEntry)):
            with pytest.raises(UnscopedRead, match="without a viewer"):
                s.execute(statement)
        assert s.execute(select(Risk.code).execution_options(all_rows=True)).all()
        assert s.execute(select(goal_indicators.c.goal_id)).all()  # a link table: no rule
    with Session(get_engine(demo_url)) as s:
        assert s.execute(select(Risk.code)).all()


# --- The pages say what is left out -----------------------------------------------------


@pytest.fixture
def render(app, monkeypatch):
    """render(module, viewer): a page's layout as JSON text, for a request by `viewer`."""
    import layouts.page

    def rendered(module, viewer: Viewer) -> str:
        monkeypatch.setattr(layouts.page, "current_viewer", lambda: viewer)
        with app.server.test_request_context("/"):
            shown = module.PAGE.body({})
            return json.dumps(shown, cls=PlotlyJSONEncoder, ensure_ascii=False)
    return rendered


def hsn_viewer(app) -> Viewer:
    with session_scope(app.server.config["DATABASE_URL"]) as s:
        (hsn,), = sql(s, "SELECT id FROM org_units WHERE code = 'HSN'")
    return Viewer("namnd", (hsn,))


def test_the_public_overview_shows_goals_and_invites_to_log_in(render):
    from layouts import oversikt

    page = render(oversikt, PUBLIC)
    assert "Måluppfyllelse" in page and "publicerade mål följdes upp" in page
    assert "Budgetavvikelse" not in page and "Öppna höga risker" not in page
    assert "Ekonomi och internkontroll" in page and "visas bara för inloggade" in page
    assert '"href": "/login?next=%2F"' in page and '"href": "/oppna-data"' in page


def test_a_member_overview_shows_their_figures(render, app):
    from layouts import oversikt

    page = render(oversikt, hsn_viewer(app))  # Min nämnd, the region's summary apart
    assert "Min nämnd: Hälso- och sjukvårdsnämnden" in page
    assert "Budgetavvikelse jan–okt 2026" in page and "Öppna höga risker" in page
    assert "nämndens riskanalyser" in page and "nämndens mål, från nämndmålen ner till" in page
    assert "Regionen som helhet" in page and "Försenade uppdrag" in page
    assert "visas bara för inloggade" not in page


def test_economy_and_internal_control_tell_the_public_to_log_in(render):
    from layouts import ekonomi, internkontroll

    for module, card_id in ((ekonomi, "economy-by-namnd"), (internkontroll, "risks-by-namnd")):
        page = render(module, PUBLIC)
        assert "visas bara för inloggade" in page and "/login?next=" in page
        assert card_id not in page


def test_internal_control_shows_a_member_only_their_nämnd(render, app):
    from layouts import internkontroll

    page = render(internkontroll, hsn_viewer(app))
    assert "Hälso- och sjukvårdsnämnden" in page
    assert "Regionala utvecklingsnämnden" not in page
    assert "Andra nämnders risker visas inte." in page
    assert "Andra nämnders risker" not in render(internkontroll, MANAGEMENT)
