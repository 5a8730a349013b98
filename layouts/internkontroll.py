"""Internkontroll: the nämnders' risks for a year as a 4×4 riskmatris beside the previous
assessment, a summary of controls and åtgärder, and the list of risks, highest first.

State lives in the URL: `?namnd=HSN&process=lon&status=oppen&year=2026&cell=3-4&sort=…`.
A bad or foreign argument shows a Swedish message and nothing else.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
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
    CellCount,
    ControlSummary,
    NamndRisks,
    RiskChoices,
    RiskRow,
    as_of_date,
    control_summary,
    previous_cells,
    risk_cells,
    risk_choices,
    risk_list,
    risks_by_namnd,
)
from data_access.scope import Viewer
from layouts import risk
from layouts.components import (
    card,
    freshness,
    risks_freshness,
    data_table,
    download_links,
    kpi_card,
    login_card,
    note,
    page_header,
)
from layouts.page import Page, section_nav
from layouts.pagetools import storbild_shown, url_without_storbild

TITLE = "Internkontroll"
LEAD = (
    "Varje nämnd ska enligt kommunallagen se till att den interna kontrollen är tillräcklig. "
    "Här syns nämndernas risker, hur allvarliga de är, om kontrollerna är gjorda och vilka "
    "åtgärder som är försenade."
)
KEY = "internkontroll"
# The risks storbild's list shows (the most serious first); the rest are a link away.
STORBILD_RISKS = 10
FILTERS = (("namnd", "Nämnd"), ("process", "Process"), ("status", "Status"), ("year", "År"))


def _header(viewer=None, view=None, choices=None) -> html.Div:
    """Sub-navigation, the page's h1 and lead, the filters (when there is a view) and scope."""
    parts = [section_nav("internkontroll", "internkontroll",
                         links={"internkontrollplan": _plan_args(view)}),
             html.H1(TITLE, id="internkontroll-heading", tabIndex="-1"),
             html.P(fill(LEAD), className="lead")]
    if view is not None:
        options, values = shape.filter_options(view, choices), shape.selected_values(view)
        parts.append(html.Div(
            [shape.filter_select(f"internkontroll-{name}", label, options[name], values[name])
             for name, label in FILTERS],
            className="ik-filters no-print", role="group", **{"aria-label": "Urval"}))
    scope = shape.scope_note(viewer) if viewer is not None else []
    return html.Div(parts + scope, className="page-header ik-header")


def _plan_args(view) -> dict:
    """The nämnd and year to carry over to the Internkontrollplan."""
    if view is None:
        return {}
    return {"namnd": view.namnd.code if view.namnd else None, "year": view.year}


def _list_args(view) -> dict:
    """The nämnd, process and year to carry over to the list of overdue åtgärder."""
    return {**_plan_args(view), "process": view.process.code if view.process else None}


def _band_card(cells, view) -> dbc.Card:
    """Open risks per band, the most serious first."""
    counts = shape.band_counts(cells, "oppen")
    return card(
        "Öppna risker",
        f"{view.year} och tidigare år",
        html.P(fmt.number(sum(counts.values())), className="kpi-value",
               id="internkontroll-open-value"),
        data_table(f"Öppna risker per nivå, {view.year} och tidigare år", ["Nivå", "Antal"],
                   shape.band_rows(counts), [False, True]),
        html.P([f"Höga risker, {shape.HIGH_RISK_SV}: ",
                html.Strong(fmt.number(shape.high_count(counts)), id="internkontroll-high-value")],
               className="small mb-2"),
        download_links("internkontroll", "bands", view.args()),
        card_id="internkontroll-open",
    )


