"""Översikt: the whole region at a glance, goal fulfilment, budget deviation and open risks."""

from __future__ import annotations

import dash_bootstrap_components as dbc

from callbacks.overview import budget_card, goal_status_card, red_goals_card, risk_card
from dashboard.core.urls import page_path
from data_access.queries.economy import budget_deviation
from data_access.queries.filters import may_see_economy, may_see_internal_control
from data_access.queries.goals import goal_status_distribution
from data_access.queries.risks import open_high_risks, red_goals_with_high_risks
from layouts.base import register_page, with_data
from layouts.components import login_card, page

TITLE = "Översikt"
LEAD = (
    "Läget i hela regionen just nu: hur väl målen uppfylls, hur ekonomin går mot budget "
    "och hur många allvarliga risker som ännu inte är hanterade."
)


def _figure_cards(session, viewer) -> list:
    """The budget and risk cards the viewer may see, or a card inviting the public to log in."""
    cards = []
    if may_see_economy(viewer):
        cards.append(budget_card(budget_deviation(session, viewer)))
    if may_see_internal_control(viewer):
        cards.append(risk_card(open_high_risks(session, viewer), viewer))
    return cards or [login_card("Ekonomi och internkontroll",
                                "Hur ekonomin går mot budget och nämndernas risker",
                                page_path("oversikt"), "overview-login")]


def _cards(session, viewer) -> list:
    """The goal card beside the budget and risk cards (or the login card), for this viewer."""
    figures = dbc.Row(
        [dbc.Col(figure, md=6, xl=12) for figure in _figure_cards(session, viewer)],
        class_name="g-4",
    )
    distribution = goal_status_distribution(session, viewer)
    return [
        dbc.Row(
            [
                dbc.Col(goal_status_card(distribution, viewer), xl=7),
                dbc.Col(figures, xl=5),
            ],
            class_name="g-4",
        ),
        *_red_goals(session, viewer),
    ]


def _red_goals(session, viewer) -> list:
    """Red goals with open high risks, for roles that may see risks."""
    if not may_see_internal_control(viewer):
        return []
    card = red_goals_card(red_goals_with_high_risks(session, viewer), viewer)
    return [dbc.Row(dbc.Col(card), class_name="g-4 mt-0 pt-4")]


def layout(**_query_args):
    """The Översikt page."""
    return page(TITLE, LEAD, with_data(_cards))


def register(order: int) -> None:
    """Add the page to Dash's page registry."""
    register_page(__name__, "oversikt", TITLE, layout, order, access="public")
