"""Resultatförbättrande åtgärder: each measure of a year with its unit and nämnd, its effect
month by month (tkr and årsarbetare), and the quality indicators watched for it.

A measure belongs to a unit, so it is unit detail, scoped like the grants: ledning and admin
see all, nämnd members their own nämnders' measures, the public none. Its months and watched
indicators follow the measure (filters.ROW_RULES); a watched indicator's value and target are
read as the viewer may see them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, and_, func
from sqlalchemy.orm import Session, aliased

from data_access.models import (
    Indicator,
    LatestMeasurement,
    MeasureIndicator,
    MeasureMonth,
    OrgUnit,
    OrgUnitClosure,
    SavingMeasure,
    Target,
)
from data_access.scope import Viewer
from data_access.status import RED, indicator_status

from .filters import scoped
from .grants import Namnd, of_units, unit_and_namnd, years_of


@dataclass(frozen=True)
class Decision:
    """Where the measure was decided: diarienummer, paragraph and date (any may be missing)."""

    dnr: str
    paragraph: str
    decided_on: dt.date | None


@dataclass(frozen=True)
class Measure:
    """One resultatförbättrande åtgärd; effects in tkr (a saving or extra revenue is positive)."""

    code: str
    title: str
    unit_code: str
    unit_name: str
    namnd: Namnd | None  # None for a measure booked on the region itself
    year: int
    planned_tkr: float
    achieved_tkr: float
    status: str  # planerad, pagaende, genomford, avbruten
    comment: str
    decision: Decision = Decision("", "", None)
    responsible: str = ""
    alternatives: str = ""

    @property
    def shortfall_tkr(self) -> float:
        """Planned effect not (yet) achieved; negative when more was achieved than planned."""
        return self.planned_tkr - self.achieved_tkr


def measure_years(session: Session, viewer: Viewer) -> list[int]:
    """The years with measures the viewer may see, newest first."""
    return years_of(session, viewer, SavingMeasure)


def measures(session: Session, viewer: Viewer, year: int, namnd_id: int | None = None,
             unit_id: int | None = None) -> list[Measure]:
    """The year's measures the viewer may see (of one nämnd, or one unit, if given), by nämnd,
    then title."""
    s = SavingMeasure
    rows = session.execute(
        of_units(s, viewer, year, namnd_id, s.code, s.title, s.year, s.planned_effect_tkr,
                 s.achieved_effect_tkr, s.status, s.comment, s.decision_dnr,
                 s.decision_paragraph, s.decided_on, s.responsible, s.alternatives,
                 unit_id=unit_id)
        .order_by(s.title, s.code)
    )
    return [Measure(code, title, *unit_and_namnd(*where), year, float(planned), float(achieved),
                    status, comment or "", Decision(dnr or "", paragraph or "", decided_on),
                    responsible or "", alternatives or "")
            for (code, title, year, planned, achieved, status, comment, dnr, paragraph,
                 decided_on, responsible, alternatives, *where) in rows]


def _chosen(query: Select, measure_id, year: int, namnd_id: int | None) -> Select:
    """`query` joined to the measures (by its `measure_id` column) of the year, and of the
    nämnd if given."""
    query = query.join(SavingMeasure, SavingMeasure.id == measure_id).where(
        SavingMeasure.year == year)
    if namnd_id is None:
        return query
    unit = aliased(OrgUnit)
    return query.join(unit, unit.id == SavingMeasure.unit_id).where(unit.namnd_id == namnd_id)


# --- Month by month -----------------------------------------------------------------------


@dataclass(frozen=True)
class MonthEffect:
    """The effect of one month (summed over measures, or of one measure): planned and achieved
    in tkr and in årsarbetare; achieved None when no measure has reported the month."""

    month: int
    planned_tkr: float
    achieved_tkr: float | None
    planned_fte: float
    achieved_fte: float | None


def month_effects(session: Session, viewer: Viewer, year: int,
                  namnd_id: int | None = None) -> list[MonthEffect]:
    """The year's effect per month, summed over the measures the viewer may see (of one
    nämnd if given), in month order; only months some measure has planned or reported."""
    mm = MeasureMonth
    rows = session.execute(_chosen(
        scoped(mm, viewer, mm.month, func.sum(mm.planned_tkr), func.sum(mm.achieved_tkr),
               func.sum(mm.planned_fte), func.sum(mm.achieved_fte)), mm.measure_id, year,
        namnd_id)
        .group_by(mm.month).order_by(mm.month)
    ).all()
    return [MonthEffect(month, float(planned), _number(achieved), float(fte or 0),
                        _number(achieved_fte))
            for month, planned, achieved, fte, achieved_fte in rows]


def measure_months(session: Session, viewer: Viewer, year: int,
                   namnd_id: int | None = None) -> dict[str, list[MonthEffect]]:
    """Each measure's (by code) months, in month order."""
    mm = MeasureMonth
    rows = session.execute(_chosen(
        scoped(mm, viewer, SavingMeasure.code, mm.month, mm.planned_tkr,
               mm.achieved_tkr, mm.planned_fte, mm.achieved_fte), mm.measure_id, year, namnd_id)
        .order_by(SavingMeasure.code, mm.month)
    ).all()
    found: dict[str, list[MonthEffect]] = {}
    for code, month, planned, achieved, fte, achieved_fte in rows:
        found.setdefault(code, []).append(
            MonthEffect(month, float(planned), _number(achieved), float(fte or 0),
                        _number(achieved_fte)))
    return found


