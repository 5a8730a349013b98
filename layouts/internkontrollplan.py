"""Internkontrollplan: the table a nämnd adopts for a year,
`/internkontroll/plan?namnd=HSN&year=2026`.

Process | Risk | Riskvärde | Kontrollmoment | Metod | Ansvarig | Rapporteras, for the risks the
nämnd has put in its plan; downloadable as Excel and CSV, and printable without the navigation.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import dcc, html

import callbacks.internkontroll as shape
from dashboard.core.wording import fill
from dashboard.core import formatting as fmt
from dashboard.core.args import BadArgument, given
from dashboard.core.exports import Table
from dashboard.core.urls import page_path, page_url
from data_access.queries.filters import may_see_internal_control
from data_access.queries.freshness import last_risk_analysis
from data_access.queries.risks import (
    Option,
    PlanRow,
    RiskChoices,
    control_plan,
    risk_choices,
)
from data_access.scope import Viewer
from layouts.components import (
    download_links,
    freshness,
    login_card,
    note,
    page_header,
    risks_freshness,
)
from layouts.page import Page, section_nav

TITLE = "Internkontrollplan"
LEAD = ("Internkontrollplanen är den tabell som nämnden antar varje år: vilka risker som ska "
        "kontrolleras, hur, av vem och till vem resultatet rapporteras.")


def _header(viewer=None, namnd=None, year=None, choices=None) -> html.Div:
    """Sub-navigation, h1 and lead, and the nämnd and year selectors when there is a plan."""
    links = {"internkontroll": {"namnd": namnd.code if namnd else None, "year": year}}
    parts = [section_nav("internkontroll", "internkontrollplan", links=links),
             html.H1(TITLE, id="internkontrollplan-heading", tabIndex="-1"),
             html.P(fill(LEAD), className="lead")]
    if namnd is not None:
        options = shape.plan_options(namnd, year, choices)
        value = shape.select_value(shape.plan_url(namnd, year))
        parts.append(html.Div(
            [shape.filter_select("internkontrollplan-namnd", "Nämnd", options["namnd"], value),
             shape.filter_select("internkontrollplan-year", "År", options["year"], value)],
            className="ik-filters no-print", role="group", **{"aria-label": "Urval"}))
    scope = shape.scope_note(viewer) if viewer is not None else []
    return html.Div(parts + scope, className="page-header ik-header")


def _tools(namnd, year: int) -> html.Div:
    """Download as Excel or CSV, and print."""
    return html.Div([
        download_links("internkontrollplan", "plan", {"namnd": namnd.code, "year": year},
                       "planen"),
        html.Button("Skriv ut", id="internkontrollplan-print", type="button",
                    className="btn btn-outline-primary btn-sm"),
        dcc.Store(id="internkontrollplan-printed"),
    ], className="ik-tools no-print")


def _risk_rows(group) -> list[html.Tr]:
    """One risk's lines: process, risk and riskvärde span its kontrollmoment."""
    first, span = group[0], {"rowSpan": len(group)} if len(group) > 1 else {}
    label = {c: {"data-label": c} for c in shape.PLAN_COLUMNS}
    lead = [html.Td(first.process, **span, **label["Process"]),
            html.Th(shape.risk_link(first.risk_code, first.risk), scope="row", **span),
            html.Td(shape.band_chip(first.risk_value), className="text-end", **span,
                    **label["Riskvärde"])]
    rows = []
    for n, line in enumerate(group):
        control = [html.Td(line.control or html.Em("Kontrollmoment saknas"),
                           **label["Kontrollmoment"]),
                   html.Td(shape.method_text(line), **label["Metod"]),
                   html.Td(line.responsible or fmt.MISSING, **label["Ansvarig"]),
                   html.Td(line.reported_to or fmt.MISSING, **label["Rapporteras"])]
        rows.append(html.Tr((lead if n == 0 else []) + control,
                            className="plan-risk-start" if n == 0 else None))
    return rows


