"""Resultatförbättrande åtgärder: each measure with its decision, planned and achieved effect and
its status, summed per nämnd with a chart of planned against achieved effect; the realisation
month by month (tkr and årsarbetare); and the quality indicators watched for the measures, a
measure whose watched indicator is red flagged at the top."""

from __future__ import annotations

from dataclasses import replace

import dash_bootstrap_components as dbc
from dash import html

from callbacks import atgarder as cb
from callbacks.statsbidrag import share
from dashboard.core import formatting as fmt
from dashboard.core.args import BadArgument, chosen
from dashboard.core.exports import Table
from layouts.components import card, chart, download_links, kpi_card, message, note
from layouts.page import Page
from layouts.statsbidrag import (
    economy_fresh,
    NamndYear,
    controls,
    list_table,
    scope_note,
    sub_page,
    sub_problem,
)

TITLE = "Resultatförbättrande åtgärder"
LEAD = (
    "Åtgärderna som ska förbättra resultatet, genom lägre kostnader eller högre intäkter: hur "
    "stor effekt var och en skulle ge, hur mycket som har uppnåtts månad för månad och hur "
    "långt arbetet har kommit, sammanräknat per nämnd, och hur vårdkvaliteten påverkas."
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


def measures_card(data: cb.MeasuresData, year: int, args: dict) -> dbc.Card:
    """Every measure, by nämnd, the largest missing effect first."""
    return card("Åtgärderna", f"{year}, belopp i tusentals kronor (tkr)",
                list_table(f"Resultatförbättrande åtgärder {year}, per nämnd, störst "
                           "effekt kvar att uppnå först", cb.MEASURE_COLUMNS,
                           cb.measure_rows(data.measures, data.watched), cb.MEASURE_NUMERIC),
                download_links(KEY, "measures", args, "åtgärderna"),
                card_id=f"{KEY}-measures")


def flag_alert(data: cb.MeasuresData) -> list:
    """The measures whose watched quality indicators are red, first on the page."""
    lines = cb.flag_lines(data.measures, data.watched)
    if not lines:
        return []
    return [html.Div([
        html.H2([html.Span(cb.FLAG_SYMBOL, **{"aria-hidden": "true"}),
                 f" {cb.FLAG_WORD}: {fmt.number(len(lines))} "
                 f"{'åtgärd' if len(lines) == 1 else 'åtgärder'}"], className="h5"),
        html.Ul([html.Li(line) for line in lines], className="mb-1"),
        html.P(cb.FLAG_NOTE_SV, className="small mb-0"),
    ], className="alert alert-danger", role="region", id=f"{KEY}-flags",
        **{"aria-label": cb.FLAG_WORD})]


def months_card(data: cb.MeasuresData, year: int, args: dict) -> dbc.Card:
    """Realisation month by month: the chart and the table of every month."""
    if not data.months:
        return card("Realisering månad för månad", str(year),
                    note("Åtgärderna har ingen effekt per månad inlagd."), card_id=f"{KEY}-months")
    return card(
        "Realisering månad för månad", f"{year}, tkr och årsarbetare",
        note(cb.MONTHS_NOTE_SV),
        chart(cb.month_figure(data.months), cb.month_label(data.months, year), f"{KEY}-month-chart"),
        list_table(f"Planerad och uppnådd effekt per månad {year}", cb.MONTH_COLUMNS,
                   cb.month_rows(data.months), cb.MONTH_NUMERIC),
        download_links(KEY, "months", args, "månaderna per åtgärd"),
        card_id=f"{KEY}-months",
    )


def watched_card(data: cb.MeasuresData, year: int, args: dict) -> dbc.Card:
    """The quality indicators watched for the measures, red first."""
    title = "Följder för vårdkvaliteten"
    rows = cb.watched_rows(data.measures, data.watched)
    if not rows:
        return card(title, str(year), note("Inga kvalitetsindikatorer bevakas för åtgärderna."),
                    card_id=f"{KEY}-watched")
    return card(title, f"{year}, senaste utfall", note(cb.FLAG_NOTE_SV),
                list_table(f"Bevakade kvalitetsindikatorer för åtgärderna {year}, röda först",
                           cb.WATCHED_COLUMNS, rows, cb.WATCHED_NUMERIC),
                download_links(KEY, "watched", args, "indikatorerna"),
                card_id=f"{KEY}-watched")


# --- The page ---------------------------------------------------------------------------


def load(session, viewer, args: NamndYear) -> cb.MeasuresData:
    """The measures for the URL's nämnd and year."""
    return replace(cb.measures_data(session, viewer, chosen(args.namnd), args.year),
                   fresh=economy_fresh(session, viewer))


def view(data: cb.MeasuresData) -> list:
    """The selectors, the key figures, the sums per nämnd and every measure."""
    selection, found = data.selection, data.measures
    if selection.year is None:
        return sub_page(KEY, TITLE, LEAD, [message(
            "Det finns inga resultatförbättrande åtgärder som du har behörighet att se.")],
            data.fresh)
    parts = [*scope_note(data.sees_everything, "åtgärderna"), controls(KEY, selection)]
    if not found:
        return sub_page(KEY, TITLE, LEAD, [
            *parts, card("Åtgärderna", str(selection.year),
                         note("Nämnden har inga resultatförbättrande åtgärder det här året."),
                         card_id=f"{KEY}-measures")], data.fresh)
    year, args = selection.year, selection.args
    return sub_page(KEY, TITLE, LEAD, [
        *parts, *flag_alert(data), key_figures(found, year), sums_card(found, year, args),
        months_card(data, year, args), measures_card(data, year, args),
        watched_card(data, year, args)], data.fresh)


def tables(data: cb.MeasuresData) -> dict[str, Table]:
    """The measures, by nämnd, and their sums per nämnd (none when there is no year)."""
    year, found = data.selection.year, data.measures
    if year is None:
        return {}
    return {"measures": cb.export_table(f"{cb.TITLE_SV} {year}", found, data.watched),
            "sums": cb.sums_table(f"Effekt per nämnd {year}", found),
            "months": cb.months_table(f"Effekt per åtgärd och månad {year}", found,
                                      data.by_measure),
            "watched": cb.watched_table(f"Bevakade kvalitetsindikatorer {year}", found,
                                        data.watched)}


def problem(error: BadArgument) -> list:
    """A year or nämnd the viewer cannot see: why, and the way to the page without it."""
    return sub_problem(KEY, TITLE, LEAD, error)


PAGE = Page(
    key=KEY, path="/ekonomi/atgarder", title=TITLE, lead=LEAD, access="internal", order=70,
    section="ekonomi", subnav="Resultatförbättrande åtgärder", args=NamndYear, load=load,
    layout=view, tables=tables, problem=problem,
)
