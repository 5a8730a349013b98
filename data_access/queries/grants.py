"""Riktade statsbidrag: each grant of a year with its unit and nämnd, and the nämnder to choose.

A grant belongs to a unit, so it is unit detail: ledning and admin see every grant, nämnd
members their own nämnders' grants (and any booked on a nämnd or the region itself), the
public none (filters.visible_unit_detail through `scoped`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, true
from sqlalchemy.orm import Session, aliased

from data_access.models import GrantReport, OrgUnit, StateGrant
from data_access.scope import Viewer

from .filters import scoped, visible_unit_detail

NAMND_LEVEL = "namnd"


@dataclass(frozen=True)
class Namnd:
    """A nämnd as the pages name and choose it."""

    id: int
    code: str
    name: str


@dataclass(frozen=True)
class Grant:
    """One riktat statsbidrag, amounts in tkr."""

    code: str
    name: str
    purpose: str
    unit_code: str
    unit_name: str
    namnd: Namnd | None  # None for a grant booked on the region itself
    year: int
    received_tkr: float
    used_tkr: float
    deadline: dt.date
    updated_on: dt.date
    conditions: str = ""
    agency: str = ""

    @property
    def remaining_tkr(self) -> float:
        return self.received_tkr - self.used_tkr


def detail_namnder(viewer: Viewer) -> ColumnElement[bool]:
    """SQL: nämnder whose units' details the viewer sees: every one for ledning, own for members."""
    own = true() if viewer.sees_everything else OrgUnit.id.in_(viewer.namnd_ids)
    return (OrgUnit.level == NAMND_LEVEL) & visible_unit_detail(viewer) & own


def find_namnd(session: Session, viewer: Viewer, code: str) -> Namnd | None:
    """The nämnd with this code (reference data, the same for every known viewer), or None."""
    row = session.execute(
        scoped(OrgUnit, viewer, OrgUnit.id, OrgUnit.code, OrgUnit.name)
        .where(OrgUnit.level == NAMND_LEVEL, OrgUnit.code == code)
    ).first()
    return None if row is None else Namnd(*row)


def namnder_with_detail(session: Session, viewer: Viewer) -> list[Namnd]:
    """The nämnder whose units' grants and measures the viewer may see, in the region's order."""
    rows = session.execute(
        scoped(OrgUnit, viewer, OrgUnit.id, OrgUnit.code, OrgUnit.name)
        .where(detail_namnder(viewer))
        .order_by(OrgUnit.sort_order, OrgUnit.name)
    ).all()
    return [Namnd(*row) for row in rows]


def years_of(session: Session, viewer: Viewer, model) -> list[int]:
    """The years of `model`'s rows (grants or measures) the viewer may see, newest first."""
    years = session.execute(
        scoped(model, viewer, model.year).group_by(model.year).order_by(model.year.desc())
    ).scalars()
    return list(years)


def of_units(model, viewer: Viewer, year: int, namnd_id: int | None, *columns,
             unit_id: int | None = None) -> Select:
    """SELECT `columns` of `model`'s rows of `year` (of one nämnd, or one unit, if given),
    then their unit's code and name and their nämnd's id, code and name; in the nämnder's
    order."""
    unit, namnd = OrgUnit, aliased(OrgUnit)
    query = (
        scoped(model, viewer, *columns, unit.code, unit.name, namnd.id, namnd.code, namnd.name)
        .join(unit, unit.id == model.unit_id)
        .outerjoin(namnd, namnd.id == unit.namnd_id)
        .where(model.year == year)
        .order_by(namnd.id.is_(None), namnd.sort_order)
    )
    if unit_id is not None:
        query = query.where(unit.id == unit_id)
    return query if namnd_id is None else query.where(unit.namnd_id == namnd_id)


def unit_and_namnd(unit_code, unit_name, namnd_id, namnd_code, namnd_name) -> tuple:
    """(unit code, unit name, Namnd or None) from the last columns of an `of_units` row."""
    return unit_code, unit_name, _namnd(namnd_id, namnd_code, namnd_name)


def grant_years(session: Session, viewer: Viewer) -> list[int]:
    """The years with grants the viewer may see, newest first."""
    return years_of(session, viewer, StateGrant)


def grants(session: Session, viewer: Viewer, year: int, namnd_id: int | None = None) -> list[Grant]:
    """The year's grants the viewer may see (of one nämnd if given), by nämnd, then name."""
    rows = session.execute(
        of_units(StateGrant, viewer, year, namnd_id, StateGrant.code, StateGrant.name,
                 StateGrant.purpose, StateGrant.year, StateGrant.received_tkr,
                 StateGrant.used_tkr, StateGrant.deadline, StateGrant.updated_on,
                 StateGrant.conditions, StateGrant.agency)
        .order_by(StateGrant.name, StateGrant.code)
    )
    return [Grant(code, name, purpose or "", *unit_and_namnd(*where), year, float(received),
                  float(used), deadline, updated_on, conditions or "", agency or "")
            for (code, name, purpose, year, received, used, deadline, updated_on, conditions,
                 agency, *where) in rows]


# --- Reports to the granting agency ---------------------------------------------------------


@dataclass(frozen=True)
class GrantReportRow:
    """A report owed on a grant to the agency that gave it, and whether it was submitted."""

    grant_code: str
    grant_name: str
    agency: str
    unit_name: str
    namnd: Namnd | None
    title: str
    due_on: dt.date
    submitted_on: dt.date | None
    comment: str

    def overdue(self, today: dt.date) -> bool:
        """Not submitted and its last day has passed."""
        return is_overdue_report(self.due_on, self.submitted_on, today)


def is_overdue_report(due_on: dt.date, submitted_on: dt.date | None, today: dt.date) -> bool:
    """The rule for an overdue report: not submitted, and its last day is before `today`."""
    return submitted_on is None and due_on < today


def grant_reports(session: Session, viewer: Viewer, namnd_id: int | None = None,
                  overdue_on: dt.date | None = None,
                  year: int | None = None) -> list[GrantReportRow]:
    """The reports owed on the grants the viewer may see (of one nämnd, of one year's grants,
    only those overdue on `overdue_on`: each if given), by due date, then grant."""
    r, unit, namnd = GrantReport, OrgUnit, aliased(OrgUnit)
    query = (
        scoped(r, viewer, StateGrant.code, StateGrant.name, StateGrant.agency, unit.name,
               r.title, r.due_on, r.submitted_on, r.comment, namnd.id, namnd.code, namnd.name)
        .join(StateGrant, StateGrant.id == r.grant_id)
        .join(unit, unit.id == StateGrant.unit_id)
        .outerjoin(namnd, namnd.id == unit.namnd_id)
        .order_by(r.due_on, StateGrant.name, StateGrant.code)
    )
    if namnd_id is not None:
        query = query.where(unit.namnd_id == namnd_id)
    if overdue_on is not None:
        query = query.where(r.submitted_on.is_(None), r.due_on < overdue_on)
    if year is not None:
        query = query.where(StateGrant.year == year)
    return [GrantReportRow(code, name, agency or "", unit_name, _namnd(*where), title, due_on,
                           submitted_on, comment or "")
            for code, name, agency, unit_name, title, due_on, submitted_on, comment, *where
            in session.execute(query)]


def _namnd(id_, code, name) -> Namnd | None:
    return None if id_ is None else Namnd(id_, code, name)
