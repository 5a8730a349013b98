"""Facts about the loaded data itself: how recent it is and whether it is demo data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy.orm import Session

from data_access.models import ImportRun
from data_access.scope import Viewer

from .filters import scoped

SUCCESSFUL_OUTCOMES = ("ok", "delvis")


@dataclass(frozen=True)
class DataInfo:
    """The latest successful load: the date its data runs to, and whether it was demo data."""

    data_as_of: dt.date | None
    is_demo: bool


def latest_import(session: Session, viewer: Viewer) -> DataInfo | None:
    """The latest successful import run (the same for every known viewer), or None."""
    row = session.execute(
        scoped(ImportRun, viewer, ImportRun.data_as_of, ImportRun.is_demo)
        .where(ImportRun.outcome.in_(SUCCESSFUL_OUTCOMES))
        .order_by(ImportRun.started_at.desc(), ImportRun.id.desc())
        .limit(1)
    ).first()
    return None if row is None else DataInfo(row.data_as_of, bool(row.is_demo))


def data_version(session: Session, viewer: Viewer) -> int:
    """The id of the latest load of any outcome (0 before any): every import bumps it, which is
    what makes cached pages of older data unreachable."""
    latest = session.execute(scoped(ImportRun, viewer, func.max(ImportRun.id))).scalar()
    return latest or 0
