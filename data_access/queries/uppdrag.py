"""Uppdrag: the assignments the viewer may see, by the nämnd responsible for them, overdue first.

An uppdrag is overdue (försenat) on a day when its deadline has passed and it is neither klart
nor avbrutet; one its owner has reported as försenat counts as försenat too. The day is given
by the caller (the pages use the date the data was last loaded), so tests can fix it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, case, func, or_
from sqlalchemy.orm import Session, aliased

from data_access.models import UNIT_LEVELS, Goal, OrgUnit, Uppdrag
from data_access.scope import Viewer

from .filters import scoped

CLOSED = ("klart", "avbrutet")
# The order statuses are shown in: what needs attention first.
STATUS_ORDER = ("forsenat", "pagaende", "ej_paborjat", "klart", "avbrutet")

Issuer = aliased(OrgUnit, name="issuer")
Assignee = aliased(OrgUnit, name="assignee")
Namnd = aliased(OrgUnit, name="namnd")


@dataclass(frozen=True)
class UppdragRow:
    """One uppdrag as the page lists it."""

    code: str
    title: str
    description: str
    issuer_name: str
    issuer_level: str
    assignee_code: str
    assignee_name: str
    namnd_code: str
    namnd_name: str
    goal_code: str | None  # None when there is none or the viewer may not see it
    goal_title: str | None
    deadline: dt.date | None
    status: str  # as reported
    comment: str
    overdue: bool  # the deadline has passed and it is not klart or avbrutet
    shown_status: str  # 'forsenat' when overdue or reported so, else the reported status


def _overdue(today: dt.date):
    """SQL: the deadline has passed on `today` and the uppdrag is not klart or avbrutet."""
    return and_(Uppdrag.deadline.is_not(None), Uppdrag.deadline < today,
                Uppdrag.status.not_in(CLOSED))


def _shown_status(today: dt.date):
    """SQL: the status to show: försenat when overdue or reported so, else as reported."""
    return case(
        (Uppdrag.status.in_(CLOSED), Uppdrag.status),
        (or_(Uppdrag.status == "forsenat", _overdue(today)), "forsenat"),
        else_=Uppdrag.status,
    )


def _urgency(shown):
    """SQL: 0 for försenat, 1 for the others still open, 2 for klart and avbrutet."""
    return case((shown == "forsenat", 0), (shown.in_(CLOSED), 2), else_=1)


def _uppdrag(viewer: Viewer, *columns):
    """SELECT the viewer's uppdrag joined to issuer, assignee and the assignee's nämnd."""
    return (
        scoped(Uppdrag, viewer, *columns)
        .join(Issuer, Issuer.id == Uppdrag.issuer_unit_id)
        .join(Assignee, Assignee.id == Uppdrag.assignee_unit_id)
        .outerjoin(Namnd, Namnd.id == Assignee.namnd_id)
    )


def _namnd_code():
    """SQL: the code of the nämnd responsible (the assignee itself if it answers to none)."""
    return func.coalesce(Namnd.code, Assignee.code)


def _namnd_columns():
    """SQL: the responsible nämnd's level, sort order and name (the assignee's if none)."""
    return (func.coalesce(Namnd.level, Assignee.level),
            func.coalesce(Namnd.sort_order, Assignee.sort_order),
            func.coalesce(Namnd.name, Assignee.name))


def _namnd_order():
    """SQL: nämnder in the organisation's order."""
    level, sort_order, name = _namnd_columns()
    return case({lvl: n for n, lvl in enumerate(UNIT_LEVELS)}, value=level), sort_order, name


def _filtered(query, today: dt.date, namnd_code: str | None, status: str | None,
              assignee_id: int | None = None):
    """The query limited to one nämnd, one shown status and one assignee, when given."""
    if assignee_id is not None:
        query = query.where(Uppdrag.assignee_unit_id == assignee_id)
    if namnd_code:
        query = query.where(_namnd_code() == namnd_code)
    if status:
        query = query.where(_shown_status(today) == status)
    return query


def uppdrag_list(session: Session, viewer: Viewer, today: dt.date, namnd_code: str | None = None,
                 status: str | None = None, assignee_id: int | None = None) -> list[UppdragRow]:
    """The viewer's uppdrag by nämnd (of one assignee unit if given); within each, overdue
    first, then the open ones, then the closed ones, each by deadline."""
    shown = _shown_status(today)
    query = (
        _uppdrag(viewer, Uppdrag.code, Uppdrag.title, Uppdrag.description, Issuer.name,
                 Issuer.level, Assignee.code, Assignee.name, _namnd_code(),
                 _namnd_columns()[2], Goal.code, Goal.title,
                 Uppdrag.deadline, Uppdrag.status, Uppdrag.comment, _overdue(today), shown)
        .outerjoin(Goal, Goal.id == Uppdrag.goal_id)
        .order_by(*_namnd_order(), _urgency(shown), Uppdrag.deadline.is_(None),
                  Uppdrag.deadline, Uppdrag.code)
    )
    rows = session.execute(_filtered(query, today, namnd_code, status, assignee_id)).all()
    return [UppdragRow(*row[:14], bool(row[14]), row[15]) for row in rows]


@dataclass(frozen=True)
class NamndCounts:
    """How many of a group's items have each status: a nämnd's uppdrag (uppdrag_counts), a
    målområde's or nämnd's goals (fulfilment)."""

    code: str
    name: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def uppdrag_counts(session: Session, viewer: Viewer, today: dt.date) -> list[NamndCounts]:
    """Per nämnd (in the organisation's order), the number of uppdrag of each shown status."""
    shown = _shown_status(today)
    per_status = [func.sum(case((shown == status, 1), else_=0)) for status in STATUS_ORDER]
    level, sort_order, name = _namnd_columns()
    rows = session.execute(
        _uppdrag(viewer, _namnd_code(), name, *per_status)
        .group_by(_namnd_code(), level, sort_order, name)
        .order_by(*_namnd_order())
    ).all()
    return [NamndCounts(code, namnd, dict(zip(STATUS_ORDER, map(int, counts))))
            for code, namnd, *counts in rows]


def namnd_uppdrag_counts(session: Session, viewer: Viewer, today: dt.date,
                         namnd_code: str) -> dict[str, int]:
    """The number of one nämnd's uppdrag (given to it or to units under it) of each shown
    status, every status present."""
    return next((c.counts for c in uppdrag_counts(session, viewer, today)
                 if c.code == namnd_code), dict.fromkeys(STATUS_ORDER, 0))
