"""The pages in the navigation's order, and their registration with Dash."""

from __future__ import annotations

from layouts import ekonomi, internkontroll, mal, oppna_data, oversikt

PAGES = (oversikt, mal, ekonomi, internkontroll, oppna_data)


def register_pages() -> None:
    """Register every page with Dash (only after the Dash app exists)."""
    for order, module in enumerate(PAGES):
        module.register(order)
