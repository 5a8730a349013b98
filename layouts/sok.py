"""Sök: every hit of a search, grouped by kind with their numbers, in the viewer's scope.
`/sok?q=vårdcentral` is the search's permalink; the field in the header leads here."""

from __future__ import annotations

from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import dcc, html

from callbacks import sok as cb
from dashboard.core import formatting as fmt
from dashboard.core.args import BadArgument, echo
from dashboard.core.urls import route_url
from data_access.queries.search import MIN_LENGTH, KindHits, search
from layouts.components import card, light, light_link, page_header
from layouts.page import Page

TITLE = "Sök"
LEAD = ("Sök bland enheter, mål, indikatorer, risker, uppdrag och resultatförbättrande "
        "åtgärder som du har behörighet att se. Ordets böjningsformer räknas som samma ord, "
        "och början av ett ord räcker.")
SHOWN = 50  # hits of each kind on the page
MAX_QUERY = 200  # characters of a search


@dataclass(frozen=True)
class Args:
    """`?q=vårdcentral`: what to search for."""

    q: str | None = None

    def __post_init__(self):
        if self.q is not None and len(self.q) > MAX_QUERY:
            raise BadArgument("q", f"Sökningen är för lång: högst {MAX_QUERY} tecken, inte "
                              f"{fmt.number(len(self.q))} (”{echo(self.q)}”).")


@dataclass(frozen=True)
class SokData:
    """The search and its hits, kind by kind (empty for no search or none found)."""

    query: str
    found: list[KindHits]


def load(session, viewer, args: Args) -> SokData:
    query = (args.q or "").strip()
    return SokData(query, search(session, viewer, query, per_kind=SHOWN))


def form(query: str) -> html.Form:
    """The search field of the page itself: a plain GET to this page."""
    return html.Form(
        dbc.InputGroup([
            dbc.Label("Sökord", html_for="sok-sida-falt", class_name="visually-hidden"),
            dcc.Input(id="sok-sida-falt", name="q", type="search", value=query,
                      className="form-control", autoComplete="off",
                      **({} if query else {"autoFocus": True})),
            html.Button("Sök", type="submit", className="btn btn-primary"),
        ]),
        action=route_url("/sok"), method="GET", role="search", className="sok-sida-form mb-4",
        **{"aria-label": "Sök"})


def kind_card(kind_hits: KindHits) -> dbc.Card:
    """One kind's hits: a list of links, with how many there are (and how many shown)."""
    heading = cb.KIND_WORDS[kind_hits.kind][0]
    shown = len(kind_hits.hits)
    more = [html.P(f"Visar de {fmt.number(shown)} första av {cb.count_text(kind_hits.kind, kind_hits.count)}; "
                   "skriv fler ord för att hitta färre.", className="text-body-secondary")
            ] if kind_hits.count > shown else []
    # Light elements (layouts.components.light): a card lists up to SHOWN hits.
    items = [light("Li", [light_link(hit.title, cb.hit_url(hit)), " ",
                          light("Span", f"{hit.place} · {hit.code}" if hit.place else hit.code,
                                className="sok-detalj")]) for hit in kind_hits.hits]
    return card(f"{heading} ({fmt.number(kind_hits.count)})", None,
                html.Ul(items, className="sok-traffar"), *more,
                card_id=f"sok-{kind_hits.kind}")


def summary(data: SokData) -> str:
    """`12 träffar för ”vård”: 3 enheter, 9 mål.`"""
    total = sum(k.count for k in data.found)
    parts = ", ".join(cb.count_text(k.kind, k.count) for k in data.found)
    return (f"{fmt.number(total)} {'träff' if total == 1 else 'träffar'} för ”{data.query}”: "
            f"{parts}.")


def view(data: SokData) -> list:
    top = [page_header(TITLE, LEAD), form(data.query)]
    if not data.query:
        return top
    if len(data.query) < MIN_LENGTH:
        return [*top, html.P(f"Skriv minst {MIN_LENGTH} tecken.", id="sok-besked")]
    if not data.found:
        return [*top, html.P(f"Inga träffar för ”{data.query}”.", id="sok-besked")]
    return [*top, html.P(summary(data), id="sok-besked", className="lead"),
            dbc.Row([dbc.Col(kind_card(k), lg=6, class_name="mb-4") for k in data.found])]


PAGE = Page(
    key="sok", path="/sok", title=TITLE, lead=LEAD, access="internal", order=175,
    args=Args, load=load, layout=view,
)
