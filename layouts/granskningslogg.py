"""Granskningslogg (administrators only): who signed in, read, downloaded, imported or
changed what, and when; filtered by who, kind and dates, newest first, a page at a time."""

from __future__ import annotations

from dataclasses import replace

from dash import dcc, html

from callbacks.audit_log import (
    COLUMNS,
    KIND_LABELS,
    MOST_IN_FILE,
    PER_PAGE,
    audit_filter,
    caption,
    events_table,
    filter_args,
    page_number,
    row_values,
)
from dashboard.core.urls import page_url
from data_access.queries.audit_log import AuditFilter, audit_events
from layouts.admin import admin_page
from layouts.base import register_page, with_data
from layouts.components import card, data_table, download_links, note

KEY = "granskningslogg"
TITLE = "Granskningslogg"
LEAD = ("Inloggningar (även misslyckade), visningar av interna sidor, nedladdningar, importer "
        "och ändringar av användare: vem, när, vad och med vilken behörighet.")


def _field(label: str, name: str, value: str, hint: str = "") -> html.Div:
    control = dcc.Input(id=f"{KEY}-{name}", name=name, value=value, type="text",
                        placeholder=hint, className="form-control")
    return html.Div([html.Label(label, htmlFor=f"{KEY}-{name}", className="form-label"), control],
                    className="col-sm-6 col-lg-3")


def filter_form(wanted: AuditFilter) -> html.Form:
    """Who and the dates as a plain form: sending it opens the page with them in the
    address (the kind chosen above goes with it)."""
    return html.Form([
        _field("Vem (användarnamn)", "vem", wanted.who),
        _field("Från och med", "fran", _iso(wanted.first_day), "ÅÅÅÅ-MM-DD"),
        _field("Till och med", "till", _iso(wanted.last_day), "ÅÅÅÅ-MM-DD"),
        dcc.Input(type="hidden", name="handelse", value=wanted.kind, id=f"{KEY}-handelse"),
        html.Div(html.Button("Visa", type="submit", className="btn btn-primary"),
                 className="col-sm-6 col-lg-3 align-self-end"),
    ], action=page_url(KEY), method="get", className="row g-3 mb-3 no-print")


def kind_links(wanted: AuditFilter) -> html.Nav:
    """One link per kind of event (and one for all), the chosen one marked."""
    args = filter_args(replace(wanted, kind=""))
    choices = [("", "Alla händelser"), *KIND_LABELS.items()]
    links = [dcc.Link(_choice(label, kind == wanted.kind),
                      href=page_url(KEY, **args, **({"handelse": kind} if kind else {})),
                      className="btn btn-sm " + ("btn-primary" if kind == wanted.kind
                                                 else "btn-outline-primary"))
             for kind, label in choices]
    return html.Nav(links, className="d-flex flex-wrap gap-2 mb-3 no-print",
                    **{"aria-label": "Slag av händelse"})


def _choice(label: str, chosen: bool) -> list:
    """A choice's text; the chosen one says so to a screen reader too."""
    return [label, html.Span(" (vald)", className="visually-hidden")] if chosen else [label]


def _iso(day) -> str:
    return day.isoformat() if day else ""


def pager(args: dict, number: int, total: int) -> html.Nav:
    """Links to the newer and older pages of the list."""
    links = []
    if number > 1:
        links.append(dcc.Link("Nyare", href=page_url(KEY, **args, sida=str(number - 1))))
    if number * PER_PAGE < total:
        links.append(dcc.Link("Äldre", href=page_url(KEY, **args, sida=str(number + 1))))
    return html.Nav(links, className="d-flex gap-3", **{"aria-label": "Sidor i loggen"})


def _body(session, viewer, wanted: AuditFilter, number: int) -> list:
    offset = (number - 1) * PER_PAGE
    events, total = audit_events(session, viewer, wanted, offset, PER_PAGE)
    args = filter_args(wanted)
    table = (data_table(caption(len(events), offset, total), COLUMNS,
                        [row_values(e) for e in events], [False] * len(COLUMNS))
             if events else note("Inga händelser matchar urvalet."))
    return [kind_links(wanted), filter_form(wanted),
            card("Händelser", None, table, pager(args, number, total),
                 download_links(KEY, "events", args, "loggen"), card_id=f"{KEY}-lista")]


def layout(sida=None, **query_args):
    """The Granskningslogg page."""
    wanted = audit_filter(**query_args)
    return admin_page(KEY, TITLE, LEAD, with_data(
        lambda session, viewer: _body(session, viewer, wanted, page_number(sida))))


def tables(session, viewer, args: dict) -> dict:
    """The filtered log as a file, newest first (at most MOST_IN_FILE events)."""
    events, total = audit_events(session, viewer, audit_filter(**args), 0, MOST_IN_FILE)
    return {"events": events_table(events, total)}


def register(order: int) -> None:
    """Add the page to Dash's page registry."""
    register_page(__name__, KEY, TITLE, layout, order, access="admin", in_nav=False,
                  tables=tables)
