"""Resultatförbättrande åtgärder: each measure with planned and achieved effect and its status,
summed per nämnd with a chart of planned against achieved effect."""

from __future__ import annotations

import dash_bootstrap_components as dbc

from callbacks import measures as cb
from callbacks.grants import share
from callbacks.page_tables import atgarder_tables
from dashboard.core import formatting as fmt
from dashboard.core.args import ALL
from layouts.base import register_page
from layouts.components import card, chart, download_links, kpi_card, message, note
from layouts.statsbidrag import content, controls, list_table, scope_note

TITLE = "Resultatförbättrande åtgärder"
LEAD = (
    "Åtgärderna som ska förbättra resultatet, genom lägre kostnader eller högre intäkter: hur "
    "stor effekt var och en skulle ge, hur mycket som har uppnåtts och hur långt arbetet har "
    "kommit, sammanräknat per nämnd."
)
KEY = "atgarder"


def key_figures(found, year: int) -> dbc.Row:
    """Planned and achieved effect and how many measures are done, for the measures shown."""
    total = cb.sums("Totalt", found)
    return dbc.Row([
        dbc.Col(kpi_card("Planerad effekt", str(year), fmt.mnkr(total.planned_tkr),
                         f"Sammanlagt för {fmt.number(total.count)} åtgärder.",
                         f"{KEY}-planned"), md=4),
        dbc.Col(kpi_card("Uppnådd effekt", str(year), fmt.mnkr(total.achieved_tkr),
                         f"{fmt.percent(total.achieved_share, 0)} av den planerade effekten.",
                         f"{KEY}-achieved"), md=4),
        dbc.Col(kpi_card("Genomförda åtgärder", str(year), fmt.number(total.done),
                         f"av {fmt.number(total.count)} åtgärder "
                         f"({fmt.percent(share(total.done, total.count), 0)}).",
                         f"{KEY}-done"), md=4),
    ], class_name="g-4")


def sums_card(found, year: int, args: dict) -> dbc.Card:
    """Planned against achieved effect per nämnd: the chart and its table."""
    per_namnd = cb.sums_by_namnd(found)
    return card(
        "Planerad och uppnådd effekt per nämnd", f"{year}, mnkr",
        note(cb.SUMS_NOTE_SV),
        dbc.Row([
            dbc.Col(chart(cb.effect_figure(per_namnd), cb.effect_label(per_namnd, year),
                          f"{KEY}-chart"), xxl=5),
            dbc.Col([list_table(f"Planerad och uppnådd effekt per nämnd {year}",
                                cb.SUM_COLUMNS, cb.sum_rows(found), cb.SUM_NUMERIC),
                     download_links(KEY, "sums", args, "summorna")], xxl=7),
        ], class_name="g-4"),
        card_id=f"{KEY}-sums",
    )


def measures_card(found, year: int, args: dict) -> dbc.Card:
    """Every measure, by nämnd, the largest missing effect first."""
    return card("Åtgärderna", f"{year}, belopp i tusentals kronor (tkr)",
                list_table(f"Resultatförbättrande åtgärder {year}, per nämnd, störst "
                           "effekt kvar att uppnå först", cb.MEASURE_COLUMNS,
                           cb.measure_rows(found), cb.MEASURE_NUMERIC),
                download_links(KEY, "measures", args, "åtgärderna"),
                card_id=f"{KEY}-measures")


def _build(namnd, year):
    """The page's cards for the URL's arguments."""
    def build(session, viewer) -> list:
        data = cb.measures_data(session, viewer, namnd, year)
        selection = data.selection
        if selection.year is None:
            return [message("Det finns inga resultatförbättrande åtgärder som du har behörighet "
                            "att se.")]
        parts = [*scope_note(viewer, "åtgärderna"), controls(KEY, selection)]
        if not data.measures:
            return [*parts, card("Åtgärderna", str(selection.year),
                                 note("Nämnden har inga resultatförbättrande åtgärder det här "
                                      "året."), card_id=f"{KEY}-measures")]
        return [*parts, key_figures(data.measures, selection.year),
                sums_card(data.measures, selection.year, selection.args),
                measures_card(data.measures, selection.year, selection.args)]
    return build


def layout(namnd=None, year=None, **_query_args):
    """The Resultatförbättrande åtgärder page for `?namnd=…&year=…`."""
    return content(KEY, TITLE, LEAD, _build(None if namnd == ALL else namnd, year))


def register(order: int) -> None:
    """Add the page to Dash's page registry."""
    register_page(__name__, KEY, TITLE, layout, order, access="internal", in_nav=False,
                  tables=atgarder_tables)
