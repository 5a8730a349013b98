"""The audit log from the web's side: what a request did, noted while it runs and written
after its response is built, in one short transaction of its own (data_access.audit).

A write that fails (SQLite's write lock held by an import, a database gone) is logged as a
warning and never fails the request.
"""

from __future__ import annotations

from dataclasses import replace

from flask import Flask, g, request
from flask_login import current_user

from dashboard.database import app_engine
from data_access import audit


def note(kind: str, target: str = "", method: str = "") -> None:
    """Note an event of this request by the signed-in user, with their scope."""
    user = current_user if current_user.is_authenticated else None
    if user is None:
        _keep(audit.Event(kind, method=method, target=target))
        return
    _keep(audit.Event(kind, username=user.username, user_id=user.id, method=method,
                      target=target, role=user.role, namnder=", ".join(user.namnd_names)))


def note_failed_sign_in(method: str, username: str, reason: str = "") -> None:
    """Note a refused sign-in: the name as typed or as the provider gave it, never who this
    browser may be signed in as already."""
    _keep(audit.Event(audit.SIGN_IN_FAILED, username=username, method=method, target=reason))


def _keep(event: audit.Event) -> None:
    g.setdefault("audit_events", []).append(replace(event, address=request.remote_addr or ""))


def _write_noted(response):
    """Write the request's events, if any, after its response is built."""
    events = g.pop("audit_events", [])
    if events:
        audit.write(app_engine(), events)
    return response


def init_app(server: Flask) -> None:
    """Write each request's audit events when its response is ready."""
    server.after_request(_write_noted)
