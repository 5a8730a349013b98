"""One indicator in detail: its facts, linked goals, values over time, targets, Kolada
comparisons and the latest value of every unit that reports it at a follow-up.

Values are shown only at units whose own figures the viewer may see (region and nämnd level,
and a nämnd member's own units): a published indicator's values are public anywhere, but this
page compares units, and a member compares within their own nämnder and at nämnd level only.
Follow-up periods and their URL keys (`2026-DELAR`) come from `goals`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import Select, and_, bindparam, case, extract, func
from sqlalchemy.orm import Session

from data_access.models import (
    GOAL_KINDS,
    UNIT_LEVELS,
    ComparisonMeasurement,
    Goal,
    Indicator,
    Measurement,
    OrgUnit,
    OrgUnitClosure,
    Target,
    goal_indicators,
)
from data_access.rollup import WINDOW_MONTHS, months_before
from data_access.scope import Viewer
from data_access.status import indicator_status

from .filters import scoped, visible_unit_detail
from .goals import FollowUp


def window_start(followup: FollowUp) -> dt.date:
    """The day before the first day an outcome counts for the follow-up (as in the roll-up)."""
    return months_before(followup.end_date, WINDOW_MONTHS)


# --- The indicator and where it is used ---------------------------------------------------


@dataclass(frozen=True)
class IndicatorInfo:
    """An indicator's facts."""

    id: int
    code: str
    name: str
    description: str
    unit: str
    direction: str
    frequency: str
    source: str
    by_sex: bool
    long_term: bool


@dataclass(frozen=True)
class LinkedGoal:
    """A goal an indicator measures, with the unit that owns it."""

    code: str
    title: str
    kind: str
    owner_code: str
    owner_name: str


@dataclass(frozen=True)
class UnitRef:
    """An organisational unit by code, name and level."""

    id: int
    code: str
    name: str
    level: str


def indicator_by_code(session: Session, viewer: Viewer, code: str) -> IndicatorInfo | None:
    """The indicator with this code, if the viewer may see it."""
    i = Indicator
    row = session.execute(
        scoped(Indicator, viewer, i.id, i.code, i.name, i.description, i.unit, i.direction,
               i.frequency, i.source, i.by_sex, i.long_term)
        .where(i.code == code)
    ).first()
    return None if row is None else IndicatorInfo(*row[:8], bool(row.by_sex), bool(row.long_term))


def _kind_order():
    """SQL: a goal's depth in the styrkedja (målbild 0 … enhetsmål 5), for ordering."""
    return case({kind: n for n, kind in enumerate(GOAL_KINDS)}, value=Goal.kind)


def _level_order(column):
    """SQL: a unit level's depth (region 0 … enhet 4), for ordering."""
    return case({level: n for n, level in enumerate(UNIT_LEVELS)}, value=column)


def linked_goals(session: Session, viewer: Viewer, indicator_id: int) -> list[LinkedGoal]:
    """The goals the viewer may see that the indicator measures, highest level first."""
    rows = session.execute(_linked_goals_query(viewer), {"indicator_id": indicator_id}).all()
    return [LinkedGoal(*row) for row in rows]


@lru_cache(maxsize=256)
def _linked_goals_query(viewer: Viewer) -> Select:
    """The query of `linked_goals` (parameter `indicator_id`), built once per viewer."""
    return (
        scoped(Goal, viewer, Goal.code, Goal.title, Goal.kind, OrgUnit.code, OrgUnit.name)
        .join(goal_indicators, goal_indicators.c.goal_id == Goal.id)
        .join(OrgUnit, OrgUnit.id == Goal.owner_unit_id)
        .where(goal_indicators.c.indicator_id == bindparam("indicator_id"))
        .order_by(_kind_order(), Goal.sort_order, Goal.code)
    )


def _detail_units(viewer: Viewer, column):
    """SQL: `column` is a unit whose own figures the viewer may see."""
    return column.in_(scoped(OrgUnit, viewer, OrgUnit.id).where(visible_unit_detail(viewer)))


def unit_by_code(session: Session, viewer: Viewer, code: str) -> UnitRef | None:
    """The unit with this code, if the viewer may see its own figures."""
    row = session.execute(
        scoped(OrgUnit, viewer, OrgUnit.id, OrgUnit.code, OrgUnit.name, OrgUnit.level)
        .where(OrgUnit.code == code, visible_unit_detail(viewer))
    ).first()
    return None if row is None else UnitRef(*row)


