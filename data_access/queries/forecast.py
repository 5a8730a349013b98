"""Prognossäkerhet: per nämnd, each month's full-year prognos of a closed year and the outcome.

A closed year has utfall for all twelve months. The prognos made in a month is the sum of that
month's prognos rows over the nämnd's units; the outcome is the sum of the year's utfall.
Both are read from the nämnd units' subtree totals, which every economy viewer may see for
every nämnd. Amounts booked under no nämnd (skatter och generella statsbidrag on the region
itself) are left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, func
from sqlalchemy.orm import Session

from data_access.models import EconomyTotal, OrgUnit
from data_access.scope import Viewer

from .filters import scoped

MONTHS_IN_YEAR = 12
FORECAST_KINDS = ("prognos", "utfall")


@dataclass(frozen=True)
class NamndForecasts:
    """One nämnd's closed year: the outcome and the full-year prognos made in each month (tkr)."""

    code: str
    name: str
    outcome_tkr: float
    forecasts_tkr: dict[int, float]  # the month a prognos was made -> that prognos


def _namnd_totals(viewer: Viewer, *columns) -> Select:
    """SELECT `columns` FROM the nämnd units' subtree totals (joined to their OrgUnit)."""
    return (scoped(EconomyTotal, viewer, *columns)
            .join(OrgUnit, OrgUnit.id == EconomyTotal.unit_id)
            .where(OrgUnit.level == "namnd"))


def closed_years(session: Session, viewer: Viewer) -> list[int]:
    """Years with utfall in all twelve months, newest first (none for viewers without economy)."""
    t = EconomyTotal
    years = session.execute(
        _namnd_totals(viewer, t.year)
        .where(t.kind == "utfall")
        .group_by(t.year)
        .having(func.count(func.distinct(t.month)) == MONTHS_IN_YEAR)
        .order_by(t.year.desc())
    ).scalars()
    return list(years)


def namnd_forecasts(session: Session, viewer: Viewer, year: int) -> list[NamndForecasts]:
    """Per nämnd, in the region's order: the year's outcome and each month's prognos."""
    t, namnd = EconomyTotal, OrgUnit
    rows = session.execute(
        _namnd_totals(viewer, namnd.code, namnd.name, t.kind, t.month, func.sum(t.amount_tkr))
        .where(t.year == year, t.kind.in_(FORECAST_KINDS))
        .group_by(namnd.id, namnd.code, namnd.name, namnd.sort_order, t.kind, t.month)
        .order_by(namnd.sort_order, namnd.name, t.month)
    ).all()
    names, outcomes, forecasts = {}, {}, {}
    for code, name, kind, month, amount in rows:
        names[code] = name
        if kind == "utfall":
            outcomes[code] = outcomes.get(code, 0.0) + float(amount)
        else:
            forecasts.setdefault(code, {})[month] = float(amount)
    return [NamndForecasts(code, name, outcomes.get(code, 0.0), forecasts.get(code, {}))
            for code, name in names.items()]
