"""The årshjul as calendar feeds: `/kalender.ics` (every date) and `/kalender/<nämnd>.ics`
(a nämnd's dates and the whole organisation's), iCalendar files that Outlook, Google Kalender
and Apple Kalender subscribe to.

A calendar client cannot log in, so the feeds are open routes that give each caller what the
row rule gives its viewer (`filters.visible_calendar`): without a login the public dates
(sammanträden, plan and budget, the reports); a logged-in session (a browser downloading the
file) also the reporting and internkontroll deadlines it may see. What a meeting discusses
links to its report, which asks for a login as always.
"""

from __future__ import annotations

import datetime as dt

from flask import Flask, Response, request
from flask_login import current_user

from callbacks.arshjul import calendar_feed
from dashboard import audit
from dashboard.access import allow_route
from dashboard.auth import current_viewer
from dashboard.core.wording import fill
from dashboard.database import get_session
from dashboard.errors import error_page
from data_access.audit import DOWNLOAD
from data_access.queries.arshjul import calendar_events, calendar_namnder
from layouts.arshjul import FEED_PATH

NO_NAMND_SV = "Det finns ingen nämnd med den koden. Prenumerera från Årshjulet."
# A subscribed calendar asks again within the hour; a logged-in copy is the user's own.
PUBLIC_CACHE = "public, max-age=3600"


def _feed(namnd: str | None) -> Response:
    session, viewer = get_session(), current_viewer()
    found = None
    if namnd is not None:
        found = next((n for n in calendar_namnder(session, viewer) if n.code == namnd), None)
        if found is None:
            return error_page("Kalendern finns inte", NO_NAMND_SV, 404)
    rows = calendar_events(session, viewer, None, namnd)
    name = f"Årshjul – {found.name if found else fill('{Whole}')}"
    content = calendar_feed(rows, name, request.host, request.host_url.rstrip("/"),
                            dt.datetime.now(dt.timezone.utc).replace(microsecond=0))
    file_name = f"arshjul-{namnd or 'alla'}.ics"
    response = Response(content, mimetype="text/calendar", headers={
        "Content-Disposition": f'inline; filename="{file_name}"'})
    if current_user.is_authenticated:
        audit.note(DOWNLOAD, request.full_path.rstrip("?"))
        response.headers["Cache-Control"] = "private, no-store"
    else:
        response.headers["Cache-Control"] = PUBLIC_CACHE
    response.mimetype_params["charset"] = "utf-8"
    return response


def all_dates() -> Response:
    """Every date the caller may see."""
    return _feed(None)


def namnd_dates(namnd: str) -> Response:
    """One nämnd's dates and the whole organisation's."""
    return _feed(namnd)


def init_app(server: Flask, prefix: str = "/") -> None:
    """Add the feeds under the app's path prefix, open to anyone (see the module's doc)."""
    base = prefix + FEED_PATH.lstrip("/")
    server.add_url_rule(base + ".ics", "calendar_all", all_dates, methods=["GET"])
    server.add_url_rule(base + "/<namnd>.ics", "calendar_namnd", namnd_dates, methods=["GET"])
    allow_route(server, "calendar_all", "public")
    allow_route(server, "calendar_namnd", "public")