def _summary(cells, summary, view, today) -> html.Section:
    """The four summary cards: open risks per band, controls, deviations, overdue åtgärder."""
    year = str(view.year)
    cards = [
        _band_card(cells, view),
        kpi_card("Utförda kontroller", year,
                 f"{fmt.number(summary.performed)} av {fmt.number(summary.planned)}",
                 shape.controls_text(summary, view.year), "internkontroll-controls"),
        kpi_card("Avvikelser", year, fmt.number(summary.deviations),
                 shape.deviations_text(summary), "internkontroll-deviations"),
        kpi_card("Försenade åtgärder", f"per {fmt.iso_date(today)}",
                 fmt.number(summary.overdue_actions), shape.overdue_text(summary, today),
                 "internkontroll-overdue", href=page_url("forsenade", **_list_args(view))),
    ]
    return html.Section(
        [html.H2("Sammanfattning", className="visually-hidden"),
         note(shape.summary_rule_text(view.year)),
         dbc.Row([dbc.Col(c, sm=6, xl=3) for c in cards], class_name="g-3")],
        className="ik-summary", **{"aria-label": "Sammanfattning"})


def _matrix_card(cells, previous, rows, view) -> dbc.Card:
    """The current matrix (cells link to their risks), the previous one beside it, and how the
    risks moved, with the bands explained."""
    caption = shape.view_caption(view)
    current = shape.matrix_table(shape.cell_counts(cells, view.status),
                                 "Antal risker per sannolikhet och konsekvens nu", view,
                                 "internkontroll-matrix")
    before = shape.matrix_table(shape.cell_counts(previous, view.status),
                                "Samma risker vid deras föregående bedömning", None,
                                "internkontroll-matrix-previous")
    return card(
        "Riskmatris",
        caption,
        note("Varje ruta visar hur många risker som har den sannolikheten och konsekvensen. "
             "Välj en ruta för att se dess risker. Den andra matrisen visar samma risker vid "
             "deras förra bedömning."),
        dbc.Row([dbc.Col(html.Div([html.H3("Nu", className="h6"), current]), lg=6, xxl=5),
                 dbc.Col(html.Div([html.H3("Föregående bedömning", className="h6"), before]),
                         lg=6, xxl=4),
                 dbc.Col([html.H3("Nivåer", className="h6"), shape.band_legend(),
                          html.P(shape.BAND_TEXT_SV, className="small text-body-secondary"),
                          html.H3("Förändring sedan föregående bedömning", className="h6 mt-3"),
                          shape.movement_summary(rows)], xxl=3)],
                class_name="g-4"),
        download_links("internkontroll", "matrix", view.args(), "matrisen nu"),
        download_links("internkontroll", "previous", view.args(), "föregående matris"),
        card_id="internkontroll-matrix-card",
    )


def _cell_card(rows, view) -> dbc.Card:
    """The risks in the chosen cell, with a way back to all risks."""
    p, k = view.cell
    chosen = shape.in_cell(rows, view.cell)
    heading = html.H2(f"Risker i rutan: {shape.score_text(p, k)}", className="card-title",
                      id="internkontroll-cell-heading", tabIndex="-1")
    body = (shape.risk_table(chosen, view, f"{shape.view_caption(view)}, riskvärde "
                             f"{shape.band_text(p * k)}", "internkontroll-cell-table",
                             sortable=False)
            if chosen else note("Inga risker i urvalet har den sannolikheten och konsekvensen."))
    return dbc.Card(dbc.CardBody([
        heading,
        html.P(f"Riskvärde {shape.band_text(p * k)}, "
               f"{shape.count_text(len(chosen), 'risk', 'risker')}", className="card-period"),
        body,
        download_links("internkontroll", "cell", view.args()),
        html.P(dcc.Link("Visa alla risker i urvalet", href=view.url(cell=None)),
               className="mt-2 mb-0"),
    ]), class_name="app-card", id="internkontroll-cell")


def _more_risks(view, total: int) -> html.P:
    """Under storbild's first risks: how many there are, and the way to all of them."""
    return html.P([f"Storbild visar de {STORBILD_RISKS} första av {fmt.number(total)} riskerna. ",
                   dcc.Link("Visa alla risker utanför storbild",
                            href=url_without_storbild(KEY, view.args()),
                            id="internkontroll-all-risks")],
                  className="storbild-more mt-2 mb-0")


