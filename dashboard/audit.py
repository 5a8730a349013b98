"""The audit log from the web's side: what a request did, noted while it runs (stamped with
its time then) and written after its response is built, in one short transaction of its own
(data_access.audit) on the request's plain connection (the one the signed-in user was read
on; never the page's ORM session, whatever state a page left that in).

Page views are written in batches (`AUDIT_BATCH_MS`, RODTRAD_AUDIT_BATCH_MS, default 500 ms;
0 writes each request's events at once): a worker keeps the page views of its requests and
writes them together, in one transaction, at most that long after the first of them, when a
hundred are waiting, and when the worker stops (a graceful stop: a killed process loses the
views of its last half second). One transaction per page view was the largest part of a
page served from the cache: two workers taking turns at SQLite's write lock, each commit a
round trip on PostgreSQL (issue 18: 1 000 against 1 600 cached answers a second). Every
other event (a sign-in, a refused sign-in, a download) is written with its request, and the
request's page views with it.

A write that fails (SQLite's write lock held by an import, a database gone) is logged as a
warning and never fails the request.
"""

from __future__ import annotations

import atexit
import threading

from flask import Flask, current_app, g, request
from flask_login import current_user

from dashboard.database import app_engine
from data_access import audit


def note(kind: str, target: str = "", method: str = "") -> None:
    """Note an event of this request by the signed-in user, with their scope."""
    user = current_user._get_current_object()  # once: each use of the proxy looks it up
    if not user.is_authenticated:
        _keep(audit.Event(kind, method=method, target=target, address=_address(),
                          at=audit.now()))
        return
    _keep(audit.Event(kind, username=user.username, user_id=user.id, method=method,
                      target=target, role=user.role, namnder=", ".join(user.namnd_names),
                      address=_address(), at=audit.now()))


def note_failed_sign_in(method: str, username: str, reason: str = "") -> None:
    """Note a refused sign-in: the name as typed or as the provider gave it, never who this
    browser may be signed in as already."""
    _keep(audit.Event(audit.SIGN_IN_FAILED, username=username, method=method, target=reason,
                      address=_address(), at=audit.now()))


def _address() -> str:
    return request.remote_addr or ""


def _keep(event: audit.Event) -> None:
    g.setdefault("audit_events", []).append(event)


BATCH_MOST = 100  # page views a worker keeps before it writes them whatever the time


class PageViews:
    """The page views of a process's requests not yet written (see the module doc)."""

    def __init__(self) -> None:
        self._events: list[audit.Event] = []
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._engine = None

    def add(self, engine, events: list[audit.Event], seconds: float) -> None:
        """Keep `events` to write on `engine` within `seconds` (what is kept for another
        engine, another app's database in the same process, is written first)."""
        if self._engine is not None and engine is not self._engine:
            self.write()
        with self._lock:
            self._engine = engine
            self._events.extend(events)
            full = len(self._events) >= BATCH_MOST
            if not full and self._timer is None:
                self._timer = threading.Timer(seconds, self.write)
                self._timer.daemon = True
                self._timer.start()
        if full:
            self.write()

    def write(self) -> None:
        """Write what is kept, now, in one transaction."""
        with self._lock:
            events, self._events = self._events, []
            timer, self._timer = self._timer, None
            engine = self._engine
        if timer is not None and timer is not threading.current_thread():
            timer.cancel()
        if events:
            audit.write(engine, events)


PAGE_VIEWS = PageViews()
atexit.register(PAGE_VIEWS.write)


def _write_noted(response):
    """Write the request's events, if any, after its response is built: page views alone in
    the worker's next batch, anything else at once."""
    events = g.pop("audit_events", [])
    if not events:
        return response
    batch_ms = current_app.config["AUDIT_BATCH_MS"]
    if batch_ms and all(event.kind == audit.PAGE_VIEW for event in events):
        PAGE_VIEWS.add(app_engine(), events, batch_ms / 1000)
        return response
    connection = g.get("db_connection")
    if connection is None or connection.invalidated:
        # Nothing read on it yet (or it broke): the engine lends one for the write alone.
        audit.write(app_engine(), events)
    else:
        audit.write(connection, events)
    return response


def init_app(server: Flask) -> None:
    """Write each request's audit events when its response is ready."""
    server.after_request(_write_noted)
