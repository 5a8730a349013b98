"""Regionrapport (Kommunrapport for a kommun): `/regionrapport?period=2026-DELAR`, the whole
organisation's follow-up for a tertial, delår or helår across every nämnd: goal fulfilment per
målområde, perspective and nämnd, the goals to report to fullmäktige, the financial goals, the economy per nämnd, internal control
per nämnd and uppdrag.

Printable on A4 (assets/namndrapport.css) and downloadable as a PDF made on the server
(dashboard.downloads), every table also as Excel and CSV. Ledning and admin see every nämnd's
details; a nämnd member sees the summaries and their own nämnders' details.
"""

from __future__ import annotations

from dataclasses import dataclass

from dash import html

from callbacks import regionrapport as rr
from callbacks.internkontroll import filter_select, select_value
from dashboard.core import formatting as fmt
from dashboard.core.args import BadArgument
from dashboard.core.exports import Table, covering
from dashboard.core.urls import page_url, region_report_pdf_url
from dashboard.core.wording import fill
from layouts.components import message
from layouts.page import Page, section_nav
from layouts.report import report_tools, report_view

TITLE = rr.TITLE
KEY = rr.KEY
LEAD = ("Uppföljningen av {whole} i ett dokument: måluppfyllelsen per målområde, perspektiv "
        "och nämnd, målen att rapportera till {council}, de finansiella målen, ekonomin och "
        "internkontrollen per nämnd och uppdragen. Skriv ut sidan eller ladda ner den som PDF.")


def _controls(choice: rr.Choice) -> html.Div:
    """The follow-up selector (its values are the page's query strings)."""
    here = select_value(page_url(KEY, **choice.args))
    periods = [{"label": fmt.followup_label(f.kind, f.year),
                "value": select_value(page_url(KEY, period=f.key))} for f in choice.followups]
    return html.Div([filter_select(f"{KEY}-period", "Uppföljning", periods, here)],
                    className="ik-filters no-print", role="group", **{"aria-label": "Urval"})


def _header() -> html.Div:
    return html.Div([html.H1(fill(TITLE), id=f"{KEY}-heading", tabIndex="-1"),
                     html.P(fill(LEAD), className="lead no-print")], className="page-header")


@dataclass(frozen=True)
class Args:
    """`?period=2026-DELAR` (default: the latest follow-up)."""

    period: str | None = None


@dataclass(frozen=True)
class ReportData:
    """What the page, the PDF and the downloads show: the choice the URL made and its report."""

    choice: rr.Choice
    report: rr.RegionReport


def load(session, viewer, args: Args) -> ReportData:
    """The follow-up the URL asks for and its report, from the viewer's scoped queries;
    BadArgument naming `period` otherwise."""
    choice = rr.resolve(session, viewer, args.period)
    return ReportData(choice, rr.build_report(session, viewer, choice))


def view(data: ReportData) -> list:
    """The selector, the PDF and print buttons, and the report."""
    return [section_nav("rapporter", KEY), _header(), _controls(data.choice),
            report_tools(KEY, region_report_pdf_url(**data.choice.args)),
            report_view(KEY, data.report, data.choice.args)]


def tables(data: ReportData) -> dict[str, Table]:
    """The report's tables by name, each saying whose and when."""
    return covering(data.report.tables(), f"{data.choice.region.name}, {data.report.period}")


def problem(error: BadArgument) -> list:
    """A period the report cannot be made for: why, and the way to the latest."""
    return [section_nav("rapporter", KEY), _header(),
            message(str(error), (f"Visa {fill('{report}')}", page_url(KEY)),
                    alert_id=f"{KEY}-problem")]


PAGE = Page(
    key=KEY, path="/regionrapport", title=TITLE, lead=LEAD, access="internal", order=125,
    section="rapporter", subnav=TITLE, args=Args, load=load, layout=view, tables=tables,
    problem=problem,
    file_words={"areas": "per-malomrade", "perspectives": "per-perspektiv",
                "namnder": "per-namnd", "council": "mal-att-rapportera", "financial": "finansiella-mal", "economy": "ekonomi",
                "control": "internkontroll", "late": "forsenade-uppdrag"},
    class_name="page report-page",
)
