"""The audit log (granskningslogg) for the administrators' page and its CSV: filtered by who,
what kind of event and a date range, newest first, a page at a time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from data_access.models import AuditEvent
from data_access.scope import Viewer

ADMIN_ROLE = "admin"


@dataclass(frozen=True)
class AuditFilter:
    """What the administrator asks for: a username (part of it), a kind, days from and to."""

    who: str = ""
    kind: str = ""
    first_day: dt.date | None = None
    last_day: dt.date | None = None


@dataclass(frozen=True)
class AuditRow:
    """One event as the page and the CSV list it."""

    at: dt.datetime
    username: str
    kind: str
    method: str
    target: str
    role: str
    namnder: str
    address: str


def _filtered(wanted: AuditFilter) -> Select:
    columns = [getattr(AuditEvent, name) for name in AuditRow.__dataclass_fields__]
    query = select(*columns)
    if wanted.who:
        query = query.where(AuditEvent.username.contains(wanted.who, autoescape=True))
    if wanted.kind:
        query = query.where(AuditEvent.kind == wanted.kind)
    if wanted.first_day:
        query = query.where(AuditEvent.at >= dt.datetime.combine(wanted.first_day, dt.time()))
    if wanted.last_day:
        after = dt.datetime.combine(wanted.last_day + dt.timedelta(days=1), dt.time())
        query = query.where(AuditEvent.at < after)
    return query


def audit_events(session: Session, viewer: Viewer, wanted: AuditFilter, offset: int = 0,
                 limit: int = 100) -> tuple[list[AuditRow], int]:
    """One page of the matching events, newest first, and how many match in all;
    administrators only (others get nothing)."""
    if viewer.role != ADMIN_ROLE:
        return [], 0
    query = _filtered(wanted)
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    rows = session.execute(query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
                           .offset(offset).limit(limit))
    return [AuditRow(*row) for row in rows], total
