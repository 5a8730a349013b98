"""Economy: budget, utfall and prognos for any unit's subtree, month by month, per unit one
level down and per category; the year to date for Översikt; fullmäktige's financial goals.

Amounts are signed (revenue positive, costs negative), so utfall − budget is negative when
things went worse than planned. The public sees no economy; nämnd members see the region's
and every nämnd's totals, and figures below nämnd level for their own nämnder only.
Sums are read from each unit's pre-computed subtree totals (EconomyTotal), one query per view.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import NamedTuple

from sqlalchemy import Select, bindparam, case, func, true
from sqlalchemy.orm import Session

from data_access.models import (
    CostCategory,
    EconomyMonthTotal,
    EconomyTotal,
    Goal,
    Indicator,
    Measurement,
    OrgUnit,
    OrgUnitClosure,
    Perspective,
    Target,
    goal_indicators,
    goal_perspectives,
)
from data_access.scope import Viewer

from .filters import scoped, visible_unit_detail


@dataclass(frozen=True)
class YearToDate:
    """Utfall and budget summed from January to `month` of `year`, in tkr."""

    year: int
    month: int
    utfall_tkr: float
    budget_tkr: float

    @property
    def deviation_tkr(self) -> float:
        return self.utfall_tkr - self.budget_tkr


def _region_totals(viewer: Viewer, *columns) -> Select:
    """SELECT columns FROM the region's (the organisation root's) subtree totals."""
    return (scoped(EconomyTotal, viewer, *columns)
            .join(OrgUnit, OrgUnit.id == EconomyTotal.unit_id)
            .where(OrgUnit.level == "region"))


def latest_utfall_month(session: Session, viewer: Viewer) -> tuple[int, int] | None:
    """(year, month) of the latest month with any utfall the viewer may see, or None."""
    t = EconomyTotal
    row = session.execute(
        _region_totals(viewer, t.year, t.month).where(t.kind == "utfall")
        .order_by(t.year.desc(), t.month.desc()).limit(1)
    ).first()
    return None if row is None else (row.year, row.month)


def _sum_of(kind: str):
    """SQL sum of the subtree totals of one kind (budget or utfall), 0 when there are none."""
    return func.coalesce(func.sum(case((EconomyTotal.kind == kind, EconomyTotal.amount_tkr))), 0)


def _totals_to_date(viewer: Viewer, year: int, month: int, *columns) -> Select:
    """SELECT columns, utfall and budget for January to `month` from units' subtree totals."""
    sums = (_sum_of("utfall"), _sum_of("budget"))
    return scoped(EconomyTotal, viewer, *columns, *sums).where(
        EconomyTotal.year == year,
        EconomyTotal.month <= month,
        EconomyTotal.kind.in_(("utfall", "budget")),
    )


def budget_deviation(session: Session, viewer: Viewer,
                     unit_id: int | None = None) -> YearToDate | None:
    """The whole region's (or one unit's subtree's, e.g. a nämnd's) utfall and budget to the
    latest month with utfall in the region, or None."""
    latest = latest_utfall_month(session, viewer)
    if latest is None:
        return None
    query = _totals_to_date(viewer, *latest)
    if unit_id is None:
        query = query.join(OrgUnit, OrgUnit.id == EconomyTotal.unit_id).where(
            OrgUnit.level == "region")
    else:
        query = query.where(EconomyTotal.unit_id == unit_id)
    utfall, budget = session.execute(query).one()
    return YearToDate(*latest, float(utfall), float(budget))


# --- The Ekonomi page: any unit's subtree, month by month, per child and per category --------
#
# Every sum below is over a unit's whole subtree, read from its pre-computed totals: the unit
# itself must be one whose figures the viewer may see (`visible_unit_detail`, the same rule
# that scopes EconomyTotal), so a nämnd member never sees below another nämnd's level.


