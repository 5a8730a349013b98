"""Ekonomi: budget, utfall and prognos down to unit level (filled in by a later issue)."""

from __future__ import annotations

from callbacks.economy import deviation_card
from data_access.queries.economy import budget_deviation, budget_deviation_by_namnd
from layouts.base import register_page, with_data
from layouts.components import page

TITLE = "Ekonomi"
LEAD = (
    "Hur ekonomin går jämfört med budget, månad för månad: för hela regionen, "
    "för varje nämnd och ner till varje enhet."
)


def _body(session, viewer) -> list:
    """The year-to-date deviation per nämnd and for the whole region."""
    by_namnd = budget_deviation_by_namnd(session, viewer)
    return [deviation_card(by_namnd, budget_deviation(session, viewer))]


def layout(**_query_args):
    """The Ekonomi page."""
    return page(TITLE, LEAD, with_data(_body))


def register(order: int) -> None:
    """Add the page to Dash's page registry."""
    register_page(__name__, "ekonomi", TITLE, layout, order)
