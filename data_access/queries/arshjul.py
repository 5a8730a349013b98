"""Årshjul: the dates of the planning and follow-up year the viewer may see (row rule
`filters.visible_calendar`), for the page and the calendar feeds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import extract, func
from sqlalchemy.orm import Session

from data_access.models import CalendarEvent, OrgUnit
from data_access.scope import Viewer

from .filters import scoped


@dataclass(frozen=True)
class CalendarNamnd:
    """A nämnd the calendar can be filtered by."""

    code: str
    name: str


@dataclass(frozen=True)
class CalendarRow:
    """One date of the årshjul."""

    code: str
    day: dt.date
    start_time: dt.time | None
    end_time: dt.time | None
    kind: str
    title: str
    namnd_code: str | None  # None: the whole organisation's (the council's, say)
    namnd_name: str | None
    followup: str | None  # the follow-up it discusses, '2026-DELAR'
    place: str


def calendar_namnder(session: Session, viewer: Viewer) -> list[CalendarNamnd]:
    """Every nämnd, in the organisation's order."""
    rows = session.execute(scoped(OrgUnit, viewer, OrgUnit.code, OrgUnit.name)
                           .where(OrgUnit.level == "namnd")
                           .order_by(OrgUnit.sort_order, OrgUnit.name))
    return [CalendarNamnd(code, name) for code, name in rows]


def calendar_years(session: Session, viewer: Viewer) -> list[int]:
    """The years with at least one date the viewer may see, in order."""
    year = extract("year", CalendarEvent.day)
    return [int(y) for y in session.scalars(
        scoped(CalendarEvent, viewer, func.distinct(year)).order_by(year)) if y is not None]


def calendar_events(session: Session, viewer: Viewer, year: int | None = None,
                    namnd: str | None = None) -> list[CalendarRow]:
    """The dates of a year (every year when None), in order; with `namnd`, that nämnd's
    and the whole organisation's (what its members need to know)."""
    query = (scoped(CalendarEvent, viewer, CalendarEvent, OrgUnit.code, OrgUnit.name)
             .outerjoin(OrgUnit, OrgUnit.id == CalendarEvent.namnd_id)
             .order_by(CalendarEvent.day, CalendarEvent.start_time, OrgUnit.sort_order,
                       CalendarEvent.code))
    if year is not None:
        query = query.where(CalendarEvent.day.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    if namnd is not None:
        query = query.where(CalendarEvent.namnd_id.is_(None) | (OrgUnit.code == namnd))
    return [CalendarRow(e.code, e.day, e.start_time, e.end_time, e.kind, e.title, code, name,
                        e.followup, e.place)
            for e, code, name in session.execute(query)]
