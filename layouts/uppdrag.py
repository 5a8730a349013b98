"""Uppdrag: every assignment by the nämnd responsible for it, with deadline and status,
the overdue ones first."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from callbacks import uppdrag as cb
from callbacks.indicators import ALL, one
from callbacks.page_tables import uppdrag_tables
from dashboard.core import formatting as fmt
from dashboard.core.urls import page_url
from data_access.queries.uppdrag import STATUS_ORDER, uppdrag_counts, uppdrag_list
from layouts.base import register_page, with_data
from layouts.components import card, data_table, download_links, note, page
from layouts.indikator import header, message, selector

TITLE = "Uppdrag"
LEAD = (
    "Uppdragen som regionfullmäktige, regionstyrelsen och nämnderna har gett, nämnd för "
    "nämnd: vem som ska göra vad, till när och hur det går. Försenade uppdrag visas först."
)


def _crumbs() -> list:
    return [("Mål", page_url("mal")), (TITLE, None)]


def controls(counts, namnd: str | None, status: str | None) -> dbc.Row:
    """The nämnd and status filters."""
    namnder = [(ALL, "Alla nämnder"), *((c.code, c.name) for c in counts)]
    statuses = [(ALL, "Alla"), *((s, cb.UPPDRAG_STATUS_SV[s].word) for s in STATUS_ORDER)]
    return dbc.Row([
        dbc.Col(selector("uppdrag-namnd", "Nämnd", namnder, namnd or ALL), md=6, xl=4),
        dbc.Col(selector("uppdrag-status", "Status", statuses, status or ALL), md=6, xl=3),
    ], class_name="g-3 mb-4 controls")


def counts_card(counts, today, namnd: str | None = None):
    """How many uppdrag of each status every nämnd has."""
    return card(
        "Uppdrag per nämnd och status", f"Per {fmt.iso_date(today)}",
        note(f"Försenat betyder att tidsfristen har passerat per {fmt.iso_date(today)}, då "
             "uppgifterna senast lästes in, utan att uppdraget är klart eller avbrutet, eller att "
             "den som har uppdraget själv har rapporterat det som försenat. Klicka på en siffra "
             "för att se uppdragen."),
        data_table(f"Antal uppdrag per nämnd och status, per {fmt.iso_date(today)}",
                   cb.count_columns(), cb.count_rows(counts), [False] + [True] * 6),
        download_links("uppdrag", "counts", {"namnd": namnd}),
        card_id="uppdrag-counts",
    )


def list_cards(groups, today, status: str | None) -> list:
    """One card per nämnd with its uppdrag, overdue first (`groups`: cb.by_namnd's)."""
    cards = []
    for code, name, part in groups:
        late = sum(r.shown_status == "forsenat" for r in part)
        period = f"{fmt.number(len(part))} uppdrag, varav {fmt.number(late)} försenade"
        cards.append(card(name, period,
                          data_table(f"Uppdrag till {name}", cb.COLUMNS,
                                     cb.uppdrag_rows(part, today), [False] * 5),
                          download_links("uppdrag", "list", {"namnd": code, "status": status},
                                         f"uppdragen till {code}"),
                          card_id=f"uppdrag-list-{code}"))
    return cards or [card("Inga uppdrag", None, note("Inga uppdrag matchar filtren."),
                          card_id="uppdrag-list-empty")]


def _body(namnd, status):
    """The page for the URL's arguments, or a message saying why it cannot be shown."""
    namnd, status = (None if v in (None, "", ALL) else v for v in map(one, (namnd, status)))

    def build(session, viewer) -> list:
        top = header(_crumbs(), TITLE, LEAD)
        today = cb.today_for(session, viewer)
        counts = uppdrag_counts(session, viewer, today)
        problem = cb.check_filters(counts, namnd, status)
        if problem:
            return [*top, message(problem, ("Visa alla uppdrag", page_url("uppdrag")))]
        if not counts:
            return [*top, message("Det finns inga uppdrag som du har behörighet att se.")]
        groups = cb.by_namnd(uppdrag_list(session, viewer, today, namnd, status))
        # Every nämnd's card has its own downloads; all of them in one file when there are more.
        everything = [html.Div(download_links("uppdrag", "list", {"status": status},
                                              "alla uppdragen nedan"), className="my-4")
                      ] if len(groups) > 1 else []
        scope = [] if viewer.sees_everything else [note(
            "Du ser uppdragen som har getts till eller av din nämnd och förvaltningarna och "
            "enheterna under den.")]
        return [
            *top, *scope,
            dcc.Store(id="uppdrag-args", data={"namnd": namnd, "status": status}),
            controls(counts, namnd, status),
            counts_card([c for c in counts if not namnd or c.code == namnd], today, namnd),
            *everything,
            *list_cards(groups, today, status),
        ]
    return build


def layout(namnd=None, status=None, **_query_args):
    """The Uppdrag page for `?namnd=…&status=…`."""
    content = with_data(_body(namnd, status))
    return html.Div(content, className="page") if content else page(TITLE, LEAD, [])


def register(order: int) -> None:
    """Add the page to Dash's page registry."""
    register_page(__name__, "uppdrag", TITLE, layout, order, access="internal", in_nav=False,
                  tables=uppdrag_tables)
