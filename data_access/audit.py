"""The audit log (granskningslogg): writing events, and pruning those older than the retention.

An event is a snapshot: who (user id and username), what kind, with which sign-in method,
the URL path and query or the table, the scope (role and nämnder) and the address. Never a
password, token or assertion: callers pass only names and paths.

The web writes an event after its response is built, in a short transaction of its own
(dashboard.audit). On SQLite it waits only briefly for the write lock, which an import holds
for as long as it writes: an event that cannot be written then is skipped with a warning
(the log must never hold up or fail a page).
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from contextlib import nullcontext
from dataclasses import dataclass, fields

from sqlalchemy import delete, insert
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from data_access.db import begin_writing, is_locked, sqlite_wait
from data_access.models import AuditEvent

SIGN_IN, SIGN_IN_FAILED = "inloggning", "inloggning_misslyckad"
PAGE_VIEW, DOWNLOAD, IMPORT, USER_CHANGE = "sidvisning", "nedladdning", "import", "anvandarandring"
PROFILE_CHANGE = "profilandring"
PASSWORD, OIDC, SAML = "losenord", "oidc", "saml"
DEFAULT_DAYS = 365
# How long a web request's event waits for SQLite's write lock before it is skipped.
WRITE_WAIT = 0.2
LIMITS = {"username": 100, "method": 10, "target": 2000, "role": 20, "namnder": 500,
          "address": 64}

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Event:
    """One audit event before it is written."""

    kind: str
    username: str = ""
    user_id: int | None = None
    method: str = ""
    target: str = ""
    role: str = ""
    namnder: str = ""
    address: str = ""
    # When it happened (UTC), where the event is written later than that (the web's page
    # views, written in batches); None: when it is written.
    at: dt.datetime | None = None

    def row(self, at: dt.datetime) -> dict:
        # Field by field rather than dataclasses.asdict (a deep copy): one per page view.
        values = {name: getattr(self, name) for name in _FIELDS}
        values.update({key: (values[key] or "")[:size] for key, size in LIMITS.items()})
        values["at"] = self.at or at
        return values


_FIELDS = tuple(field.name for field in fields(Event) if field.name != "at")


def now() -> dt.datetime:
    """The time an event is stamped with: UTC, without a zone (as stored)."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def add(session: Session, event: Event) -> None:
    """Add an event to the session's transaction (written with whatever it commits)."""
    session.add(AuditEvent(**event.row(now())))


def write(session: Session | Connection | Engine, events: list[Event]) -> bool:
    """Write events in a transaction of their own and commit; whether they were written.
    `session`: a session, an engine to take a connection from for the write, or (cheapest,
    as the web writes) a connection that has only read so far (the request's, which read the
    signed-in user: dashboard.database.request_connection).

    Never raises: a failure (SQLite's write lock held by an import, a database gone) is
    logged as a warning and the events are dropped."""
    if not events:
        return True
    if isinstance(session, Engine):
        try:
            connection = session.connect()
        except SQLAlchemyError as exc:
            _dropped(exc, events)
            return False
        with connection:
            return write(connection, events)
    at = now()
    try:
        connection = session.connection() if isinstance(session, Session) else session
        # Only taking the write lock waits (briefly); the wait is set back before the commit
        # hands the connection back to the pool, where another thread may take it.
        sqlite = connection.dialect.name == "sqlite"
        with sqlite_wait(connection, WRITE_WAIT) if sqlite else nullcontext():
            begin_writing(connection)
        # A plain INSERT: the ORM's bulk path costs more than the write itself, and a page
        # view's event is written on every non-public page.
        connection.execute(_insert_statement(), [event.row(at) for event in events])
        session.commit()
        return True
    except SQLAlchemyError as exc:
        try:
            session.rollback()
        except SQLAlchemyError:  # a connection that broke: the pool replaces it
            pass
        _dropped(exc, events)
        return False


@functools.cache
def _insert_statement():
    """Built once: a page view's event is written on every non-public page."""
    return insert(AuditEvent.__table__)


def _dropped(exc: SQLAlchemyError, events: list[Event]) -> None:
    locked = isinstance(exc, OperationalError) and is_locked(exc)
    reason = "databasen är låst av en import" if locked else type(exc).__name__
    log.warning("Granskningsloggen kunde inte skrivas (%s): %s", reason,
                ", ".join(e.kind for e in events))


def prune(session: Session, days: int) -> int:
    """Delete events older than `days` days; how many went (the caller commits)."""
    cutoff = now() - dt.timedelta(days=days)
    return session.execute(delete(AuditEvent).where(AuditEvent.at < cutoff)).rowcount
