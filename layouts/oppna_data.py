"""Öppna data: what the region publishes for everyone (filled in by a later issue)."""

from __future__ import annotations

from callbacks.open_data import published_cards
from data_access.queries.open_data import published_counts
from layouts.base import register_page, with_data
from layouts.components import page

TITLE = "Öppna data"
LEAD = (
    "De nyckeltal och mål som regionen har beslutat att publicera, öppna för alla "
    "utan inloggning."
)


def _body(session, viewer) -> list:
    """How many indicators and goals are published."""
    return [published_cards(published_counts(session, viewer))]


def layout(**_query_args):
    """The Öppna data page."""
    return page(TITLE, LEAD, with_data(_body))


def register(order: int) -> None:
    """Add the page to Dash's page registry."""
    register_page(__name__, "oppna_data", TITLE, layout, order, access="public")