def _list_card(rows, view, today) -> dbc.Card:
    """The selected risks, the highest riskvärde and most overdue first; sortable. In storbild
    only the first STORBILD_RISKS, with a way to all of them."""
    caption = shape.view_caption(view)
    title = shape.STATUS_FILTER_SV[view.status or shape.STATUS_ALL]
    if not rows:
        return card(title, caption, note("Inga risker i urvalet."), card_id="internkontroll-risks")
    shown, cut = storbild_shown(shape.sort_rows(rows, view.sort), STORBILD_RISKS)
    return card(
        title,
        caption,
        note("S är sannolikhet och K konsekvens, båda 1–4. Förändring jämför med riskens förra "
             "bedömning. En öppen risk från en tidigare riskanalys har riskanalysens år under "
             f"sin titel. {shape.overdue_rule_text(today)} Klicka på en kolumnrubrik för att "
             "sortera."),
        shape.risk_table(shown, view, caption, "internkontroll-table"),
        *([_more_risks(view, len(rows))] if cut else []),
        download_links("internkontroll", "risks", view.args()),
        card_id="internkontroll-risks",
    )


def _plan_card(view) -> dbc.Card:
    """A way to the Internkontrollplan of the nämnd and year."""
    whose = view.namnd.name if view.namnd else "varje nämnd"
    return card(
        "Internkontrollplan",
        str(view.year),
        html.P(f"Planen är tabellen som nämnden antar: de risker som ska kontrolleras, hur och "
               f"av vem. Den finns för {whose} att ladda ner som Excel och att skriva ut."),
        html.P(dcc.Link(f"Internkontrollplan {view.year}",
                        href=page_url("internkontrollplan", **_plan_args(view))),
               className="mb-0"),
        card_id="internkontroll-plan",
    )


def _up_link(view) -> list:
    """One level up for storbild's Escape (assets/storbild.js): from a matrix cell to all the
    risks in the selection, from a nämnd to every nämnd."""
    if view.cell:
        up = view.url(cell=None)
    elif view.namnd:
        up = view.url(namnd=None)
    else:
        return []
    return [html.Div(dcc.Link("Upp en nivå", href=up, className="storbild-up"),
                     hidden=True)]


# --- The page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Args:
    """The view (see RiskView), or `?risk=HSN-2026-R15`: an older permalink to one risk."""

    namnd: tuple[str, ...] = ()
    process: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    year: tuple[str, ...] = ()  # text: the page says which years there are
    cell: tuple[str, ...] = ()
    sort: tuple[str, ...] = ()
    risk: str | None = None


@dataclass(frozen=True)
class InternkontrollData:
    """What the page shows: the view and its risks (no view for a viewer who may not see any
    risk, `allowed` False, or who has no riskanalys to see)."""

    viewer: Viewer
    allowed: bool
    choices: RiskChoices | None = None
    view: shape.RiskView | None = None
    today: dt.date | None = None
    cells: list[CellCount] = dataclasses.field(default_factory=list)
    previous: list[CellCount] = dataclasses.field(default_factory=list)
    rows: list[RiskRow] = dataclasses.field(default_factory=list)
    summary: ControlSummary | None = None
    namnder_year: int | None = None
    namnder: list[NamndRisks] = dataclasses.field(default_factory=list)
    fresh: str = ""  # how fresh the risks are: the riskanalys year and latest assessment


def load(session, viewer, args: Args) -> InternkontrollData | risk.RiskData:
    """The view the URL asks for (default: open risks, the latest year), or the risk an older
    permalink names; BadArgument when it cannot be shown."""
    if not may_see_internal_control(viewer):
        return InternkontrollData(viewer, allowed=False)
    if args.risk is not None:
        try:
            return risk.load(session, viewer, risk.Args(code=args.risk))
        except BadArgument as bad:
            raise BadArgument("risk", str(bad)) from None
    choices = risk_choices(session, viewer)
    fresh = risks_freshness(last_risk_analysis(session, viewer))
    if not choices.years:
        return InternkontrollData(viewer, allowed=True, choices=choices, fresh=fresh)
    view = shape.parse_view(given(args), choices)
    selection, today = view.selection, as_of_date(session, viewer)
    namnder_year, namnder = risks_by_namnd(session, viewer, view.year)
    return InternkontrollData(
        viewer, True, choices, view, today,
        cells=risk_cells(session, viewer, selection),
        previous=previous_cells(session, viewer, selection),
        rows=risk_list(session, viewer, selection, today),
        summary=control_summary(session, viewer, selection, today),
        namnder_year=namnder_year, namnder=namnder, fresh=fresh,
    )