def _plan_table(rows, namnd, year) -> html.Div:
    """The plan as the nämnd adopts it, one row per kontrollmoment, grouped by risk."""
    caption = f"Internkontrollplan {year}, {namnd.name}"
    head = html.Thead(html.Tr([html.Th(c, scope="col", className=shape.column_class(c))
                               for c in shape.PLAN_COLUMNS]))
    body = html.Tbody([tr for group in shape.plan_groups(rows) for tr in _risk_rows(group)])
    table = html.Table([html.Caption(caption), head, body],
                       className="table table-sm data-table plan-table stacked-table",
                       id="internkontrollplan-table")
    return html.Div(table, className="table-responsive", tabIndex="0", role="region",
                    **{"aria-label": caption})


def _plan(rows, namnd, year) -> list:
    """The plan's heading for paper, what it holds, the tools and the table."""
    risks = len(shape.plan_groups(rows))
    controls = sum(r.control is not None for r in rows)
    heading = html.H2(f"Internkontrollplan {year} – {namnd.name}", className="plan-title")
    if not rows:
        return [heading, note(f"{namnd.name} har inga risker i internkontrollplanen {year}.")]
    return [dbc.Card(dbc.CardBody([
        heading,
        html.P(f"Planen omfattar {shape.count_text(risks, 'risk', 'risker')} ur nämndens "
               f"riskanalys {year} och "
               f"{shape.count_text(controls, 'kontrollmoment', 'kontrollmoment')}. "
               f"{shape.BAND_TEXT_SV}", className="plan-intro"),
        _tools(namnd, year),
        _plan_table(rows, namnd, year),
    ]), class_name="app-card plan-card", id="internkontrollplan-plan")]


# --- The page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Args:
    """`?namnd=HSN&year=2026`: the nämnd (default the first) and year (default the latest)."""

    namnd: tuple[str, ...] = ()
    year: tuple[str, ...] = ()  # text: the page says which years there are


@dataclass(frozen=True)
class PlanData:
    """What the page shows: the plan of a nämnd and year, with the choices of both (none for
    a viewer who may not see any risk)."""

    viewer: Viewer
    choices: RiskChoices | None = None
    namnd: Option | None = None
    year: int | None = None
    rows: list[PlanRow] = dataclasses.field(default_factory=list)
    fresh: str = ""  # how fresh the risks are: the riskanalys year and latest assessment


def load(session, viewer, args: Args) -> PlanData:
    """The plan the URL asks for; BadArgument for a nämnd or year the viewer has no plan of."""
    if not may_see_internal_control(viewer):
        return PlanData(viewer)
    choices = risk_choices(session, viewer)
    namnd, year = shape.choose_plan(given(args), choices)
    return PlanData(viewer, choices, namnd, year, control_plan(session, viewer, namnd.id, year),
                    risks_freshness(last_risk_analysis(session, viewer)))


def view(data: PlanData) -> list:
    """The selectors, and the plan with its tools."""
    if data.namnd is None:
        return [page_header(TITLE, LEAD),
                login_card(TITLE, "Nämndernas internkontrollplaner",
                           page_path("internkontrollplan"), "internkontrollplan-login")]
    return [_header(data.viewer, data.namnd, data.year, data.choices),
            freshness(data.fresh, "internkontrollplan-aktualitet"),
            *_plan(data.rows, data.namnd, data.year)]


def tables(data: PlanData) -> dict[str, Table]:
    """The plan a nämnd adopts for a year: one line per kontrollmoment."""
    if data.namnd is None:
        return {}
    return {"plan": shape.plan_file(data.namnd, data.year, data.rows)}


def problem(error: BadArgument) -> list:
    """A nämnd or year without a plan to see: why, and the way back to the risks."""
    return [_header(), shape.problem(str(error), "Till nämndernas risker",
                                     page_url("internkontroll"), "internkontrollplan-problem")]


# Reached from Internkontroll, not the navbar.
PAGE = Page(
    key="internkontrollplan", path="/internkontroll/plan", title=TITLE, lead=LEAD,
    access="internal", order=110, section="internkontroll", subnav="Internkontrollplan",
    args=Args, load=load, layout=view, tables=tables, problem=problem,
    class_name="page ik-page ik-plan-page",
)
