"""Produktion: a unit's production plan against its outcome, accumulated over the year, the
units one level down worst first (a drill-down like Ekonomi's) and the productivity: the cost
of chosen kostnadsslag per produced unit."""

from __future__ import annotations

from dataclasses import dataclass, replace

import dash_bootstrap_components as dbc
from dash import dcc, html

from callbacks import produktion as cb
from dashboard.core import formatting as fmt
from dashboard.core.args import BadArgument
from dashboard.core.exports import Table
from dashboard.core.urls import page_url
from layouts.components import (
    card,
    chart,
    download_links,
    kpi_card,
    message,
    note,
    selector,
    status_badge,
)
from layouts.page import Page
from layouts.statsbidrag import economy_fresh, list_table, sub_page, sub_problem

TITLE = "Produktion"
LEAD = (
    "Hur mycket verksamheten har producerat mot sin produktionsplan, månad för månad och "
    "ackumulerat, och vad produktionen kostar per besök eller åtgärd."
)
KEY = cb.KEY


@dataclass(frozen=True)
class Args:
    """`?unit=HSF-PV&indikator=LAKARBESOK&year=2026&month=9`: a unit (default: the whole
    organisation, for a nämnd member their nämnd), an indicator with a production plan, a
    year, and the period the accumulated figures run to (default: the latest with utfall)."""

    unit: str | None = None
    indikator: str | None = None
    year: str | None = None
    month: str | None = None


def controls(data: cb.ProductionData) -> dbc.Row:
    """The indicator, year and period selectors writing the URL."""
    view = data.view
    columns = [
        dbc.Col(selector(f"{KEY}-indikator", "Indikator",
                         [(i.code, i.name) for i in view.indicators], view.indicator.code),
                xs=12, md=6, xl=4),
        dbc.Col(selector(f"{KEY}-year", "År", [(str(y), str(y)) for y in reversed(view.years)],
                         str(view.year)), xs=5, md=2),
    ]
    if data.ends:
        columns.append(dbc.Col(selector(
            f"{KEY}-month", "Till och med",
            [(str(end.month), label) for end, label in data.ends], str(data.end.month)),
            xs=7, md=4, xl=3))
    args = {k: v for k, v in view.args.items() if v is not None}
    return dbc.Row([dcc.Store(id=f"{KEY}-args", data=args), *columns],
                   class_name="g-3 controls align-items-end")


def trail(data: cb.ProductionData) -> html.Nav:
    """Where the unit sits: links up to each unit above it the viewer may see."""
    crumbs = [html.Li(html.A(u.name, href=data.view.unit_url(u.code)), className="breadcrumb-item")
              for u in data.trail]
    crumbs.append(html.Li(data.view.unit.name, className="breadcrumb-item active",
                          **{"aria-current": "page"}))
    return html.Div([
        html.Nav(html.Ol(crumbs, className="breadcrumb mb-0"), id=f"{KEY}-trail",
                 **{"aria-label": "Enheter ovanför"}),
        html.A(f"Enhetssida för {data.view.unit.name}", id=f"{KEY}-to-enhet",
               href=page_url("enhet", code=data.view.unit.code))])


def key_figures(data: cb.ProductionData) -> dbc.Row:
    line, unit, period = data.line, data.view.indicator.unit, cb.to_date_text(data)
    deviation = "–" if line.deviation is None else fmt.number(line.deviation, 0, signed=True)
    figures = [
        dbc.Col(kpi_card("Utfall mot plan", period,
                         f"{cb.volume(line.outcome, unit)} av {cb.volume(line.plan, unit)}",
                         f"Avvikelse {deviation} ({fmt_share(line.share)}). Planen för "
                         f"helåret är "
                         f"{cb.volume(line.year_plan, unit)}.", f"{KEY}-plan"), md=6, xl=4),
        dbc.Col(html.Div([html.Span("Status: ", className="fw-semibold"),
                          status_badge(line.status)], id=f"{KEY}-status",
                         className="app-card card h-100 p-3"), md=6, xl=2),
    ]
    for i, measure in enumerate(data.measures):
        figures.append(dbc.Col(kpi_card(
            measure.name, period, cb.kronor(line.cost_per_unit[i]),
            f"Enligt budget och plan: {cb.kronor(line.planned_cost_per_unit[i])}.",
            f"{KEY}-productivity-{i}"), md=6, xl=3))
    return dbc.Row(figures, class_name="g-4")


