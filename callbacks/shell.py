"""The shell: the data date and demo badge, the links (the current page's marked) and who is
logged in, the phone menu."""

from __future__ import annotations

import dash
from dash import Input, Output, State, dcc, html
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from callbacks.pagetools import in_browser
from dashboard.access import pages_for_role, viewer_role
from dashboard.auth import current_viewer
from dashboard.core import formatting as fmt
from dashboard.core.urls import PAGES_LOCATION, login_url, route_url
from dashboard.database import get_session
from data_access.queries.meta import DataInfo, latest_import
from layouts.shell import nav_links, search_field


def data_as_of_text(info: DataInfo | None) -> str:
    """The footer's `Data per 2026-10-31`, or a note that nothing is loaded yet."""
    if info is None or info.data_as_of is None:
        return "Ingen data är inläst ännu"
    return f"Data per {fmt.iso_date(info.data_as_of)}"


def demo_badge(info: DataInfo | None):
    """A visible `Demodata` badge when the latest load was demo data, else nothing."""
    if info is None or not info.is_demo:
        return None
    return html.Span(
        "Demodata", className="badge demo-badge", title="Uppgifterna är påhittade demodata"
    )


def user_area(user, csrf_token: str, login_href: str, logout_href: str) -> list:
    """Who is logged in and their role with a Logga ut button, or a Logga in link."""
    if user is None:
        return [html.A("Logga in", href=login_href, className="btn btn-outline-light btn-sm")]
    return [
        search_field(),
        html.Span([html.Span(user.display_name, className="nav-user-name"),
                   html.Span(f" ({user.role_label})", className="nav-user-role")],
                  className="navbar-text me-2", id="nav-user-identity"),
        html.Form(
            [dcc.Input(type="hidden", name="csrf_token", value=csrf_token, id="logout-csrf"),
             html.Button("Logga ut", type="submit", className="btn btn-outline-light btn-sm")],
            method="POST", action=logout_href, className="d-inline",
        ),
    ]


def register(app: dash.Dash) -> None:
    """Register the shell's callbacks on `app`."""

    @app.callback(
        Output("data-as-of", "children"),
        Output("demo-badge", "children"),
        Output("nav-links", "html"),
        Output("nav-user", "children"),
        Input(PAGES_LOCATION, "pathname"),
    )
    def show_shell(pathname):
        """The footer's data date and the demo badge (from the latest import), the links this
        viewer may open and who is logged in: one request beside the pages router's, on the
        first load and on every navigation."""
        info = latest_import(get_session(), current_viewer())
        user = current_user if current_user.is_authenticated else None
        links = nav_links(pages_for_role(viewer_role()), pathname)
        login = login_url(pathname if pathname and pathname != "/" else None)
        return (data_as_of_text(info), demo_badge(info), links,
                user_area(user, generate_csrf(), login, route_url("/logout")))

    app.clientside_callback(
        in_browser("toggleMenu"),
        Output("nav-collapse", "is_open"),
        Output("nav-toggler", "aria-expanded"),
        Input("nav-toggler", "n_clicks"),
        State("nav-collapse", "is_open"),
        prevent_initial_call=True,  # the menu starts closed; a call on load is work for nothing
    )
