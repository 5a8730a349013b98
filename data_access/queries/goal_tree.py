"""The goal tree for the Mål page: one goal with its place in the tree, its children and its
detail, and status distributions, for one follow-up period.

Statuses come from the pre-computed `goal_statuses` (data_access.rollup) and subtree counts
from `goal_closure`, so no query walks the tree. Everything is scoped to the viewer: a goal,
child, ancestor or descendant the viewer may not see is simply not there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import and_, bindparam, case, func, null
from sqlalchemy.orm import Session, aliased

from data_access.models import (
    GOAL_KINDS,
    Agenda2030Goal,
    Assessment,
    FollowUpPeriod,
    Goal,
    GoalClosure,
    GoalStatus,
    Indicator,
    LatestMeasurement,
    Measurement,
    OrgUnit,
    OrgUnitClosure,
    Perspective,
    Risk,
    Target,
    Uppdrag,
    goal_agenda2030,
    goal_indicators,
    goal_perspectives,
    risk_goals,
)
from data_access.scope import Viewer
from data_access.status import GREY, STATUSES

from .filters import narrowing_ids, scoped
from .goals import owned_by_namnd


@dataclass(frozen=True)
class Status:
    """A goal's status at one follow-up: reported (manual when assessed) and computed."""

    reported: str = GREY
    computed: str = GREY
    manual: bool = False
    deviates: bool = False


@dataclass(frozen=True)
class GoalRef:
    """Enough of a goal to name and link it."""

    id: int
    code: str
    kind: str
    title: str


@dataclass(frozen=True)
class GoalHeader:
    """A goal with everything its header shows, at one follow-up."""

    ref: GoalRef
    description: str
    owner: str
    owner_code: str
    owner_unit_id: int
    plan_start_year: int
    plan_end_year: int
    status: Status
    perspectives: tuple[str, ...]
    agenda2030: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class ChildGoal:
    """A goal in a drill-down list: status now and before, indicators, subtree, latest analysis."""

    ref: GoalRef
    owner: str
    status: Status
    previous: str | None  # reported status at the previous follow-up (None: no row)
    indicator_count: int
    below: dict[str, int]  # reported statuses of every visible goal below it
    analysis: str
    analysed_in: tuple[int, str] | None  # (year, kind) of that analysis
    forecast: str | None = None  # the helårsprognos of the same assessment, if made
    owner_code: str = ""  # the owner unit's code (its Enhet page)


@dataclass(frozen=True)
class TreeNode:
    """A goal in the overview figure."""

    id: int
    code: str
    kind: str
    title: str
    parent_id: int | None
    status: str


@dataclass(frozen=True)
class IndicatorRef:
    """An indicator measuring a goal."""

    id: int
    code: str
    name: str
    unit: str
    direction: str


@dataclass(frozen=True)
class Outcome:
    """An indicator's measured value (utfall) for a period."""

    indicator_id: int
    period: str
    period_end: dt.date
    value: float


@dataclass(frozen=True)
class TargetValue:
    """A målvärde of a year, from the nearest unit at or above the goal's owner."""

    indicator_id: int
    year: int
    value: float
    upper: float | None
    tolerance: float


@dataclass(frozen=True)
class AssessmentRow:
    """The owner's bedömning at one follow-up."""

    year: int
    kind: str
    status: str
    analysis: str
    actions: str
    author: str
    assessed_on: dt.date
    forecast: str | None = None  # the helårsprognos (models.FORECASTS), if the owner made one


@dataclass(frozen=True)
class UppdragRow:
    """An uppdrag tied to the goal."""

    code: str
    title: str
    assignee: str
    status: str
    deadline: dt.date | None


@dataclass(frozen=True)
class RiskRow:
    """A risk in a riskanalys linked to the goal."""

    code: str
    title: str
    namnd: str
    year: int
    risk_value: int
    status: str


# --- Statuses ------------------------------------------------------------------------


def _status_at(period_id: int, alias=GoalStatus):
    """Join condition: the status row of `Goal` at the follow-up `period_id`."""
    return and_(alias.goal_id == Goal.id, alias.followup_period_id == period_id)


def _status(reported, computed, manual, deviates) -> Status:
    """A Status from an outer-joined row (a goal without a row has no data: grey)."""
    if reported is None:
        return Status()
    return Status(reported, computed, bool(manual), bool(deviates))


