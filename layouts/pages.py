"""The pages in the navigation's order, and their registration with Dash."""

from __future__ import annotations

from layouts import (
    anvandare,
    atgarder,
    ekonomi,
    granskningslogg,
    importera,
    importlogg,
    indikator,
    internkontroll,
    internkontrollplan,
    mal,
    malkvalitet,
    namndrapport,
    nyckeltal,
    oppna_api,
    oppna_data,
    oppna_mal,
    oversikt,
    prognossakerhet,
    risk,
    statsbidrag,
    storbild,
    uppdrag,
)

PAGES = (oversikt, mal, indikator, malkvalitet, uppdrag, ekonomi, statsbidrag, atgarder,
         prognossakerhet, internkontroll, risk, internkontrollplan, namndrapport, oppna_data,
         oppna_mal, nyckeltal, oppna_api, storbild, importera, importlogg,
         granskningslogg, anvandare)


def register_pages() -> None:
    """Register every page with Dash (only after the Dash app exists)."""
    for order, module in enumerate(PAGES):
        module.register(order)
