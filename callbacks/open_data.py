"""Öppna data: pure functions from the published counts to the page's cards."""

from __future__ import annotations

import dash_bootstrap_components as dbc

from dashboard import formatting as fmt
from data_access.queries.open_data import PublishedCounts
from layouts.components import kpi_card


def published_cards(counts: PublishedCounts) -> dbc.Row:
    """Two cards: how many indicators and goals the region publishes."""
    indicators = kpi_card("Publicerade nyckeltal", None, fmt.number(counts.indicators),
                          "Nyckeltal som regionen har beslutat att visa öppet.", "open-indicators")
    goals = kpi_card("Publicerade mål", None, fmt.number(counts.goals),
                     "Mål som regionen har beslutat att visa öppet.", "open-goals")
    return dbc.Row([dbc.Col(indicators, md=6), dbc.Col(goals, md=6)], class_name="g-4")
