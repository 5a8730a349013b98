"""Produktion: a unit's production plan against the indicator's outcome, period by period, and
the productivity measures (the cost of chosen kostnadsslag per produced unit).

A unit's plan and outcome are its own when it has a plan for the indicator, else the sum of
its children's: a förvaltning without a plan of its own shows the sum of its hälsocentraler's.
The outcome of a unit with a plan is its own utfall for the planned periods, so a figure the
source system also reports for a parent is never counted twice.

Plans and outcomes are scoped like the indicator's values; the cost like the economy.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy.orm import Session

from data_access.models import (
    CostCategory,
    EconomyTotal,
    Indicator,
    Measurement,
    OrgUnit,
    OrgUnitClosure,
    ProductionPlan,
    ProductivityMeasure,
    productivity_categories,
)
from data_access.scope import Viewer

from .economy import EconomyUnit
from .filters import scoped, visible_unit_detail


@dataclass(frozen=True)
class ProductionIndicator:
    """An indicator that has a production plan: what is produced, and in which unit."""

    id: int
    code: str
    name: str
    unit: str  # "antal", …
    direction: str  # higher, lower or band: which side of the plan is better


@dataclass(frozen=True)
class PeriodFigures:
    """Plan and outcome of one period (None: no plan or no outcome reported)."""

    period: str
    end: dt.date
    plan: float | None
    outcome: float | None


@dataclass(frozen=True)
class Production:
    """A unit's plan and outcome per period of a year, in the periods' order."""

    unit: EconomyUnit
    periods: tuple[PeriodFigures, ...]
    producers: tuple[int, ...]  # the units whose own plans these figures sum

    def plan_to(self, end: dt.date) -> float:
        """The plan accumulated over the periods ending on or before `end`."""
        return sum(p.plan or 0.0 for p in self.periods if p.end <= end)

    def outcome_to(self, end: dt.date) -> float | None:
        """The outcome accumulated to `end` (None when nothing is reported)."""
        reported = [p.outcome for p in self.periods if p.end <= end and p.outcome is not None]
        return sum(reported) if reported else None

    def year_plan(self) -> float:
        return sum(p.plan or 0.0 for p in self.periods)


@dataclass(frozen=True)
class Productivity:
    """A productivity measure: the cost of its kostnadsslag (leaves) per produced unit."""

    id: int
    code: str
    name: str
    category_ids: tuple[int, ...]  # the leaf kostnadsslag whose utfall is counted


def production_indicators(session: Session, viewer: Viewer) -> list[ProductionIndicator]:
    """The indicators with a production plan the viewer may see, by name."""
    planned = scoped(ProductionPlan, viewer, ProductionPlan.indicator_id).distinct()
    rows = session.execute(
        scoped(Indicator, viewer, Indicator.id, Indicator.code, Indicator.name, Indicator.unit,
               Indicator.direction)
        .where(Indicator.id.in_(planned)).order_by(Indicator.name, Indicator.code)
    ).all()
    return [ProductionIndicator(*row) for row in rows]


def planned_below(session: Session, viewer: Viewer, unit_id: int) -> list[str]:
    """The codes of the indicators with a production plan the viewer may see at the unit or
    below it, by name (for links from the unit's own page)."""
    below = (scoped(OrgUnitClosure, viewer, OrgUnitClosure.descendant_id)
             .where(OrgUnitClosure.ancestor_id == unit_id))
    planned = (scoped(ProductionPlan, viewer, ProductionPlan.indicator_id)
               .where(ProductionPlan.unit_id.in_(below)).distinct())
    return list(session.execute(
        scoped(Indicator, viewer, Indicator.code).where(Indicator.id.in_(planned))
        .order_by(Indicator.name, Indicator.code)).scalars())


def plan_years(session: Session, viewer: Viewer, indicator_id: int) -> list[int]:
    """The years with a plan for the indicator the viewer may see, oldest first."""
    ends = session.execute(
        scoped(ProductionPlan, viewer, ProductionPlan.period_end)
        .where(ProductionPlan.indicator_id == indicator_id).distinct()
    ).scalars()
    return sorted({end.year for end in ends})


def _subtree(session: Session, viewer: Viewer, unit_id: int) -> dict[int, int | None]:
    """{unit id: parent id} for the unit and every unit below it."""
    below = (scoped(OrgUnitClosure, viewer, OrgUnitClosure.descendant_id)
             .where(OrgUnitClosure.ancestor_id == unit_id))
    rows = session.execute(
        scoped(OrgUnit, viewer, OrgUnit.id, OrgUnit.parent_id).where(OrgUnit.id.in_(below))
    ).all()
    return {unit: (None if unit == unit_id else parent) for unit, parent in rows}


def _own_figures(session: Session, viewer: Viewer, indicator_id: int, units: list[int],
                 year: int) -> dict[int, dict[str, PeriodFigures]]:
    """{unit id: {period: figures}} for the units with a plan of their own in `year`."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    in_year = (ProductionPlan.indicator_id == indicator_id,
               ProductionPlan.period_end.between(first, last))
    plans = session.execute(
        scoped(ProductionPlan, viewer, ProductionPlan.unit_id, ProductionPlan.period,
               ProductionPlan.period_end, ProductionPlan.value)
        .where(*in_year, ProductionPlan.unit_id.in_(units))
    ).all()
    outcomes = {
        (unit, period): value for unit, period, value in session.execute(
            scoped(Measurement, viewer, Measurement.unit_id, Measurement.period,
                   Measurement.value_total)
            .where(Measurement.indicator_id == indicator_id,
                   Measurement.period_end.between(first, last),
                   Measurement.unit_id.in_({unit for unit, *_ in plans}))
        )
    }
    own: dict[int, dict[str, PeriodFigures]] = defaultdict(dict)
    for unit, period, end, value in plans:
        own[unit][period] = PeriodFigures(period, end, value, outcomes.get((unit, period)))
    return own


def _combined(parts: list[dict[str, PeriodFigures]]) -> dict[str, PeriodFigures]:
    """Several units' figures summed period by period."""
    summed: dict[str, PeriodFigures] = {}
    for part in parts:
        for period, f in part.items():
            had = summed.get(period)
            if had is None:
                summed[period] = f
                continue
            outcome = (had.outcome if f.outcome is None else
                       f.outcome if had.outcome is None else had.outcome + f.outcome)
            summed[period] = PeriodFigures(period, f.end, (had.plan or 0.0) + (f.plan or 0.0),
                                           outcome)
    return summed


def production(session: Session, viewer: Viewer, indicator_id: int, unit: EconomyUnit,
               children: list[EconomyUnit], year: int) -> tuple[Production, list[Production]]:
    """The unit's production in `year`, and that of each of `children` (the units one level
    down the viewer may see) that has a plan at or below it, in `children`'s order."""
    parents = _subtree(session, viewer, unit.id)
    own = _own_figures(session, viewer, indicator_id, list(parents), year)
    kids: dict[int, list[int]] = defaultdict(list)
    for child, parent in parents.items():
        if parent is not None:
            kids[parent].append(child)
    memo: dict[int, tuple[dict[str, PeriodFigures], tuple[int, ...]]] = {}

    def figures(unit_id: int) -> tuple[dict[str, PeriodFigures], tuple[int, ...]]:
        # Own plan, else the children's sum (recursion as deep as the tree: a few levels).
        if unit_id not in memo:
            if unit_id in own:
                memo[unit_id] = own[unit_id], (unit_id,)
            else:
                parts = [figures(child) for child in kids[unit_id]]
                memo[unit_id] = (_combined([f for f, _ in parts]),
                                 tuple(u for _, units in parts for u in units))
        return memo[unit_id]

    def shaped(of: EconomyUnit) -> Production:
        found, producers = figures(of.id)
        return Production(of, tuple(sorted(found.values(), key=lambda p: p.end)), producers)

    return shaped(unit), [p for p in map(shaped, children) if p.periods]


def child_units(session: Session, viewer: Viewer, unit_id: int) -> list[EconomyUnit]:
    """The units one level below `unit_id` whose figures the viewer may see, in order."""
    rows = session.execute(
        scoped(OrgUnit, viewer, OrgUnit.id, OrgUnit.code, OrgUnit.name, OrgUnit.level)
        .where(OrgUnit.parent_id == unit_id, visible_unit_detail(viewer))
        .order_by(OrgUnit.sort_order, OrgUnit.name)
    ).all()
    return [EconomyUnit(*row) for row in rows]


def productivity_measures(session: Session, viewer: Viewer,
                          indicator_id: int) -> list[Productivity]:
    """The indicator's productivity measures, each with the leaf kostnadsslag it counts."""
    measures = session.execute(
        scoped(ProductivityMeasure, viewer, ProductivityMeasure.id, ProductivityMeasure.code,
               ProductivityMeasure.name)
        .where(ProductivityMeasure.indicator_id == indicator_id)
        .order_by(ProductivityMeasure.sort_order, ProductivityMeasure.name)
    ).all()
    if not measures:
        return []
    chosen = defaultdict(set)
    for measure, category in session.execute(
        scoped(CostCategory, viewer, productivity_categories.c.productivity_id,
               productivity_categories.c.category_id)
        .join(productivity_categories, productivity_categories.c.category_id == CostCategory.id)
        .where(productivity_categories.c.productivity_id.in_([m.id for m in measures]))
    ):
        chosen[measure].add(category)
    tree = session.execute(scoped(CostCategory, viewer, CostCategory.id,
                                  CostCategory.parent_id)).all()
    below = defaultdict(list)
    for category, parent in tree:
        below[parent].append(category)

    def leaves(category: int) -> set[int]:
        return set().union(*map(leaves, below[category])) if below[category] else {category}

    return [Productivity(id_, code, name,
                         tuple(sorted(set().union(*map(leaves, chosen[id_])))))
            for id_, code, name in measures]


def costs(session: Session, viewer: Viewer, units: list[int], year: int, last_month: int,
          category_ids: tuple[int, ...], kind: str = "utfall") -> dict[int, float]:
    """{unit id: the cost (positive tkr) of the categories in its subtree, January to
    `last_month` of `year`} from the economy's `kind` (utfall or budget)."""
    if not units or not category_ids:
        return {}
    e = EconomyTotal
    rows = session.execute(
        scoped(e, viewer, e.unit_id, func.sum(e.amount_tkr))
        .where(e.unit_id.in_(units), e.year == year, e.kind == kind, e.month <= last_month,
               e.category_id.in_(category_ids))
        .group_by(e.unit_id)
    ).all()
    return {unit: -float(amount) for unit, amount in rows if amount is not None}