class EconomyUnit(NamedTuple):
    """A unit of the organisation as the Ekonomi page names it (a named tuple, as Figures)."""

    id: int
    code: str
    name: str
    level: str


@dataclass(frozen=True)
class Category:
    """A kind of cost or revenue; `parent_id` links e.g. Inhyrd personal to Personalkostnader."""

    id: int
    code: str
    name: str
    kind: str  # "kostnad" or "intakt"
    parent_id: int | None


@dataclass(frozen=True)
class AmountRow:
    """A month's sums for one category of a unit's subtree, in signed tkr (None: no rows).

    `prognos_tkr` is the category's full-year forecast made in that month.
    """

    month: int
    category_id: int
    budget_tkr: float | None
    utfall_tkr: float | None
    prognos_tkr: float | None


@dataclass(frozen=True)
class MonthAmounts:
    """One month's sums for a unit's subtree, in signed tkr; None where no row of that kind exists.

    `prognos_tkr` is the full-year forecast made in that month; `budget_costs_tkr` the month's
    budgeted costs as a positive amount (the base of the deviation in per cent).
    """

    month: int
    budget_tkr: float | None
    utfall_tkr: float | None
    prognos_tkr: float | None
    budget_costs_tkr: float


class Figures(NamedTuple):
    """A unit's key figures for a year up to a month, in signed tkr (revenue +, costs −).

    A named tuple, as EconomyUnit and ChildFigures: a view builds one of each for every unit
    one level down (hundreds under an område), and a frozen dataclass takes twice as long."""

    budget_tkr: float  # January to the month
    utfall_tkr: float | None  # January to the month; None without any utfall
    year_budget_tkr: float  # the whole year
    prognos_tkr: float | None  # the full-year forecast made in the month
    budget_costs_tkr: float  # budgeted costs January to the month, positive

    @property
    def deviation_tkr(self) -> float | None:
        """Avvikelse = utfall − budget: negative when things went worse than planned."""
        return None if self.utfall_tkr is None else self.utfall_tkr - self.budget_tkr

    @classmethod
    def from_months(cls, months: list[MonthAmounts], month: int) -> Figures:
        """The figures to `month` from a year's monthly sums."""
        to_date = [m for m in months if m.month <= month]
        utfall = [m.utfall_tkr for m in to_date if m.utfall_tkr is not None]
        return cls(
            budget_tkr=sum(m.budget_tkr or 0.0 for m in to_date),
            utfall_tkr=sum(utfall) if utfall else None,
            year_budget_tkr=sum(m.budget_tkr or 0.0 for m in months),
            prognos_tkr=next((m.prognos_tkr for m in months if m.month == month), None),
            budget_costs_tkr=sum(m.budget_costs_tkr for m in to_date),
        )


class ChildFigures(NamedTuple):
    """A unit one level down with its subtree's figures (None: no amounts that year)."""

    unit: EconomyUnit
    figures: Figures | None


@dataclass(frozen=True)
class CategoryAmounts:
    """A category's budget and utfall to date for a unit's subtree (children included), tkr."""

    category: Category
    budget_tkr: float
    utfall_tkr: float


