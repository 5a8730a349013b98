"""Regionens mål: the published part of the styrkedja for everyone, from Målbild 2050 through
the målområden to the published goals below them, each with its status in words and symbol."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from callbacks import open_data as shape
from callbacks.goals import area_parts, choose_followup, followup_text, kind_label
from dashboard.core.args import BadArgument, echo, one
from dashboard.core.urls import page_url
from data_access.queries import open_data as od
from data_access.queries.goals import followups
from data_access.scope import PUBLIC
from data_access.status import STATUSES
from layouts import public
from layouts.base import register_page, with_data
from layouts.components import message, note, page_header, selector, status_badge

TITLE = "Regionens mål"
LEAD = (
    "Hur regionen ligger till mot de mål som är publicerade: från Målbild 2050 och "
    "regionfullmäktiges målområden ner till nämndernas och verksamheternas mål. Varje mål "
    "visar sin status vid den valda uppföljningen."
)


def _legend() -> html.Ul:
    """What the colours and symbols mean."""
    return html.Ul([html.Li(status_badge(s)) for s in STATUSES], className="status-legend",
                   **{"aria-label": "Färger och symboler"})


def _goal_item(goal: od.PublicGoal, children: dict, names: dict[str, str]) -> html.Li:
    """A goal with its status, kind and owner, its indicators, and the goals below it."""
    measured = [dcc.Link(names[c], href=page_url("nyckeltal", code=c))
                for c in goal.indicators if c in names]
    links = []
    for link in measured:
        links += [", "] if links else []
        links.append(link)
    below = children.get(goal.code, [])
    return html.Li([
        html.Div([
            html.Div([html.Span(goal.title, className="goal-title"), status_badge(goal.status)],
                     className="goal-line"),
            html.P(f"{kind_label(goal.kind)} · {goal.owner_name}", className="goal-meta"),
            *([html.P(["Mäts med: ", *links], className="goal-indicators")] if links else []),
        ], className="goal-item", id=f"mal-{goal.code}"),
        *([_goal_list(below, children, names)] if below else []),
    ])


def _goal_list(goals: list, children: dict, names: dict[str, str]) -> html.Ul:
    return html.Ul([_goal_item(g, children, names) for g in goals], className="goal-chain")


def _area_section(area: od.PublicGoal, children: dict, names: dict[str, str]) -> html.Section:
    """A målområde: its name, overarching goal and status, and the published goals in it."""
    name, overarching = area_parts(area.title, area.description)
    below = children.get(area.code, [])
    content = [_goal_list(below, children, names)] if below else [
        note("Inga publicerade mål under målområdet matchar urvalet.")]
    purpose = [html.P(f"Övergripande mål: {overarching}", className="mb-2")] if overarching else []
    return html.Section([
        html.Div([html.H2(name, className="h4 mb-0"), status_badge(area.status)],
                 className="goal-line"),
        *purpose,
        *content,
    ], className="area-section app-card card card-body mb-4", id=f"omrade-{area.code}",
        **{"aria-label": name})


def _vision(goals) -> list:
    """Målbild 2050 and its text, at the top of the chain."""
    vision = next((g for g in goals if g.kind == "malbild"), None)
    if vision is None:
        return []
    return [html.Section([html.H2(vision.title, className="h4"), html.P(vision.description)],
                         className="vision mb-4", **{"aria-label": vision.title})]


def _chain(goals, filters: shape.Filters, names: dict[str, str]) -> list:
    """The målområden (those the filter leaves) with the matching goals nested below them."""
    shown = shape.shown_goals(goals, filters)
    children = shape.children_by_parent(goals, shown)
    areas = [g for g in goals if g.kind == "malomrade"
             and (not filters.area or g.code == filters.area)
             and (not filters.active or children.get(g.code))]
    matched = sum(1 for g in goals if g.code in shown and shape.goal_matches(g, filters))
    total = sum(1 for g in goals if g.kind not in ("malbild", "malomrade"))
    count = public.filtered_count(matched, total, "mål under målområdena", filters)
    if not areas:
        return [count, note("Inga publicerade mål matchar urvalet. Ta bort ett filter eller sök "
                            "på något annat.")]
    return [count, *[_area_section(a, children, names) for a in areas]]


def _toolbar(periods, followup, areas, perspectives, filters) -> list:
    """The follow-up selector, the filters and the legend."""
    options = [(p.key, followup_text(p)) for p in periods]
    return [
        html.Div(dbc.Row(dbc.Col(selector("oppna_mal-period", "Uppföljning", options,
                                          followup.key), md=6, xl=3), class_name="mb-3"),
                 **{"data-refocus": "1"}),
        public.filter_bar("oppna_mal", areas, perspectives, filters),
        _legend(),
    ]


def _body(period, area, perspective, text):
    def build(session, _viewer) -> list:
        top = [page_header(TITLE, LEAD), public.subnav("oppna_mal")]
        periods = followups(session, PUBLIC)
        followup = choose_followup(periods, one(period))
        areas, perspectives = shape.area_choices(session), od.perspectives(session, PUBLIC)
        try:
            if followup is None and periods:
                raise BadArgument("period", f"Det finns ingen uppföljning ”"
                                    f"{echo(one(period) or '')}”. Välj en uppföljning i listan.")
            filters = shape.read_filters(area, perspective, text, areas, perspectives)
        except BadArgument as error:
            return [*top, message(str(error), ("Visa alla mål", page_url("oppna_mal")))]
        if followup is None:
            return [*top, note("Det finns inga uppföljningar av publicerade mål ännu.")]
        goals = od.published_goals(session, PUBLIC, followup.id)
        names = {i.code: i.name for i in od.published_indicators(session, PUBLIC)}
        view = filters.url_args | {"period": followup.key}
        return [
            *top,
            public.view_stores("oppna_mal", {}, view),
            *_toolbar(periods, followup, areas, perspectives, filters),
            html.P(f"Status vid {followup_text(followup)}.", className="fw-semibold"),
            *_vision(goals),
            *_chain(goals, filters, names),
            public.licence_line(),
        ]
    return build


def layout(period=None, area=None, perspective=None, q=None, **_query_args):
    """The page for `?period=…&area=…&perspective=…&q=…`."""
    content = with_data(_body(period, area, perspective, q))
    return html.Div(content or [page_header(TITLE, LEAD)], className="page public-page")


def register(order: int) -> None:
    """Add the page to Dash's page registry."""
    register_page(__name__, "oppna_mal", TITLE, layout, order, access="public", in_nav=False)
