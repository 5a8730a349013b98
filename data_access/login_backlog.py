"""Login attempts kept aside while an import holds SQLite's write lock.

SQLite lets one connection write at a time, and an import writes its whole file in one
transaction (all or nothing) that may last minutes on a big file; no restructuring of the
importer makes that transaction short enough for a login to wait for it. So on SQLite a login
writes its attempt with a short wait and, when the lock is held, puts it in this backlog
instead: a small SQLite file beside the database, with its own write lock that only logins
take (never an import), shared by every worker on the host. The throttle counts the login log
and the backlog together, so a burst during an import is refused as at any other time, in
every worker. The next login that can write moves the backlog into the log.

A crash between the log's commit and the backlog's can leave an attempt in both: it is then
counted twice (stricter throttling, never looser) until the window passes.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

# How long a login waits for another login's brief hold on the backlog (seconds).
BACKLOG_WAIT = 5
_SCHEMA = ("CREATE TABLE IF NOT EXISTS login_backlog "
           "(username TEXT, succeeded INTEGER, address TEXT, at TEXT)")


def path_for(database: Path) -> Path:
    """The backlog file of a SQLite database file."""
    return database.with_name(database.name + "-logins")


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=BACKLOG_WAIT, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(_SCHEMA)
    return conn


def _stamp(at: dt.datetime) -> str:
    return at.isoformat(sep=" ", timespec="microseconds")


def add(path: Path, event: dict) -> None:
    """Keep one attempt (a LoginEvent's fields) in the backlog."""
    with closing(_connect(path)) as conn:
        conn.execute("INSERT INTO login_backlog VALUES (?, ?, ?, ?)",
                     (event["username"], event["succeeded"], event["address"],
                      _stamp(event["at"])))


def failures(path: Path, username: str, address: str, since: dt.datetime) -> tuple[int, int]:
    """Failed attempts in the backlog since `since`: from the address, and for the user from it."""
    if not path.exists():
        return 0, 0
    with closing(_connect(path)) as conn:
        return conn.execute(
            "SELECT count(*), count(*) FILTER (WHERE username = ?) FROM login_backlog "
            "WHERE address = ? AND at >= ? AND NOT succeeded",
            (username, address, _stamp(since))).fetchone()


@contextmanager
def draining(path: Path) -> Iterator[list[dict]]:
    """The backlog's attempts, removed from it when the block succeeds (it then must have
    written them to the login log); kept when it fails. Other logins wait for the block."""
    if not path.exists():
        yield []
        return
    with closing(_connect(path)) as conn:
        conn.execute("BEGIN IMMEDIATE")  # no other worker drains (or adds) meanwhile
        try:
            rows = conn.execute("SELECT username, succeeded, address, at FROM login_backlog")
            yield [{"username": u, "succeeded": bool(ok), "address": a,
                    "at": dt.datetime.fromisoformat(at)} for u, ok, a, at in rows]
            conn.execute("DELETE FROM login_backlog")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
