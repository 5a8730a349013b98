"""The frame around every page: navigation, the page container and the footer. No data here:
`/_dash-layout` is readable by anyone, so the footer's data date is filled in by a callback."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.access import pages_for_role
from dashboard.core.urls import page_url, route_url
from dashboard.core.wording import fill
from dashboard.errors import NOTICE_ID
from dashboard.markup import Markup, live_page, to_html
from layouts.components import light, light_link


def nav_links(pages, pathname: str | None = None) -> str:
    """The navbar's links as HTML: one per page the viewer may open, in the organisation's
    words (a label such as `{Report}`), the link to `pathname` marked as the current page
    (class and aria-current). HTML for one Markup (`nav_menu`): as dbc's NavItem and NavLink,
    two components a link, a leader's dozen links cost the browser's renderer on every
    update of its store, on every page."""
    items = []
    for page in pages:
        href = page["relative_path"]
        mark = {"className": "nav-link active", "aria-current": "page"} if href == pathname \
            else {"className": "nav-link"}
        items.append(light("Div", light_link(fill(page["name"]), href, **mark),
                           className="nav-item"))
    with live_page():
        return to_html(items)


def nav_menu(links: str) -> Markup:
    """The navbar's list of links (`nav_links`), as dbc.Nav(navbar=True) draws it."""
    return Markup(html=links, id="nav-links", className="navbar-nav")


def search_field() -> html.Form:
    """The search in the header (for a logged-in user): a field whose suggestions
    (callbacks.sok) appear under it as you type, a combobox by assets/sok.js; Enter without a
    suggestion chosen opens the Sök page with every hit (the form's plain GET)."""
    return html.Form(
        [html.Label("Sök", htmlFor="sok-falt", className="visually-hidden"),
         dcc.Input(id="sok-falt", name="q", type="search", placeholder="Sök", debounce=0.25,
                   autoComplete="off", className="form-control form-control-sm"),
         html.Div(id="sok-lista", role="listbox", hidden=True, className="sok-lista",
                  **{"aria-label": "Förslag"}),
         html.Div(id="sok-status", role="status", className="visually-hidden")],
        action=route_url("/sok"), method="GET", role="search", className="sok-form",
        **{"aria-label": "Sök i Rödtråd"})


def navigation() -> dbc.Navbar:
    """The navbar: brand, demo badge, the public pages' links and the user area.

    The links a logged-in user may open and their name are filled in by a callback,
    since this layout is sent to everyone.
    """
    links = nav_links(pages_for_role("allmanhet"))
    return dbc.Navbar(
        dbc.Container(
            [
                dbc.NavbarBrand("Rödtråd", href=page_url("oversikt"), class_name="app-brand"),
                html.Span(id="demo-badge"),
                # Not dbc.NavbarToggler: it names itself "Toggle navigation", so the visible
                # "Meny" would not be its accessible name (WCAG 2.5.3).
                html.Button("Meny", id="nav-toggler", type="button",
                            className="navbar-toggler ms-auto",
                            **{"aria-controls": "nav-collapse", "aria-expanded": "false"}),
                dbc.Collapse(
                    [nav_menu(links),
                     html.Div(id="nav-user", className="nav-user ms-lg-auto")],
                    id="nav-collapse", navbar=True,
                ),
            ],
            fluid=True, class_name="app-container",
        ),
        color="", dark=True, expand="lg", class_name="app-navbar",
    )


def footer() -> html.Footer:
    """The footer: what Rödtråd is and how recent the data is."""
    return html.Footer(
        dbc.Container(
            [
                html.Span("Rödtråd – styrmodellens mål, ekonomi och internkontroll"),
                html.Span(id="data-as-of", className="data-as-of"),
            ],
            fluid=True,
            class_name="app-container d-flex flex-wrap justify-content-between gap-2",
        ),
        className="app-footer",
    )


def shell() -> html.Div:
    """The app layout: skip link, navigation, main content (the pages) and footer."""
    return html.Div(
        [
            html.A(
                "Hoppa till innehållet", href="#main", className="visually-hidden-focusable skip-link"
            ),
            navigation(),
            html.Main(
                # A callback that fails (the database is away) says so here.
                dbc.Container([html.Div(id=NOTICE_ID), dash.page_container], fluid=True,
                              class_name="app-container"),
                id="main",
                tabIndex="-1",
                className="app-main",
            ),
            footer(),
        ],
        className="app",
    )