def region_unit(session: Session, viewer: Viewer) -> UnitRef | None:
    """The region itself (the root of the organisation)."""
    row = session.execute(
        scoped(OrgUnit, viewer, OrgUnit.id, OrgUnit.code, OrgUnit.name, OrgUnit.level)
        .where(OrgUnit.level == "region")
        .order_by(OrgUnit.id)
        .limit(1)
    ).first()
    return None if row is None else UnitRef(*row)


def _values(viewer: Viewer, *columns):
    """SELECT from the measurements the viewer may see at units whose figures they may see."""
    return scoped(Measurement, viewer, *columns).where(_detail_units(viewer, Measurement.unit_id))


def reporting_units(session: Session, viewer: Viewer, indicator_id: int) -> list[UnitRef]:
    """The units with values of the indicator the viewer may see, by level and name."""
    reporting = _values(viewer, Measurement.unit_id).where(
        Measurement.indicator_id == indicator_id
    )
    rows = session.execute(
        scoped(OrgUnit, viewer, OrgUnit.id, OrgUnit.code, OrgUnit.name, OrgUnit.level)
        .where(OrgUnit.id.in_(reporting))
        .order_by(_level_order(OrgUnit.level), OrgUnit.sort_order, OrgUnit.name)
    ).all()
    return [UnitRef(*row) for row in rows]


# --- Values over time -------------------------------------------------------------------


@dataclass(frozen=True)
class Value:
    """An outcome for a period, in total and for women and men."""

    period: str
    period_end: dt.date
    total: float | None
    women: float | None
    men: float | None
    source: str


@dataclass(frozen=True)
class TargetValue:
    """A målvärde for a year with its tolerance (`upper` for a band), and where it was set."""

    year: int
    value: float
    upper: float | None
    tolerance: float
    set_at: str  # the code of the unit whose target applies


def unit_series(session: Session, viewer: Viewer, indicator_id: int, unit_id: int,
                upto: dt.date | None = None) -> list[Value]:
    """The indicator's values at the unit, oldest first, up to a date if given."""
    m = Measurement
    query = _values(viewer, m.period, m.period_end, m.value_total, m.value_women, m.value_men,
                    m.source).where(m.indicator_id == indicator_id, m.unit_id == unit_id)
    if upto is not None:
        query = query.where(m.period_end <= upto)
    rows = session.execute(query.order_by(m.period_end, m.period)).all()
    return [Value(*row) for row in rows]


def _targets_by_nearness(viewer: Viewer, indicator_id: int, *columns):
    """SELECT targets of the indicator joined to every unit below the unit they are set at."""
    c = OrgUnitClosure
    return (
        scoped(Target, viewer, *columns)
        .join(c, c.ancestor_id == Target.unit_id)
        .join(OrgUnit, OrgUnit.id == Target.unit_id)
        .where(Target.indicator_id == indicator_id)
    )


def unit_targets(session: Session, viewer: Viewer, indicator_id: int,
                 unit_id: int) -> dict[int, TargetValue]:
    """year -> the målvärde that applies at the unit: its own, else its nearest ancestor's."""
    rows = session.execute(_unit_targets_query(viewer),
                           {"indicator_id": indicator_id, "unit_id": unit_id}).all()
    targets: dict[int, TargetValue] = {}
    for year, value, upper, tolerance, set_at in rows:
        targets.setdefault(year, TargetValue(year, value, upper, tolerance or 0.0, set_at))
    return targets


@lru_cache(maxsize=256)
def _unit_targets_query(viewer: Viewer) -> Select:
    """The query of `unit_targets` (parameters `indicator_id`, `unit_id`), built once per
    viewer."""
    t, c = Target, OrgUnitClosure
    return (
        _targets_by_nearness(viewer, bindparam("indicator_id"), t.year, t.value, t.upper_value,
                             t.tolerance, OrgUnit.code)
        .where(c.descendant_id == bindparam("unit_id"))
        .order_by(t.year, c.depth)
    )


@dataclass(frozen=True)
class ComparisonSeries:
    """Values of an area outside the organisation (Kolada: riket, neighbouring regions)."""

    area_code: str
    area_name: str
    values: tuple[tuple[str, float], ...]  # (period, value_total), oldest first


