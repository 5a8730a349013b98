"""Uppdrag: every assignment by the nämnd responsible for it, with deadline and status,
the overdue ones first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import dcc, html

from callbacks import uppdrag as cb
from dashboard.core import formatting as fmt
from dashboard.core.args import ALL, BadArgument, chosen
from dashboard.core.exports import Table
from dashboard.core.urls import page_url
from data_access.queries.uppdrag import (
    STATUS_ORDER,
    NamndCounts,
    UppdragRow,
    uppdrag_counts,
    uppdrag_list,
)
from layouts.page import Page
from layouts.components import (
    card,
    data_table,
    download_links,
    header,
    message,
    note,
    selector,
)

TITLE = "Uppdrag"
LEAD = (
    "Uppdragen som {council}, {board} och nämnderna har gett, nämnd för "
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


# --- The page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Args:
    """`?namnd=HSN&status=forsenat`: one nämnd's uppdrag, of one status (default: all)."""

    namnd: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class UppdragData:
    """What the page shows: the counts per nämnd and status, and the uppdrag the filters list."""

    namnd: str | None
    status: str | None
    today: dt.date
    counts: list[NamndCounts]
    rows: list[UppdragRow]
    sees_everything: bool


def load(session, viewer, args: Args) -> UppdragData:
    """The uppdrag for the filters, judged late on the day the data was loaded."""
    namnd, status = chosen(args.namnd), chosen(args.status)
    today = cb.today_for(session, viewer)
    counts = uppdrag_counts(session, viewer, today)
    problem = cb.check_filters(counts, namnd, status)
    if problem:
        raise BadArgument("namnd", problem)
    rows = uppdrag_list(session, viewer, today, namnd, status) if counts else []
    return UppdragData(namnd, status, today, counts, rows, viewer.sees_everything)


def view(data: UppdragData) -> list:
    """The filters, the counts and one card per nämnd with its uppdrag."""
    top = header(_crumbs(), TITLE, LEAD)
    if not data.counts:
        return [*top, message("Det finns inga uppdrag som du har behörighet att se.")]
    groups = cb.by_namnd(data.rows)
    # Every nämnd's card has its own downloads; all of them in one file when there are more.
    everything = [html.Div(download_links("uppdrag", "list", {"status": data.status},
                                          "alla uppdragen nedan"), className="my-4")
                  ] if len(groups) > 1 else []
    scope = [] if data.sees_everything else [note(
        "Du ser uppdragen som har getts till eller av din nämnd och förvaltningarna och "
        "enheterna under den.")]
    return [
        *top, *scope,
        dcc.Store(id="uppdrag-args", data={"namnd": data.namnd, "status": data.status}),
        controls(data.counts, data.namnd, data.status),
        counts_card([c for c in data.counts if not data.namnd or c.code == data.namnd],
                    data.today, data.namnd),
        *everything,
        *list_cards(groups, data.today, data.status),
    ]


def tables(data: UppdragData) -> dict[str, Table]:
    """The number of uppdrag per nämnd and status, and the uppdrag the filters list."""
    return {
        "counts": cb.counts_file([c for c in data.counts
                                  if data.namnd is None or c.code == data.namnd]),
        "list": cb.list_file(data.rows),
    }


def problem(error: BadArgument) -> list:
    """A filter naming what the viewer has no uppdrag of: why, and the way to all of them."""
    return [*header(_crumbs(), TITLE, LEAD),
            message(str(error), ("Visa alla uppdrag", page_url("uppdrag")))]


PAGE = Page(
    key="uppdrag", path="/mal/uppdrag", title=TITLE, lead=LEAD, access="internal", order=40,
    section="mal", subnav="Uppdrag", args=Args, load=load, layout=view, tables=tables,
    problem=problem,
)