@dataclass(frozen=True)
class UnitAmounts:
    """A unit subtree's sums per month and category for a year: the page's one big read."""

    categories: list[Category]
    rows: list[AmountRow]

    def months(self) -> list[MonthAmounts]:
        """The sums per month over all categories, in month order."""
        return list(self._months)

    @cached_property
    def _months(self) -> tuple[MonthAmounts, ...]:
        """`months`, summed once (a page reads them for its figures, chart and table)."""
        costs = {c.id for c in self.categories if c.kind == "kostnad"}
        by_month: dict[int, list[AmountRow]] = {}
        for row in self.rows:
            by_month.setdefault(row.month, []).append(row)
        return tuple(
            MonthAmounts(month, _total(r.budget_tkr for r in rows),
                         _total(r.utfall_tkr for r in rows), _total(r.prognos_tkr for r in rows),
                         -sum(r.budget_tkr or 0.0 for r in rows if r.category_id in costs))
            for month, rows in sorted(by_month.items())
        )

    def figures(self, month: int) -> Figures:
        """The key figures to `month`."""
        return Figures.from_months(self.months(), month)

    def by_category(self, month: int) -> list[CategoryAmounts]:
        """Budget and utfall January to `month` per category, everything beneath a parent added."""
        parents = {c.id: c.parent_id for c in self.categories}
        totals = dict.fromkeys(parents, (0.0, 0.0))
        for row in self.rows:
            if row.month > month:
                continue
            node, steps = row.category_id, 0
            while node in totals and steps <= len(parents):  # a cycle cannot hang a request
                budget, utfall = totals[node]
                totals[node] = (budget + (row.budget_tkr or 0.0), utfall + (row.utfall_tkr or 0.0))
                node, steps = parents[node], steps + 1
        return [CategoryAmounts(c, *totals[c.id]) for c in self.categories]


def _total(values) -> float | None:
    """The sum of the values that are not None; None if all are."""
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def utfall_months(session: Session, viewer: Viewer) -> dict[int, list[int]]:
    """{year: [its months with utfall]} for the years the viewer may see, newest year first."""
    rows = session.execute(_utfall_months_query(viewer)).all()
    months: dict[int, list[int]] = {}
    for year, month in sorted(rows, reverse=True):
        months.setdefault(year, []).insert(0, month)
    return months


@lru_cache(maxsize=256)
def _utfall_months_query(viewer: Viewer) -> Select:
    """The query of `utfall_months`, built once per viewer: a statement run again costs less
    Python than one built anew."""
    t = EconomyTotal
    return _region_totals(viewer, t.year, t.month).where(t.kind == "utfall").distinct()


def _units(viewer: Viewer) -> Select:
    """SELECT the units whose figures the viewer may see, as EconomyUnit columns."""
    return scoped(OrgUnit, viewer, OrgUnit.id, OrgUnit.code, OrgUnit.name, OrgUnit.level).where(
        visible_unit_detail(viewer)
    )


def economy_unit(session: Session, viewer: Viewer, code: str) -> EconomyUnit | None:
    """The unit with this code if the viewer may see its figures, else None."""
    row = session.execute(_unit_query(viewer), {"code": code}).first()
    return None if row is None else EconomyUnit(*row)


@lru_cache(maxsize=256)
def _unit_query(viewer: Viewer) -> Select:
    """The query of `economy_unit` (parameter `code`), built once per viewer."""
    return _units(viewer).where(OrgUnit.code == bindparam("code"))


def region_unit(session: Session, viewer: Viewer) -> EconomyUnit | None:
    """The region (the root of the organisation), if the viewer may see its figures."""
    row = session.execute(_region_query(viewer)).first()
    return None if row is None else EconomyUnit(*row)


@lru_cache(maxsize=256)
def _region_query(viewer: Viewer) -> Select:
    """The query of `region_unit`, built once per viewer."""
    return _units(viewer).where(OrgUnit.level == "region").order_by(OrgUnit.id).limit(1)


def unit_trail(session: Session, viewer: Viewer, unit_id: int) -> list[EconomyUnit]:
    """The units above `unit_id`, from the region down to its parent (for breadcrumbs)."""
    rows = session.execute(_trail_query(viewer), {"unit_id": unit_id}).all()
    return [EconomyUnit(*row) for row in rows]


@lru_cache(maxsize=256)
def _trail_query(viewer: Viewer) -> Select:
    """The query of `unit_trail` (parameter `unit_id`), built once per viewer."""
    return (
        _units(viewer)
        .join(OrgUnitClosure, OrgUnitClosure.ancestor_id == OrgUnit.id)
        .where(OrgUnitClosure.descendant_id == bindparam("unit_id"), OrgUnitClosure.depth > 0)
        .order_by(OrgUnitClosure.depth.desc())
    )


