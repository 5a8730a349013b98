"""Prognossäkerhet: for a closed year, how each month's full-year forecast per nämnd compared
with the final outcome, and which nämnder forecast well."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from callbacks import forecast as cb
from callbacks.grants import Selection
from callbacks.page_tables import prognossakerhet_tables
from layouts.base import register_page
from layouts.components import (
    card,
    chart,
    data_table,
    download_links,
    message,
    note,
    table_behind,
)
from layouts.statsbidrag import content, controls, list_table

TITLE = "Prognossäkerhet"
LEAD = (
    "Hur väl nämndernas prognoser för helåret stämde med det verkliga utfallet, månad för "
    "månad, för år som är avslutade. Här syns vilka delar av organisationen som gör träffsäkra "
    "prognoser."
)
KEY = "prognossakerhet"


def summary_card(data: cb.ForecastData) -> dbc.Card:
    """Per nämnd: the outcome, the mean error and the verdict."""
    return card("Bedömning per nämnd", f"Helår {data.year}",
                list_table(f"Prognossäkerhet per nämnd {data.year}", cb.SUMMARY_COLUMNS,
                           cb.summary_rows(data.results), cb.SUMMARY_NUMERIC),
                download_links(KEY, "summary", {"year": data.year}, "bedömningen"),
                note("Medelfel: hur mycket årets tolv prognoser i genomsnitt missade utfallet, "
                     "oavsett riktning. Genomsnittlig riktning: plus betyder att prognoserna "
                     "i genomsnitt var för optimistiska, minus att de var för pessimistiska."),
                card_id=f"{KEY}-summary")


def chart_card(data: cb.ForecastData) -> dbc.Card:
    """The error per month per nämnd, with the same figures in a table behind it."""
    return card(
        "Prognosfel månad för månad", f"Helår {data.year}, procent av nämndens utfall",
        chart(cb.error_figure(data.results), cb.error_label(data.results, data.year),
              f"{KEY}-chart"),
        table_behind(data_table(f"Prognosfel per månad och nämnd {data.year} (prognos − utfall)",
                                cb.month_columns(data.results), cb.month_rows(data.results),
                                [False] + [True] * (2 * len(data.results)))),
        download_links(KEY, "months", {"year": data.year}, "prognosfelen per månad"),
        download_links(KEY, "forecasts", {"year": data.year},
                       "alla prognoser med utfall och fel"),
        card_id=f"{KEY}-errors",
    )


def rule_card() -> dbc.Card:
    """How the errors and verdicts are computed, in plain Swedish."""
    return card("Så räknar vi", None, *[html.P(text) for text in cb.RULE_TEXT_SV],
                card_id=f"{KEY}-rule")


def _build(year):
    """The page's cards for the URL's `year`."""
    def build(session, viewer) -> list:
        data = cb.forecast_data(session, viewer, year)
        if data.year is None:
            return [message("Det finns inget avslutat år med utfall för alla tolv månader ännu.")]
        selection = Selection(data.year, data.years, None, [])
        return [
            controls(KEY, selection, with_namnd=False),
            summary_card(data),
            dbc.Row([dbc.Col(chart_card(data), xl=8), dbc.Col(rule_card(), xl=4)],
                    class_name="g-4"),
        ]
    return build


def layout(year=None, **_query_args):
    """The Prognossäkerhet page for `?year=…`."""
    return content(KEY, TITLE, LEAD, _build(year))


def register(order: int) -> None:
    """Add the page to Dash's page registry."""
    register_page(__name__, KEY, TITLE, layout, order, access="internal", in_nav=False,
                  tables=prognossakerhet_tables)