def fmt_share(share: float | None) -> str:
    return "–" if share is None else fmt.percent(share * 100, 1)


def units_card(data: cb.ProductionData) -> dbc.Card:
    """The units one level down, furthest from plan first; a name opens that unit."""
    unit = data.view.indicator.unit
    headers = ["Enhet", *cb.TABLE_HEADERS, "Status",
               *(f"{m.name}" for m in data.measures)]
    numeric = [False, True, True, True, True, False, *(True for _ in data.measures)]
    rows = [[html.A(line.unit.name, href=data.view.unit_url(line.unit.code)),
             *cb.line_cells(line, unit), status_badge(line.status),
             *(cb.kronor(c) for c in line.cost_per_unit)]
            for line in data.children]
    caption = (f"{data.view.indicator.name}, {cb.to_date_text(data)}: enheterna under "
               f"{data.view.unit.name}, störst avvikelse från planen först")
    return card("Enheterna", cb.to_date_text(data),
                note("Enheten med störst avvikelse från planen står först. Klicka på ett namn "
                     "för att se enheterna under den."),
                list_table(caption, headers, rows, numeric),
                download_links(KEY, "units", _file_args(data), "tabellen"),
                card_id=f"{KEY}-units")


def periods_card(data: cb.ProductionData) -> dbc.Card:
    """The accumulated chart, and the periods' table behind it."""
    return card(
        "Plan och utfall under året", str(data.view.year),
        chart(cb.accumulated_figure(data), cb.chart_label(data), f"{KEY}-chart"),
        list_table(f"{data.view.indicator.name}, {data.view.unit.name} {data.view.year}: plan "
                   "och utfall per period", cb.PERIOD_HEADERS, cb.period_rows(data),
                   [False] + [True] * 6),
        download_links(KEY, "periods", _file_args(data), "perioderna"),
        card_id=f"{KEY}-periods")


def about_card(data: cb.ProductionData) -> dbc.Card:
    texts = [cb.PLAN_TEXT_SV, cb.STATUS_TEXT_SV[data.view.indicator.direction]]
    if data.measures:
        texts.append(cb.PRODUCTIVITY_TEXT_SV)
    return card("Så räknas det", None, *(html.P(t) for t in texts), card_id=f"{KEY}-about")


def _file_args(data: cb.ProductionData) -> dict:
    return {k: v for k, v in data.view.args.items() if v is not None}


# --- The page ---------------------------------------------------------------------------


def load(session, viewer, args: Args) -> cb.ProductionData:
    view = cb.resolve(session, viewer, args.unit, args.indikator, args.year, args.month)
    return replace(cb.production_data(session, viewer, view), fresh=economy_fresh(session, viewer))


def view(data: cb.ProductionData) -> list:
    if data.view is None:
        return sub_page(KEY, TITLE, LEAD, [message(cb.NO_PLAN_SV)], data.fresh)
    parts = [controls(data), trail(data)]
    if data.line is None:
        return sub_page(KEY, TITLE, LEAD, [*parts, card(
            "Produktion", str(data.view.year),
            note(f"{data.view.unit.name} har ingen produktionsplan för "
                 f"{data.view.indicator.name} {data.view.year}, varken egen eller för "
                 "enheterna under sig."), card_id=f"{KEY}-empty")], data.fresh)
    shown = [*parts, key_figures(data)]
    if data.children:
        shown.append(units_card(data))
    shown += [periods_card(data), about_card(data)]
    return sub_page(KEY, TITLE, LEAD, shown, data.fresh)


def tables(data: cb.ProductionData) -> dict[str, Table]:
    if data.view is None or data.line is None:
        return {}
    return {"units": cb.units_table(data), "periods": cb.periods_table(data)}


def problem(error: BadArgument) -> list:
    return sub_problem(KEY, TITLE, LEAD, error)


PAGE = Page(
    key=KEY, path="/ekonomi/produktion", title=TITLE, lead=LEAD, access="internal", order=75,
    section="ekonomi", subnav="Produktion", args=Args, load=load, layout=view, tables=tables,
    problem=problem,
)