def categories(session: Session, viewer: Viewer) -> list[Category]:
    """Every cost and revenue category, in their order."""
    return [Category(*row) for row in session.execute(_categories_query(viewer)).all()]


@lru_cache(maxsize=256)
def _categories_query(viewer: Viewer) -> Select:
    """The query of `categories`, built once per viewer."""
    return (
        scoped(CostCategory, viewer, CostCategory.id, CostCategory.code, CostCategory.name,
               CostCategory.kind, CostCategory.parent_id)
        .order_by(CostCategory.sort_order, CostCategory.id)
    )


def _sum_where(condition, amount=EconomyTotal.amount_tkr):
    """SQL: the sum of `amount` over the rows meeting `condition` (NULL when there are none)."""
    return func.sum(case((condition, amount)))


def _subtree_entries(viewer: Viewer, year: int, units, *columns,
                     totals=EconomyTotal) -> Select:
    """SELECT columns FROM the year's subtree totals (`totals`: EconomyTotal or
    EconomyMonthTotal) of the units meeting the condition `units` and whose figures the
    viewer may see."""
    seen = _units(viewer).with_only_columns(OrgUnit.id).where(units)
    return (scoped(totals, viewer, *columns)
            .where(totals.unit_id.in_(seen), totals.year == year))


def unit_amounts(session: Session, viewer: Viewer, unit_id: int, year: int) -> UnitAmounts:
    """The unit subtree's budget, utfall and prognos per month and category of `year`."""
    rows = session.execute(_amounts_query(viewer), {"unit_id": unit_id, "year": year}).all()
    return UnitAmounts(categories(session, viewer), [AmountRow(*row) for row in rows])


@lru_cache(maxsize=256)
def _amounts_query(viewer: Viewer) -> Select:
    """The query of `unit_amounts` (parameters `unit_id`, `year`), built once per viewer."""
    e = EconomyTotal
    return (
        _subtree_entries(viewer, bindparam("year"), OrgUnit.id == bindparam("unit_id"),
                         e.month, e.category_id, _sum_where(e.kind == "budget"),
                         _sum_where(e.kind == "utfall"), _sum_where(e.kind == "prognos"))
        .group_by(e.month, e.category_id)
    )


def child_count(session: Session, viewer: Viewer, unit_id: int) -> int:
    """How many units there are one level below `unit_id` (seen or not: a name count only)."""
    return session.execute(_child_count_query(viewer), {"unit_id": unit_id}).scalar_one()


@lru_cache(maxsize=256)
def _child_count_query(viewer: Viewer) -> Select:
    """The query of `child_count` (parameter `unit_id`), built once per viewer."""
    return scoped(OrgUnit, viewer, func.count()).where(OrgUnit.parent_id == bindparam("unit_id"))


# Which units `units_figures` reads, each a condition on OrgUnit of the parameter `unit_id`:
# the units one level below it, the enheter under a nämnd, or the unit itself.
CHILDREN, ENHETER, ITSELF = "children", "enheter", "itself"
_UNIT_CONDITIONS = {
    CHILDREN: lambda: OrgUnit.parent_id == bindparam("unit_id"),
    ENHETER: lambda: (OrgUnit.namnd_id == bindparam("unit_id")) & (OrgUnit.level == "enhet"),
    ITSELF: lambda: OrgUnit.id == bindparam("unit_id"),
}


def children_figures(session: Session, viewer: Viewer, unit_id: int, year: int,
                     month: int) -> list[ChildFigures]:
    """The figures of each unit one level below `unit_id` whose figures the viewer may see."""
    return units_figures(session, viewer, CHILDREN, unit_id, year, month)


def enhet_figures(session: Session, viewer: Viewer, namnd_id: int, year: int,
                  month: int) -> list[ChildFigures]:
    """The figures of every enhet under a nämnd whose figures the viewer may see."""
    return units_figures(session, viewer, ENHETER, namnd_id, year, month)


