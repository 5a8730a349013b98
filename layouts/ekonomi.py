"""Ekonomi: budget, utfall and prognos down to unit level (filled in by a later issue)."""

from __future__ import annotations

from callbacks.economy import deviation_card
from dashboard.urls import page_path
from data_access.queries.economy import budget_deviation, budget_deviation_by_namnd
from data_access.queries.filters import may_see_economy
from layouts.base import register_page, with_data
from layouts.components import login_card, page

TITLE = "Ekonomi"
LEAD = (
    "Hur ekonomin går jämfört med budget, månad för månad: för hela regionen, "
    "för varje nämnd och ner till varje enhet."
)


def _body(session, viewer) -> list:
    """The year-to-date deviation per nämnd and for the whole region, or why it is not shown."""
    if not may_see_economy(viewer):
        return [login_card("Ekonomi", "Hur ekonomin går mot budget", page_path("ekonomi"),
                           "economy-login")]
    by_namnd = budget_deviation_by_namnd(session, viewer)
    return [deviation_card(by_namnd, budget_deviation(session, viewer))]


def layout(**_query_args):
    """The Ekonomi page."""
    return page(TITLE, LEAD, with_data(_body))


def register(order: int) -> None:
    """Add the page to Dash's page registry."""
    register_page(__name__, "ekonomi", TITLE, layout, order, access="internal")
