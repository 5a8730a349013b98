"""Ekonomi: pure functions from year-to-date sums to the table per nämnd."""

from __future__ import annotations

from dash import html

from dashboard import formatting as fmt
from data_access.queries.economy import NamndYearToDate, YearToDate
from layouts.components import card, data_table, empty_card, note

TITLE = "Avvikelse mot budget per nämnd"
NO_NAMND = "Regiongemensamt (ingen nämnd)"


def amounts(label, totals: YearToDate) -> list:
    """A table row: label, utfall, budget and avvikelse in mnkr."""
    return [label, fmt.mnkr(totals.utfall_tkr), fmt.mnkr(totals.budget_tkr),
            fmt.mnkr(totals.deviation_tkr, signed=True)]


def namnd_rows(rows: list[NamndYearToDate], region: YearToDate) -> list[list]:
    """One row per nämnd (and for amounts under no nämnd), then the whole region."""
    total = amounts(html.Strong("Hela regionen"), region)
    return [amounts(r.namnd or NO_NAMND, r.totals) for r in rows] + [total]


def deviation_card(rows: list[NamndYearToDate], region: YearToDate | None):
    """Utfall, budget and avvikelse per nämnd and for the region, for the year to date."""
    if not rows or region is None:
        return empty_card(TITLE, "Det finns inget ekonomiskt utfall ännu.")
    year, month = region.year, region.month
    period = fmt.year_to_date_label(year, month)
    return card(
        TITLE,
        f"{period}, senaste månad med utfall är {fmt.month_label(year, month)}",
        note(
            "Intäkter räknas positivt och kostnader negativt. En negativ avvikelse betyder "
            "att det har gått sämre än budgeterat."
        ),
        data_table(
            f"Utfall, budget och avvikelse per nämnd, {period}",
            ["Nämnd", "Utfall", "Budget", "Avvikelse"],
            namnd_rows(rows, region),
            [False, True, True, True],
        ),
        card_id="economy-by-namnd",
    )
