"""Swedish error pages: 404 for unknown addresses (a real HTTP 404) and 500 without a traceback."""

from __future__ import annotations

import dash
from flask import Flask, abort, current_app, render_template, request
from werkzeug.exceptions import HTTPException

from dashboard.urls import page_url, route_url

def error_page(title: str, message: str, status: int, link_url: str = "", link_text: str = ""):
    """A plain Swedish page for an error, styled like the app, with the given HTTP status."""
    html = render_template("error.html", title=title, message=message,
                           link_url=link_url, link_text=link_text)
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


def server_error(error: Exception):
    """500 for any unexpected error: logged in full, shown to the reader as one Swedish sentence."""
    if isinstance(error, HTTPException) and error.code != 500:
        return error  # 400, 405 … keep their own status and text
    current_app.logger.exception("Oväntat fel vid %s %s", request.method, request.path)
    return error_page(
        "Något gick fel",
        "Ett oväntat fel inträffade och har loggats. Försök igen om en stund.",
        500,
    )


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
    server.context_processor(template_urls)
    refuse_unknown_pages(dash_app)
    server.register_error_handler(404, not_found)
    # Exception, not just 500: with TESTING, Flask would otherwise re-raise instead.
    server.register_error_handler(Exception, server_error)
