"""Nämndrapport: `/namndrapport?namnd=HSN&period=2026-DELAR`, one page with what a nämnd's
members need before a session: goal status, economy, internal control and uppdrag.

Printable on A4 (assets/namndrapport.css) and downloadable as a PDF made on the server
(dashboard.downloads), every table also as Excel and CSV. A nämnd member may only choose
their own nämnd(er); ledning and admin any.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import dcc, html

from callbacks import namndrapport as rp
from callbacks.internkontroll import filter_select, select_value
from callbacks.mal import PER_PERSPECTIVE
from callbacks.namndrapport_charts import chart_png
from dashboard.core import formatting as fmt
from dashboard.core.args import BadArgument
from dashboard.core.exports import Table, covering
from dashboard.core.urls import page_url, report_pdf_url
from dashboard.core.wording import fill
from layouts.components import download_links, message, note, table_of
from layouts.page import Page

TITLE = rp.TITLE
KEY = rp.KEY
LEAD = ("Det nämndens ledamöter behöver läsa inför ett sammanträde, i ett dokument: hur det går "
        "med målen, ekonomin, internkontrollen och uppdragen. Skriv ut sidan eller ladda ner "
        "den som PDF.")


def _controls(choice: rp.Choice) -> html.Div:
    """The nämnd and follow-up selectors (their values are the page's query strings)."""
    here = select_value(page_url(KEY, **choice.args))
    namnder = [{"label": n.name, "value": select_value(page_url(KEY, namnd=n.code,
                                                                period=choice.followup.key,
                                                                per=choice.per))}
               for n in choice.namnder]
    periods = [{"label": fmt.followup_label(f.kind, f.year),
                "value": select_value(page_url(KEY, namnd=choice.namnd.code, period=f.key,
                                               per=choice.per))}
               for f in choice.followups]
    return html.Div([filter_select(f"{KEY}-namnd", "Nämnd", namnder, here),
                     filter_select(f"{KEY}-period", "Uppföljning", periods, here),
                     _split_switch(choice)],
                    className="ik-filters no-print", role="group", **{"aria-label": "Urval"})


def _split_switch(choice: rp.Choice) -> html.P:
    """A link to this report with (or without) the goals split per perspective."""
    label = ("Ta bort uppdelningen per perspektiv" if choice.per
             else "Dela upp målen per perspektiv")
    href = page_url(KEY, **{**choice.args, "per": None if choice.per else PER_PERSPECTIVE})
    return html.P(dcc.Link(label, href=href, id=f"{KEY}-per-switch"),
                  className="mb-0 align-self-end split-switch")


def _tools(choice: rp.Choice) -> html.Div:
    """Download the PDF and print."""
    return html.Div([
        html.A("Ladda ner PDF", href=report_pdf_url(**choice.args), download="",
               className="btn btn-primary", id=f"{KEY}-pdf"),
        html.Button("Skriv ut", id=f"{KEY}-print", type="button",
                    className="btn btn-outline-primary"),
        dcc.Store(id=f"{KEY}-printed"),
    ], className="report-tools no-print")


def _figure(figure: rp.KeyFigure) -> dbc.Col:
    return dbc.Col(html.Div([html.P(figure.label, className="report-figure-label"),
                             html.P(figure.value, className="report-figure-value"),
                             html.P(figure.explanation, className="report-figure-text")],
                            className="report-figure"), xs=12, sm=6, xl=3)


def _chart(chart: rp.Chart) -> html.Figure:
    """A chart as the same image as in the PDF, described in words."""
    source = "data:image/png;base64," + base64.b64encode(chart_png(chart)).decode()
    return html.Figure([html.Img(src=source, alt=chart.label, className="report-chart"),
                        html.Figcaption(chart.label, className="small text-body-secondary")],
                       className="report-figure-chart", id=f"{KEY}-chart-{chart.name}")


def _table(named: rp.NamedTable, args: dict) -> html.Div:
    """A table with its downloads, or why it is empty."""
    title = html.H3(named.table.title, className="h5")
    if not named.table.rows:
        return html.Div([title, note(named.empty)], className="report-part",
                        id=f"{KEY}-{named.name}")
    return html.Div([title, table_of(named.table), download_links(KEY, named.name, args)],
                    className="report-part", id=f"{KEY}-{named.name}")


def _items(items: rp.Items) -> html.Div:
    """A titled list of items (red goals with their analysis and actions)."""
    body = ([html.Article([html.H4(item.heading, className="h6 mb-1"),
                           *[html.P(line, className="mb-1") for line in item.lines]],
                          className="report-item") for item in items.items]
            or [note(items.empty)])
    return html.Div([html.H3(items.title, className="h5"), *body], className="report-part")


def _section(section: rp.Section, args: dict, n: int) -> html.Section:
    parts = {rp.NamedTable: lambda p: _table(p, args), rp.Chart: _chart, rp.Items: _items}
    return html.Section(
        [html.H2(section.title), html.P(section.subtitle, className="report-subtitle"),
         *[html.P(text) for text in section.texts],
         *([dbc.Row([_figure(f) for f in section.figures], class_name="g-3 mb-3")]
           if section.figures else []),
         *[parts[type(part)](part) for part in section.parts]],
        className="report-section app-card card card-body", id=f"{KEY}-section-{n}",
        **{"aria-label": section.title},
    )


def _report(report: rp.Report, args: dict) -> html.Article:
    """The report itself: title, period and data date, then its sections."""
    return html.Article(
        [html.H2(report.title, className="report-title", id=f"{KEY}-title"),
         html.P(report.running_text, className="report-period", id=f"{KEY}-period-text"),
         *[_section(s, args, n) for n, s in enumerate(report.sections)],
         # Repeated at the foot of every printed page (assets/namndrapport.css).
         html.Div(report.running_text, className="report-running", **{"aria-hidden": "true"})],
        className="report", id=f"{KEY}-report",
    )


def _header() -> html.Div:
    return html.Div([html.H1(TITLE, id=f"{KEY}-heading", tabIndex="-1"),
                     html.P(fill(LEAD), className="lead no-print")], className="page-header")


# --- The page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Args:
    """`?namnd=HSN&period=2026-DELAR&per=perspektiv` (defaults: the viewer's first nämnd, the
    latest follow-up, no split of the goals per perspective)."""

    namnd: str | None = None
    period: str | None = None
    per: str | None = None


@dataclass(frozen=True)
class ReportData:
    """What the page, the PDF and the downloads show: the choice the URL made and its report."""

    choice: rp.Choice
    report: rp.Report


def load(session, viewer, args: Args) -> ReportData:
    """The nämnd and follow-up the URL asks for, and their report, from the viewer's scoped
    queries; BadArgument (status 403 for a nämnd the viewer may not choose) otherwise."""
    choice = rp.resolve(session, viewer, args.namnd, args.period, args.per)
    return ReportData(choice, rp.build_report(session, viewer, choice))


def view(data: ReportData) -> list:
    """The selectors, the PDF and print buttons, and the report."""
    return [_header(), _controls(data.choice), _tools(data.choice),
            _report(data.report, data.choice.args)]


def tables(data: ReportData) -> dict[str, Table]:
    """The report's tables by name, each saying whose and when."""
    return covering(data.report.tables(),
                    f"{data.choice.namnd.name}, {data.report.period}")


def problem(error: BadArgument) -> list:
    """A nämnd or period the viewer cannot have a report for: why, and the way to their own."""
    return [_header(), message(str(error), ("Visa nämndrapporten", page_url(KEY)))]


PAGE = Page(
    key=KEY, path="/namndrapport", title=TITLE, lead=LEAD, access="internal", order=120,
    nav=TITLE, args=Args, load=load, layout=view, tables=tables, problem=problem,
    class_name="page report-page",
)
