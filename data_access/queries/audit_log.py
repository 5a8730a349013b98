"""The audit log (granskningslogg) for the administrators' page and its CSV: filtered by who,
what kind of event and a date range, newest first, a page at a time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy.orm import Session

from data_access.models import AuditEvent
from data_access.scope import Viewer

from .filters import scoped


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


def _conditions(wanted: AuditFilter) -> list:
    """The WHERE clauses of the administrator's filter."""
    conditions = []
    if wanted.who:
        conditions.append(AuditEvent.username.contains(wanted.who, autoescape=True))
    if wanted.kind:
        conditions.append(AuditEvent.kind == wanted.kind)
    if wanted.first_day:
        conditions.append(AuditEvent.at >= dt.datetime.combine(wanted.first_day, dt.time()))
    if wanted.last_day:
        after = dt.datetime.combine(wanted.last_day + dt.timedelta(days=1), dt.time())
        conditions.append(AuditEvent.at < after)
    return conditions


def audit_events(session: Session, viewer: Viewer, wanted: AuditFilter, offset: int = 0,
                 limit: int = 100) -> tuple[list[AuditRow], int]:
    """One page of the matching events, newest first, and how many match in all;
    administrators only (the row rule gives others nothing)."""
    conditions = _conditions(wanted)
    total = session.scalar(scoped(AuditEvent, viewer, func.count()).where(*conditions))
    columns = [getattr(AuditEvent, name) for name in AuditRow.__dataclass_fields__]
    rows = session.execute(scoped(AuditEvent, viewer, *columns).where(*conditions)
                           .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
                           .offset(offset).limit(limit))
    return [AuditRow(*row) for row in rows], total