_STATUS_COLUMNS = (GoalStatus.reported_status, GoalStatus.computed_status, GoalStatus.manual,
                   GoalStatus.deviates)


def find_goal(session: Session, viewer: Viewer, code: str, period_id: int) -> GoalHeader | None:
    """The goal with this code and its header at the follow-up; None if unknown or not visible."""
    row = session.execute(_find_goal_query(viewer),
                          {"code": code, "period_id": period_id}).first()
    if row is None:
        return None
    goal_id = row[0]
    return GoalHeader(GoalRef(*row[:4]), *row[4:10], _status(*row[10:]),
                      _perspectives(session, viewer, goal_id),
                      _agenda2030(session, viewer, goal_id))


@lru_cache(maxsize=256)
def _find_goal_query(viewer: Viewer):
    """The query of `find_goal` (parameters `code`, `period_id`), built once per viewer: a
    statement run again costs less Python than one built anew."""
    return (
        scoped(Goal, viewer, Goal.id, Goal.code, Goal.kind, Goal.title, Goal.description,
               OrgUnit.name, OrgUnit.code, Goal.owner_unit_id, Goal.plan_start_year,
               Goal.plan_end_year, *_STATUS_COLUMNS)
        .join(OrgUnit, OrgUnit.id == Goal.owner_unit_id)
        .outerjoin(GoalStatus, _status_at(bindparam("period_id")))
        .where(Goal.code == bindparam("code"))
    )


def _perspectives(session: Session, viewer: Viewer, goal_id: int) -> tuple[str, ...]:
    """The names of a goal's perspectives, in the styrmodell's order."""
    return tuple(session.scalars(_perspectives_query(viewer), {"goal_id": goal_id}))


@lru_cache(maxsize=256)
def _perspectives_query(viewer: Viewer):
    """The query of `_perspectives` (parameter `goal_id`), built once per viewer."""
    return (
        scoped(Perspective, viewer, Perspective.name)
        .join(goal_perspectives, goal_perspectives.c.perspective_id == Perspective.id)
        .where(goal_perspectives.c.goal_id == bindparam("goal_id"))
        .order_by(Perspective.sort_order, Perspective.name)
    )


def _agenda2030(session: Session, viewer: Viewer, goal_id: int) -> tuple[tuple[int, str], ...]:
    """A goal's Agenda 2030 goals as (number, name)."""
    return tuple(session.execute(_agenda2030_query(viewer), {"goal_id": goal_id}).all())


@lru_cache(maxsize=256)
def _agenda2030_query(viewer: Viewer):
    """The query of `_agenda2030` (parameter `goal_id`), built once per viewer."""
    return (
        scoped(Agenda2030Goal, viewer, Agenda2030Goal.number, Agenda2030Goal.name)
        .join(goal_agenda2030, goal_agenda2030.c.agenda2030_id == Agenda2030Goal.id)
        .where(goal_agenda2030.c.goal_id == bindparam("goal_id"))
        .order_by(Agenda2030Goal.number)
    )


def ancestors(session: Session, viewer: Viewer, goal_id: int) -> list[GoalRef]:
    """The visible goals above a goal, the top (the målbild) first."""
    rows = session.execute(_ancestors_query(viewer), {"goal_id": goal_id}).all()
    return [GoalRef(*row) for row in rows]


@lru_cache(maxsize=256)
def _ancestors_query(viewer: Viewer):
    """The query of `ancestors` (parameter `goal_id`), built once per viewer."""
    return (
        scoped(Goal, viewer, Goal.id, Goal.code, Goal.kind, Goal.title)
        .join(GoalClosure, GoalClosure.ancestor_id == Goal.id)
        .where(GoalClosure.descendant_id == bindparam("goal_id"), GoalClosure.depth > 0)
        .order_by(GoalClosure.depth.desc())
    )


def vision(session: Session, viewer: Viewer) -> tuple[GoalRef, str] | None:
    """The visible root of the goal tree (the målbild) and its text, if any."""
    row = session.execute(_vision_query(viewer)).first()
    return None if row is None else (GoalRef(*row[:4]), row[4])


