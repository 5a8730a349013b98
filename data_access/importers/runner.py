"""One import run: read the file, check and write every row in one transaction, log the run.

All or nothing by default: any problem rolls the whole file back. With `skip_invalid` the
valid rows are kept and the others reported; with `dry_run` everything is checked and
counted, then rolled back. What depends on the written rows (the closure tables, the goal
statuses, the economy's subtree totals) is recomputed inside the same transaction. Every run,
failed and dry ones too, is logged as an ImportRun after the data's transaction has ended.

On SQLite that transaction holds the database's single write lock from the first parsed batch
(`begin_writing`) to the end, so the header, the lookups and the first rows are checked before
it; pages read meanwhile (WAL), and logins do not wait for it (`data_access.login_backlog`).
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from data_access import audit
from data_access.importers import kolada, sie
from data_access.importers.kinds import KINDS
from data_access.importers.loading import Loader, Lookups
from data_access.importers.reading import open_sheet
from data_access.importers.report import FileProblem, ImportReport, Problem
from data_access.importers.values import match_key
from data_access.models import ImportRun
from data_access.rollup import recompute_goal_statuses
from data_access.headlines import rebuild_public_headlines
from data_access.search_index import rebuild_search_index
from data_access.tree import (
    rebuild_closures,
    rebuild_economy_totals,
    rebuild_latest_measurements,
    refresh_indicator_search,
)

KOLADA = "kolada"
SIE = "sie"  # an SIE 4 file's budget and utfall; not one of IMPORT_KINDS (those with a template)
IMPORT_KINDS = (*KINDS, KOLADA)
LOGGED_PROBLEMS = 50
GC_FIRST_GENERATION = 100_000  # allocations between collections (Python's default: 700)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


@contextmanager
def _rare_garbage_collection() -> Iterator[None]:
    """Run the cyclic garbage collector rarely while rows stream through.

    A big file makes millions of short-lived objects without cycles; collecting after
    every 700 of them costs a quarter of the import's time for nothing.
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(GC_FIRST_GENERATION, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def file_hash(stream: BinaryIO) -> str:
    """The sha256 of a seekable stream's content (the stream is rewound)."""
    digest = hashlib.file_digest(stream, "sha256").hexdigest()
    stream.seek(0)
    return digest


def run_import(session: Session, kind: str, stream: BinaryIO, file_name: str, *,
               username: str, dry_run: bool = False, skip_invalid: bool = False,
               today: dt.date | None = None, source: str | None = None,
               dimension: int = 1) -> ImportReport:
    """Import a file of `kind` through a fresh session; commits or rolls back, then logs.

    `stream` is a seekable binary stream (an open file or BytesIO). `source` names the
    system the file comes from (e.g. "stratsys"): its mappings apply, with those for "*".
    `dimension` is the SIE dimension whose objects are enheter (kind SIE only).
    """
    if kind not in IMPORT_KINDS and kind != SIE:
        raise ValueError(f"unknown import kind {kind!r}")
    started = _now()
    report = ImportReport(kind, file_name, file_hash(stream), dry_run, skip_invalid,
                          source=match_key(source) if source else None)
    as_of = None
    try:
        with _rare_garbage_collection():
            # The source as given: mappings compare it in lower case, a file's Källa keeps it.
            as_of, kinds = _load(session, kind, stream, report, started, source, dimension)
        if not dry_run and report.outcome != "fel" and report.counts.new + report.counts.updated:
            _recompute(session, kinds)
    except FileProblem as exc:
        report.fatal = True
        report.add_problem(exc.problem(file_name))
    except SQLAlchemyError as exc:
        report.fatal = True
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0][:300]
        report.add_problem(Problem(file_name, f"databasen vägrade spara raderna: {reason}"))
    if dry_run or report.outcome == "fel":
        session.rollback()
    if as_of is not None and report.wrote:
        report.data_as_of = min(as_of, today or dt.date.today())
    report.run_id = _log(session, report, username, started)
    if report.wrote and report.revisions:  # in the data's transaction, with its run
        kolada.store_revisions(session, report.run_id, report.revisions)
    session.commit()
    return report


