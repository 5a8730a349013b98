"""Internal control: open risks with a high riskvärde, and the number of risks per nämnd."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data_access.models import OrgUnit, Risk
from data_access.scope import Viewer

from .filters import visible_risks

HIGH_RISK_VALUE = 9  # riskvärde (sannolikhet × konsekvens) from which a risk counts as high


@dataclass(frozen=True)
class RiskCount:
    """How many risks of a year match, e.g. open risks with riskvärde ≥ 9."""

    year: int
    count: int


@dataclass(frozen=True)
class NamndRisks:
    """One nämnd's risks of a year: all, open, and open with a high riskvärde."""

    namnd: str
    total: int
    open: int
    open_high: int


def latest_risk_year(session: Session, viewer: Viewer) -> int | None:
    """The latest year with a riskanalys the viewer may see, or None."""
    return session.execute(select(func.max(Risk.year)).where(visible_risks(viewer))).scalar()


def _is_open_high():
    """SQL: the risk is open and its riskvärde is at least HIGH_RISK_VALUE."""
    return (Risk.status == "oppen") & (Risk.probability * Risk.consequence >= HIGH_RISK_VALUE)


def open_high_risks(session: Session, viewer: Viewer) -> RiskCount | None:
    """Open risks with riskvärde ≥ 9 in the latest year, among those the viewer may see."""
    year = latest_risk_year(session, viewer)
    if year is None:
        return None
    count = session.execute(
        select(func.count()).where(Risk.year == year, _is_open_high(), visible_risks(viewer))
    ).scalar_one()
    return RiskCount(year, count)


def risks_by_namnd(session: Session, viewer: Viewer) -> tuple[int | None, list[NamndRisks]]:
    """The latest year and, per nämnd the viewer may see, its risks of that year."""
    year = latest_risk_year(session, viewer)
    if year is None:
        return None, []
    rows = session.execute(
        select(
            OrgUnit.name,
            func.count(),
            func.count().filter(Risk.status == "oppen"),
            func.count().filter(_is_open_high()),
        )
        .join(OrgUnit, OrgUnit.id == Risk.namnd_id)
        .where(Risk.year == year, visible_risks(viewer))
        .group_by(OrgUnit.id, OrgUnit.name, OrgUnit.sort_order)
        .order_by(OrgUnit.sort_order, OrgUnit.name)
    ).all()
    return year, [NamndRisks(*row) for row in rows]
