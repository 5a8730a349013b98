"""Internkontroll: pure functions from risk counts to the table per nämnd."""

from __future__ import annotations

from dashboard import formatting as fmt
from data_access.queries.risks import HIGH_RISK_VALUE, NamndRisks
from layouts.components import card, data_table, empty_card, note

TITLE = "Risker per nämnd"


def risk_rows(rows: list[NamndRisks]) -> list[list[str]]:
    """Table rows: nämnd, risks, open risks, open risks with a high riskvärde."""
    return [[r.namnd, fmt.number(r.total), fmt.number(r.open), fmt.number(r.open_high)] for r in rows]


def risk_card(year: int | None, rows: list[NamndRisks]):
    """The number of risks in each nämnd's riskanalys for the year."""
    if year is None:
        return empty_card(TITLE, "Det finns inga riskanalyser att visa.")
    return card(
        TITLE,
        f"Riskanalyser {year}",
        note(
            f"Riskvärdet är sannolikhet × konsekvens (1–16); en hög risk har riskvärde "
            f"{HIGH_RISK_VALUE} eller högre. En öppen risk är ännu inte förd ner till en "
            "godtagbar nivå."
        ),
        data_table(
            f"Risker i nämndernas riskanalyser {year}",
            ["Nämnd", "Risker", "Öppna", "Varav höga"],
            risk_rows(rows),
            [False, True, True, True],
        ),
        card_id="risks-by-namnd",
    )
