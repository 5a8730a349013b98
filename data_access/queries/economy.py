"""Economy: budget against utfall for the year to date, for the region, per nämnd and per unit.

Amounts are signed (revenue positive, costs negative), so utfall − budget is negative when
things went worse than planned. The public sees no economy; nämnd members see the region's
and every nämnd's totals, and figures below nämnd level for their own nämnder only.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, case, func
from sqlalchemy.orm import Session, aliased

from data_access.models import EconomyEntry, OrgUnit, OrgUnitClosure
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


@dataclass(frozen=True)
class NamndYearToDate:
    """One nämnd's year to date; `namnd` is None for units under no nämnd (e.g. tax revenue)."""

    namnd: str | None
    totals: YearToDate


def latest_utfall_month(session: Session, viewer: Viewer) -> tuple[int, int] | None:
    """(year, month) of the latest month with any utfall the viewer may see, or None."""
    row = session.execute(
        scoped(EconomyEntry, viewer, EconomyEntry.year, EconomyEntry.month, totals=True)
        .where(EconomyEntry.kind == "utfall")
        .order_by(EconomyEntry.year.desc(), EconomyEntry.month.desc())
        .limit(1)
    ).first()
    return None if row is None else (row.year, row.month)


def _sum_of(kind: str):
    """SQL sum of the amounts of one kind (budget or utfall), 0 when there are none."""
    return func.coalesce(func.sum(case((EconomyEntry.kind == kind, EconomyEntry.amount_tkr))), 0)


def _totals_to_date(viewer: Viewer, year: int, month: int, *columns) -> Select:
    """SELECT columns, utfall and budget for January to `month`: group at nämnd level at most."""
    sums = (_sum_of("utfall"), _sum_of("budget"))
    return scoped(EconomyEntry, viewer, *columns, *sums, totals=True).where(
        EconomyEntry.year == year,
        EconomyEntry.month <= month,
        EconomyEntry.kind.in_(("utfall", "budget")),
    )


def budget_deviation(session: Session, viewer: Viewer) -> YearToDate | None:
    """The whole region's utfall and budget to the latest month with utfall, or None."""
    latest = latest_utfall_month(session, viewer)
    if latest is None:
        return None
    utfall, budget = session.execute(_totals_to_date(viewer, *latest)).one()
    return YearToDate(*latest, float(utfall), float(budget))


def budget_deviation_by_namnd(session: Session, viewer: Viewer) -> list[NamndYearToDate]:
    """Each nämnd's utfall and budget to the latest month with utfall, in the nämnder's order,
    then the amounts booked under no nämnd (namnd None), so the rows add up to the region."""
    latest = latest_utfall_month(session, viewer)
    if latest is None:
        return []
    unit, namnd = OrgUnit, aliased(OrgUnit)
    rows = session.execute(
        _totals_to_date(viewer, *latest, namnd.name)
        .join(unit, unit.id == EconomyEntry.unit_id)
        .outerjoin(namnd, namnd.id == unit.namnd_id)
        .group_by(namnd.id, namnd.name, namnd.sort_order)
        .order_by(namnd.id.is_(None), namnd.sort_order, namnd.name)
    ).all()
    return [NamndYearToDate(name, YearToDate(*latest, float(u), float(b))) for name, u, b in rows]


def unit_economy(session: Session, viewer: Viewer, unit_code: str) -> YearToDate | None:
    """A unit's utfall and budget with its subtree's, to date; None if hidden from the viewer."""
    latest = latest_utfall_month(session, viewer)
    if latest is None:
        return None
    # Totals are fine here: the unit is region or nämnd level, or the viewer's own unit.
    unit = scoped(OrgUnit, viewer, OrgUnit.id).where(
        OrgUnit.code == unit_code, visible_unit_detail(viewer)
    )
    row = session.execute(
        _totals_to_date(viewer, *latest)
        .join(OrgUnitClosure, OrgUnitClosure.descendant_id == EconomyEntry.unit_id)
        .where(OrgUnitClosure.ancestor_id.in_(unit))
        .group_by(OrgUnitClosure.ancestor_id)
    ).first()
    return None if row is None else YearToDate(*latest, float(row[0]), float(row[1]))
