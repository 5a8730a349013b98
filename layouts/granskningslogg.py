"""Granskningslogg (administrators only): who signed in, read, downloaded, imported or
changed what, and when; filtered by who, kind and dates, newest first, a page at a time."""

from __future__ import annotations

from dataclasses import dataclass, replace

from dash import dcc, html

from callbacks.granskningslogg import (
    COLUMNS,
    KIND_LABELS,
    MOST_IN_FILE,
    PER_PAGE,
    audit_filter,
    caption,
    events_table,
    filter_args,
    row_values,
)
from dashboard.core.args import BadArgument, read_page
from dashboard.core.exports import Table
from dashboard.core.urls import page_url
from data_access.queries.audit_log import AuditFilter, AuditRow, audit_events
from layouts.components import card, data_table, download_links, message, note, page_header
from layouts.page import Page, section_nav

KEY = "granskningslogg"
TITLE = "Granskningslogg"
LEAD = ("Inloggningar (även misslyckade), visningar av interna sidor, nedladdningar, importer "
        "och ändringar av användare: vem, när, vad och med vilken behörighet.")


def _field(label: str, name: str, value: str, hint: str = "") -> html.Div:
    control = dcc.Input(id=f"{KEY}-{name}", name=name, value=value, type="text",
                        placeholder=hint, className="form-control")
    return html.Div([html.Label(label, htmlFor=f"{KEY}-{name}", className="form-label"), control],
                    className="col-sm-6 col-lg-3")


def filter_form(wanted: AuditFilter) -> html.Form:
    """Who and the dates as a plain form: sending it opens the page with them in the
    address (the kind chosen above goes with it)."""
    return html.Form([
        _field("Vem (användarnamn)", "vem", wanted.who),
        _field("Från och med", "fran", _iso(wanted.first_day), "ÅÅÅÅ-MM-DD"),
        _field("Till och med", "till", _iso(wanted.last_day), "ÅÅÅÅ-MM-DD"),
        dcc.Input(type="hidden", name="handelse", value=wanted.kind, id=f"{KEY}-handelse"),
        html.Div(html.Button("Visa", type="submit", className="btn btn-primary"),
                 className="col-sm-6 col-lg-3 align-self-end"),
    ], action=page_url(KEY), method="get", className="row g-3 mb-3 no-print")


def kind_links(wanted: AuditFilter) -> html.Nav:
    """One link per kind of event (and one for all), the chosen one marked."""
    args = filter_args(replace(wanted, kind=""))
    choices = [("", "Alla händelser"), *KIND_LABELS.items()]
    links = [dcc.Link(_choice(label, kind == wanted.kind),
                      href=page_url(KEY, **args, **({"handelse": kind} if kind else {})),
                      className="btn btn-sm " + ("btn-primary" if kind == wanted.kind
                                                 else "btn-outline-primary"))
             for kind, label in choices]
    return html.Nav(links, className="d-flex flex-wrap gap-2 mb-3 no-print",
                    **{"aria-label": "Slag av händelse"})


def _choice(label: str, chosen: bool) -> list:
    """A choice's text; the chosen one says so to a screen reader too."""
    return [label, html.Span(" (vald)", className="visually-hidden")] if chosen else [label]


def _iso(day) -> str:
    return day.isoformat() if day else ""


def pager(args: dict, number: int, total: int) -> html.Nav:
    """Links to the newer and older pages of the list."""
    links = []
    if number > 1:
        links.append(dcc.Link("Nyare", href=page_url(KEY, **args, sida=str(number - 1))))
    if number * PER_PAGE < total:
        links.append(dcc.Link("Äldre", href=page_url(KEY, **args, sida=str(number + 1))))
    return html.Nav(links, className="d-flex gap-3", **{"aria-label": "Sidor i loggen"})


# --- The page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Args:
    """`?vem=anna&handelse=import&fran=2026-11-01&till=2026-11-30&sida=2`: the filter (what is
    not valid in it is left out) and the page of the list."""

    vem: str | None = None
    handelse: str | None = None
    fran: str | None = None
    till: str | None = None
    sida: str | None = None

    def wanted(self) -> AuditFilter:
        return audit_filter(self.vem, self.handelse, self.fran, self.till)


@dataclass(frozen=True)
class LogData:
    """The filter, the events of one page of the list (or the file's), how many match in all,
    and the page's number."""

    wanted: AuditFilter
    events: list[AuditRow]
    total: int
    number: int = 1


def _asked(sida: str | None) -> int:
    """The page number asked for, to read it from the database (read_page then checks it)."""
    return max(int(sida), 1) if sida and sida.isascii() and sida.isdigit() and len(sida) < 10 else 1


def load(session, viewer, args: Args) -> LogData:
    """One page of the filtered log, newest first; BadArgument for a page that is not there."""
    wanted, asked = args.wanted(), _asked(args.sida)
    events, total = audit_events(session, viewer, wanted, (asked - 1) * PER_PAGE, PER_PAGE)
    number, _pages = read_page(args.sida, total, PER_PAGE)
    return LogData(wanted, events, total, number)


def file_load(session, viewer, args: Args) -> LogData:
    """The filtered log for the file, newest first: at most MOST_IN_FILE events."""
    wanted = args.wanted()
    return LogData(wanted, *audit_events(session, viewer, wanted, 0, MOST_IN_FILE))


def _top() -> list:
    return [section_nav("admin", KEY), page_header(TITLE, LEAD)]


def view(data: LogData) -> list:
    """The kinds, the filter, and the page's events with the way to newer and older ones."""
    offset = (data.number - 1) * PER_PAGE
    args = filter_args(data.wanted)
    table = (data_table(caption(len(data.events), offset, data.total), COLUMNS,
                        [row_values(e) for e in data.events], [False] * len(COLUMNS))
             if data.events else note("Inga händelser matchar urvalet."))
    return [*_top(), kind_links(data.wanted), filter_form(data.wanted),
            card("Händelser", None, table, pager(args, data.number, data.total),
                 download_links(KEY, "events", args, "loggen"), card_id=f"{KEY}-lista")]


def tables(data: LogData) -> dict[str, Table]:
    """The filtered log as a file, newest first (at most MOST_IN_FILE events)."""
    return {"events": events_table(data.events, data.total)}


def problem(error: BadArgument) -> list:
    """A page of the list that is not there: why, and the way to the log's first page."""
    return [*_top(), message(str(error), (f"Till {TITLE}", page_url(KEY)),
                             alert_id=f"{KEY}-problem")]


PAGE = Page(
    key=KEY, path="/admin/granskningslogg", title=TITLE, lead=LEAD, access="admin", order=200,
    section="admin", subnav="Granskningslogg", args=Args, load=load, layout=view, tables=tables,
    file_load=file_load, problem=problem,
)