@lru_cache(maxsize=256)
def _vision_query(viewer: Viewer):
    """The query of `vision`, built once per viewer."""
    return (
        scoped(Goal, viewer, Goal.id, Goal.code, Goal.kind, Goal.title, Goal.description)
        .where(Goal.parent_id.is_(None), Goal.kind == "malbild")
        .order_by(Goal.sort_order, Goal.code)
        .limit(1)
    )


# --- Distributions and children -------------------------------------------------------


def distributions_below(
    session: Session, viewer: Viewer, goal_ids: list[int], period_id: int
) -> dict[int, dict[str, int]]:
    """Per goal, how many visible goals anywhere below it had each reported status.

    A goal without a status row for the period counts as Saknar data.
    """
    rows = session.execute(_distributions_query(viewer),
                           {"goal_ids": list(goal_ids), "period_id": period_id}).all()
    return _counted(rows, goal_ids)


@lru_cache(maxsize=256)
def _distributions_query(viewer: Viewer):
    """The query of `distributions_below` (parameters `goal_ids`, `period_id`), built once per
    viewer: one row per goal, a count per status. Grouped by the goal alone, the rows come in
    the closure index's order, without sorting thousands of (goal, status) pairs first."""
    return (
        scoped(Goal, viewer, GoalClosure.ancestor_id, *_status_counts())
        .join(GoalClosure, GoalClosure.descendant_id == Goal.id)
        .outerjoin(GoalStatus, _status_at(bindparam("period_id")))
        .where(GoalClosure.ancestor_id.in_(bindparam("goal_ids", expanding=True)),
               GoalClosure.depth > 0)
        .group_by(GoalClosure.ancestor_id)
    )


def _status_counts() -> list:
    """SQL: per group, how many goals had each reported status (STATUSES' order; no status
    row: Saknar data)."""
    status = func.coalesce(GoalStatus.reported_status, GREY)
    return [func.sum(case((status == each, 1), else_=0)).label(each) for each in STATUSES]


def _counted(rows, keys: list[int]) -> dict[int, dict[str, int]]:
    """{key: {status: count}} from (key, count per status in STATUSES' order) rows, every
    status of every key."""
    counts = {key: dict.fromkeys(STATUSES, 0) for key in keys}
    for key, *per_status in rows:
        counts[key] = dict(zip(STATUSES, per_status))
    return counts


def _indicator_count(viewer: Viewer):
    """SQL: how many visible indicators measure the goal of the enclosing query."""
    link = goal_indicators.c
    return (
        scoped(Indicator, viewer, func.count())
        .join(goal_indicators, link.indicator_id == Indicator.id)
        .where(link.goal_id == Goal.id)
        .correlate(Goal)
        .scalar_subquery()
    )


def _child_rows(session: Session, viewer: Viewer, parent_id: int, period_id: int,
                previous_id: int | None) -> list:
    """Visible children of a goal: owner, statuses now and at `previous_id`, indicator count."""
    query = _child_rows_query(viewer, previous_id is not None)
    return session.execute(query, {"parent_id": parent_id, "period_id": period_id,
                                   "previous_id": previous_id}).all()


@lru_cache(maxsize=256)
def _child_rows_query(viewer: Viewer, with_previous: bool):
    """The query of `_child_rows` (parameters `parent_id`, `period_id`, `previous_id`), built
    once per viewer: a statement run again costs less Python than one built anew."""
    return _goal_rows_query(viewer, Goal.parent_id == bindparam("parent_id"), with_previous)


# Goals listed level by level from the top (nämndmål before förvaltningsmål), each level in
# the tree's order.
LEVEL_FIRST = case({kind: n for n, kind in enumerate(GOAL_KINDS)}, value=Goal.kind)


# The status at the follow-up before, beside the current one: one alias for every query, so
# that its row rule is adapted to it once per viewer (filters._alias_rule).
BEFORE = aliased(GoalStatus, name="before")


def _goal_rows(session: Session, viewer: Viewer, condition, period_id: int,
               previous_id: int | None) -> list:
    """Visible goals meeting `condition`: owner, statuses now and at `previous_id`, indicator
    count."""
    query = _goal_rows_query(viewer, condition, previous_id is not None)
    return session.execute(query, {"period_id": period_id, "previous_id": previous_id}).all()


