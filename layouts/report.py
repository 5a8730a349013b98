"""A report document (callbacks.namndrapport.Report: sections of key figures, texts, tables,
charts and item lists) drawn on a page, as the Nämndrapport and the Regionrapport show it:
printable on A4 (assets/namndrapport.css), each table with its downloads, each chart the same
image as in the PDF. Component ids start with the page's key."""

from __future__ import annotations

import base64

import dash_bootstrap_components as dbc
from dash import dcc, html

from callbacks import namndrapport as rp
from callbacks.namndrapport_charts import chart_png
from layouts.components import download_links, note, table_of


def report_tools(key: str, pdf_url: str) -> html.Div:
    """Download the PDF and print."""
    return html.Div([
        html.A("Ladda ner PDF", href=pdf_url, download="", className="btn btn-primary",
               id=f"{key}-pdf"),
        html.Button("Skriv ut", id=f"{key}-print", type="button",
                    className="btn btn-outline-primary"),
        dcc.Store(id=f"{key}-printed"),
    ], className="report-tools no-print")


def _figure(figure: rp.KeyFigure) -> dbc.Col:
    return dbc.Col(html.Div([html.P(figure.label, className="report-figure-label"),
                             html.P(figure.value, className="report-figure-value"),
                             html.P(figure.explanation, className="report-figure-text")],
                            className="report-figure"), xs=12, sm=6, xl=3)


def _chart(key: str, chart: rp.Chart) -> html.Figure:
    """A chart as the same image as in the PDF, described in words."""
    source = "data:image/png;base64," + base64.b64encode(chart_png(chart)).decode()
    return html.Figure([html.Img(src=source, alt=chart.label, className="report-chart"),
                        html.Figcaption(chart.label, className="small text-body-secondary")],
                       className="report-figure-chart", id=f"{key}-chart-{chart.name}")


def _table(key: str, named: rp.NamedTable, args: dict) -> html.Div:
    """A table with its downloads, or why it is empty."""
    title = html.H3(named.table.title, className="h5")
    if not named.table.rows:
        return html.Div([title, note(named.empty)], className="report-part",
                        id=f"{key}-{named.name}")
    return html.Div([title, table_of(named.table), download_links(key, named.name, args)],
                    className="report-part", id=f"{key}-{named.name}")


def _items(_key: str, items: rp.Items) -> html.Div:
    """A titled list of items (red goals with their analysis and actions)."""
    body = ([html.Article([html.H4(item.heading, className="h6 mb-1"),
                           *[html.P(line, className="mb-1") for line in item.lines]],
                          className="report-item") for item in items.items]
            or [note(items.empty)])
    return html.Div([html.H3(items.title, className="h5"), *body], className="report-part")


def _section(key: str, section: rp.Section, args: dict, n: int) -> html.Section:
    parts = {rp.NamedTable: lambda p: _table(key, p, args),
             rp.Chart: lambda p: _chart(key, p), rp.Items: lambda p: _items(key, p)}
    return html.Section(
        [html.H2(section.title), html.P(section.subtitle, className="report-subtitle"),
         *[html.P(text) for text in section.texts],
         *([dbc.Row([_figure(f) for f in section.figures], class_name="g-3 mb-3")]
           if section.figures else []),
         *[parts[type(part)](part) for part in section.parts]],
        className="report-section app-card card card-body", id=f"{key}-section-{n}",
        **{"aria-label": section.title},
    )


def report_view(key: str, report: rp.Report, args: dict) -> html.Article:
    """The report itself: title, period and data date, then its sections."""
    return html.Article(
        [html.H2(report.title, className="report-title", id=f"{key}-title"),
         html.P(report.running_text, className="report-period", id=f"{key}-period-text"),
         *[_section(key, s, args, n) for n, s in enumerate(report.sections)],
         # Repeated at the foot of every printed page (assets/namndrapport.css).
         html.Div(report.running_text, className="report-running", **{"aria-hidden": "true"})],
        className="report", id=f"{key}-report",
    )
