"""The audit log from the web's side: what a request did, noted while it runs and written
after its response is built, in one short transaction of its own (data_access.audit).

A write that fails (SQLite's write lock held by an import, a database gone) is logged as a
warning and never fails the request.
"""

from __future__ import annotations

from flask import Flask, g, request
from flask_login import current_user
from sqlalchemy.orm import Session

from dashboard.database import app_engine
from data_access import audit


def note(kind: str, target: str = "", method: str = "", username: str = "") -> None:
    """Note an event of this request, by the signed-in user (else `username`, as typed)."""
    user = current_user if current_user.is_authenticated else None
    event = audit.Event(
        kind, username=user.username if user else username, user_id=user.id if user else None,
        method=method, target=target, role=user.role if user else "",
        namnder=", ".join(user.namnd_names) if user else "", address=request.remote_addr or "")
    g.setdefault("audit_events", []).append(event)


def _write_noted(response):
    """Write the request's events, if any, after its response is built."""
    events = g.pop("audit_events", [])
    if events:
        with Session(app_engine()) as session:
            audit.write(session, events)
    return response


def init_app(server: Flask) -> None:
    """Write each request's audit events when its response is ready."""
    server.after_request(_write_noted)
