"""The import log: every run (imports, dry runs, failures) and what the latest Kolada import
revised, for the administrators' page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy.orm import Session

from data_access.models import ImportRun, KoladaRevision
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


@dataclass(frozen=True)
class RevisionRow:
    """A stored value a Kolada import changed or removed."""

    indicator_code: str
    area_code: str
    area_name: str
    period: str
    gender: str
    old_value: float | None
    new_value: float | None
    deleted: bool


@dataclass(frozen=True)
class KoladaRevisions:
    """The latest Kolada import that was saved, and what it revised (at most `limit` of
    `total`)."""

    run: ImportRunRow
    revisions: list[RevisionRow]
    total: int


KOLADA_KIND = "kolada"
SAVED = ("ok", "delvis")


def latest_kolada_revisions(session: Session, viewer: Viewer,
                            limit: int = 500) -> KoladaRevisions | None:
    """The values the latest saved Kolada import revised, or None when there is none (or the
    viewer is not an administrator)."""
    if viewer.role != ADMIN_ROLE:
        return None
    columns = [getattr(ImportRun, name) for name in ImportRunRow.__dataclass_fields__]
    found = session.execute(
        scoped(ImportRun, viewer, *columns)
        .where(ImportRun.kind == KOLADA_KIND, ImportRun.outcome.in_(SAVED),
               ImportRun.dry_run.is_(False))
        .order_by(ImportRun.started_at.desc(), ImportRun.id.desc()).limit(1)).first()
    if found is None:
        return None
    run = ImportRunRow(*found)
    fields = [getattr(KoladaRevision, name) for name in RevisionRow.__dataclass_fields__]
    rows = session.execute(
        scoped(KoladaRevision, viewer, *fields).where(KoladaRevision.run_id == run.id)
        .order_by(KoladaRevision.id).limit(limit))  # stored by indicator, area, year, gender
    total = session.scalar(scoped(KoladaRevision, viewer, func.count())
                           .where(KoladaRevision.run_id == run.id))
    return KoladaRevisions(run, [RevisionRow(*row) for row in rows], total)
