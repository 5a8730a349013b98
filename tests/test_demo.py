"""The demo region: deterministic, complete down to the enheter, and telling its story.

The demo is built once per session (`demo_template`, seed 2050, as_of 2026-10-31) and once
more by the determinism test; every other test reads a copy.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select, text

from data_access.db import get_engine, session_scope
from data_access.demo import load_demo
from data_access.models import (
    Base,
    CostCategory,
    EconomyEntry,
    FollowUpPeriod,
    Goal,
    GoalClosure,
    GoalStatus,
    ImportRun,
    Indicator,
    Measurement,
    OrgUnit,
    Risk,
    RiskAction,
    StateGrant,
    Target,
    goal_indicators,
    risk_goals,
)
from tests.conftest import DEMO_AS_OF, DEMO_SEED

GOAL_LEVELS = ("malbild", "malomrade", "namndmal", "forvaltningsmal", "omradesmal", "enhetsmal")
# The region uses framgångsfaktorer: they hang under a nämndmål, and a förvaltningsmål under one
# of them or (where a nämndmål has none that fits) directly under the nämndmål.
PARENT_LEVELS = {kind: {GOAL_LEVELS[n - 1]} for n, kind in enumerate(GOAL_LEVELS) if n} | {
    "framgangsfaktor": {"namndmal"}, "forvaltningsmal": {"namndmal", "framgangsfaktor"}}


# Demo users are added after load_demo (their password hashes are salted at random).
USER_TABLES = {"users", "user_namnder", "login_events", "audit_events", "saml_replay"}


def table_contents(url: str) -> dict[str, list[tuple]]:
    """Every table's rows but the users' (and their sign-ins and audit trail), ordered by
    primary key."""
    with get_engine(url).connect() as conn:
        return {
            table.name: [tuple(row) for row in conn.execute(
                select(table).order_by(*table.primary_key.columns))]
            for table in Base.metadata.sorted_tables if table.name not in USER_TABLES
        }


@pytest.fixture
def db(demo_url):
    """A session on a private copy of the demo database."""
    with session_scope(demo_url) as session:
        yield session


def amount(db, kind: str, *, namnd: str | None = None, category: str | None = None,
           year: int = DEMO_AS_OF.year, months=range(1, 13)) -> float:
    """Summed amount (tkr) of one kind of economy row, for a nämnd and/or category."""
    unit, namnd_unit = OrgUnit.__table__.alias("u"), OrgUnit.__table__.alias("n")
    query = (
        select(func.sum(EconomyEntry.amount_tkr))
        .join(unit, unit.c.id == EconomyEntry.unit_id)
        .join(namnd_unit, namnd_unit.c.id == unit.c.namnd_id, isouter=True)
        .where(EconomyEntry.year == year, EconomyEntry.month.in_(list(months)),
               EconomyEntry.kind == kind)
    )
    if namnd:
        query = query.where(namnd_unit.c.code == namnd)
    if category:
        query = query.join(CostCategory).where(CostCategory.code == category)
    return db.scalar(query)


# --- Determinism ------------------------------------------------------------------------


def test_same_seed_and_date_give_identical_tables(db_url, demo_template):
    with session_scope(db_url) as session:
        load_demo(session, seed=DEMO_SEED, as_of=DEMO_AS_OF)
    assert table_contents(db_url) == table_contents(f"sqlite:///{demo_template}")
    # Ids were assigned explicitly; the database must still hand out new ones afterwards.
    with session_scope(db_url) as session:
        session.add(ImportRun(kind="test", outcome="ok"))
    with session_scope(db_url) as session:
        assert session.scalar(select(func.count()).select_from(ImportRun)) == 2


def test_load_refuses_a_database_with_data(db):
    with pytest.raises(ValueError, match="empty"):
        load_demo(db, as_of=DEMO_AS_OF)


def test_the_import_run_dates_the_demo(db):
    run = db.scalars(select(ImportRun)).one()
    assert (run.kind, run.is_demo, run.outcome, run.username) == ("demo", True, "ok", "demo")
    assert run.data_as_of == DEMO_AS_OF
    assert run.started_at.date() == DEMO_AS_OF + dt.timedelta(days=1)
    rows = sum(db.scalar(select(func.count()).select_from(t)) for t in Base.metadata.sorted_tables
               if t.name not in USER_TABLES)
    assert run.rows_new == rows - 1  # everything but the ImportRun itself


# --- Organisation, goals, indicators ----------------------------------------------------


def test_the_region_has_about_300_enheter_under_five_namnder(db):
    levels = dict(db.execute(select(OrgUnit.level, func.count()).group_by(OrgUnit.level)).all())
    assert levels["region"] == 1 and levels["namnd"] == 5
    assert 270 <= levels["enhet"] <= 330
    assert db.scalar(select(func.count()).where(OrgUnit.level != "region",
                                                OrgUnit.namnd_id.is_(None))) == 0
    brunflo = db.scalars(select(OrgUnit).where(OrgUnit.code == "HSF-PV-HC-BRUNFLO")).one()
    assert brunflo.name == "Hälsocentralen Brunflo" and brunflo.namnd.code == "HSN"


def test_about_150_indicators_with_real_kolada_ids(db):
    assert 130 <= db.scalar(select(func.count()).select_from(Indicator)) <= 170
    kolada = db.scalars(select(Indicator).where(Indicator.code == "N70061")).one()
    assert kolada.source == "Kolada" and "Källa: Kolada" in kolada.description


def test_every_goal_below_the_malbild_has_a_parent_one_level_up(db):
    kind_of = dict(db.execute(select(Goal.id, Goal.kind)).all())
    for goal_id, kind, parent in db.execute(select(Goal.id, Goal.kind, Goal.parent_id)):
        if kind == "malbild":
            assert parent is None
        else:
            assert kind_of[parent] in PARENT_LEVELS[kind], goal_id


def test_the_region_has_two_or_three_framgangsfaktorer_per_namndmal_but_one(db):
    factors = dict(db.execute(
        select(Goal.parent_id, func.count()).where(Goal.kind == "framgangsfaktor")
        .group_by(Goal.parent_id)).all())
    namndmal = set(db.scalars(select(Goal.id).where(Goal.kind == "namndmal")))
    assert set(factors) <= namndmal and len(namndmal - set(factors)) == 1
    assert set(factors.values()) <= {2, 3}
    under = db.scalar(select(func.count()).select_from(Goal).where(
        Goal.kind == "forvaltningsmal",
        Goal.parent_id.in_(select(Goal.id).where(Goal.kind == "framgangsfaktor"))))
    assert under >= 20


def test_the_red_thread_reaches_most_enheter(db):
    malbild = db.scalar(select(Goal.id).where(Goal.kind == "malbild"))
    enhetsmal = select(Goal.id).where(Goal.kind == "enhetsmal")
    reaching = db.scalar(select(func.count()).select_from(GoalClosure).where(
        GoalClosure.ancestor_id == malbild, GoalClosure.descendant_id.in_(enhetsmal)))
    assert reaching == db.scalar(select(func.count()).select_from(enhetsmal.subquery())) > 150
    owners = db.scalar(select(func.count(func.distinct(Goal.owner_unit_id)))
                       .where(Goal.kind == "enhetsmal"))
    enheter = db.scalar(select(func.count()).where(OrgUnit.level == "enhet"))
    assert owners >= 0.5 * enheter


def test_goal_quality_has_deliberate_gaps(db):
    linked = select(goal_indicators.c.goal_id)
    without = db.scalar(select(func.count()).where(Goal.kind != "malbild", Goal.id.not_in(linked)))
    assert 3 <= without <= 30
    targeted = select(Target.indicator_id)
    assert 1 <= db.scalar(select(func.count()).where(Indicator.id.not_in(targeted))) <= 10


def test_indicators_are_measured_at_their_goals_owners(db):
    missing = db.execute(
        select(goal_indicators.c.goal_id, goal_indicators.c.indicator_id)
        .join(Goal, Goal.id == goal_indicators.c.goal_id)
        .where(~select(Measurement.id).where(
            Measurement.indicator_id == goal_indicators.c.indicator_id,
            Measurement.unit_id == Goal.owner_unit_id).exists())
    ).all()
    assert missing == []


def test_measurements_run_from_2019_to_as_of_with_women_and_men(db):
    first, last = db.execute(select(func.min(Measurement.period_end),
                                    func.max(Measurement.period_end))).one()
    assert first == dt.date(2019, 1, 31) and last == DEMO_AS_OF
    by_sex = db.scalar(select(func.count()).select_from(Measurement).join(Indicator).where(
        Indicator.by_sex, Measurement.value_women.is_(None)))
    assert by_sex == 0
    periods = set(db.scalars(select(Measurement.period).distinct()))
    assert {"2025", "2025-T3", "2026-T2", "2026-07", "2026-10"} <= periods
    assert "2026-T3" not in periods  # ends after as_of


# --- Follow-up ----------------------------------------------------------------------------


def test_followup_periods_run_from_2019_to_the_last_one_ended(db):
    periods = db.execute(select(FollowUpPeriod.year, FollowUpPeriod.kind, FollowUpPeriod.end_date)
                         .order_by(FollowUpPeriod.end_date)).all()
    assert periods[0] == (2019, "T1", dt.date(2019, 4, 30))
    assert periods[-1] == (2026, "DELAR", dt.date(2026, 8, 31))
    assert len(periods) == 23


def test_a_few_manual_greens_sit_on_red_data(db):
    flagged = db.execute(select(GoalStatus.goal_id, GoalStatus.computed_status,
                                GoalStatus.reported_status).where(GoalStatus.deviates)).all()
    assert 2 <= len(flagged) <= 3
    assert all(row[1:] == ("red", "green") for row in flagged)


def test_goal_statuses_are_rolled_up_for_every_goal_and_period(db):
    goals = db.scalar(select(func.count()).select_from(Goal))
    periods = db.scalar(select(func.count()).select_from(FollowUpPeriod))
    assert db.scalar(select(func.count()).select_from(GoalStatus)) == goals * periods


# --- Economy ------------------------------------------------------------------------------


COSTS = ("personal_egen", "personal_inhyrd", "kopt_vard", "lakemedel", "ovriga_kostnader")
REVENUE = ("skatter_statsbidrag", "patientavgifter", "ovriga_intakter")
YEAR_TO_DATE = range(1, DEMO_AS_OF.month + 1)


def test_cost_budget_of_the_latest_year_is_about_7000_mnkr(db):
    costs = sum(amount(db, "budget", category=c) for c in COSTS)
    assert costs == pytest.approx(-7_000_000, rel=0.05)
    revenue = sum(amount(db, "budget", category=c) for c in REVENUE)
    assert 0 < revenue + costs < 0.03 * revenue  # a small planned surplus


def test_budget_every_month_utfall_and_prognos_up_to_as_of(db):
    for year in range(2023, DEMO_AS_OF.year + 1):
        months = set(db.scalars(select(EconomyEntry.month).distinct().where(
            EconomyEntry.year == year, EconomyEntry.kind == "budget")))
        assert months == set(range(1, 13))
        last = 12 if year < DEMO_AS_OF.year else DEMO_AS_OF.month
        for kind in ("utfall", "prognos"):
            months = set(db.scalars(select(EconomyEntry.month).distinct().where(
                EconomyEntry.year == year, EconomyEntry.kind == kind)))
            assert months == set(range(1, last + 1)), (year, kind)  # July included


def test_hsn_overspends_year_to_date_on_hired_staff(db):
    utfall = amount(db, "utfall", namnd="HSN", months=YEAR_TO_DATE)
    assert utfall - amount(db, "budget", namnd="HSN", months=YEAR_TO_DATE) < -100_000
    hired = amount(db, "utfall", namnd="HSN", category="personal_inhyrd", months=YEAR_TO_DATE)
    budget = amount(db, "budget", namnd="HSN", category="personal_inhyrd", months=YEAR_TO_DATE)
    assert hired < 1.5 * budget  # negative amounts: at least 50 % over budget
    for namnd in ("RUN", "KTN"):
        utfall = amount(db, "utfall", namnd=namnd, months=YEAR_TO_DATE)
        assert utfall == pytest.approx(amount(db, "budget", namnd=namnd, months=YEAR_TO_DATE),
                                       rel=0.03)
    assert amount(db, "utfall", namnd="RS", months=YEAR_TO_DATE) > amount(
        db, "budget", namnd="RS", months=YEAR_TO_DATE)


def test_hsn_forecasts_too_optimistically_and_its_prognos_worsens(db):
    def prognos(namnd, year, month):
        return amount(db, "prognos", namnd=namnd, year=year, months=[month])

    this_year = DEMO_AS_OF.year
    assert prognos("HSN", this_year, DEMO_AS_OF.month) < prognos("HSN", this_year, 1) - 50_000
    for year in (2023, 2024, 2025):
        hsn, run = (amount(db, "utfall", namnd=n, year=year) for n in ("HSN", "RUN"))
        assert prognos("HSN", year, 4) > hsn + 50_000  # April's forecast far too rosy
        assert prognos("HSN", year, 12) == pytest.approx(hsn, abs=1)
        assert prognos("RUN", year, 4) == pytest.approx(run, rel=0.01)


def test_a_state_grant_is_at_risk_of_repayment(db):
    at_risk = db.scalars(select(StateGrant).where(
        StateGrant.deadline > DEMO_AS_OF,
        StateGrant.deadline <= DEMO_AS_OF + dt.timedelta(days=92),
        StateGrant.used_tkr < 0.5 * StateGrant.received_tkr)).all()
    assert [g.name for g in at_risk] == ["Kvinnors hälsa och förlossningsvård"]
    assert db.scalar(select(func.count()).select_from(StateGrant)) >= 12
    assert db.scalar(select(func.count()).where(StateGrant.used_tkr > StateGrant.received_tkr)) == 0


# --- Internal control ---------------------------------------------------------------------


def test_each_namnd_has_15_to_30_risks_this_year_and_last(db):
    counts = db.execute(
        select(OrgUnit.code, Risk.year, func.count())
        .join(OrgUnit, OrgUnit.id == Risk.namnd_id).group_by(OrgUnit.code, Risk.year)).all()
    assert len(counts) == 10
    assert all(15 <= n <= 30 for _, _, n in counts), counts
    assert {year for _, year, _ in counts} == {DEMO_AS_OF.year - 1, DEMO_AS_OF.year}


def test_high_risks_are_in_the_plan_and_linked_to_goals(db):
    high = select(Risk.id).where(Risk.probability * Risk.consequence >= 8)
    assert db.scalar(select(func.count()).where(Risk.id.in_(high), ~Risk.in_control_plan)) == 0
    unlinked = db.scalar(select(func.count()).where(
        Risk.id.in_(high), Risk.id.not_in(select(risk_goals.c.risk_id))))
    assert unlinked == 0
    assert db.scalar(select(func.count()).where(Risk.probability == 4, Risk.consequence == 4)) >= 2


def test_some_risk_actions_are_overdue(db):
    overdue = db.scalar(select(func.count()).where(
        RiskAction.due_date < DEMO_AS_OF, RiskAction.status != "klar"))
    assert overdue >= 5
    assert db.scalar(select(func.count()).where(
        RiskAction.status == "klar", RiskAction.done_on > DEMO_AS_OF)) == 0


def test_the_database_finds_nothing_wrong(db):
    assert db.execute(text("PRAGMA foreign_key_check")).all() == []
    assert db.scalar(text("PRAGMA integrity_check")) == "ok"