def units_figures(session: Session, viewer: Viewer, which: str, unit_id: int, year: int,
                  month: int) -> list[ChildFigures]:
    """The figures (to `month` of `year`) of each unit `which` (CHILDREN, ENHETER or ITSELF)
    of `unit_id` whose figures the viewer may see, in the organisation's order."""
    children = _ordered_units(session, viewer, which, unit_id)
    if not children:
        return []
    rows = session.execute(_figures_query(viewer, which),
                           {"unit_id": unit_id, "year": year, "month": month}).all()
    # Figures from each unit's (budget, utfall, year budget, prognos, costs) sums; a unit
    # without amounts that year has none. Hundreds of units: each named tuple is made as its
    # `_make` makes it (tuple.__new__), without the constructor's call.
    sums = {unit: _make(Figures, (budget or 0.0, utfall, year_budget or 0.0, prognos,
                                  costs or 0.0))
            for unit, budget, utfall, year_budget, prognos, costs in rows}
    get = sums.get
    return [_make(ChildFigures, (child, get(child[0]))) for child in children]


_make = tuple.__new__  # _make(NamedTuple, fields): what NamedTuple._make(fields) gives


@lru_cache(maxsize=256)
def _figures_query(viewer: Viewer, which: str) -> Select:
    """The sums of `units_figures` (parameters `unit_id`, `year`, `month`), built once per
    viewer and kind of units."""
    m = EconomyMonthTotal
    month = bindparam("month")
    # Month totals (the categories summed, costs apart): a tenth of the rows of EconomyTotal.
    budget_to_date = (m.kind == "budget") & (m.month <= month)
    return _subtree_entries(
        viewer, bindparam("year"), _UNIT_CONDITIONS[which](), m.unit_id,
        _sum_where(budget_to_date, m.amount_tkr),
        _sum_where((m.kind == "utfall") & (m.month <= month), m.amount_tkr),
        _sum_where(m.kind == "budget", m.amount_tkr),
        _sum_where((m.kind == "prognos") & (m.month == month), m.amount_tkr),
        -_sum_where(budget_to_date, m.cost_tkr),
        totals=m,
    ).group_by(m.unit_id)


def _ordered_units(session: Session, viewer: Viewer, which: str,
                   unit_id: int) -> list[EconomyUnit]:
    """The units `which` of `unit_id` (see `units_figures`) whose figures the viewer may see,
    in the organisation's order."""
    rows = session.execute(_ordered_units_query(viewer, which), {"unit_id": unit_id})
    return [_make(EconomyUnit, row) for row in rows]


@lru_cache(maxsize=256)
def _ordered_units_query(viewer: Viewer, which: str) -> Select:
    """The query of `_ordered_units` (parameter `unit_id`), built once per viewer and kind."""
    return (_units(viewer).where(_UNIT_CONDITIONS[which]())
            .order_by(OrgUnit.sort_order, OrgUnit.name))


def child_units(session: Session, viewer: Viewer, unit_id: int) -> list[EconomyUnit]:
    """The units one level below `unit_id` whose figures the viewer may see."""
    return _ordered_units(session, viewer, CHILDREN, unit_id)


# --- Fullmäktige's financial goals -----------------------------------------------------

FINANCIAL_PERSPECTIVE = "ekonomi"
# Financial goals are followed up in the annual accounts; other long-term indicators of the
# same målområden (staff, energy, trust in care) are not financial goals.
ACCOUNTS_SOURCE = "Årsredovisning"


@dataclass(frozen=True)
class FinancialGoal:
    """One of fullmäktige's financial goals: the region's latest outcome and its target."""

    code: str
    name: str
    unit: str
    direction: str
    period: str | None
    outcome: float | None
    target: float | None
    upper: float | None
    tolerance: float