def view(data: InternkontrollData | risk.RiskData) -> list:
    """The summary, the matrices, the chosen cell's and the view's risks, and the nämnder."""
    if isinstance(data, risk.RiskData):
        return risk.view(data)
    viewer, shown, today = data.viewer, data.view, data.today
    if not data.allowed:
        return [page_header(TITLE, LEAD),
                login_card("Internkontroll", "Nämndernas risker, kontroller och åtgärder",
                           page_path("internkontroll"), "risks-login")]
    if shown is None:
        return [_header(viewer), freshness(data.fresh, "internkontroll-aktualitet"),
                note(shape.NO_RISKS_SV)]
    namnder = shape.risk_card(data.namnder_year, data.namnder, viewer, shown,
                              download_links("internkontroll", "namnder", shown.args()))
    return [
        _header(viewer, shown, data.choices),
        freshness(data.fresh, "internkontroll-aktualitet"),
        _summary(data.cells, data.summary, shown, today),
        _matrix_card(data.cells, data.previous, data.rows, shown),
        *([_cell_card(data.rows, shown)] if shown.cell else []),
        _list_card(data.rows, shown, today),
        dbc.Row([dbc.Col(namnder, lg=7), dbc.Col(_plan_card(shown), lg=5)],
                class_name="g-4 ik-bottom"),
        *_up_link(shown),
        dcc.Store(id="internkontroll-view", data={"cell": shown.args()["cell"],
                                                  "sort": shown.sort}),
        dcc.Store(id="internkontroll-view-shown"),
    ]


def tables(data: InternkontrollData | risk.RiskData) -> dict[str, Table]:
    """The risks of the view, its cell's risks, both matrices, the bands and the risks per
    nämnd (an older permalink to one risk: that risk's tables)."""
    if isinstance(data, risk.RiskData):
        return risk.tables(data)
    view = data.view
    if view is None:
        return {}
    rows = shape.sort_rows(data.rows, view.sort)
    caption = shape.view_caption(view)
    files = {
        "risks": shape.risk_file(caption, rows),
        "matrix": shape.matrix_file(f"Riskmatris nu, {caption}",
                                    shape.cell_counts(data.cells, view.status)),
        "previous": shape.matrix_file(f"Riskmatris föregående bedömning, {caption}",
                                      shape.cell_counts(data.previous, view.status)),
        "bands": shape.bands_file(view.year, shape.band_counts(data.cells)),
        "namnder": shape.namnder_file(data.namnder_year, data.namnder),
    }
    if view.cell:
        files["cell"] = shape.risk_file(f"{caption}, ruta {view.cell[0]}-{view.cell[1]}",
                                        shape.in_cell(rows, view.cell))
    return files


def problem(error: BadArgument) -> list:
    """A bad or foreign argument: why, and the way back to every nämnd's risks (for an older
    permalink to a risk, the Risk page's message)."""
    if error.argument == "risk":
        return risk.problem(error)
    return [_header(), shape.problem(str(error), "Till nämndernas risker",
                                     page_url("internkontroll"), "internkontroll-problem")]


PAGE = Page(
    key="internkontroll", path="/internkontroll", title=TITLE, lead=LEAD, access="internal",
    order=90, section="internkontroll", subnav="Risker och riskmatris", nav="Internkontroll",
    storbild=True, args=Args, load=load, layout=view, tables=tables, problem=problem,
    class_name="page ik-page",
)
