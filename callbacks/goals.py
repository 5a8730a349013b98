"""Mål: pure functions from goal texts to the vision and the list of målområden."""

from __future__ import annotations

from dash import html

from data_access.queries.goals import GoalText
from layouts.components import card, empty_card, note


def goal_area_parts(area: GoalText) -> tuple[str, str]:
    """A målområde's name and overarching goal, from "Name – Goal" titles or the description."""
    name, dash_, goal = area.title.partition(" – ")
    return (name, goal) if dash_ else (area.title, area.description)


def vision_card(visions: list[GoalText]):
    """Målbild 2050: the vision every goal leads back to."""
    if not visions:
        return empty_card("Målbild", "Ingen målbild är inlagd.")
    vision = visions[0]
    return card(vision.title, None, html.Blockquote(html.P(vision.description), className="vision"),
                card_id="vision")


def goal_area_card(areas: list[GoalText]):
    """The målområden, each with its overarching goal."""
    items = [
        html.Li([html.H3(name, className="h5"), html.P(goal)])
        for name, goal in map(goal_area_parts, areas)
    ]
    body = html.Ul(items, className="goal-area-list") if items else note("Inga målområden är inlagda.")
    return card("Målområden och övergripande mål", None, body, card_id="goal-areas")
