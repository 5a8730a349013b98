"""The import log: every run (imports, dry runs, failures) for the administrators' page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from data_access.models import ImportRun
from data_access.scope import Viewer

from .filters import scoped

ADMIN_ROLE = "admin"


@dataclass(frozen=True)
class ImportRunRow:
    """One logged run as the log page lists it."""

    id: int
    kind: str
    file_name: str
    file_hash: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    username: str
    rows_read: int
    rows_new: int
    rows_updated: int
    rows_unchanged: int
    rows_rejected: int
    outcome: str
    message: str
    data_as_of: dt.date | None
    is_demo: bool
    dry_run: bool


def import_runs(session: Session, viewer: Viewer, limit: int = 200) -> list[ImportRunRow]:
    """The latest runs, newest first; administrators only (others get an empty list)."""
    if viewer.role != ADMIN_ROLE:
        return []
    columns = [getattr(ImportRun, name) for name in ImportRunRow.__dataclass_fields__]
    rows = session.execute(
        scoped(ImportRun, viewer, *columns)
        .order_by(ImportRun.started_at.desc(), ImportRun.id.desc()).limit(limit)
    )
    return [ImportRunRow(*row) for row in rows]
