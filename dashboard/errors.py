"""Swedish errors: 404 for unknown addresses (a real HTTP 404), 500 without a traceback, and
503 "tillfälligt otillgänglig" while the database cannot be reached, each in the form its
reader understands: a page for a browser, JSON for the API, and for a Dash callback an answer
the renderer shows (it ignores anything but a 200) in the shell's notice above the page."""

from __future__ import annotations

import json

import dash
from dash import ClientsideFunction, Input, Output, html
from flask import Flask, Response, abort, current_app, request
from plotly.utils import PlotlyJSONEncoder
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

from dashboard.core.urls import (
    API_PATH,
    PAGES_CONTENT,
    PAGES_LOCATION,
    PAGES_STORE,
    page_url,
    route_url,
)
from data_access.db import DatabaseUnavailable, error_reason

# Connection refused or lost, a statement over its time limit, a pool with no free connection,
# a database without its schema: the service is unavailable, not broken.
UNAVAILABLE_ERRORS = (DatabaseUnavailable, OperationalError, InterfaceError, PoolTimeout)
RETRY_AFTER_SECONDS = 30
# Marks an error answer that has status 200 for Dash's sake (callbacks): caches keep clear.
ERROR_HEADER = "X-Rodtrad-Error"
# The shell's place for a message about a callback that failed.
NOTICE_ID = "app-notice"
JSON_TYPE = "application/json; charset=utf-8"
UNAVAILABLE = ("Rödtråd är tillfälligt otillgänglig",
               "Databasen svarar inte just nu. Försök igen om en stund: sidorna fungerar igen "
               "när den är tillbaka.")
UNEXPECTED = ("Något gick fel",
              "Ett oväntat fel inträffade och har loggats. Försök igen om en stund.")

def error_page(title: str, message: str, status: int, link_url: str = "", link_text: str = ""):
    """A plain Swedish page for an error, styled like the app, with the given HTTP status.

    Rendered without Flask's context processors: Flask-Login's would load the user from the
    database, which may be the very thing that failed."""
    html = current_app.jinja_env.get_template("error.html").render(
        title=title, message=message, link_url=link_url, link_text=link_text, **template_urls())
    return html, status, {"Content-Type": "text/html; charset=utf-8"}


def template_urls() -> dict:
    """The URLs every server-rendered page (login, errors) links to."""
    return {
        "asset_url": dash.get_asset_url,
        "home_url": page_url("oversikt"),
        "login_url": route_url("/login"),
        "favicon_url": route_url("/_favicon.ico"),
        "open_data_url": page_url("oppna_data"),
    }


def not_found(_error=None):
    """404: the address is not a page of Rödtråd."""
    return error_page(
        "Sidan finns inte",
        "Det finns ingen sida på den här adressen. Kontrollera adressen, "
        "eller börja från översikten.",
        404,
    )


def is_unavailable(error: BaseException) -> bool:
    """Whether an error means the database is away (503) rather than a fault in Rödtråd (500)."""
    return isinstance(error, UNAVAILABLE_ERRORS) or (
        isinstance(error, DBAPIError) and error.connection_invalidated)


def notice(title: str, message: str) -> html.Div:
    """The message a callback shows instead of its output."""
    # No heading: it may stand above a page's own h1.
    return html.Div([html.P(html.Strong(title), className="h5"),
                     html.P(message, className="mb-0")],
                    className="alert alert-warning app-notice", role="alert")


def callback_answer(title: str, message: str, kind: str) -> Response:
    """A failed callback's answer as the Dash renderer shows it: the message in the shell's
    notice (the same from every callback that fails, so it shows once), the outputs kept as
    they are, except the page router's: no page is shown rather than the previous one."""
    body = request.get_json(silent=True)
    output = body.get("output") if isinstance(body, dict) else None
    payload: dict = {"multi": True, "response": {},
                     "sideUpdate": {NOTICE_ID: {"children": notice(title, message)}}}
    if isinstance(output, str) and f"{PAGES_CONTENT}.children" in output:
        payload["response"] |= {PAGES_CONTENT: {"children": []},
                                PAGES_STORE: {"data": {"title": title}}}
    return Response(json.dumps(payload, cls=PlotlyJSONEncoder), content_type=JSON_TYPE,
                    headers={ERROR_HEADER: kind, "Cache-Control": "no-store"})


def api_answer(message: str, status: int) -> Response:
    """An API error in the API's own form."""
    body = json.dumps({"error": message, "parameter": None}, ensure_ascii=False)
    return Response(body, status=status, content_type=JSON_TYPE,
                    headers={"Cache-Control": "no-store"})


def _log(error: Exception, unavailable: bool) -> None:
    if unavailable:  # one line: an outage would otherwise fill the log with tracebacks
        current_app.logger.warning("Databasen kan inte nås vid %s %s: %s", request.method,
                                   request.path, error_reason(error))
    else:
        current_app.logger.exception("Oväntat fel vid %s %s", request.method, request.path)


def make_server_error(update_path: str):
    """The handler for every error Flask did not answer itself; `update_path` is Dash's
    callback route."""

    def server_error(error: Exception):
        """500 for an unexpected error (logged in full, shown as one Swedish sentence), 503 for
        an unreachable database; never a traceback."""
        if isinstance(error, HTTPException) and error.code != 500:
            return error  # 400, 405 … keep their own status and text
        unavailable = is_unavailable(error)
        _log(error, unavailable)
        (title, message), status = (UNAVAILABLE, 503) if unavailable else (UNEXPECTED, 500)
        if request.path == update_path:
            return callback_answer(title, message, "unavailable" if unavailable else "error")
        if request.path.startswith(current_app.config["URL_PREFIX"].rstrip("/") + API_PATH + "/"):
            return api_answer(message, status)
        html_page, status, headers = error_page(title, message, status)
        if unavailable:
            headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return html_page, status, headers

    return server_error


def _page_paths() -> set[str]:
    """The route paths of the registered pages, without surrounding slashes."""
    return {page["path"].strip("/") for page in dash.page_registry.values()}


def refuse_unknown_pages(dash_app: dash.Dash) -> None:
    """Answer 404 for addresses that reach Dash's catch-all route but name no page.

    Dash serves its index page for any path; its own routes (`/_dash-*`, `/assets/`,
    `/_favicon.ico`, …) and ours have rules of their own and are left alone.
    """
    prefix = dash_app.config.routes_pathname_prefix
    catchall = prefix + "<path:path>"

    def guard() -> None:
        rule = request.url_rule
        if rule is not None and rule.rule == catchall:
            if request.path[len(prefix):].strip("/") not in _page_paths():
                abort(404)

    dash_app.server.before_request(guard)


def init_app(dash_app: dash.Dash) -> None:
    """Install the 404 guard and the Swedish error pages on the app's server."""
    server: Flask = dash_app.server
    # A notice belongs to the address it was shown on: the browser clears it on the next one.
    dash_app.clientside_callback(ClientsideFunction("rodtrad", "clearNotice"),
                                 Output(NOTICE_ID, "children"), Input(PAGES_LOCATION, "pathname"),
                                 prevent_initial_call=True)
    server.context_processor(template_urls)
    refuse_unknown_pages(dash_app)
    server.register_error_handler(404, not_found)
    # Exception, not just 500: with TESTING, Flask would otherwise re-raise instead.
    update_path = dash_app.config.routes_pathname_prefix + "_dash-update-component"
    server.register_error_handler(Exception, make_server_error(update_path))
