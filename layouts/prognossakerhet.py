"""Prognossäkerhet: for a closed year, how each month's full-year forecast per nämnd compared
with the final outcome, and which nämnder forecast well."""

from __future__ import annotations

from dataclasses import dataclass, replace

import dash_bootstrap_components as dbc
from dash import html

from callbacks import prognossakerhet as cb
from callbacks.statsbidrag import Selection
from dashboard.core.wording import fill
from dashboard.core.args import BadArgument
from dashboard.core.exports import Table
from layouts.components import (
    card,
    chart,
    data_table,
    download_links,
    message,
    note,
    table_behind,
)
from layouts.page import Page
from layouts.statsbidrag import controls, economy_fresh, list_table, sub_page, sub_problem

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
    return card("Så räknar vi", None, *[html.P(fill(text)) for text in cb.RULE_TEXT_SV],
                card_id=f"{KEY}-rule")


# --- The page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Args:
    """`?year=2025`: a closed year (default: the newest)."""

    year: str | None = None


def load(session, viewer, args: Args) -> cb.ForecastData:
    """Prognossäkerhet per nämnd for the URL's year."""
    return replace(cb.forecast_data(session, viewer, args.year),
                   fresh=economy_fresh(session, viewer))


def view(data: cb.ForecastData) -> list:
    """The year selector, the verdict per nämnd, the errors month by month and the rule."""
    if data.year is None:
        return sub_page(KEY, TITLE, LEAD, [
            message("Det finns inget avslutat år med utfall för alla tolv månader ännu.")],
            data.fresh)
    return sub_page(KEY, TITLE, LEAD, [
        controls(KEY, Selection(data.year, data.years, None, []), with_namnd=False),
        summary_card(data),
        dbc.Row([dbc.Col(chart_card(data), xl=8), dbc.Col(rule_card(), xl=4)],
                class_name="g-4"),
    ], data.fresh)


def tables(data: cb.ForecastData) -> dict[str, Table]:
    """Per nämnd the verdict, the error per month, and every month's prognos with its error."""
    if data.year is None:
        return {}
    return {"summary": cb.summary_table(data), "months": cb.month_table(data),
            "forecasts": cb.export_table(data)}


def problem(error: BadArgument) -> list:
    """A year that is not a closed one: why, and the way to the page without it."""
    return sub_problem(KEY, TITLE, LEAD, error)


PAGE = Page(
    key=KEY, path="/ekonomi/prognossakerhet", title=TITLE, lead=LEAD, access="internal",
    order=80, section="ekonomi", subnav="Prognossäkerhet", args=Args, load=load, layout=view,
    tables=tables, problem=problem,
)
