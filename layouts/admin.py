"""What the administrators' pages share: their sub-navigation, above each page's header."""

from __future__ import annotations

from collections.abc import Sequence

from dash import html

from layouts import components

ADMIN_VIEWS = (("importera", "Import"), ("importlogg", "Importlogg"),
               ("granskningslogg", "Granskningslogg"), ("anvandare", "Användare"))


def subnav(current: str) -> html.Nav:
    """Links between the administrators' pages, the current one marked."""
    return components.subnav(ADMIN_VIEWS, current, "Administration")


def admin_page(key: str, title: str, lead: str, body: Sequence) -> html.Div:
    """An administrators' page: the sub-navigation, the header, then the body."""
    return html.Div([subnav(key), components.page_header(title, lead), *body], className="page")
