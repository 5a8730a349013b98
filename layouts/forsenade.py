"""Försenade åtgärder: every overdue åtgärd of the nämnders' risks in the viewer's scope, with
owner, due date, status and the risks it covers, `/internkontroll/forsenade-atgarder`.

The list behind Internkontroll's "Försenade åtgärder" figure: the same selection
(`?namnd=HSN&process=lon&year=2026`, default every nämnd and the latest year) and the same rule
(data_access.queries.risks.overdue_actions), so its length is the figure.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from dash import dcc, html

import callbacks.internkontroll as shape
from dashboard.core import formatting as fmt
from dashboard.core.args import BadArgument, given
from dashboard.core.exports import Column, Table
from dashboard.core.urls import page_path, page_url
from dashboard.core.wording import fill
from data_access.queries.filters import may_see_internal_control
from data_access.queries.risks import OverdueAction, as_of_date, overdue_actions, risk_choices
from data_access.scope import Viewer
from layouts.components import card, data_table, download_links, login_card, note, page_header
from layouts.page import Page, section_nav

KEY = "forsenade"
TITLE = "Försenade åtgärder"
LEAD = ("Åtgärderna mot nämndernas risker vars slutdatum har passerat utan att de är klara: vem "
        "som är ansvarig, när de skulle vara klara och vilken risk de gäller.")
COLUMNS = ("Åtgärd", "Ansvarig", "Ansvarig enhet", "Slutdatum", "Status", "Risk")


@dataclass(frozen=True)
class Args:
    """The risks whose åtgärder are listed, as on Internkontroll (see shape.parse_view)."""

    namnd: tuple[str, ...] = ()
    process: tuple[str, ...] = ()
    year: tuple[str, ...] = ()


@dataclass(frozen=True)
class ForsenadeData:
    """The view (None when the viewer may not see risks, or has no riskanalys), its date and
    its overdue åtgärder."""

    viewer: Viewer
    allowed: bool
    view: shape.RiskView | None = None
    today: dt.date | None = None
    actions: list[OverdueAction] = dataclasses.field(default_factory=list)


def load(session, viewer, args: Args) -> ForsenadeData:
    """The overdue åtgärder of the selected risks, as of the date the data runs to."""
    if not may_see_internal_control(viewer):
        return ForsenadeData(viewer, allowed=False)
    choices = risk_choices(session, viewer)
    if not choices.years:
        return ForsenadeData(viewer, allowed=True)
    # Every status: the figure on Internkontroll counts the åtgärder of every risk in view.
    view = dataclasses.replace(shape.parse_view(given(args), choices), status=None)
    today = as_of_date(session, viewer)
    return ForsenadeData(viewer, True, view, today,
                         overdue_actions(session, viewer, view.selection, today))


def caption(view: shape.RiskView) -> str:
    """What the list covers, e.g. `Alla risker 2026 och öppna från tidigare år, alla nämnder`."""
    return shape.view_caption(view)


def risk_links(action: OverdueAction) -> list:
    """Links to the risks an åtgärd covers, one per line."""
    return [html.Div(shape.risk_link(r.code, r.title)) for r in action.risks]


def rows(actions: list[OverdueAction]) -> list[list]:
    """Table rows: åtgärd, owner, owner unit, due date, status and the risks (links)."""
    return [[a.title, a.owner, a.owner_unit, shape.date_text(a.due_date),
             shape.ACTION_STATUS_SV[a.status], risk_links(a)] for a in actions]


def _args(view: shape.RiskView) -> dict:
    """The view's URL arguments this page reads."""
    return {"namnd": view.namnd.code if view.namnd else None,
            "process": view.process.code if view.process else None, "year": view.year}


def _header(viewer: Viewer | None = None, view: shape.RiskView | None = None) -> html.Div:
    """Sub-navigation (carrying the selection to the risk list), h1, lead and scope."""
    links = {"internkontroll": _args(view)} if view is not None else {}
    parts = [section_nav("internkontroll", KEY, links=links),
             html.H1(TITLE, id="forsenade-heading", tabIndex="-1"),
             html.P(fill(LEAD), className="lead")]
    scope = shape.scope_note(viewer) if viewer is not None else []
    return html.Div(parts + scope, className="page-header ik-header")


def view(data: ForsenadeData) -> list:
    """The list of overdue åtgärder, or why there is none."""
    if not data.allowed:
        return [page_header(TITLE, LEAD),
                login_card(TITLE, "Åtgärder mot nämndernas risker som är försenade",
                           page_path(KEY), "forsenade-login")]
    if data.view is None:
        return [_header(data.viewer), note(shape.NO_RISKS_SV)]
    shown, today = data.view, data.today
    what = caption(shown)
    count = shape.count_text(len(data.actions), "försenad åtgärd", "försenade åtgärder")
    body = (data_table(f"Försenade åtgärder per {fmt.iso_date(today)}, {what}", COLUMNS,
                       rows(data.actions), [False] * len(COLUMNS))
            if data.actions else note("Inga åtgärder i urvalet är försenade."))
    return [
        _header(data.viewer, shown),
        card(f"{count} per {fmt.iso_date(today)}", what,
             note(shape.overdue_rule_text(today)),
             html.Div(body, id="forsenade-table"),
             download_links(KEY, "actions", _args(shown)),
             html.P(dcc.Link("Till riskerna i urvalet",
                             href=page_url("internkontroll", **_args(shown))),
                    className="mt-2 mb-0"),
             card_id="forsenade-list"),
    ]


def tables(data: ForsenadeData) -> dict[str, Table]:
    """The overdue åtgärder, one line each, its risks' codes and titles joined."""
    if data.view is None:
        return {}
    return {"actions": Table(
        f"Försenade åtgärder per {fmt.iso_date(data.today)}",
        [Column(c) for c in COLUMNS],
        [[a.title, a.owner, a.owner_unit, fmt.iso_date(a.due_date),
          shape.ACTION_STATUS_SV[a.status], "; ".join(f"{r.code} {r.title}" for r in a.risks)]
         for a in data.actions],
        about=caption(data.view))}


def problem(error: BadArgument) -> list:
    """A bad or foreign argument: why, and the way back to every nämnd's overdue åtgärder."""
    return [_header(), shape.problem(str(error), "Till alla försenade åtgärder", page_url(KEY),
                                     "forsenade-problem")]


PAGE = Page(
    key=KEY, path="/internkontroll/forsenade-atgarder", title=TITLE, lead=LEAD,
    access="internal", order=105, section="internkontroll", subnav="Försenade åtgärder",
    args=Args, load=load, layout=view, tables=tables, problem=problem,
    class_name="page ik-page",
)
