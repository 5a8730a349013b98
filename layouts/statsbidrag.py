"""Riktade statsbidrag: each grant with what is received, used and left, and the grants at risk
of repayment first, with sums per nämnd.

Also the pieces the Ekonomi sub-pages share (sub-navigation, selectors, tables).
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from callbacks import grants as cb
from callbacks.page_tables import statsbidrag_tables
from dashboard.core import formatting as fmt
from dashboard.core.args import ALL, BadArgument
from dashboard.core.urls import page_url
from layouts import components
from layouts.base import register_page, with_data
from layouts.components import (
    card,
    download_links,
    kpi_card,
    message,
    note,
    page,
    page_header,
    selector,
)

TITLE = "Riktade statsbidrag"
LEAD = (
    "Pengar från staten för ett bestämt syfte, som måste användas före ett visst datum. Här "
    "syns hur mycket varje bidrag har gett, hur mycket som är använt och vad som finns kvar. "
    "Bidrag som riskerar att behöva betalas tillbaka visas först."
)
KEY = "statsbidrag"

# --- Shared by the Ekonomi sub-pages -----------------------------------------------------

ECONOMY_VIEWS = (("Budget och utfall", "ekonomi"), ("Riktade statsbidrag", "statsbidrag"),
                 ("Resultatförbättrande åtgärder", "atgarder"),
                 ("Prognossäkerhet", "prognossakerhet"))


def subnav(current: str) -> html.Nav:
    """Links between the Ekonomi views, the current one marked."""
    return components.subnav([(key, text) for text, key in ECONOMY_VIEWS], current, "Ekonomi")


def header(key: str, title: str, lead: str) -> list:
    """The sub-navigation, then the page's h1 and lead."""
    return [subnav(key), page_header(title, lead)]


def year_options(years: list[int]) -> list[tuple[str, str]]:
    """Years as (value, label), newest first."""
    return [(str(y), str(y)) for y in years]


def namnd_options(namnder) -> list[tuple[str, str]]:
    """`Alla nämnder`, then each nämnd the viewer may choose."""
    return [(ALL, "Alla nämnder"), *((n.code, n.name) for n in namnder)]


def controls(key: str, selection: cb.Selection, with_namnd: bool = True) -> dbc.Row:
    """The year (and nämnd) selectors writing the URL."""
    columns = [dbc.Col(selector(f"{key}-year", "År", year_options(selection.years),
                                str(selection.year)), xs=5, md=3, xl=2)]
    if with_namnd:
        chosen = selection.namnd.code if selection.namnd else ALL
        columns.append(dbc.Col(selector(f"{key}-namnd", "Nämnd", namnd_options(selection.namnder),
                                        chosen), xs=7, md=5, xl=4))
    return dbc.Row([dcc.Store(id=f"{key}-args", data=selection.args), *columns],
                   class_name="g-3 controls align-items-end")


def list_table(caption: str, columns: list[str], rows: list[list], numeric: list[bool]):
    """A long table that becomes one labelled block per row on phones (the Mål page's
    `goal-table` style), so that no one has to scroll sideways through it."""
    def cell(value, column: str, right: bool):
        return html.Td(html.Div(value),
                       className="text-end" if right else "cell", **{"data-label": column})

    head = html.Thead(html.Tr([html.Th(c, scope="col", className="text-end" if n else None)
                               for c, n in zip(columns, numeric)]))
    body = html.Tbody([html.Tr([cell(v, c, n) for v, c, n in zip(row, columns, numeric)])
                       for row in rows])
    table = html.Table([html.Caption(caption), head, body],
                       className="table table-sm data-table goal-table")
    # Between phone and desktop the table may still scroll sideways: reachable by keyboard.
    return html.Div(table, className="table-responsive", tabIndex="0", role="region",
                    **{"aria-label": caption})


def scope_note(viewer, what: str) -> list:
    """For a nämnd member: that only their own nämnders' rows are shown."""
    if viewer.sees_everything:
        return []
    return [note(f"Du ser {what} för din nämnd och förvaltningarna och enheterna under den. "
                 "Andra nämnders visas inte på enhetsnivå.")]


