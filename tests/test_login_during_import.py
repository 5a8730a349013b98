"""On SQLite an import holds the single write lock for as long as it writes its file (in one
transaction: all or nothing). A login does not wait for it: its attempt goes to the backlog
beside the database, counts for the throttle in every worker, and reaches the login log with
the next login that can write."""

from __future__ import annotations

import io
import sqlite3
import threading
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from data_access import login_backlog, users
from data_access.db import get_engine
from data_access.importers import export, loading, run_import
from tests.test_access import PASSWORDS
from tests.test_login_throttling import ATTACKER, attempt, statuses, worker

ROWS = 5000  # more than one batch: the import still has rows to write when it pauses
SOURCE = "Omräknad källa"


def database(url: str) -> Path:
    return Path(url[len("sqlite:///"):])


def rows(url: str, sql: str) -> list[tuple]:
    """What another connection reads (WAL: never held up by the import's transaction)."""
    with closing(sqlite3.connect(database(url))) as conn:
        return conn.execute(sql).fetchall()


def logged(url: str) -> list[tuple]:
    return rows(url, "SELECT username, succeeded FROM login_events ORDER BY id")


def backlog(url: str) -> list[tuple]:
    path = login_backlog.path_for(database(url))
    if not path.exists():
        return []
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT username, succeeded FROM login_backlog").fetchall()


def import_measurements(url: str, data: bytes):
    with Session(get_engine(url)) as session:
        return run_import(session, "matvarden", io.BytesIO(data), "matvarden.csv",
                          username="test")


def changed_measurements(url: str) -> bytes:
    """The demo's first measurements with another source: every row is an update."""
    out = io.BytesIO()
    with Session(get_engine(url)) as session:
        export(session, "matvarden", out, "csv")
    header, *lines = out.getvalue().decode("utf-8-sig").splitlines()
    assert header.endswith(";Källa") and len(lines) >= ROWS
    return "\r\n".join([header, *(line.rsplit(";", 1)[0] + f";{SOURCE}"
                                  for line in lines[:ROWS])]).encode("utf-8-sig")


class PausedImport:
    """An import in a thread that pauses after writing its first batch, inside its write
    transaction (so holding SQLite's write lock), until `finish` lets it go on."""

    def __init__(self, url: str, monkeypatch):
        self.url, self.data = url, changed_measurements(url)
        self.written, self.release, self.result = threading.Event(), threading.Event(), {}
        write = loading.Loader._write

        def write_then_pause(loader, batch, present):
            write(loader, batch, present)
            if not self.written.is_set():
                self.written.set()
                self.release.wait()

        monkeypatch.setattr(loading.Loader, "_write", write_then_pause)
        self.thread = threading.Thread(target=self._run)
        self.thread.start()
        assert self.written.wait(120), "the import never wrote its first batch"

    def _run(self) -> None:
        self.result["report"] = import_measurements(self.url, self.data)

    def finish(self):
        self.release.set()
        self.thread.join()
        return self.result["report"]


@pytest.fixture
def paused_import(demo_url, monkeypatch):
    running = PausedImport(demo_url, monkeypatch)
    yield running
    running.finish()


def test_a_login_completes_while_an_import_holds_the_write_lock(demo_url, paused_import):
    before = logged(demo_url)
    client = worker(demo_url)
    response = attempt(client, "hsn", PASSWORDS["hsn"])
    assert response.status_code == 302
    with client.session_transaction() as session:
        assert session.get("_user_id")
    assert paused_import.thread.is_alive()  # the write transaction is still open
    assert logged(demo_url) == before and backlog(demo_url) == [("hsn", 1)]

    report = paused_import.finish()  # the import lands whole, as if nobody had logged in
    assert report.outcome == "ok" and report.counts.updated == report.counts.read == ROWS
    assert rows(demo_url, f"SELECT count(*) FROM measurements WHERE source = '{SOURCE}'") \
        == [(ROWS,)]

    assert attempt(worker(demo_url), "run").status_code == 401  # the next login can write
    assert logged(demo_url) == [*before, ("hsn", 1), ("run", 0)]
    assert backlog(demo_url) == []


def test_a_failed_login_burst_during_an_import_is_throttled_in_every_worker(demo_url,
                                                                            paused_import):
    first, second = worker(demo_url), worker(demo_url)
    for client in (first, second):
        client.environ_base["REMOTE_ADDR"] = ATTACKER
    assert statuses(first, "hsn", 3) == [401] * 3
    assert statuses(second, "hsn", 2) == [401] * 2  # it counts the first worker's backlog
    for client in (first, second):
        assert attempt(client, "hsn", PASSWORDS["hsn"]).status_code == 429
    assert len(backlog(demo_url)) == 5

    assert paused_import.finish().outcome == "ok"
    assert attempt(worker(demo_url), "run", PASSWORDS["run"]).status_code == 302
    assert logged(demo_url)[-6:] == [("hsn", 0)] * 5 + [("run", 1)]
    assert attempt(first, "hsn", PASSWORDS["hsn"]).status_code == 429  # from the log now


def test_a_login_between_a_batch_read_and_its_writes_does_not_fail_the_import(demo_url,
                                                                               monkeypatch):
    """An import that read its first batch's stored rows before taking the write lock would
    fail at once (SQLITE_BUSY_SNAPSHOT) when a login committed before its writes."""
    data, stored, logins = changed_measurements(demo_url), loading.Loader._stored, []

    def stored_then_login(loader, batch, compare):
        found = stored(loader, batch, compare)
        if not logins:
            with Session(get_engine(demo_url)) as other:
                users.record_login(other, "hsn", False, ATTACKER)
                logins.append("hsn")
        return found

    monkeypatch.setattr(loading.Loader, "_stored", stored_then_login)
    report = import_measurements(demo_url, data)
    assert report.outcome == "ok" and report.counts.updated == ROWS
    assert logins and backlog(demo_url) == [("hsn", 0)]
