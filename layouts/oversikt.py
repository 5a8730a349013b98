"""Översikt: the whole region at a glance, goal fulfilment, budget deviation and open risks."""

from __future__ import annotations

import dash_bootstrap_components as dbc

from callbacks.overview import budget_card, goal_status_card, risk_card
from data_access.queries.economy import budget_deviation
from data_access.queries.goals import goal_status_distribution
from data_access.queries.risks import open_high_risks
from layouts.components import page
from layouts.base import register_page, with_data

TITLE = "Översikt"
LEAD = (
    "Läget i hela regionen just nu: hur väl målen uppfylls, hur ekonomin går mot budget "
    "och hur många allvarliga risker som ännu inte är hanterade."
)


def _cards(session, viewer) -> list:
    """The goal card beside the budget and risk cards, from the database for this viewer."""
    figures = dbc.Row(
        [
            dbc.Col(budget_card(budget_deviation(session, viewer)), md=6, xl=12),
            dbc.Col(risk_card(open_high_risks(session, viewer)), md=6, xl=12),
        ],
        class_name="g-4",
    )
    return [
        dbc.Row(
            [
                dbc.Col(goal_status_card(goal_status_distribution(session, viewer)), xl=7),
                dbc.Col(figures, xl=5),
            ],
            class_name="g-4",
        )
    ]


def layout(**_query_args):
    """The Översikt page."""
    return page(TITLE, LEAD, with_data(_cards))


def register(order: int) -> None:
    """Add the page to Dash's page registry."""
    register_page(__name__, "oversikt", TITLE, layout, order)