def _goal_rows_query(viewer: Viewer, condition, with_previous: bool):
    """SELECT what `_goal_rows` reads (parameters `period_id` and, `with_previous`,
    `previous_id`)."""
    before = BEFORE
    previous = before.reported_status if with_previous else null()
    query = (
        scoped(Goal, viewer, Goal.id, Goal.code, Goal.kind, Goal.title, OrgUnit.name,
               *_STATUS_COLUMNS, previous, _indicator_count(viewer), OrgUnit.code)
        .join(OrgUnit, OrgUnit.id == Goal.owner_unit_id)
        .outerjoin(GoalStatus, _status_at(bindparam("period_id")))
        .where(condition)
        .order_by(LEVEL_FIRST, Goal.sort_order, Goal.code)
    )
    if with_previous:
        query = query.outerjoin(before, _status_at(bindparam("previous_id"), before))
    return query


def latest_analyses(
    session: Session, viewer: Viewer, goal_ids: list[int], upto: dt.date
) -> dict[int, tuple[str, int, str, str | None]]:
    """Per goal, the analysis of its latest assessment up to `upto`, with (year, kind) and its
    helårsprognos."""
    rows = session.execute(_analyses_query(viewer),
                           {"goal_ids": list(goal_ids), "upto": upto}).all()
    latest: dict[int, tuple[str, int, str, str | None]] = {}
    for goal, *assessed in rows:
        latest.setdefault(goal, tuple(assessed))
    return latest


@lru_cache(maxsize=256)
def _analyses_query(viewer: Viewer):
    """The query of `latest_analyses` (parameters `goal_ids`, `upto`), built once per viewer."""
    return (
        scoped(Assessment, viewer, Assessment.goal_id, Assessment.analysis, FollowUpPeriod.year,
               FollowUpPeriod.kind, Assessment.forecast)
        .join(FollowUpPeriod, FollowUpPeriod.id == Assessment.followup_period_id)
        .where(Assessment.goal_id.in_(bindparam("goal_ids", expanding=True)),
               FollowUpPeriod.end_date <= bindparam("upto"))
        .order_by(Assessment.goal_id, FollowUpPeriod.end_date.desc())
    )


@dataclass(frozen=True)
class Level:
    """The goals right below a goal, and how all visible goals below it stand."""

    children: list[ChildGoal]
    below: dict[str, int]


def level_below(session: Session, viewer: Viewer, parent_id: int, period_id: int,
                previous_id: int | None, upto: dt.date) -> Level:
    """The visible goals right below a goal, with what a drill-down row shows.

    Three set-based queries: the children with statuses now and before and their indicator
    counts; the distributions below the goal and below each child; their latest analyses.
    """
    rows = _child_rows(session, viewer, parent_id, period_id, previous_id)
    ids = [row[0] for row in rows]
    below = distributions_below(session, viewer, [parent_id, *ids], period_id)
    return Level(_child_goals(session, viewer, rows, below, upto), below[parent_id])


def _child_goals(session: Session, viewer: Viewer, rows: list, below: dict[int, dict[str, int]],
                 upto: dt.date) -> list[ChildGoal]:
    """ChildGoals from `_goal_rows` rows, the distributions below them and their analyses."""
    ids = [row[0] for row in rows]
    analyses = latest_analyses(session, viewer, ids, upto) if ids else {}
    goals = []
    for row in rows:
        goal_id = row[0]
        analysis, year, kind, forecast = analyses.get(goal_id, ("", None, None, None))
        goals.append(ChildGoal(
            GoalRef(*row[:4]), row[4], _status(*row[5:9]), row[9], row[10],
            below[goal_id], analysis, None if year is None else (year, kind), forecast,
            row[11],
        ))
    return goals