def _number(value) -> float | None:
    return None if value is None else float(value)


# --- Watched quality indicators -------------------------------------------------------------


@dataclass(frozen=True)
class Watched:
    """A quality indicator watched for a measure, at a unit: its latest outcome against the
    målvärde for that outcome's year (its own unit's or the nearest above)."""

    measure_code: str
    indicator_code: str
    indicator_name: str
    indicator_unit: str  # what the value is in: "%", "dagar", …
    unit_code: str
    unit: str  # the unit's name
    consequence: str
    direction: str
    period: str | None
    value: float | None
    target: float | None
    upper: float | None
    tolerance: float | None

    @property
    def status(self) -> str:
        return indicator_status(self.value, self.target, direction=self.direction,
                                tolerance=self.tolerance or 0.0, upper=self.upper)

    @property
    def red(self) -> bool:
        return self.status == RED


def watched_indicators(session: Session, viewer: Viewer, year: int,
                       namnd_id: int | None = None) -> list[Watched]:
    """The quality indicators watched for the year's measures the viewer may see (of one nämnd
    if given), by measure code, then indicator code."""
    mi, lm, c = MeasureIndicator, LatestMeasurement, OrgUnitClosure
    unit = aliased(OrgUnit)
    watched_unit = func.coalesce(mi.unit_id, SavingMeasure.unit_id)
    nearest = func.row_number().over(
        partition_by=(Target.indicator_id, c.descendant_id, Target.year), order_by=c.depth)
    targets = (
        scoped(Target, viewer, Target.indicator_id, c.descendant_id.label("unit_id"),
               Target.year, Target.value, Target.upper_value, Target.tolerance,
               nearest.label("rank"))
        .join(c, c.ancestor_id == Target.unit_id)
        .where(Target.indicator_id.in_(scoped(mi, viewer, mi.indicator_id)))
        .subquery()
    )
    rows = session.execute(_chosen(
        scoped(mi, viewer, SavingMeasure.code, Indicator.code, Indicator.name, Indicator.unit,
               unit.code, unit.name,
               mi.consequence, Indicator.direction, lm.period, lm.value_total, targets.c.value,
               targets.c.upper_value, targets.c.tolerance), mi.measure_id, year, namnd_id)
        .join(Indicator, Indicator.id == mi.indicator_id)
        .join(unit, unit.id == watched_unit)
        .outerjoin(lm, and_(lm.indicator_id == mi.indicator_id, lm.unit_id == watched_unit))
        .outerjoin(targets, and_(targets.c.indicator_id == mi.indicator_id,
                                 targets.c.unit_id == watched_unit,
                                 targets.c.year == func.extract("year", lm.period_end),
                                 targets.c.rank == 1))
        .order_by(SavingMeasure.code, Indicator.code)
    ).all()
    return [Watched(*names, consequence or "", direction, period, _number(value),
                    _number(target), _number(upper), _number(tolerance))
            for *names, consequence, direction, period, value, target, upper, tolerance in rows]
