"""Facts about the loaded data itself: how recent it is, whether it is demo data, its version."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import case, func, or_
from sqlalchemy.orm import Session

from data_access.models import ImportRun
from data_access.scope import Viewer

from .filters import scoped

SUCCESSFUL_OUTCOMES = ("ok", "delvis")


@dataclass(frozen=True)
class DataInfo:
    """The date the loaded data runs to, and whether demo data is loaded."""

    data_as_of: dt.date | None
    is_demo: bool


def _loaded():
    """SQL: runs that stored their rows (successful, and not a dry run).

    The outcomes as equalities rather than IN: an IN list is an "expanding" parameter that
    SQLAlchemy rewrites into the SQL string at every execution, and this is read on every
    signed-in request (data_access.users.signed_in, the page cache's key)."""
    successful = or_(*(ImportRun.outcome == outcome for outcome in SUCCESSFUL_OUTCOMES))
    return successful & ImportRun.dry_run.is_(False)


def latest_import(session: Session, viewer: Viewer) -> DataInfo | None:
    """The latest date any stored run's data covers and whether demo data was loaded, or None.

    The latest date rather than the latest run's: importing old history after this month's
    figures does not make the data older. The same for every known viewer.
    """
    runs, as_of, demo = session.execute(_latest_import_query(viewer)).one()
    return None if not runs else DataInfo(as_of, bool(demo))


@lru_cache(maxsize=256)
def _latest_import_query(viewer: Viewer):
    """The query of `latest_import`, built once per viewer: the Risk pages and the shell ask
    for it on every render, and building it (and walking it for its row rules) costs several
    times what running it does."""
    return (scoped(ImportRun, viewer, func.count(), func.max(ImportRun.data_as_of),
                   func.max(case((ImportRun.is_demo.is_(True), 1), else_=0)))
            .where(_loaded()))


def changed_data():
    """SQL: runs that changed stored data (not dry, not failed, some row new or updated); also
    read by data_access.users, beside the signed-in user."""
    return _loaded() & ((ImportRun.rows_new + ImportRun.rows_updated) > 0)


def data_version(session: Session, viewer: Viewer) -> int:
    """The id of the latest run that changed stored data (0 when none): a cache key.

    Every import that writes rows logs a new run, so cached pages keyed on this number are
    invalidated by it; dry runs, failed runs and runs that changed nothing leave it be.
    The runs are read newest first along the primary key, so this reads a row or a few.
    """
    return session.scalar(
        scoped(ImportRun, viewer, ImportRun.id).where(changed_data())
        .order_by(ImportRun.id.desc()).limit(1)
    ) or 0