def content(key: str, title: str, lead: str, build) -> html.Div:
    """A sub-page: its header, then what `build(session, viewer)` makes, or a message."""
    def body(session, viewer) -> list:
        try:
            parts = build(session, viewer)
        except BadArgument as error:
            parts = [message(str(error), (f"Visa {title.lower()}", page_url(key)))]
        # A flex column, not `.page > .app-card`: wide tables may use the whole width.
        return [*header(key, title, lead), html.Div(parts, className="vstack gap-4")]
    parts = with_data(body)
    return html.Div(parts, className="page") if parts else page(title, lead, [])


# --- This page ---------------------------------------------------------------------------


def key_figures(data: cb.GrantsData) -> dbc.Row:
    """Received, left to use, and at risk of repayment, for the grants shown."""
    total = cb.sums("Totalt", data.grants)
    year = str(data.selection.year)
    at_risk = fmt.number(total.at_risk)
    return dbc.Row([
        dbc.Col(kpi_card("Erhållet", year, fmt.tkr(total.received_tkr),
                         f"{fmt.number(total.count)} bidrag, varav "
                         f"{fmt.percent(cb.share(total.used_tkr, total.received_tkr), 0)} använt.",
                         f"{KEY}-received"), md=4),
        dbc.Col(kpi_card("Kvar att använda", f"Per {fmt.iso_date(data.today)}",
                         fmt.tkr(total.remaining_tkr),
                         "Pengar som ännu inte är använda för bidragens syften.",
                         f"{KEY}-remaining"), md=4),
        dbc.Col(kpi_card(f"{cb.RISK_SYMBOL} {cb.RISK_WORD}", f"Per {fmt.iso_date(data.today)}",
                         at_risk,
                         f"Bidrag med risk för återbetalning; i dem finns "
                         f"{fmt.tkr(total.at_risk_remaining_tkr)} kvar.", f"{KEY}-at-risk"),
                md=4),
    ], class_name="g-4")


def grants_card(data: cb.GrantsData) -> dbc.Card:
    """Every grant, at-risk first."""
    year = data.selection.year
    caption = f"Riktade statsbidrag {year}, bidrag med risk för återbetalning först"
    return card("Bidragen", f"{year}, belopp i tusentals kronor (tkr)",
                list_table(caption, cb.GRANT_COLUMNS, cb.grant_rows(data.grants),
                           cb.GRANT_NUMERIC),
                download_links(KEY, "grants", data.selection.args, "bidragen"),
                card_id=f"{KEY}-grants")


def sums_card(data: cb.GrantsData) -> dbc.Card:
    """The grants summed per nämnd."""
    year = data.selection.year
    return card("Summa per nämnd", f"{year}, tkr",
                list_table(f"Riktade statsbidrag {year} per nämnd", cb.SUM_COLUMNS,
                           cb.sum_rows(data.grants), cb.SUM_NUMERIC),
                download_links(KEY, "sums", data.selection.args, "summorna"),
                card_id=f"{KEY}-sums")


def rule_card(today) -> dbc.Card:
    """The repayment-risk rule in plain Swedish."""
    intro, *conditions = cb.RISK_RULE_TEXT_SV
    return card("Så bedömer vi risken för återbetalning", None,
                html.P(intro), html.Ul([html.Li(c) for c in conditions]),
                note(cb.RISK_RULE_NOTE_SV.format(today=fmt.iso_date(today))),
                card_id=f"{KEY}-rule")


def _build(namnd, year):
    """The page's cards for the URL's arguments."""
    def build(session, viewer) -> list:
        data = cb.grants_data(session, viewer, namnd, year)
        if data.selection.year is None:
            return [message("Det finns inga riktade statsbidrag som du har behörighet att se.")]
        return [
            *scope_note(viewer, "statsbidragen"),
            controls(KEY, data.selection),
            key_figures(data),
            grants_card(data) if data.grants else card(
                "Bidragen", str(data.selection.year),
                note("Nämnden har inga riktade statsbidrag det här året."),
                card_id=f"{KEY}-grants"),
            sums_card(data),
            rule_card(data.today),
        ]
    return build


def layout(namnd=None, year=None, **_query_args):
    """The Riktade statsbidrag page for `?namnd=…&year=…`."""
    return content(KEY, TITLE, LEAD, _build(None if namnd == ALL else namnd, year))


def register(order: int) -> None:
    """Add the page to Dash's page registry."""
    register_page(__name__, KEY, TITLE, layout, order, access="internal", in_nav=False,
                  tables=statsbidrag_tables)
