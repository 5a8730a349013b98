"""The pages in the navigation's order, and their registration with Dash."""

from __future__ import annotations

from layouts import (
    atgarder,
    ekonomi,
    importera,
    importlogg,
    indikator,
    internkontroll,
    internkontrollplan,
    mal,
    malkvalitet,
    oppna_data,
    oversikt,
    prognossakerhet,
    risk,
    statsbidrag,
    uppdrag,
)

PAGES = (oversikt, mal, indikator, malkvalitet, uppdrag, ekonomi, statsbidrag, atgarder,
         prognossakerhet, internkontroll, risk, internkontrollplan, oppna_data, importera,
         importlogg)


def register_pages() -> None:
    """Register every page with Dash (only after the Dash app exists)."""
    for order, module in enumerate(PAGES):
        module.register(order)