def namnd_goals(session: Session, viewer: Viewer, namnd_id: int | None, kinds: tuple[str, ...],
                period_id: int, previous_id: int | None, upto: dt.date,
                status: str | None = None, below: bool = True) -> list[ChildGoal]:
    """The visible goals of the given kinds owned by a nämnd or a unit under it (every nämnd's
    for `namnd_id` None; with `status`, those whose reported status at the period is it), as
    drill-down rows (status now and before, goals below, latest analysis), level by level from
    the top (nämndmål first), each level in the tree's order.

    `below=False` for a list that shows no goals below its goals (Mål's list of the nämnder's
    goals): their distributions, the costliest query here, are then not read, and each goal's
    `below` is empty (no goals below)."""
    query = _namnd_goals_query(viewer, tuple(kinds), namnd_id is not None, status is not None,
                               previous_id is not None)
    rows = session.execute(query, {"period_id": period_id, "previous_id": previous_id,
                                   "namnd_id": namnd_id, "status": status}).all()
    ids = [row[0] for row in rows]
    counts = (distributions_below(session, viewer, ids, period_id) if below
              else {goal_id: {} for goal_id in ids})
    return _child_goals(session, viewer, rows, counts, upto)


@lru_cache(maxsize=256)
def _namnd_goals_query(viewer: Viewer, kinds: tuple[str, ...], of_namnd: bool,
                       of_status: bool, with_previous: bool):
    """The query of `namnd_goals` (parameters `period_id`, `previous_id` and, as asked for,
    `namnd_id` and `status`), built once per viewer and choice of filters."""
    condition = Goal.kind.in_(kinds)
    if of_namnd:
        condition &= owned_by_namnd(viewer, bindparam("namnd_id"))
    if of_status:
        condition &= func.coalesce(GoalStatus.reported_status, GREY) == bindparam("status")
    return _goal_rows_query(viewer, condition, with_previous)


def unit_goals(session: Session, viewer: Viewer, unit_id: int, period_id: int,
               previous_id: int | None, upto: dt.date) -> list[ChildGoal]:
    """The visible goals one unit owns itself, as drill-down rows, in the tree's order."""
    rows = _goal_rows(session, viewer, Goal.owner_unit_id == unit_id, period_id, previous_id)
    below = distributions_below(session, viewer, [row[0] for row in rows], period_id)
    return _child_goals(session, viewer, rows, below, upto)


def subtree_statuses(session: Session, viewer: Viewer, unit_ids: list[int],
                     period_id: int) -> dict[int, dict[str, int]]:
    """Per unit, how many visible goals owned by it or any unit below it had each reported
    status at the follow-up (no status row: Saknar data)."""
    c = OrgUnitClosure
    rows = session.execute(
        scoped(Goal, viewer, c.ancestor_id, *_status_counts())
        .join(c, c.descendant_id == Goal.owner_unit_id)
        .outerjoin(GoalStatus, _status_at(period_id))
        .where(c.ancestor_id.in_(unit_ids))
        .group_by(c.ancestor_id)
    ).all() if unit_ids else []
    return _counted(rows, unit_ids)


def tree_nodes(session: Session, viewer: Viewer, period_id: int, around: int | None = None,
               below: int | None = None) -> list[TreeNode]:
    """Every visible goal with its parent and reported status, for the overview figure.

    With `below`, only the part a figure opened at the goal `around` (default: the root) can
    show: `around`'s ancestors, itself and its descendants at most `below` levels down.
    """
    query = _tree_query(viewer, below, around is not None)
    return [TreeNode(*row) for row in
            session.execute(query, {"period_id": period_id, "around": around}).all()]


@lru_cache(maxsize=256)
def _tree_query(viewer: Viewer, below: int | None, around: bool):
    """The query of `tree_nodes` (parameters `period_id` and, `around`, `around`), built once
    per viewer and window."""
    query = (scoped(Goal, viewer, Goal.id, Goal.code, Goal.kind, Goal.title, Goal.parent_id,
                    func.coalesce(GoalStatus.reported_status, GREY))
             .outerjoin(GoalStatus, _status_at(bindparam("period_id")))
             .order_by(Goal.sort_order, Goal.code))
    if below is not None:
        query = query.where(_in_tree_window(viewer, bindparam("around") if around else None,
                                            below))
    return query


