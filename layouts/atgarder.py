"""Resultatförbättrande åtgärder: each measure with planned and achieved effect and its status,
summed per nämnd with a chart of planned against achieved effect."""

from __future__ import annotations

from dataclasses import replace

import dash_bootstrap_components as dbc

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
    return sub_page(KEY, TITLE, LEAD, [
        *parts, key_figures(found, selection.year),
        sums_card(found, selection.year, selection.args),
        measures_card(found, selection.year, selection.args)], data.fresh)


def tables(data: cb.MeasuresData) -> dict[str, Table]:
    """The measures, by nämnd, and their sums per nämnd (none when there is no year)."""
    year, found = data.selection.year, data.measures
    if year is None:
        return {}
    return {"measures": cb.export_table(f"{cb.TITLE_SV} {year}", found),
            "sums": cb.sums_table(f"Effekt per nämnd {year}", found)}


def problem(error: BadArgument) -> list:
    """A year or nämnd the viewer cannot see: why, and the way to the page without it."""
    return sub_problem(KEY, TITLE, LEAD, error)


PAGE = Page(
    key=KEY, path="/ekonomi/atgarder", title=TITLE, lead=LEAD, access="internal", order=70,
    section="ekonomi", subnav="Resultatförbättrande åtgärder", args=NamndYear, load=load,
    layout=view, tables=tables, problem=problem,
)
