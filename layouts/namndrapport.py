"""Nämndrapport: `/namndrapport?namnd=HSN&period=2026-DELAR`, one page with what a nämnd's
members need before a session: goal status, economy, internal control and uppdrag.

Printable on A4 (assets/namndrapport.css) and downloadable as a PDF made on the server
(dashboard.downloads), every table also as Excel and CSV. A nämnd member may only choose
their own nämnd(er); ledning and admin any.
"""

from __future__ import annotations

from dataclasses import dataclass

from dash import dcc, html

from callbacks import namndrapport as rp
from callbacks.internkontroll import filter_select, select_value
from callbacks.mal import PER_PERSPECTIVE
from dashboard.core import formatting as fmt
from dashboard.core.args import BadArgument
from dashboard.core.exports import Table, covering
from dashboard.core.urls import page_url, report_pdf_url
from dashboard.core.wording import fill
from layouts.components import message
from layouts.page import Page, section_nav
from layouts.report import report_tools, report_view

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
    return [section_nav("rapporter", KEY), _header(), _controls(data.choice),
            report_tools(KEY, report_pdf_url(**data.choice.args)),
            report_view(KEY, data.report, data.choice.args)]


def tables(data: ReportData) -> dict[str, Table]:
    """The report's tables by name, each saying whose and when."""
    return covering(data.report.tables(),
                    f"{data.choice.namnd.name}, {data.report.period}")


def problem(error: BadArgument) -> list:
    """A nämnd or period the viewer cannot have a report for: why, and the way to their own."""
    return [_header(), message(str(error), ("Visa nämndrapporten", page_url(KEY)))]


PAGE = Page(
    key=KEY, path="/namndrapport", title=TITLE, lead=LEAD, access="internal", order=120,
    nav="Rapporter", section="rapporter", subnav=TITLE, args=Args, load=load, layout=view,
    tables=tables, problem=problem,
    class_name="page report-page",
)