def _in_tree_window(viewer: Viewer, around: int | None, below: int):
    """SQL: the goal is an ancestor of `around` or in its subtree at most `below` levels deep;
    without `around`, at most `below` levels under its root (closure table)."""
    c = GoalClosure
    if around is None:
        # At most `below` under its root: the same goals as those with no ancestor further
        # up than `below` (every goal's closure holds its root, the furthest), read as a
        # range of the closure's depth index rather than a list of every deeper goal.
        roots = narrowing_ids(Goal, Goal.parent_id.is_(None))
        shallow = scoped(c, viewer, c.descendant_id).where(c.ancestor_id.in_(roots),
                                                           c.depth <= below)
        return Goal.id.in_(shallow)
    up = scoped(c, viewer, c.ancestor_id).where(c.descendant_id == around)
    down = scoped(c, viewer, c.descendant_id).where(c.ancestor_id == around, c.depth <= below)
    return Goal.id.in_(up.union(down))


# --- Goal detail ------------------------------------------------------------------------


def _indicator_refs(session: Session, viewer: Viewer, linked, on) -> list[IndicatorRef]:
    """The visible indicators joined to `linked` on `on`, by code."""
    rows = session.execute(_indicator_query(viewer, linked, on)).all()
    return [IndicatorRef(*row) for row in rows]


def _indicator_query(viewer: Viewer, linked, on):
    """SELECT the visible indicators joined to `linked` on `on`, by code."""
    return (
        scoped(Indicator, viewer, Indicator.id, Indicator.code, Indicator.name, Indicator.unit,
               Indicator.direction)
        .join(linked, on)
        .order_by(Indicator.code)
    )


def goal_indicator_refs(session: Session, viewer: Viewer, goal_id: int) -> list[IndicatorRef]:
    """The visible indicators measuring a goal, by code."""
    rows = session.execute(_goal_indicators_query(viewer), {"goal_id": goal_id}).all()
    return [IndicatorRef(*row) for row in rows]


@lru_cache(maxsize=256)
def _goal_indicators_query(viewer: Viewer):
    """The query of `goal_indicator_refs` (parameter `goal_id`), built once per viewer."""
    link = goal_indicators.c
    return _indicator_query(viewer, goal_indicators, and_(
        link.indicator_id == Indicator.id, link.goal_id == bindparam("goal_id")))


def unit_indicator_refs(session: Session, viewer: Viewer, unit_id: int) -> list[IndicatorRef]:
    """The visible indicators with a value the viewer may see at the unit, by code."""
    latest = LatestMeasurement
    return _indicator_refs(session, viewer, latest,
                           and_(latest.indicator_id == Indicator.id, latest.unit_id == unit_id))


def outcomes(session: Session, viewer: Viewer, indicator_ids: list[int], unit_id: int,
             since: dt.date, upto: dt.date) -> list[Outcome]:
    """The indicators' total values at one unit for periods ending in [since, upto], oldest
    first."""
    rows = session.execute(_outcomes_query(viewer), {
        "indicator_ids": indicator_ids, "unit_id": unit_id, "since": since, "upto": upto,
    }).all()
    return [Outcome(*row) for row in rows]


@lru_cache(maxsize=256)
def _outcomes_query(viewer: Viewer):
    """The query of `outcomes` (parameters `indicator_ids`, `unit_id`, `since`, `upto`), built
    once per viewer."""
    m = Measurement
    return (
        scoped(m, viewer, m.indicator_id, m.period, m.period_end, m.value_total)
        .where(m.indicator_id.in_(bindparam("indicator_ids", expanding=True)),
               m.unit_id == bindparam("unit_id"), m.period_end >= bindparam("since"),
               m.period_end <= bindparam("upto"), m.value_total.is_not(None))
        .order_by(m.indicator_id, m.period_end, m.id)
    )


def targets(session: Session, viewer: Viewer, indicator_ids: list[int], unit_id: int,
            years: list[int]) -> list[TargetValue]:
    """The målvärde per indicator and year at the unit, else at its nearest unit above."""
    rows = session.execute(_targets_query(viewer), {
        "indicator_ids": indicator_ids, "unit_id": unit_id, "years": years,
    }).all()
    nearest: dict[tuple[int, int], TargetValue] = {}
    for indicator, year, value, upper, tolerance in rows:
        nearest.setdefault((indicator, year), TargetValue(indicator, year, value, upper, tolerance))
    return list(nearest.values())


