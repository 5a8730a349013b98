"""The audit log from the web's side: what a request did, noted while it runs and written
after its response is built, in one short transaction of its own (data_access.audit) on the
request's plain connection (the one the signed-in user was read on; never the page's ORM
session, whatever state a page left that in).

A write that fails (SQLite's write lock held by an import, a database gone) is logged as a
warning and never fails the request.
"""

from __future__ import annotations

from flask import Flask, g, request
from flask_login import current_user

from dashboard.database import app_engine
from data_access import audit


def note(kind: str, target: str = "", method: str = "") -> None:
    """Note an event of this request by the signed-in user, with their scope."""
    user = current_user._get_current_object()  # once: each use of the proxy looks it up
    if not user.is_authenticated:
        _keep(audit.Event(kind, method=method, target=target, address=_address()))
        return
    _keep(audit.Event(kind, username=user.username, user_id=user.id, method=method,
                      target=target, role=user.role, namnder=", ".join(user.namnd_names),
                      address=_address()))


def note_failed_sign_in(method: str, username: str, reason: str = "") -> None:
    """Note a refused sign-in: the name as typed or as the provider gave it, never who this
    browser may be signed in as already."""
    _keep(audit.Event(audit.SIGN_IN_FAILED, username=username, method=method, target=reason,
                      address=_address()))


def _address() -> str:
    return request.remote_addr or ""


def _keep(event: audit.Event) -> None:
    g.setdefault("audit_events", []).append(event)


def _write_noted(response):
    """Write the request's events, if any, after its response is built."""
    events = g.pop("audit_events", [])
    if events:
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