def comparison_series(session: Session, viewer: Viewer, indicator_id: int,
                      upto_year: int | None = None) -> list[ComparisonSeries]:
    """The indicator's comparison areas (riket 0000 first), each with its yearly totals."""
    cm = ComparisonMeasurement
    query = scoped(ComparisonMeasurement, viewer, cm.area_code, cm.area_name, cm.period,
                   cm.value_total).where(cm.indicator_id == indicator_id,
                                         cm.value_total.is_not(None))
    if upto_year is not None:
        query = query.where(cm.period <= str(upto_year))
    areas: dict[tuple[str, str], list] = {}
    for code, name, period, value in session.execute(query.order_by(cm.area_code, cm.period)):
        areas.setdefault((code, name), []).append((period, value))
    return [ComparisonSeries(code, name, tuple(values)) for (code, name), values in areas.items()]


def organisation_years(session: Session, viewer: Viewer, indicator_id: int,
                       upto_year: int | None = None) -> dict[str, float]:
    """The organisation's own yearly totals (period -> value) at its root unit, which is
    where the Kolada import puts its own area's values: what its comparisons rank."""
    m = Measurement
    query = (scoped(m, viewer, m.period, m.value_total)
             .join(OrgUnit, OrgUnit.id == m.unit_id)
             .where(m.indicator_id == indicator_id, OrgUnit.level == "region",
                    func.length(m.period) == 4, m.value_total.is_not(None)))
    if upto_year is not None:
        query = query.where(m.period <= str(upto_year))
    return dict(session.execute(query.order_by(m.period)).all())


# --- Every reporting unit at a follow-up --------------------------------------------------


@dataclass(frozen=True)
class UnitValue:
    """A unit's latest outcome at a follow-up, with the målvärde for that outcome's year."""

    code: str
    name: str
    level: str
    period: str
    value: float
    target: float | None
    upper: float | None
    tolerance: float | None
    target_set_at: str | None  # the name of the unit the målvärde is set for
    direction: str

    @property
    def status(self) -> str:
        """The traffic light of the outcome against the target."""
        return indicator_status(self.value, self.target, direction=self.direction,
                                tolerance=self.tolerance or 0.0, upper=self.upper)


def latest_values(session: Session, viewer: Viewer, indicator: IndicatorInfo,
                  followup: FollowUp, unit_id: int | None = None) -> list[UnitValue]:
    """Each unit's latest outcome in the follow-up's twelve-month window, with its target.

    As in the roll-up: the latest value ending in (end − 12 months, end], compared with the
    målvärde for the value's year set at the unit or else at its nearest ancestor.
    `unit_id` limits the answer to one unit.
    """
    m, c = Measurement, OrgUnitClosure
    newest_first = func.row_number().over(
        partition_by=m.unit_id, order_by=(m.period_end.desc(), m.id.desc())
    )
    in_window = (
        m.indicator_id == indicator.id,
        m.period_end > window_start(followup),
        m.period_end <= followup.end_date,
        m.value_total.is_not(None),
        *((m.unit_id == unit_id,) if unit_id is not None else ()),
    )
    latest = _values(viewer, m.unit_id, m.period, m.period_end, m.value_total,
                     newest_first.label("rank")).where(*in_window).subquery()
    nearest_first = func.row_number().over(
        partition_by=(c.descendant_id, Target.year), order_by=c.depth
    )
    targets = _targets_by_nearness(
        viewer, indicator.id, c.descendant_id.label("unit_id"), Target.year, Target.value,
        Target.upper_value, Target.tolerance, OrgUnit.name.label("set_at"),
        nearest_first.label("rank"),
    ).where(
        Target.year.in_(range(window_start(followup).year, followup.end_date.year + 1)),
        # Only for the units with a value, not for every unit below the one a target is set at.
        c.descendant_id.in_(_values(viewer, m.unit_id).where(*in_window)),
    ).subquery()
    rows = session.execute(
        scoped(OrgUnit, viewer, OrgUnit.code, OrgUnit.name, OrgUnit.level, latest.c.period,
               latest.c.value_total, targets.c.value, targets.c.upper_value, targets.c.tolerance,
               targets.c.set_at)
        .join(latest, and_(latest.c.unit_id == OrgUnit.id, latest.c.rank == 1))
        .outerjoin(targets, and_(
            targets.c.unit_id == OrgUnit.id,
            targets.c.year == extract("year", latest.c.period_end),
            targets.c.rank == 1,
        ))
        .order_by(_level_order(OrgUnit.level), OrgUnit.sort_order, OrgUnit.name)
    ).all()
    return [UnitValue(*row, direction=indicator.direction) for row in rows]
