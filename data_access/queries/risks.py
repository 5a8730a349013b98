"""Internal control: open high risks, risks per nämnd, and one risk with its controls and actions.

Only ledning, admin and the members of the risk's own nämnd see a risk (filters.visible_risks).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy.orm import Session

from data_access.models import ControlPoint, OrgUnit, Process, Risk, RiskAction, action_risks
from data_access.scope import Viewer

from .filters import scoped

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
    return session.execute(scoped(Risk, viewer, func.max(Risk.year))).scalar()


def _is_open_high():
    """SQL: the risk is open and its riskvärde is at least HIGH_RISK_VALUE."""
    return (Risk.status == "oppen") & (Risk.probability * Risk.consequence >= HIGH_RISK_VALUE)


def open_high_risks(session: Session, viewer: Viewer) -> RiskCount | None:
    """Open risks with riskvärde ≥ 9 in the latest year, among those the viewer may see."""
    year = latest_risk_year(session, viewer)
    if year is None:
        return None
    count = session.execute(
        scoped(Risk, viewer, func.count()).where(Risk.year == year, _is_open_high())
    ).scalar_one()
    return RiskCount(year, count)


def risks_by_namnd(session: Session, viewer: Viewer) -> tuple[int | None, list[NamndRisks]]:
    """The latest year and, per nämnd the viewer may see, its risks of that year."""
    year = latest_risk_year(session, viewer)
    if year is None:
        return None, []
    rows = session.execute(
        scoped(
            Risk,
            viewer,
            OrgUnit.name,
            func.count(),
            func.count().filter(Risk.status == "oppen"),
            func.count().filter(_is_open_high()),
        )
        .join(OrgUnit, OrgUnit.id == Risk.namnd_id)
        .where(Risk.year == year)
        .group_by(OrgUnit.id, OrgUnit.name, OrgUnit.sort_order)
        .order_by(OrgUnit.sort_order, OrgUnit.name)
    ).all()
    return year, [NamndRisks(*row) for row in rows]


@dataclass(frozen=True)
class Control:
    """A kontrollmoment: what is checked, how often and by whom."""

    description: str
    frequency: str
    responsible: str


@dataclass(frozen=True)
class Action:
    """An åtgärd against the risk, with owner, due date and status."""

    title: str
    owner: str
    due_date: dt.date
    status: str


@dataclass(frozen=True)
class RiskDetail:
    """One risk of a nämnd's riskanalys with its kontrollmoment and åtgärder."""

    code: str
    title: str
    description: str
    namnd: str
    process: str
    year: int
    probability: int
    consequence: int
    status: str
    in_control_plan: bool
    controls: tuple[Control, ...]
    actions: tuple[Action, ...]

    @property
    def risk_value(self) -> int:
        return self.probability * self.consequence


def _controls(session: Session, viewer: Viewer, risk_id: int) -> tuple[Control, ...]:
    """The kontrollmoment of a risk, in code order."""
    rows = session.execute(
        scoped(ControlPoint, viewer, ControlPoint.description, ControlPoint.frequency,
               ControlPoint.responsible)
        .where(ControlPoint.risk_id == risk_id)
        .order_by(ControlPoint.code)
    ).all()
    return tuple(Control(*row) for row in rows)


def _actions(session: Session, viewer: Viewer, risk_id: int) -> tuple[Action, ...]:
    """The åtgärder against a risk, the earliest due first."""
    rows = session.execute(
        scoped(RiskAction, viewer, RiskAction.title, RiskAction.owner, RiskAction.due_date,
               RiskAction.status)
        .join(action_risks, action_risks.c.action_id == RiskAction.id)
        .where(action_risks.c.risk_id == risk_id)
        .order_by(RiskAction.due_date, RiskAction.code)
    ).all()
    return tuple(Action(*row) for row in rows)


def risk_detail(session: Session, viewer: Viewer, risk_code: str) -> RiskDetail | None:
    """One risk with its controls and actions; None if it is unknown or hidden from the viewer."""
    row = session.execute(
        scoped(Risk, viewer, Risk, OrgUnit.name, Process.name)
        .join(OrgUnit, OrgUnit.id == Risk.namnd_id)
        .join(Process, Process.id == Risk.process_id)
        .where(Risk.code == risk_code)
    ).first()
    if row is None:
        return None
    risk, namnd, process = row
    return RiskDetail(
        risk.code, risk.title, risk.description, namnd, process, risk.year, risk.probability,
        risk.consequence, risk.status, risk.in_control_plan,
        _controls(session, viewer, risk.id), _actions(session, viewer, risk.id),
    )