def log_failure(session: Session, kind: str, file_name: str, reason: str, *, username: str,
                digest: str = "", source: str | None = None) -> ImportReport:
    """Log a run that failed before its file could be read (it could not be opened, Kolada
    did not answer) as a failed import of `kind`, and commit it."""
    report = ImportReport(kind, file_name, digest, source=match_key(source) if source else None)
    report.fatal = True
    report.add_problem(Problem(file_name, reason))
    report.run_id = _log(session, report, username, _now())
    session.commit()
    return report


def _load(session: Session, kind: str, stream: BinaryIO, report: ImportReport,
          now: dt.datetime, source: str | None, dimension: int = 1
          ) -> tuple[dt.date | None, list]:
    """Write the file's rows; the latest date their data covers and the kinds written."""
    lookups = Lookups(session, source)
    watch = None
    if kind == KOLADA:
        document = kolada.read_document(stream)
        watch = kolada.Watch(session, document)  # before anything is written or removed
        pairs = list(zip(kolada.kinds(), kolada.sheets(session, document, report)))
    elif kind == SIE:
        pairs = sie.sheets(session, sie.read(stream, dimension), report, source)
    else:
        pairs = [(KINDS[kind], open_sheet(stream))]
    dates = []
    for spec, sheet in pairs:
        loader = Loader(session, spec, report, lookups, now)
        loader.load(sheet)
        dates.append(loader.as_of)
        session.flush()
    if report.counts.read == 0:
        raise FileProblem("Filen har en rubrikrad men inga rader med data.")
    if watch is not None and report.outcome != "fel":
        report.revisions = watch.revisions(session)
        if report.revisions:
            report.notes.append(kolada.revisions_note(report.revisions, report.dry_run))
    known = [d for d in dates if d is not None]
    return (max(known) if known else None), [spec for spec, _ in pairs]


def _recompute(session: Session, kinds: list) -> None:
    """Rebuild what depends on the written rows: closure tables, then goal statuses, the
    economy's subtree totals, the latest measurements, the indicators' search text and the
    public headlines."""
    if any(k.trees for k in kinds):
        rebuild_closures(session)
    if any(k.statuses for k in kinds):
        recompute_goal_statuses(session)
    if any(k.economy or k.trees for k in kinds):
        rebuild_economy_totals(session)
    if any(k.latest for k in kinds):
        rebuild_latest_measurements(session)
    if any(k.search for k in kinds):
        refresh_indicator_search(session)
    # Cheap beside any load (a fraction of a second at thirty times the demo), and it hangs on
    # values, targets, indicators and units alike.
    rebuild_public_headlines(session)
    # The same: every kind of row searched comes in through some import.
    rebuild_search_index(session)


def _log(session: Session, report: ImportReport, username: str, started: dt.datetime) -> int:
    """Record the run (after the data's transaction), with its audit event, and return its id."""
    c = report.counts
    shown = "\n".join(str(p) for p in report.problems[:LOGGED_PROBLEMS])
    more = report.problem_count - min(len(report.problems), LOGGED_PROBLEMS)
    source = f"Källa: {report.source} (dess mappningar gällde)." if report.source else ""
    message = "\n".join(filter(None, [report.summary(), source, *report.notes, shown,
                                      f"… och {more} fel till." if more > 0 else ""]))
    run = ImportRun(
        kind=report.kind, file_name=report.file_name[:300], file_hash=report.file_hash,
        started_at=started, finished_at=_now(), username=username[:100], rows_read=c.read,
        rows_new=c.new, rows_updated=c.updated, rows_unchanged=c.unchanged,
        rows_rejected=c.rejected, outcome=report.outcome, message=message,
        data_as_of=report.data_as_of, is_demo=False, dry_run=report.dry_run,
    )
    session.add(run)
    session.flush()
    audit.add(session, audit.Event(audit.IMPORT, username=username,
                                   target=f"import_runs/{run.id} {report.kind} {report.file_name}"))
    return run.id
