"""Swedish error pages: 404 for unknown addresses (a real HTTP 404) and 500 without a traceback."""

from __future__ import annotations

import dash
from flask import Flask, abort, current_app, render_template_string, request
from werkzeug.exceptions import HTTPException

from dashboard.urls import page_url

ERROR_PAGE = """<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} – Rödtråd</title>
<link rel="stylesheet" href="{{ assets }}vendor/bootstrap.min.css">
<link rel="stylesheet" href="{{ assets }}app.css">
</head>
<body>
<header class="navbar app-navbar"><div class="container-xxl">
<a class="navbar-brand app-brand" href="{{ home }}">Rödtråd</a></div></header>
<main id="main" class="container-xxl app-main error-page">
<div class="page-header"><h1>{{ title }}</h1><p class="lead">{{ message }}</p></div>
<p><a href="{{ home }}">Gå till översikten</a></p>
</main>
</body>
</html>
"""


def error_page(title: str, message: str, status: int):
    """A plain Swedish page for an error, styled like the app, with the given HTTP status."""
    html = render_template_string(
        ERROR_PAGE,
        title=title,
        message=message,
        assets=dash.get_asset_url(""),
        home=page_url("oversikt"),
    )
    return html, status, {"Content-Type": "text/html; charset=utf-8"}


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
    refuse_unknown_pages(dash_app)
    server.register_error_handler(404, not_found)
    # Exception, not just 500: with TESTING, Flask would otherwise re-raise instead.
    server.register_error_handler(Exception, server_error)
