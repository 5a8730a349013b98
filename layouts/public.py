"""Pieces the public pages share: the filter bar, the stores their browser-side callbacks
read, and the licence and source line (their sub-navigation: layouts.page.section_nav)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import dcc, html

from callbacks import oppna_data as shape
from dashboard.core.args import ALL
from dashboard.core.urls import api_url, page_url, query_string
from data_access.profile import Profile
from data_access.queries.open_data import Choice
from layouts.components import selector

@dataclass(frozen=True)
class FilterArgs:
    """`?area=MO-HSV&perspective=…&q=väntetid`: the public lists' filters, as URL arguments."""

    area: str | None = None
    perspective: str | None = None
    q: str | None = None


def filter_bar(key: str, areas: Sequence[Choice], perspectives: Sequence[Choice],
               filters: shape.Filters) -> html.Div:
    """Målområde, perspective and free-text search; each change is a new URL (a permalink)."""
    area_options = [(ALL, "Alla målområden"), *((c.code, shape.area_name(c)) for c in areas)]
    perspective_options = [(ALL, "Alla perspektiv"), *((c.code, c.name) for c in perspectives)]
    search = html.Div(
        [dbc.Label(["Sök ", html.Span("i namn och beskrivning", className="fw-normal")],
                   html_for=f"{key}-q", class_name="fw-semibold mb-1"),
         html.Div([
             dcc.Input(id=f"{key}-q", type="search", value=filters.text, debounce=True,
                       className="form-control", autoComplete="off",
                       maxLength=shape.SEARCH_CHARS),
             html.Button("Sök", type="button", className="btn btn-primary", id=f"{key}-search"),
         ], className="input-group")],
        className="selector",
    )
    return html.Div(
        dbc.Row([
            dbc.Col(selector(f"{key}-area", "Målområde", area_options, filters.area or ALL),
                    md=6, xl=3),
            dbc.Col(selector(f"{key}-perspective", "Perspektiv", perspective_options,
                             filters.perspective or ALL), md=6, xl=3),
            dbc.Col(search, xl=6),
        ], class_name="g-3"),
        className="filter-bar mb-4", role="search", **{"data-refocus": "1"},
    )


def view_stores(key: str, args: dict, view: dict) -> html.Div:
    """The page's other URL arguments (for the URL writers) and what the view shows (refocus)."""
    return html.Div([dcc.Store(id=f"{key}-args", data=args),
                     dcc.Store(id=f"{key}-view", data=query_string(view)),
                     dcc.Store(id=f"{key}-view-shown")])


def filtered_count(shown: int, total: int, what: str, filters: shape.Filters) -> html.P:
    """`Visar 12 av 137 nyckeltal.` (or all of them), read out when the view changes."""
    text = (f"Visar {shown} av {total} {what}." if filters.active
            else f"Visar alla {total} {what}.")
    return html.P(text, className="result-count", role="status")


def licence_line(about: Profile) -> html.P:
    """Which licence the data is under and where it comes from: the profile's publisher."""
    return html.P([
        "Data får användas fritt enligt licensen ",
        html.A(f"{shape.LICENCE_TITLE} ({shape.LICENCE_NAME})", href=shape.LICENCE_URL,
               rel="license"),
        f". Ange källan: {about.publisher} och Rödtråd. Jämförelser med andra områden "
        "kommer från Kolada och ska anges med ”Källa: Kolada”. ",
        dcc.Link("Ladda ned data eller använd API:et", href=page_url("oppna_api")), ".",
    ], className="licence-line")


def api_link(text: str, path: str = "", **args) -> html.A:
    """A link to an API resource (plain href: it is JSON, not a page)."""
    return html.A(text, href=api_url(path, **args))
