"""Sök: the suggestions under the search field in the header, as a WAI-ARIA listbox, and
where each hit leads. The field is in the header for a logged-in user (callbacks.shell's
user area); its ids begin with `sok-`, so the suggestions are the Sök page's callback and
refused to anyone who may not open that page. assets/sok.js makes the field a combobox
(role, aria-expanded, aria-activedescendant) and handles the keys."""

from __future__ import annotations

import dash
from dash import Input, Output, html

from dashboard.auth import current_viewer
from dashboard.core import formatting as fmt
from dashboard.core.urls import page_url, route_url
from dashboard.database import get_session
from data_access.queries.search import MIN_LENGTH, Hit, KindHits, search

FIELD, LISTBOX, STATUS = "sok-falt", "sok-lista", "sok-status"
SUGGESTED = 3  # hits of each kind under the field (the page shows more)
# Kind -> (heading, one hit, several hits)
KIND_WORDS = {
    "enhet": ("Enheter", "enhet", "enheter"),
    "mal": ("Mål", "mål", "mål"),
    "indikator": ("Indikatorer", "indikator", "indikatorer"),
    "risk": ("Risker", "risk", "risker"),
    "uppdrag": ("Uppdrag", "uppdrag", "uppdrag"),
    "atgard": ("Resultatförbättrande åtgärder", "åtgärd", "åtgärder"),
}


def hit_url(hit: Hit) -> str:
    """The page that shows the object found."""
    if hit.kind == "enhet":
        return route_url("/enhet", code=hit.code)
    if hit.kind == "mal":
        return page_url("mal", goal=hit.code)
    if hit.kind == "indikator":
        return page_url("indikator", code=hit.code)
    if hit.kind == "risk":
        return page_url("risk", code=hit.code)
    if hit.kind == "uppdrag":
        return page_url("uppdrag", namnd=hit.namnd)
    return page_url("atgarder", namnd=hit.namnd, year=hit.year)


def results_url(query: str) -> str:
    """The Sök page for a search: its permalink."""
    return page_url("sok", q=query.strip() or None)


def count_text(kind: str, count: int) -> str:
    """`3 risker`, `1 risk`."""
    _heading, one, several = KIND_WORDS[kind]
    return f"{fmt.number(count)} {one if count == 1 else several}"


def _option(number: int, label: str, href: str, detail: str | None = None) -> html.Div:
    extra = [html.Span(detail, className="sok-detalj")] if detail else []
    return html.Div([html.Span(label), *extra], id=f"sok-val-{number}", role="option",
                    className="sok-val", **{"aria-selected": "false", "data-href": href})


def suggestions(found: list[KindHits], query: str) -> list:
    """The listbox's groups: the first hits of each kind, then a way to all the hits."""
    groups, number = [], 0
    for kind_hits in found:
        heading = KIND_WORDS[kind_hits.kind][0]
        options = []
        for hit in kind_hits.hits[:SUGGESTED]:
            options.append(_option(number, hit.title, hit_url(hit), hit.place or hit.code))
            number += 1
        groups.append(html.Div(
            [html.Div(f"{heading} ({fmt.number(kind_hits.count)})", className="sok-grupp-rubrik",
                      **{"aria-hidden": "true"}), *options],
            role="group", className="sok-grupp", **{"aria-label": heading}))
    label = f"Visa alla träffar för ”{query.strip()}”" if found else \
        f"Inga förslag för ”{query.strip()}”: sök ändå"
    groups.append(html.Div([_option(number, label, results_url(query))], role="group",
                           className="sok-grupp", **{"aria-label": "Alla träffar"}))
    return groups


def status_text(found: list[KindHits]) -> str:
    """What a screen reader hears when the suggestions change."""
    if not found:
        return "Inga förslag."
    return "Förslag: " + ", ".join(count_text(k.kind, k.count) for k in found) + \
        ". Välj med pil upp och pil ned."


def register(app: dash.Dash) -> None:
    """Register the search field's suggestions on `app`."""

    @app.callback(
        Output(LISTBOX, "children"),
        Output(LISTBOX, "hidden"),
        Output(STATUS, "children"),
        Input(FIELD, "value"),
        prevent_initial_call=True,
    )
    def suggest(query):
        """The suggestions for what has been typed (nothing before MIN_LENGTH characters)."""
        if not isinstance(query, str) or len(query.strip()) < MIN_LENGTH:
            return [], True, ""
        found = search(get_session(), current_viewer(), query, per_kind=SUGGESTED)
        return suggestions(found, query), False, status_text(found)
