"""Facts about the loaded data itself: how recent it is and whether it is demo data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_access.models import ImportRun
from data_access.scope import Viewer

SUCCESSFUL_OUTCOMES = ("ok", "delvis")


@dataclass(frozen=True)
class DataInfo:
    """The latest successful load: the date its data runs to, and whether it was demo data."""

    data_as_of: dt.date | None
    is_demo: bool


def latest_import(session: Session, viewer: Viewer) -> DataInfo | None:
    """The latest successful import run (the same for every viewer), or None before any load."""
    del viewer  # the data's date and origin are shown to everyone
    row = session.execute(
        select(ImportRun.data_as_of, ImportRun.is_demo)
        .where(ImportRun.outcome.in_(SUCCESSFUL_OUTCOMES))
        .order_by(ImportRun.started_at.desc(), ImportRun.id.desc())
        .limit(1)
    ).first()
    return None if row is None else DataInfo(row.data_as_of, bool(row.is_demo))
