"""The organisation's goals (Regionens mål, Kommunens mål): the published part of the styrkedja for everyone, from the målbild (the vision) through
the målområden to the published goals below them, each with its status in words and symbol."""

from __future__ import annotations

from dataclasses import dataclass, field

import dash_bootstrap_components as dbc
from dash import dcc, html

from callbacks import oppna_data as shape
from callbacks.mal import area_parts, choose_followup, followup_text, kind_label
from dashboard.core.args import BadArgument, echo
from dashboard.core.urls import page_url
from dashboard.markup import Markup, static
from data_access import profile
from data_access.profile import UNSET, Profile
from data_access.queries import open_data as od
from data_access.queries.goals import FollowUp, followups
from data_access.queries.open_data import Choice
from data_access.scope import PUBLIC
from data_access.status import STATUSES
from layouts import public
from layouts.components import message, note, page_header, selector, status_badge
from layouts.page import Page, section_nav

TITLE = "{Noun_gen} mål"
LEAD = (
    "Hur {noun} ligger till mot de mål som är publicerade: från målbilden och "
    "{council_gen} målområden ner till nämndernas och verksamheternas mål. Varje mål "
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


def _area_section(area: od.PublicGoal, children: dict, names: dict[str, str]) -> Markup:
    """A målområde: its name, overarching goal and status, and the published goals in it."""
    name, overarching = area_parts(area.title, area.description)
    below = children.get(area.code, [])
    content = [_goal_list(below, children, names)] if below else [
        note("Inga publicerade mål under målområdet matchar urvalet.")]
    purpose = [html.P(f"Övergripande mål: {overarching}", className="mb-2")] if overarching else []
    # Sent as HTML (dashboard.markup): the chain is the page's bulk, and nothing updates it.
    return static([
        html.Div([html.H2(name, className="h4 mb-0"), status_badge(area.status)],
                 className="goal-line"),
        *purpose,
        *content,
    ], tag="section", className="area-section app-card card card-body mb-4",
        id=f"omrade-{area.code}", **{"aria-label": name})


def _vision(goals) -> list:
    """The målbild (the vision) and its text, at the top of the chain."""
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


# --- The page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Args(public.FilterArgs):
    """`?period=2026-DELAR&area=MO-HSV&perspective=…&q=…`: the follow-up and the filters."""

    period: str | None = None


@dataclass(frozen=True)
class GoalsData:
    """What the page shows: the follow-ups, the one shown (None when there is none yet), the
    filters' choices, and the published goals at that follow-up with the indicators' names."""

    periods: list[FollowUp]
    followup: FollowUp | None
    areas: list[Choice]
    perspectives: list[Choice]
    filters: shape.Filters
    goals: list[od.PublicGoal] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    about: Profile = UNSET


def load(session, _viewer, args: Args) -> GoalsData:
    """The published goals at the follow-up asked for (default: the latest); BadArgument for a
    follow-up, målområde or perspective that is not there."""
    periods = followups(session, PUBLIC)
    followup = choose_followup(periods, args.period)
    areas, perspectives = shape.area_choices(session), od.perspectives(session, PUBLIC)
    if followup is None and periods:
        raise BadArgument("period", f"Det finns ingen uppföljning ”{echo(args.period or '')}”. "
                                    "Välj en uppföljning i listan.")
    filters = shape.read_filters(args.area, args.perspective, args.q, areas, perspectives)
    if followup is None:
        return GoalsData(periods, None, areas, perspectives, filters)
    return GoalsData(periods, followup, areas, perspectives, filters,
                     od.published_goals(session, PUBLIC, followup.id),
                     {i.code: i.name for i in od.published_indicators(session, PUBLIC)},
                     profile.current(session))


def _top() -> list:
    return [page_header(TITLE, LEAD), section_nav("oppna_data", "oppna_mal")]


def view(data: GoalsData) -> list:
    """The follow-up, the filters and the legend, then the goal chain from the målbild (the vision) down."""
    followup = data.followup
    if followup is None:
        return [*_top(), note("Det finns inga uppföljningar av publicerade mål ännu.")]
    return [
        *_top(),
        public.view_stores("oppna_mal", {}, data.filters.url_args | {"period": followup.key}),
        *_toolbar(data.periods, followup, data.areas, data.perspectives, data.filters),
        html.P(f"Status vid {followup_text(followup)}.", className="fw-semibold"),
        *_vision(data.goals),
        *_chain(data.goals, data.filters, data.names),
        public.licence_line(data.about),
    ]


def problem(error: BadArgument) -> list:
    """A follow-up, målområde or perspective that is not there: why, and the way to all goals."""
    return [*_top(), message(str(error), ("Visa alla mål", page_url("oppna_mal")))]


PAGE = Page(
    key="oppna_mal", path="/oppna-data/mal", title=TITLE, lead=LEAD, access="public", order=140,
    section="oppna_data", subnav="Mål", args=Args, load=load, layout=view, problem=problem,
    static_parts=True,
    class_name="page public-page",
)
