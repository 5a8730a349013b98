"""Översikt: the whole region at a glance, goal fulfilment, budget deviation and open risks."""

from __future__ import annotations

from dataclasses import dataclass

import dash_bootstrap_components as dbc

from callbacks.oversikt import budget_card, goal_status_card, red_goals_card, risk_card
from dashboard.core.urls import page_path
from data_access.queries.economy import YearToDate, budget_deviation
from data_access.queries.filters import may_see_economy, may_see_internal_control
from data_access.queries.goals import StatusDistribution, goal_status_distribution
from data_access.queries.risks import (
    RedGoalsWithRisks,
    RiskCount,
    open_high_risks,
    red_goals_with_high_risks,
)
from data_access.scope import Viewer
from layouts.components import login_card, page_header
from layouts.page import Page

TITLE = "Översikt"
LEAD = (
    "Läget i hela regionen just nu: hur väl målen uppfylls, hur ekonomin går mot budget "
    "och hur många allvarliga risker som ännu inte är hanterade."
)


@dataclass(frozen=True)
class OverviewData:
    """What the page shows the viewer: the goal status distribution, and the budget deviation
    and risks where the viewer may see them (None inside: there is nothing to show yet)."""

    viewer: Viewer
    distribution: StatusDistribution | None
    sees_economy: bool
    budget: YearToDate | None
    sees_risks: bool
    risks: RiskCount | None
    red_goals: RedGoalsWithRisks | None


def load(session, viewer: Viewer, _args) -> OverviewData:
    """The figures of the viewer's scope (economy and risks only for roles that may see them)."""
    sees_economy, sees_risks = may_see_economy(viewer), may_see_internal_control(viewer)
    return OverviewData(
        viewer, goal_status_distribution(session, viewer),
        sees_economy, budget_deviation(session, viewer) if sees_economy else None,
        sees_risks, open_high_risks(session, viewer) if sees_risks else None,
        red_goals_with_high_risks(session, viewer) if sees_risks else None,
    )


def _figure_cards(data: OverviewData) -> list:
    """The budget and risk cards the viewer may see, or a card inviting the public to log in."""
    cards = []
    if data.sees_economy:
        cards.append(budget_card(data.budget))
    if data.sees_risks:
        cards.append(risk_card(data.risks, data.viewer))
    return cards or [login_card("Ekonomi och internkontroll",
                                "Hur ekonomin går mot budget och nämndernas risker",
                                page_path("oversikt"), "overview-login")]


def view(data: OverviewData) -> list:
    """The goal card beside the budget and risk cards (or the login card), then the red goals
    with open high risks for roles that may see risks."""
    figures = dbc.Row([dbc.Col(figure, md=6, xl=12) for figure in _figure_cards(data)],
                      class_name="g-4")
    red_goals = ([dbc.Row(dbc.Col(red_goals_card(data.red_goals, data.viewer)),
                          class_name="g-4 mt-0 pt-4")] if data.sees_risks else [])
    return [
        page_header(TITLE, LEAD),
        dbc.Row([dbc.Col(goal_status_card(data.distribution, data.viewer), xl=7),
                 dbc.Col(figures, xl=5)], class_name="g-4"),
        *red_goals,
    ]


PAGE = Page(
    key="oversikt", path="/", title=TITLE, lead=LEAD, access="public", order=0,
    nav="Översikt", load=load, layout=view,
)