@lru_cache(maxsize=256)
def _targets_query(viewer: Viewer):
    """The query of `targets` (parameters `indicator_ids`, `unit_id`, `years`), built once per
    viewer."""
    t, up = Target, OrgUnitClosure
    return (
        scoped(t, viewer, t.indicator_id, t.year, t.value, t.upper_value, t.tolerance)
        .join(up, and_(up.ancestor_id == t.unit_id, up.descendant_id == bindparam("unit_id")))
        .where(t.indicator_id.in_(bindparam("indicator_ids", expanding=True)),
               t.year.in_(bindparam("years", expanding=True)))
        .order_by(t.indicator_id, t.year, up.depth)
    )


@dataclass(frozen=True)
class IndicatorValues:
    """An indicator of a goal with its outcomes (oldest first) and målvärden at the owner."""

    indicator: IndicatorRef
    outcomes: list[Outcome]
    targets: list[TargetValue]


def goal_indicator_values(session: Session, viewer: Viewer, goal_id: int, unit_id: int,
                          first_year: int, upto: dt.date) -> list[IndicatorValues]:
    """The goal's indicators with their values at the unit from `first_year` up to `upto`."""
    indicators = goal_indicator_refs(session, viewer, goal_id)
    if not indicators:
        return []
    ids = [i.id for i in indicators]
    found = outcomes(session, viewer, ids, unit_id, dt.date(first_year, 1, 1), upto)
    set_for = targets(session, viewer, ids, unit_id, list(range(first_year, upto.year + 1)))
    return [IndicatorValues(i, [o for o in found if o.indicator_id == i.id],
                            [t for t in set_for if t.indicator_id == i.id]) for i in indicators]


def assessment_history(session: Session, viewer: Viewer, goal_id: int,
                       upto: dt.date) -> list[AssessmentRow]:
    """The goal's assessments up to `upto`, the newest first."""
    rows = session.execute(_history_query(viewer), {"goal_id": goal_id, "upto": upto}).all()
    return [AssessmentRow(*row) for row in rows]


@lru_cache(maxsize=256)
def _history_query(viewer: Viewer):
    """The query of `assessment_history` (parameters `goal_id`, `upto`), built once per
    viewer."""
    a, p = Assessment, FollowUpPeriod
    return (
        scoped(a, viewer, p.year, p.kind, a.status, a.analysis, a.actions, a.author, a.assessed_on,
               a.forecast)
        .join(p, p.id == a.followup_period_id)
        .where(a.goal_id == bindparam("goal_id"), p.end_date <= bindparam("upto"))
        .order_by(p.end_date.desc())
    )


def goal_uppdrag(session: Session, viewer: Viewer, goal_id: int) -> list[UppdragRow]:
    """The visible uppdrag tied to a goal, the earliest deadline first."""
    rows = session.execute(_uppdrag_query(viewer), {"goal_id": goal_id}).all()
    return [UppdragRow(*row) for row in rows]


@lru_cache(maxsize=256)
def _uppdrag_query(viewer: Viewer):
    """The query of `goal_uppdrag` (parameter `goal_id`), built once per viewer."""
    return (
        scoped(Uppdrag, viewer, Uppdrag.code, Uppdrag.title, OrgUnit.name, Uppdrag.status,
               Uppdrag.deadline)
        .join(OrgUnit, OrgUnit.id == Uppdrag.assignee_unit_id)
        .where(Uppdrag.goal_id == bindparam("goal_id"))
        .order_by(Uppdrag.deadline, Uppdrag.code)
    )


def goal_risks(session: Session, viewer: Viewer, goal_id: int) -> list[RiskRow]:
    """The risks linked to a goal that the viewer may see, the latest year and highest first."""
    rows = session.execute(_risks_query(viewer), {"goal_id": goal_id}).all()
    return [RiskRow(*row) for row in rows]


@lru_cache(maxsize=256)
def _risks_query(viewer: Viewer):
    """The query of `goal_risks` (parameter `goal_id`), built once per viewer."""
    value = Risk.probability * Risk.consequence
    return (
        scoped(Risk, viewer, Risk.code, Risk.title, OrgUnit.name, Risk.year, value, Risk.status)
        .join(risk_goals, risk_goals.c.risk_id == Risk.id)
        .join(OrgUnit, OrgUnit.id == Risk.namnd_id)
        .where(risk_goals.c.goal_id == bindparam("goal_id"))
        .order_by(Risk.year.desc(), value.desc(), Risk.code)
    )
