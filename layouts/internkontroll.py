"""Internkontroll: the nämnders' risks, controls and actions (filled in by a later issue)."""

from __future__ import annotations

from callbacks.internal_control import risk_card
from dashboard.urls import page_path
from data_access.queries.filters import may_see_internal_control
from data_access.queries.risks import risks_by_namnd
from layouts.base import register_page, with_data
from layouts.components import login_card, page

TITLE = "Internkontroll"
LEAD = (
    "Varje nämnd ska enligt kommunallagen se till att den interna kontrollen är tillräcklig. "
    "Här syns nämndernas risker, hur allvarliga de är och om de är hanterade."
)


def _body(session, viewer) -> list:
    """The number of risks per nämnd the viewer may see for the latest year, or why not."""
    if not may_see_internal_control(viewer):
        return [login_card("Internkontroll", "Nämndernas risker, kontroller och åtgärder",
                           page_path("internkontroll"), "risks-login")]
    return [risk_card(*risks_by_namnd(session, viewer), viewer)]


def layout(**_query_args):
    """The Internkontroll page."""
    return page(TITLE, LEAD, with_data(_body))


def register(order: int) -> None:
    """Add the page to Dash's page registry."""
    register_page(__name__, "internkontroll", TITLE, layout, order, access="internal")
