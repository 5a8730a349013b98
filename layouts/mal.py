"""Mål: the chain of goals from Målbild 2050 down to the units (filled in by a later issue)."""

from __future__ import annotations

from callbacks.goals import goal_area_card, vision_card
from data_access.queries.goals import goals_of_kind
from layouts.base import register_page, with_data
from layouts.components import page

TITLE = "Mål"
LEAD = (
    "Regionens mål hänger ihop i en röd tråd: från den långsiktiga målbilden, via "
    "målområdena som regionfullmäktige beslutar om, ner till nämndernas och enheternas mål."
)


def _body(session, viewer) -> list:
    """The vision and the målområden."""
    return [
        vision_card(goals_of_kind(session, viewer, "malbild")),
        goal_area_card(goals_of_kind(session, viewer, "malomrade")),
    ]


def layout(**_query_args):
    """The Mål page."""
    return page(TITLE, LEAD, with_data(_body))


def register(order: int) -> None:
    """Add the page to Dash's page registry."""
    register_page(__name__, "mal", TITLE, layout, order, access="internal")
