"""Internkontroll: pure functions from risk counts to the table per nämnd."""

from __future__ import annotations

from dashboard import formatting as fmt
from data_access.queries.risks import HIGH_RISK_VALUE, NamndRisks
from data_access.scope import Viewer
from layouts.components import card, data_table, empty_card, note

TITLE = "Risker per nämnd"


def your_namnder(viewer: Viewer) -> str:
    """`din nämnds` or `dina nämnders`, by the number of nämnder a member belongs to."""
    return "din nämnds" if len(viewer.namnd_ids) == 1 else "dina nämnders"


def whose_risks(viewer: Viewer) -> str:
    """Whose riskanalyser the viewer sees, e.g. `din nämnds riskanalyser`."""
    return f"{'nämndernas' if viewer.sees_everything else your_namnder(viewer)} riskanalyser"


def risk_rows(rows: list[NamndRisks]) -> list[list[str]]:
    """Table rows: nämnd, risks, open risks, open risks with a high riskvärde."""
    return [[r.namnd, fmt.number(r.total), fmt.number(r.open), fmt.number(r.open_high)] for r in rows]


def scope_note(viewer: Viewer) -> list:
    """For a nämnd member, a sentence saying that other nämnders' risks are left out."""
    if viewer.sees_everything:
        return []
    return [note(f"Du ser risker i {whose_risks(viewer)}. Andra nämnders risker visas inte.")]


def risk_card(year: int | None, rows: list[NamndRisks], viewer: Viewer):
    """The number of risks in each nämnd's riskanalys the viewer may see, for the year."""
    if year is None:
        return empty_card(TITLE, "Det finns inga riskanalyser att visa.")
    return card(
        TITLE,
        f"Riskanalyser {year}",
        *scope_note(viewer),
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