def _financial_indicators(viewer: Viewer):
    """SELECT the ids of the long-term indicators from the accounts, of a målområde with the
    Ekonomi perspective."""
    of_economy_areas = (
        scoped(Goal, viewer, goal_indicators.c.indicator_id)
        .join(goal_indicators, goal_indicators.c.goal_id == Goal.id)
        .join(goal_perspectives, goal_perspectives.c.goal_id == Goal.id)
        .join(Perspective, Perspective.id == goal_perspectives.c.perspective_id)
        .where(Goal.kind == "malomrade", Perspective.code == FINANCIAL_PERSPECTIVE)
    )
    return scoped(Indicator, viewer, Indicator.id).where(
        Indicator.long_term.is_(True),
        Indicator.source.startswith(ACCOUNTS_SOURCE),
        Indicator.id.in_(of_economy_areas),
    )


def financial_goals(session: Session, viewer: Viewer, region_id: int,
                    until: dt.date | None = None) -> list[FinancialGoal]:
    """The financial goals with the region's latest outcome (up to `until`, when given) and
    the target for that year."""
    indicators_query, outcomes_query, targets_query = _financial_queries(viewer, until is None)
    indicators = session.execute(indicators_query).all()
    ids = [i.id for i in indicators]
    latest: dict[int, tuple] = {}
    for row in session.execute(outcomes_query,
                               {"region_id": region_id, "ids": ids, "until": until}).all():
        latest.setdefault(row.indicator_id, row)
    targets = {
        (row.indicator_id, row.year): row
        for row in session.execute(targets_query, {"region_id": region_id, "ids": ids}).all()
    }
    return [_financial_goal(i, latest.get(i.id), targets) for i in indicators]


@lru_cache(maxsize=256)
def _financial_queries(viewer: Viewer, whenever: bool) -> tuple[Select, Select, Select]:
    """The queries of `financial_goals`, built once per viewer (and whether outcomes are
    limited by the parameter `until`): the indicators; their outcomes and their targets
    (parameters `region_id` and the indicators' `ids`)."""
    ids = bindparam("ids", expanding=True)
    indicators = (
        scoped(Indicator, viewer, Indicator.id, Indicator.code, Indicator.name, Indicator.unit,
               Indicator.direction)
        .where(Indicator.id.in_(_financial_indicators(viewer)))
        .order_by(Indicator.code)
    )
    outcomes = (
        scoped(Measurement, viewer, Measurement.indicator_id, Measurement.period,
               Measurement.period_end, Measurement.value_total)
        .where(Measurement.unit_id == bindparam("region_id"), Measurement.indicator_id.in_(ids),
               Measurement.value_total.is_not(None),
               true() if whenever else Measurement.period_end <= bindparam("until"))
        .order_by(Measurement.period_end.desc())
    )
    targets = (
        scoped(Target, viewer, Target.indicator_id, Target.year, Target.value,
               Target.upper_value, Target.tolerance)
        .where(Target.unit_id == bindparam("region_id"), Target.indicator_id.in_(ids))
    )
    return indicators, outcomes, targets


def _financial_goal(indicator, outcome, targets: dict) -> FinancialGoal:
    """A FinancialGoal from an indicator row, its latest outcome row and the targets by year."""
    target = outcome and targets.get((indicator.id, outcome.period_end.year))
    return FinancialGoal(
        indicator.code, indicator.name, indicator.unit, indicator.direction,
        outcome.period if outcome else None, outcome.value_total if outcome else None,
        target.value if target else None, target.upper_value if target else None,
        (target.tolerance or 0.0) if target else 0.0,
    )


def own_namnd_code(session: Session, viewer: Viewer) -> str | None:
    """The code of the one nämnd a nämnd member belongs to: where their economy links lead
    (None for every other viewer, and for a member of several nämnder)."""
    if viewer.sees_everything or len(viewer.namnd_ids) != 1:
        return None
    return session.scalar(scoped(OrgUnit, viewer, OrgUnit.code)
                          .where(OrgUnit.id == viewer.namnd_ids[0]))
